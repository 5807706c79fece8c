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
              --password [<pw>]      password (CHAT_PASSWORD); without a value it is asked for without echo
              --downloads <dir>      where received files go (CHAT_DOWNLOADS, default ~/Downloads/tcp-chat)
              --auto-download <size> fetch announced files up to this size on their own (CHAT_AUTO_DOWNLOAD,
                                     default 100MiB; 0 or off turns it off)
              --color <when>         auto, always or never (CHAT_COLOR; NO_COLOR is honoured)
              --no-reconnect         do not reconnect after a drop (CHAT_RECONNECT=false)
              --config <file>        read options from this file (CHAT_CONFIG)
              --tls                  connect with TLS (CHAT_TLS); the server's certificate and name are checked
              --truststore <file>    trust the certificates in this file: PEM, PKCS12 or JKS (CHAT_TRUSTSTORE);
                                     implies --tls; --truststore-password <pw> if it has one
              --insecure             TLS without checking the certificate: unsafe, and said so; implies --tls
              -h, --help             this text
              -V, --version          the version

            Commands: send <text> · msg <user> <text> · sendfile <path> [--to <user>] · files
                      download <#id|name> · who · history [n] · register [--password <pw>]
                      connect · disconnect · help · exit
            In a session, a line that is not a command is sent to everyone.

            Exit status: 0 done · 1 refused by the server, or a local problem · 2 wrong use · 3 no connection
            """;

    private Usage() {
    }

    static String version() {
        String v = Usage.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
