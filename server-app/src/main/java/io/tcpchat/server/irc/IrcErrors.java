package io.tcpchat.server.irc;

import io.tcpchat.protocol.ErrorCode;

import static io.tcpchat.server.irc.IrcNumerics.*;

/**
 * A CHAT/1 {@code error} answering one of the client's commands, told as the numeric IRC
 * clients expect for that command (RFC 2812 §5.2, IRCv3 sasl-3.1): a refused login as 433,
 * 432, 464 or 904; a refused JOIN as 474, 473, 471, 405 or 403; a missing role as 482; not
 * being in the channel as 442; an unknown nick as 401. What has no numeric is a NOTICE.
 * Writer thread.
 */
final class IrcErrors {

    private final IrcConnection c;

    IrcErrors(IrcConnection c) {
        this.c = c;
    }

    void tell(Pending p, ErrorCode code, String message) {
        String target = p.target();
        switch (p.kind()) {
            case HELLO, HELLO_SASL, HELLO_NICK, HELLO_BACK -> hello(p, code, message);
            case NOTICE -> {
                // RFC 2812 §3.3.2: never an automatic reply to a NOTICE
            }
            case PRIVMSG -> {
                if (code == ErrorCode.NOT_FOUND) {
                    send(c.numeric(target.startsWith("#") ? ERR_NOSUCHCHANNEL : ERR_NOSUCHNICK, target,
                            target.startsWith("#") ? "No such channel" : "No such nick/channel"));
                } else if (code == ErrorCode.FORBIDDEN || code == ErrorCode.BANNED) {
                    send(c.numeric(ERR_CANNOTSENDTOCHAN, target, "Cannot send to channel: " + message));
                } else {
                    notice(code, message);
                }
            }
            case JOIN -> send(switch (code) {
                case BANNED -> c.numeric(ERR_BANNEDFROMCHAN, target, "Cannot join channel (+b)");
                case INVITE_ONLY -> c.numeric(ERR_INVITEONLYCHAN, target, "Cannot join channel (+i)");
                case ROOM_FULL -> c.numeric(ERR_CHANNELISFULL, target, "Cannot join channel (+l)");
                case QUOTA_EXCEEDED -> c.numeric(ERR_TOOMANYCHANNELS, target, "You have joined too many channels");
                case null, default -> c.numeric(ERR_NOSUCHCHANNEL, target, message);
            });
            case PART -> send(code == ErrorCode.NOT_FOUND
                    ? c.numeric(ERR_NOTONCHANNEL, target, "You're not on that channel")
                    : c.numeric(ERR_NOSUCHCHANNEL, target, message));
            case TOPIC, MODE, KICK, INVITE -> moderation(p, code, message);
            case TOPIC_QUERY -> send(code == ErrorCode.FORBIDDEN
                    ? c.numeric(ERR_NOTONCHANNEL, target, "You're not on that channel")
                    : c.numeric(RPL_NOTOPIC, target, "No topic is set"));
            case NAMES, LOBBY_NAMES -> send(c.numeric(RPL_ENDOFNAMES, target, "End of /NAMES list"));
            case WHO -> send(c.numeric(RPL_ENDOFWHO, target, "End of WHO list"));
            case MODE_QUERY, BAN_LIST -> send(code == ErrorCode.NOT_FOUND
                    ? c.numeric(ERR_NOSUCHCHANNEL, target, "No such channel")
                    : c.numeric(ERR_NOTONCHANNEL, target, message));
            case LIST -> send(c.numeric(RPL_LISTEND, "End of /LIST"));
            default -> notice(code, message);
        }
    }

    private void moderation(Pending p, ErrorCode code, String message) {
        String room = p.target();
        boolean inChannel = c.channels.get(room) != null;
        send(switch (code) {
            case FORBIDDEN -> inChannel
                    ? c.numeric(ERR_CHANOPRIVSNEEDED, room, "You're not channel operator: " + message)
                    : c.numeric(ERR_NOTONCHANNEL, room, "You're not on that channel");
            case NOT_FOUND -> switch (p.kind()) {
                case KICK -> c.numeric(ERR_USERNOTINCHANNEL, p.arg(), room, "They aren't on that channel");
                case INVITE -> c.numeric(ERR_NOSUCHNICK, p.arg(), "No such nick: " + message);
                case MODE -> p.text() != null
                        ? c.numeric(ERR_USERNOTINCHANNEL, p.text(), room, "They aren't on that channel")
                        : c.numeric(ERR_NOSUCHCHANNEL, room, "No such channel");
                default -> c.numeric(ERR_NOSUCHCHANNEL, room, "No such channel");
            };
            case BAD_REQUEST -> p.kind() == Pending.Kind.INVITE && inChannel
                    ? c.numeric(ERR_USERONCHANNEL, p.arg(), room, "is already on channel")
                    : c.numeric(ERR_CHANOPRIVSNEEDED, room, message);
            case TOO_LARGE -> c.numeric(ERR_INPUTTOOLONG, "Input line was too long: " + message);
            case BANNED -> c.numeric(ERR_BANNEDFROMCHAN, room, message);
            case null, default ->
                    IrcLines.lineTrailing(null, c.ctx.server(), "NOTICE", c.nick(), room + ": " + message);
        });
    }

    /**
     * A refused login. The server ends the session; for what the client may retry (another
     * nick, SASL again, a nick change back to the old one) the socket stays, with a new session.
     */
    private void hello(Pending p, ErrorCode code, String message) {
        String name = p.target();
        boolean sasl = p.kind() == Pending.Kind.HELLO_SASL;
        boolean retry = code == ErrorCode.NAME_TAKEN || code == ErrorCode.NAME_INVALID
                || code == ErrorCode.AUTH_FAILED || code == ErrorCode.AUTH_REQUIRED;
        if (code == ErrorCode.RATE_LIMITED) {
            notice(code, message);
            return;
        }
        if (sasl && retry) {
            c.keepSocketOnClose();
            send(c.numeric(ERR_SASLFAIL, "SASL authentication failed: " + message));
        } else if (p.kind() == Pending.Kind.HELLO_BACK || !retry) {
            c.sendNow("ERROR :Closing link: " + IrcLines.HOST + " (" + message + ")");
        } else if (code == ErrorCode.NAME_TAKEN || p.kind() == Pending.Kind.HELLO_NICK) {
            if (p.kind() != Pending.Kind.HELLO_NICK) {
                c.keepSocketOnClose(); // a nick change's reader has decided that already, for its session
            }
            if (p.kind() == Pending.Kind.HELLO) {
                c.nick(null); // the client picks another with NICK
            }
            send(c.numeric(code == ErrorCode.NAME_INVALID ? ERR_ERRONEUSNICKNAME : ERR_NICKNAMEINUSE, name,
                    code == ErrorCode.NAME_TAKEN ? "Nickname is already in use" : message));
        } else if (code == ErrorCode.NAME_INVALID) {
            c.keepSocketOnClose();
            c.nick(null);
            send(c.numeric(ERR_ERRONEUSNICKNAME, name, message));
        } else {
            // PASS was wrong or missing (chat.auth.mode=required): RFC 2812 §3.1.1, 464, then closed
            send(c.numeric(ERR_PASSWDMISMATCH, "Password incorrect: " + message));
            c.sendNow("ERROR :Closing link: " + IrcLines.HOST + " (" + message + ")");
        }
    }

    private void notice(ErrorCode code, String message) {
        send(IrcLines.lineTrailing(null, c.ctx.server(), "NOTICE", c.nick() == null ? "*" : c.nick(),
                (code == null ? "error" : code.wire()) + ": " + message));
    }

    private void send(String line) {
        c.sendNow(line);
    }
}
