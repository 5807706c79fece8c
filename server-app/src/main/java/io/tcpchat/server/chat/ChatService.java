package io.tcpchat.server.chat;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.protocol.Texts;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.history.EventDraft;
import io.tcpchat.server.history.EventLog;
import io.tcpchat.server.rooms.RoomService;
import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionRegistry;
import org.springframework.stereotype.Service;

/** {@code msg}: checks a message (to #lobby, a room or a user), stores it (which gives it its seq) and acknowledges it. */
@Service
public class ChatService {

    private final EventLog eventLog;
    private final SessionRegistry registry;
    private final int maxText;
    private final DeliveryCounter counter;
    private final RoomService rooms;

    private static final String ACTION = "action";

    ChatService(EventLog eventLog, SessionRegistry registry, ChatProperties properties, DeliveryCounter counter,
                RoomService rooms) {
        this.rooms = rooms;
        this.eventLog = eventLog;
        this.counter = counter;
        this.registry = registry;
        this.maxText = properties.limits().maxText();
    }

    public void send(Session sender, ClientEvent.Send msg) throws RequestException {
        String text = msg.text();
        if (text == null || text.isEmpty()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "text must not be empty", msg.ref());
        }
        if (Texts.hasLoneSurrogate(text)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "text holds a lone surrogate", msg.ref());
        }
        if (Texts.hasControlOtherThanTabOrLf(text)) {
            // a terminal would obey them: ESC sequences could rewrite another user's screen
            throw new RequestException(ErrorCode.BAD_REQUEST, "text holds a control character other than TAB and LF",
                    msg.ref());
        }
        if (text.length() > maxText && Texts.codePoints(text) > maxText) {
            throw new RequestException(ErrorCode.TOO_LARGE, "text is longer than " + maxText + " code points", msg.ref());
        }
        if (msg.kind() != null && !ACTION.equals(msg.kind())) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "kind must be \"action\" or absent", msg.ref());
        }
        String room = rooms.target(sender, msg.room(), msg.to(), msg.ref());
        String to = recipient(sender, msg.to(), msg.ref());
        // the ack goes out once the message is committed, from the event log's committer; a room's
        // membership (or #lobby's mute) is decided there, in order with kicks and bans
        eventLog.publish(new EventDraft.Message(sender.user(), to, text, room, msg.kind(), 0), new EventLog.Committed() {
            @Override
            public void stored(ServerEvent.Stored event) {
                sender.send(new ServerEvent.Ack(msg.ref(), event.seq(), null));
            }

            @Override
            public void refused(RequestException e) {
                sender.send(new ServerEvent.ErrorEvent(e.code().wire(), e.getMessage(), msg.ref(), null));
            }

            @Override
            public void failed(Exception e) {
                sender.sendError(ErrorCode.INTERNAL, "the message could not be stored", msg.ref());
            }
        });
        counter.message();
    }

    /**
     * The name of an online recipient as they spell it, or {@code null} for everyone.
     * Also used for files.
     */
    public String recipient(Session sender, String to, String ref) throws RequestException {
        if (to == null) {
            return null;
        }
        if (to.equalsIgnoreCase(sender.user())) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "you cannot send to yourself", ref);
        }
        String target = registry.onlineName(to); // on any replica, in a cluster
        if (target == null) {
            throw new RequestException(ErrorCode.NOT_FOUND, "'" + to + "' is not online", ref);
        }
        return target;
    }
}
