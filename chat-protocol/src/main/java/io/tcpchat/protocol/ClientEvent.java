package io.tcpchat.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every J event a client sends (docs/protocol.md, "Events, client to server"). Numeric fields are
 * boxed so that a missing field is told apart from zero. {@code ref} is the client's own
 * label, copied into the answer.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientEvent.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = ClientEvent.Send.class, name = "msg"),
        @JsonSubTypes.Type(value = ClientEvent.Upload.class, name = "upload"),
        @JsonSubTypes.Type(value = ClientEvent.Download.class, name = "download"),
        @JsonSubTypes.Type(value = ClientEvent.Cancel.class, name = "cancel"),
        @JsonSubTypes.Type(value = ClientEvent.Who.class, name = "who"),
        @JsonSubTypes.Type(value = ClientEvent.HistoryQuery.class, name = "history"),
        @JsonSubTypes.Type(value = ClientEvent.Register.class, name = "register"),
        @JsonSubTypes.Type(value = ClientEvent.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = ClientEvent.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = ClientEvent.Bye.class, name = "bye"),
})
public sealed interface ClientEvent {

    String ref();

    /** Log in as {@code user}; {@code since} asks for the events after that seq first. */
    record Hello(Integer v, String user, String password, String client, Long since, String ref)
            implements ClientEvent {

        public Hello(String user) {
            this(ProtocolDefaults.VERSION, user, null, null, null, null);
        }

        @Override
        public String toString() {
            // never print a password
            return "Hello[v=" + v + ", user=" + user + ", password=" + (password == null ? null : "***")
                    + ", client=" + client + ", since=" + since + ", ref=" + ref + "]";
        }
    }

    /** A chat message to everyone else online, or only to {@code to}. Wire type {@code msg}. */
    record Send(String text, String to, String ref) implements ClientEvent {
    }

    /** Announce a file of {@code size} bytes with the lowercase hex SHA-256 {@code sha256}. */
    record Upload(String name, Long size, String sha256, String to, String ref) implements ClientEvent {
    }

    record Download(Long file, Long offset, String ref) implements ClientEvent {
    }

    record Cancel(Long file, String ref) implements ClientEvent {
    }

    record Who(String ref) implements ClientEvent {
    }

    /** Wire type {@code history}: events with {@code seq < before}, newest {@code limit}. */
    record HistoryQuery(Long before, Integer limit, String ref) implements ClientEvent {
    }

    record Register(String password, String ref) implements ClientEvent {

        @Override
        public String toString() {
            return "Register[password=***, ref=" + ref + "]";
        }
    }

    record Ping(String ref) implements ClientEvent {
    }

    record Pong(String ref) implements ClientEvent {
    }

    record Bye(String ref) implements ClientEvent {
    }
}
