package io.tcpchat.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

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
        @JsonSubTypes.Type(value = ClientEvent.Join.class, name = "join"),
        @JsonSubTypes.Type(value = ClientEvent.Part.class, name = "part"),
        @JsonSubTypes.Type(value = ClientEvent.RoomsQuery.class, name = "rooms"),
        @JsonSubTypes.Type(value = ClientEvent.Members.class, name = "members"),
        @JsonSubTypes.Type(value = ClientEvent.Topic.class, name = "topic"),
        @JsonSubTypes.Type(value = ClientEvent.Mode.class, name = "mode"),
        @JsonSubTypes.Type(value = ClientEvent.Op.class, name = "op"),
        @JsonSubTypes.Type(value = ClientEvent.Deop.class, name = "deop"),
        @JsonSubTypes.Type(value = ClientEvent.Kick.class, name = "kick"),
        @JsonSubTypes.Type(value = ClientEvent.Ban.class, name = "ban"),
        @JsonSubTypes.Type(value = ClientEvent.Unban.class, name = "unban"),
        @JsonSubTypes.Type(value = ClientEvent.Invite.class, name = "invite"),
        @JsonSubTypes.Type(value = ClientEvent.Close.class, name = "close"),
})
public sealed interface ClientEvent {

    String ref();

    /**
     * Log in as {@code user}; {@code since} asks for the events after that seq first.
     * {@code features} opts in to extensions ({@code "rooms"}, docs/protocol.md).
     */
    record Hello(Integer v, String user, String password, String client, Long since, List<String> features,
                 String ref) implements ClientEvent {

        public Hello(Integer v, String user, String password, String client, Long since, String ref) {
            this(v, user, password, client, since, null, ref);
        }

        public Hello(String user) {
            this(ProtocolDefaults.VERSION, user, null, null, null, null, null);
        }

        public boolean wants(String feature) {
            return features != null && features.contains(feature);
        }

        @Override
        public String toString() {
            // never print a password
            return "Hello[v=" + v + ", user=" + user + ", password=" + (password == null ? null : "***")
                    + ", client=" + client + ", since=" + since + ", features=" + features + ", ref=" + ref + "]";
        }
    }

    /**
     * A chat message to everyone else in {@code #lobby}, to a {@code room}, or only to
     * {@code to}. {@code kind}: {@code "action"} for {@code /me}, else absent. Wire type {@code msg}.
     */
    record Send(String text, String to, String room, String kind, String ref) implements ClientEvent {

        public Send(String text, String to, String ref) {
            this(text, to, null, null, ref);
        }
    }

    /** Announce a file of {@code size} bytes with the lowercase hex SHA-256 {@code sha256}. */
    record Upload(String name, Long size, String sha256, String to, String room, String ref) implements ClientEvent {

        public Upload(String name, Long size, String sha256, String to, String ref) {
            this(name, size, sha256, to, null, ref);
        }
    }

    record Download(Long file, Long offset, String ref) implements ClientEvent {
    }

    record Cancel(Long file, String ref) implements ClientEvent {
    }

    record Who(String ref) implements ClientEvent {
    }

    /** Wire type {@code history}: events with {@code seq < before}, newest {@code limit}. */
    record HistoryQuery(Long before, Integer limit, String room, String ref) implements ClientEvent {

        public HistoryQuery(Long before, Integer limit, String ref) {
            this(before, limit, null, ref);
        }
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

    /** A request of the rooms extension: each names its room (docs/protocol.md, "Rooms"). */
    sealed interface RoomRequest extends ClientEvent {
        String room();
    }

    /** Join a room, creating it if it does not exist and the user may create rooms. */
    record Join(String room, String ref) implements RoomRequest {
    }

    record Part(String room, String text, String ref) implements RoomRequest {
    }

    /** Wire type {@code rooms}: the list of rooms, in name order, after {@code after}. */
    record RoomsQuery(String after, String ref) implements ClientEvent {
    }

    record Members(String room, String ref) implements RoomRequest {
    }

    /** Set the topic; {@code ""} clears it. */
    record Topic(String room, String topic, String ref) implements RoomRequest {
    }

    record Mode(String room, Boolean inviteOnly, Boolean topicLock, String ref) implements RoomRequest {
    }

    record Op(String room, String user, String ref) implements RoomRequest {
    }

    record Deop(String room, String user, String ref) implements RoomRequest {
    }

    record Kick(String room, String user, String text, String ref) implements RoomRequest {
    }

    record Ban(String room, String user, String text, String ref) implements RoomRequest {
    }

    record Unban(String room, String user, String ref) implements RoomRequest {
    }

    record Invite(String room, String user, String ref) implements RoomRequest {
    }

    record Close(String room, String text, String ref) implements RoomRequest {
    }
}
