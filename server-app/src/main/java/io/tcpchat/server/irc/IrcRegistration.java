package io.tcpchat.server.irc;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.UserNames;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.tcpchat.server.irc.IrcNumerics.*;

/**
 * Registration on the reader thread: IRCv3 capability negotiation ({@code CAP LS 302},
 * {@code REQ}, {@code LIST}, {@code END}), {@code PASS}, {@code NICK}, {@code USER}
 * (RFC 2812 §3.1) and SASL PLAIN (IRCv3 sasl-3.1), ending in a CHAT/1 {@code hello}. A NICK
 * after registration is a nick change: the session logs out and in again under the new name.
 */
final class IrcRegistration {

    /** What the gateway offers (IRCv3); {@code sasl} only PLAIN. */
    static final List<String> CAPS = List.of("server-time", "message-tags", "echo-message", "multi-prefix", "sasl");
    private static final int SASL_CHUNK = 400;

    private final IrcConnection c;
    private final StringBuilder sasl = new StringBuilder();
    private boolean saslStarted;

    IrcRegistration(IrcConnection c) {
        this.c = c;
    }

    /** True when the command was one of registration's. */
    boolean handle(IrcMessage m) {
        switch (m.command()) {
            case "CAP" -> cap(m);
            case "PASS" -> pass(m);
            case "NICK" -> nick(m);
            case "USER" -> user(m);
            case "AUTHENTICATE" -> authenticate(m);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void cap(IrcMessage m) {
        String sub = m.param(0) == null ? "" : m.param(0).toUpperCase(Locale.ROOT);
        String me = c.nick() == null ? "*" : c.nick();
        switch (sub) {
            case "LS" -> {
                if (!c.registered()) {
                    c.capNegotiating(true);
                }
                boolean v302 = m.param(1) != null && m.param(1).compareTo("302") >= 0;
                String list = String.join(" ", CAPS).replace("sasl", v302 ? "sasl=PLAIN" : "sasl");
                c.sendNow(IrcLines.line(null, c.ctx.server(), "CAP", me, "LS", list));
            }
            case "LIST" -> c.sendNow(IrcLines.line(null, c.ctx.server(), "CAP", me, "LIST",
                    String.join(" ", c.caps())));
            case "REQ" -> {
                if (!c.registered()) {
                    c.capNegotiating(true);
                }
                String asked = m.param(1) == null ? "" : m.param(1).trim();
                Set<String> next = new LinkedHashSet<>(c.caps());
                boolean ok = !asked.isEmpty();
                for (String cap : asked.split(" +")) {
                    boolean remove = cap.startsWith("-");
                    String name = remove ? cap.substring(1) : cap;
                    if (!CAPS.contains(name)) {
                        ok = false;
                    } else if (remove) {
                        next.remove(name);
                    } else {
                        next.add(name);
                    }
                }
                if (ok) {
                    c.caps(next); // all or nothing (IRCv3 capability negotiation, CAP REQ)
                }
                c.sendNow(IrcLines.line(null, c.ctx.server(), "CAP", me, ok ? "ACK" : "NAK", asked));
            }
            case "END" -> {
                c.capNegotiating(false);
                c.tryComplete();
            }
            default -> c.sendNow(c.numeric("410", sub, "Invalid CAP command"));
        }
    }

    private void pass(IrcMessage m) {
        if (c.registered()) {
            c.sendNow(c.numeric(ERR_ALREADYREGISTERED, "You may not reregister"));
        } else if (m.arity() < 1) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, "PASS", "Not enough parameters"));
        } else {
            c.password = m.param(0);
        }
    }

    private void user(IrcMessage m) {
        if (c.registered()) {
            c.sendNow(c.numeric(ERR_ALREADYREGISTERED, "You may not reregister"));
        } else if (m.arity() < 4 || m.param(0).isEmpty()) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, "USER", "Not enough parameters"));
        } else {
            c.user(m.param(0));
            c.tryComplete();
        }
    }

    private void nick(IrcMessage m) {
        String wanted = m.param(0);
        if (wanted == null || wanted.isEmpty()) {
            c.sendNow(c.numeric(ERR_NONICKNAMEGIVEN, "No nickname given"));
            return;
        }
        if (!UserNames.isValid(wanted) || wanted.startsWith("-")) {
            c.sendNow(c.numeric(ERR_ERRONEUSNICKNAME, wanted, "Erroneous nickname: " + UserNames.RULE));
            return;
        }
        if (!c.registered()) {
            c.nick(wanted);
            c.tryComplete();
            return;
        }
        String old = c.nick();
        if (old.equals(wanted)) {
            return;
        }
        var online = c.ctx.registry().online(wanted);
        if (online != null && online != c.session()) {
            c.sendNow(c.numeric(ERR_NICKNAMEINUSE, wanted, "Nickname is already in use"));
            return;
        }
        // CHAT/1 has no rename: log out, and in again under the new name (docs/irc.md, "Nick changes")
        c.keepSocketOnClose();
        c.request(new ClientEvent.Bye(null));
        if (c.closing()) {
            return;
        }
        c.openSession();
        // decided here, not when the refusal is rendered: a forced close of a refused session may
        // come before its writer got to the error, and a nick change always keeps the socket
        c.keepSocketOnClose();
        if (!c.hello(wanted, null, Pending.Kind.HELLO_NICK, old) && !c.closing()) {
            // the new name was refused (433 said why): back to the old one
            c.hello(old, c.password, Pending.Kind.HELLO_BACK, old);
        }
    }

    private void authenticate(IrcMessage m) {
        String arg = m.param(0);
        if (!c.has("sasl") || c.registered()) {
            c.sendNow(c.numeric(c.registered() ? "907" : ERR_SASLFAIL, "SASL authentication failed"));
            return;
        }
        if (arg == null) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, "AUTHENTICATE", "Not enough parameters"));
        } else if (arg.equals("*")) {
            reset();
            c.sendNow(c.numeric(ERR_SASLABORTED, "SASL authentication aborted"));
        } else if (!saslStarted) {
            if (arg.equalsIgnoreCase("PLAIN")) {
                saslStarted = true;
                c.sendNow("AUTHENTICATE +");
            } else {
                c.sendNow(c.numeric(RPL_SASLMECHS, "PLAIN", "are available SASL mechanisms"));
                c.sendNow(c.numeric(ERR_SASLFAIL, "SASL authentication failed"));
            }
        } else {
            if (!arg.equals("+")) {
                sasl.append(arg);
            }
            if (sasl.length() > 4 * SASL_CHUNK) {
                reset();
                c.sendNow(c.numeric(ERR_SASLTOOLONG, "SASL message too long"));
            } else if (arg.length() < SASL_CHUNK) {
                plain(sasl.toString());
            }
        }
    }

    /** PLAIN (RFC 4616): authzid NUL authcid NUL passwd; the account is the authcid. */
    private void plain(String base64) {
        reset();
        String[] parts;
        try {
            parts = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).split("\0", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 3 || !UserNames.isValid(parts[1])) {
            c.sendNow(c.numeric(ERR_SASLFAIL, "SASL authentication failed"));
            return;
        }
        c.password = parts[2];
        if (!c.hello(parts[1], parts[2], Pending.Kind.HELLO_SASL, null)) {
            c.password = null; // refused: a later hello must not reuse it
        }
    }

    private void reset() {
        sasl.setLength(0);
        saslStarted = false;
    }
}
