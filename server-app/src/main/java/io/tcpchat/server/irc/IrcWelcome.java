package io.tcpchat.server.irc;

import io.tcpchat.protocol.ServerEvent;

import java.util.ArrayList;
import java.util.List;

import static io.tcpchat.server.irc.IrcNumerics.*;

/**
 * The registration burst (RFC 2812 §5.1 001–004, ISUPPORT 005 per modern.ircdocs.horse,
 * then the MOTD 375/372/376 or 422), told from the {@code welcome} the login got.
 */
final class IrcWelcome {

    /** Channel modes: {@code b} (ban, a list), {@code o} (op, takes a nick), {@code i}, {@code t} (flags). */
    static final String CHANNEL_MODES = "biot";

    private IrcWelcome() {
    }

    static List<String> burst(IrcConnection c, ServerEvent.Welcome w) {
        String nick = w.user();
        String server = c.ctx.server();
        String version = c.ctx.version();
        ServerEvent.Limits limits = w.limits();
        int topicLen = limits != null && limits.maxTopic() != null ? limits.maxTopic() : 300;
        int chanLimit = limits != null && limits.roomsPerUser() != null ? limits.roomsPerUser() + 1 : 1;
        List<String> lines = new ArrayList<>();
        lines.add(line(c, nick, RPL_WELCOME, "Welcome to the " + c.ctx.irc().network() + " IRC gateway "
                + IrcLines.mask(nick)));
        lines.add(line(c, nick, RPL_YOURHOST, "Your host is " + server + ", running version " + version));
        lines.add(line(c, nick, RPL_CREATED, "This server speaks CHAT/1 underneath; see docs/irc.md"));
        lines.add(IrcLines.line(null, server, RPL_MYINFO, nick, server, version, "i", CHANNEL_MODES, "bo"));
        lines.add(IrcLines.line(null, server, RPL_ISUPPORT, nick, "CHANTYPES=#", "CASEMAPPING=ascii",
                "NICKLEN=32", "CHANNELLEN=33", "TOPICLEN=" + topicLen, "PREFIX=(o)@", "CHANMODES=b,,,it",
                "CHANLIMIT=#:" + chanLimit, "MODES=1", "TARGMAX=PRIVMSG:1,NOTICE:1,JOIN:1,PART:1,KICK:1,WHOIS:1",
                "NETWORK=" + c.ctx.irc().network(), "UTF8ONLY", "are supported by this server"));
        List<String> motd = c.ctx.irc().motd();
        if (motd.isEmpty()) {
            lines.add(line(c, nick, ERR_NOMOTD, "MOTD File is missing"));
        } else {
            lines.add(line(c, nick, RPL_MOTDSTART, "- " + server + " Message of the day -"));
            for (String m : motd) {
                lines.add(line(c, nick, RPL_MOTD, "- " + m));
            }
            lines.add(line(c, nick, RPL_ENDOFMOTD, "End of /MOTD command."));
        }
        return lines;
    }

    private static String line(IrcConnection c, String nick, String code, String text) {
        return IrcLines.line(null, c.ctx.server(), code, nick, text);
    }
}
