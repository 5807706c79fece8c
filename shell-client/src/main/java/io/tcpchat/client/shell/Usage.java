package io.tcpchat.client.shell;

/** {@code chat --help}. */
final class Usage {

    static final String TEXT = """
            Usage: chat [options]                   an interactive session
                   chat [options] <command> [args]   run one command, exit with its status
                   chat [options] @<file>            run the commands in a file (also --script <file>)

            Options (also from CHAT_* environment variables or ~/.config/tcp-chat/client.properties):
              --host <host>          server host (CHAT_HOST, default localhost)
              --port <port>          server port (CHAT_PORT, default 49152)
              -u, --user <name>      user name (CHAT_USER, default your login name)
              --password [<pw>]      password (CHAT_PASSWORD); without a value it is asked for without echo.
                                     A value on the command line is seen by others (ps): prefer the prompt
              --password-file <file> read the password from the first line of this file (CHAT_PASSWORD_FILE)
              --ask-password         ask for the password without echo before connecting
              --downloads <dir>      where received files go (CHAT_DOWNLOADS, default ~/Downloads/tcp-chat)
              --auto-download <size> fetch announced files up to this size on their own, e.g. 20MiB
                                     (CHAT_AUTO_DOWNLOAD; default off: /download <id> fetches one)
              --color <when>         auto, always or never (CHAT_COLOR; NO_COLOR is honoured)
              --no-color             the same as --color never
              --time-format <pattern> how times are shown, e.g. HH:mm:ss (CHAT_TIME_FORMAT, default HH:mm)
              --room <room>          the room lines go to, joined first if need be (CHAT_ROOM, default #lobby)
              --history <file>       typed lines kept across sessions (CHAT_HISTORY, default
                                     ~/.local/share/tcp-chat/history); off keeps none
              --no-reconnect         do not reconnect after a drop (CHAT_RECONNECT=false)
              --config <file>        read options from this file (CHAT_CONFIG)
              --script <file>        run the commands in this file (also @<file>)
              --tls                  connect with TLS (CHAT_TLS); the server's certificate and name are checked
              --truststore <file>    trust the certificates in this file: PEM, PKCS12 or JKS (CHAT_TRUSTSTORE);
                                     implies --tls; --truststore-password <pw> if it has one
              --insecure             TLS without checking the certificate: unsafe, and said so; implies --tls
              -h, --help             this text
              -V, --version          the version

            Commands: send <text> (say) · msg <user> <text> · me <action> · files
                      sendfile <path> [--to <user>] · download <#id|name> · cancel <#id|name>
                      who · history [n|more] · register · connect · disconnect · clear · help
                      exit (quit)
            Rooms:    join <#room> · part [#room] [reason] · room [#room] · rooms [after]
                      members [#room] · topic [#room] [text] · invite <user> [#room]
                      kick <user> [reason] · ban <user> [reason] · unban <user> · op <user>
                      deop <user> · mode [#room] <+i|-i|+t|-t> · close <#room> [reason]
            In a session, commands start with / (/who); every other line is sent to the current
            room, and //text sends a line that starts with a slash. Alt-1..9, Ctrl-N and Ctrl-P
            switch rooms.

            Exit status: 0 done · 1 refused by the server, or a local problem · 2 wrong use · 3 no connection
            """;

    private Usage() {
    }

    static String version() {
        String v = Usage.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
