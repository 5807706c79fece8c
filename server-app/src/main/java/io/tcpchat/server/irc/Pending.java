package io.tcpchat.server.irc;

/**
 * What an IRC command sent to the server was, kept under its {@code ref} until the answer
 * ({@code ack}, {@code error}, {@code room.state}, {@code users}, {@code rooms}, {@code history})
 * comes back, so the answer can be told in the numerics IRC clients expect.
 *
 * @param target the channel or nick the command named
 * @param arg    a second argument: the text, the user acted on, the mode string
 */
record Pending(Kind kind, String target, String arg, String text) {

    enum Kind {
        HELLO, HELLO_SASL, HELLO_NICK, HELLO_BACK, PRIVMSG, NOTICE, JOIN, PART, TOPIC, TOPIC_QUERY, MODE,
        MODE_QUERY, BAN_LIST, KICK, INVITE, NAMES, WHO, WHOIS, ISON, USERHOST, LIST, REPLAY, LOBBY_NAMES
    }

    static Pending of(Kind kind, String target) {
        return new Pending(kind, target, null, null);
    }
}
