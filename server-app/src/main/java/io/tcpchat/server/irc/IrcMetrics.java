package io.tcpchat.server.irc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.IntSupplier;

/**
 * The gateway's own metrics, tagged {@code protocol="irc"} (the sessions it opens are also
 * counted in every {@code chat_*} metric, as CHAT/1 connections are).
 */
final class IrcMetrics {

    private final Counter linesIn;
    private final Counter linesOut;
    private final Counter tooLong;

    IrcMetrics(MeterRegistry registry, IntSupplier open) {
        linesIn = Counter.builder("chat_irc_lines_received").tag("protocol", "irc")
                .description("IRC lines read from IRC clients").register(registry);
        linesOut = Counter.builder("chat_irc_lines_sent").tag("protocol", "irc")
                .description("IRC lines written to IRC clients").register(registry);
        tooLong = Counter.builder("chat_irc_lines_too_long").tag("protocol", "irc")
                .description("IRC lines refused with 417 for their length").register(registry);
        Gauge.builder("chat_irc_connections_open", open::getAsInt).tag("protocol", "irc")
                .description("IRC connections open, registered or not").register(registry);
    }

    void received() {
        linesIn.increment();
    }

    void sent(int lines) {
        linesOut.increment(lines);
    }

    void tooLong() {
        tooLong.increment();
    }
}
