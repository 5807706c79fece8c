package io.tcpchat.client.session;

import io.tcpchat.client.connection.ChatConnection;
import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.connection.ConnectionSettings;
import io.tcpchat.client.connection.ConnectionState;
import io.tcpchat.client.connection.ServerErrors;
import io.tcpchat.client.files.Download;
import io.tcpchat.client.files.Downloads;
import io.tcpchat.client.files.FileSender;
import io.tcpchat.client.rooms.Rooms;
import io.tcpchat.client.rooms.RoomsState;
import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.ServerEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The client as the commands see it: one call per thing a user can do, each answering with
 * data (never text for the screen) or a {@link ChatException} in plain words. It owns the
 * {@link ChatConnection}, keeps track of who is online, and routes what arrives: the current
 * room's events to the view, other rooms' to {@link RoomsState} as unseen. Its other jobs have
 * classes of their own: what goes out ({@link Messages}), the room requests ({@link Rooms}),
 * files announced and fetched ({@link FileJobs}).
 */
public final class ChatSession implements ChatConnection.Listener, AutoCloseable {

    /** Settings for this session; {@code lazy}: connect on the first command that needs the server. */
    public record Config(ConnectionSettings connection, Path downloads, long autoDownloadLimit, boolean lazy) {
    }

    private final Config config;
    private final KnownFiles files = new KnownFiles();
    private final Set<String> online = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    /** Seqs of events this client stored itself: not shown again when replayed. */
    private final Set<Long> ownSeqs = ConcurrentHashMap.newKeySet();
    /** Requests whose refusal is no news ({@code cancel} of a transfer the server just finished). */
    private final Set<String> quietRefs = ConcurrentHashMap.newKeySet();
    private final Downloads downloads;
    private final FileJobs fileJobs;
    /** Lines and files going out, and the lines typed while reconnecting. */
    private final Messages messages;
    private final RoomsState roomsState = new RoomsState();
    private final Rooms rooms;
    private volatile SessionView view = SessionView.NONE;
    private volatile ChatConnection connection;

    public ChatSession(Config config) {
        this.config = config;
        this.fileJobs = new FileJobs(files, config.autoDownloadLimit(), () -> view);
        this.downloads = new Downloads(config.downloads(),
                (file, offset) -> current().send(ref -> new ClientEvent.Download(file, offset, ref)), fileJobs);
        fileJobs.use(downloads);
        this.connection = new ChatConnection(config.connection(), this);
        this.rooms = new Rooms(roomsState, new Rooms.Server() {
            @Override
            public void online() throws ChatException {
                ChatSession.this.online();
            }

            @Override
            public ServerEvent request(java.util.function.Function<String, ClientEvent> event) throws ChatException {
                return messages.remember(ChatSession.this.online().request(event));
            }
        });
        this.messages = new Messages(this::online, roomsState, rooms, ownSeqs, this::user,
                this::state, () -> view);
    }

    public void setView(SessionView view) {
        this.view = view;
    }

    // ---------------------------------------------------------------- state

    /** The room requests, and what is known of rooms (current room, unread counts). */
    public Rooms rooms() {
        return rooms;
    }

    /**
     * Sends chat lines to {@code room} ({@code --room}), joining it before the first line when
     * the user is not in it yet.
     */
    public void useRoom(String room) throws ChatException {
        messages.useRoom(room);
    }

    public ConnectionState state() {
        return connection.state();
    }

    /** The name the server knows us by (its spelling), or the one we asked for before login. */
    public String user() {
        ServerEvent.Welcome w = connection.welcome();
        return w != null && connection.isOnline() ? w.user() : connection.settings().user();
    }

    public String address() {
        return connection.settings().address();
    }

    public Path downloadsDir() {
        return downloads.dir();
    }

    public long autoDownloadLimit() {
        return config.autoDownloadLimit();
    }

    public ServerEvent.Welcome welcome() {
        return connection.welcome();
    }

    /** Users online as far as this client knows (from {@code users}, {@code joined}, {@code left}). */
    public SortedSet<String> onlineUsers() {
        return new TreeSet<>(online);
    }

    public List<ServerEvent.FileAvailable> knownFiles() {
        return files.all();
    }

    public List<Download> activeDownloads() {
        return downloads.active();
    }

    // ---------------------------------------------------------------- connecting

    /** Connects with the current settings (resuming when it was connected before). */
    public ServerEvent.Welcome connect() throws ChatException {
        return connection.connect();
    }

    /**
     * Connects elsewhere or as someone else; {@code null} keeps the current value. A new server or
     * user starts a new session: nothing is resumed from the old one.
     */
    public ServerEvent.Welcome connect(String host, Integer port, String user, String password) throws ChatException {
        ConnectionSettings old = connection.settings();
        ConnectionSettings wanted = old.withAddress(host != null ? host : old.host(), port != null ? port : old.port())
                .withUser(user != null ? user : old.user(), password != null ? password : old.password());
        boolean sameSession = wanted.host().equals(old.host()) && wanted.port() == old.port()
                && wanted.user().equalsIgnoreCase(old.user());
        if (!sameSession) {
            connection.close();
            downloads.abandonAll("Stopped: connected elsewhere.");
            online.clear();
            connection = new ChatConnection(wanted, this);
        } else if (password != null) {
            connection.usePassword(password);
        }
        return connection.connect();
    }

    /** The password for the next login (asked for at start, without echo). */
    public void usePassword(String password) {
        connection.usePassword(password);
    }

    /** After a failed first attempt: keep trying in the background (a person's session). */
    public void keepTrying(String why) {
        connection.reconnectInBackground(why);
    }

    public void disconnect() {
        connection.disconnect();
        online.clear();
    }

    /** Says {@code bye} and stops every thread of the session. */
    @Override
    public void close() {
        connection.close();
    }

    private ChatConnection current() {
        return connection;
    }

    /** The connection, once online: one-shot use connects here, on the first command that needs it. */
    private ChatConnection online() throws ChatException {
        ChatConnection c = connection;
        if (c.isOnline()) {
            return c;
        }
        if (config.lazy() && c.state() == ConnectionState.OFFLINE) {
            c.connect();
            return c;
        }
        throw new ChatException(ChatException.Kind.CONNECTION, switch (c.state()) {
            case CONNECTING -> "Not connected yet: still connecting.";
            case RECONNECTING -> "Not connected: trying to reconnect (type /connect to try now).";
            default -> "Not connected: type /connect.";
        });
    }

    // ---------------------------------------------------------------- requests

    /** Sends a message to the current room, or only to {@code to}; returns its seq. */
    public Long send(String text, String to) throws ChatException {
        return messages.send(text, to, null);
    }

    /** {@code /me}: an action ({@code * ada waves}) in the current room, or to {@code to}. */
    public Long action(String text, String to) throws ChatException {
        return messages.send(text, to, "action");
    }

    /**
     * A chat line for the current room: sent now when online; while the client is reconnecting
     * it is kept (up to 100 lines) and sent, in order, once the connection is back.
     *
     * @return the seq, or {@code null} when the line waits
     */
    public Long say(String text) throws ChatException {
        return messages.say(text, null);
    }

    /** {@link #say(String)} for a line of a kind ({@code "action"}), or a plain one ({@code null}). */
    public Long say(String text, String kind) throws ChatException {
        return messages.say(text, kind);
    }

    public FileSender.Sent sendFile(Path path, String to, FileSender.Progress progress) throws ChatException {
        return messages.sendFile(path, to, progress);
    }

    public List<String> who() throws ChatException {
        ServerEvent answer = online().request(ref -> new ClientEvent.Who(ref));
        if (answer instanceof ServerEvent.Users users) {
            online.clear();
            online.addAll(users.users());
            return users.users();
        }
        return List.of();
    }

    /** The newest {@code limit} stored events this user may see, oldest first. */
    public ServerEvent.HistoryPage history(int limit) throws ChatException {
        return history(limit, null);
    }

    /**
     * The newest {@code limit} stored events before seq {@code before} ({@code null}: before
     * none), oldest first: a page further back than the server's 500 events per answer.
     */
    public ServerEvent.HistoryPage history(int limit, Long before) throws ChatException {
        if (limit < 1) {
            throw ChatException.usage("Ask for at least one event.");
        }
        ChatConnection c = online();
        String room = messages.targetRoom(); // --room's, joined first if need be
        ServerEvent answer = c.request(ref -> new ClientEvent.HistoryQuery(before, limit, room, ref));
        if (!(answer instanceof ServerEvent.HistoryPage page)) {
            return new ServerEvent.HistoryPage(List.of(), false, null);
        }
        page.events().forEach(e -> {
            if (e instanceof ServerEvent.FileAvailable f) {
                files.add(f);
            }
        });
        return page;
    }

    /** Files announced so far, completed with those the recent history still holds. */
    public List<ServerEvent.FileAvailable> files() throws ChatException {
        history(ProtocolDefaults.HISTORY_MAX_LIMIT);
        return files.all();
    }

    /** Claims the current name with a password; later logins need it. */
    public void register(String password) throws ChatException {
        if (password == null || password.isEmpty()) {
            throw ChatException.usage("The password is empty.");
        }
        ChatConnection c = online();
        c.request(ref -> new ClientEvent.Register(password, ref));
        c.usePassword(password);
    }

    /**
     * Starts downloading a file named by id ({@code 7}, {@code #7}) or by name; resumes a partial
     * file. Wait on {@link Download#result()} for the saved path.
     */
    public Download download(String key) throws ChatException {
        online();
        return fileJobs.download(key, this::files);
    }

    /**
     * Stops a download in progress (its partial file is kept, {@code download} resumes it) and
     * tells the server. {@code false} when no download of that file runs.
     */
    public boolean cancelDownload(long file, String why) {
        if (!downloads.cancel(file, why)) {
            return false;
        }
        try {
            quietRefs.add(current().send(ref -> new ClientEvent.Cancel(file, ref)));
        } catch (ChatException offline) {
            // nothing comes from a server we are not connected to
        }
        return true;
    }

    /** The download of a file named by id or name, if one runs. */
    public Download runningDownload(String key) {
        return fileJobs.running(key);
    }

    // ---------------------------------------------------------------- events from the connection

    @Override
    public void onOnline(ServerEvent.Welcome welcome, boolean resumed) {
        online.clear();
        roomsState.welcome(welcome);
        view.roomsChanged();
        try {
            current().send(ref -> new ClientEvent.Who(ref)); // the answer comes as an event
        } catch (ChatException ignored) {
            // lost again at once; the next login asks again
        }
        downloads.resumeAll(); // downloads cut by a drop go on from where they stopped
        messages.online();
    }

    @Override
    public void onEvent(ServerEvent event) {
        switch (event) {
            case ServerEvent.ChatMessage m -> {
                if (!ownSeqs.remove(m.seq())) {
                    deliver(m);
                }
            }
            case ServerEvent.RoomEvent r -> {
                String before = roomsState.current();
                roomsState.apply(r, user());
                if (!ownSeqs.remove(r.seq())) {
                    deliver(r);
                }
                if (!before.equals(roomsState.current())) {
                    // put out of the current room (kick, ban, close): back in #lobby, with what was missed there
                    roomsState.switchTo(roomsState.current()).events().forEach(view::show);
                }
                view.roomsChanged();
            }
            case ServerEvent.Joined j -> {
                online.add(j.user());
                if (!isMe(j.user())) {
                    view.show(j);
                }
            }
            case ServerEvent.Left l -> {
                if (!isMe(l.user())) { // our own old session left; this one is here
                    online.remove(l.user());
                    view.show(l);
                }
            }
            case ServerEvent.FileAvailable f -> onFile(f);
            case ServerEvent.Users users -> {
                online.clear();
                online.addAll(users.users());
            }
            case ServerEvent.DownloadStart start -> downloads.onStart(start);
            case ServerEvent.DownloadEnd end -> downloads.onEnd(end);
            case ServerEvent.ErrorEvent error -> {
                if (error.ref() != null && quietRefs.remove(error.ref())) {
                    return;
                }
                if (!downloads.onError(error)) {
                    view.warn(ServerErrors.describe(error));
                }
            }
            case ServerEvent.Ack ack when ack.ref() != null -> quietRefs.remove(ack.ref());
            default -> {
                // acks and pages nobody waits for any more
            }
        }
    }

    /**
     * Our own comings and goings are not news: the client says "Connected" and "Reconnected"
     * itself, and a resumed session would otherwise replay "ada left (disconnect)" then
     * "ada joined" to ada (or "ada joined" twice after a server was killed and had no time to
     * store a {@code left}). Names are unique among those online, so the name is us.
     */
    /** Shows an event of the current room (or of none); one of another room waits there, unseen. */
    private void deliver(ServerEvent.Stored event) {
        if (roomsState.arrive(event)) {
            view.show(event);
        } else {
            view.elsewhere(RoomsState.roomOf(event), event);
        }
    }

    private boolean isMe(String name) {
        return name != null && name.equalsIgnoreCase(user());
    }

    private void onFile(ServerEvent.FileAvailable f) {
        files.add(f);
        if (ownSeqs.remove(f.seq()) || f.from().equalsIgnoreCase(user())) {
            return;
        }
        boolean here = roomsState.arrive(f);
        if (here) {
            view.show(f);
        } else {
            view.elsewhere(RoomsState.roomOf(f), f); // its room shows it on a switch
        }
        fileJobs.announced(f, here);
    }

    @Override
    public void onData(Frame.Data data) {
        downloads.onData(data);
    }

    @Override
    public void onStateChanged(ConnectionState state, String detail) {
        if (state != ConnectionState.ONLINE) {
            online.clear();
        }
        if (state == ConnectionState.OFFLINE && !downloads.active().isEmpty()) {
            downloads.abandonAll("The connection was lost; the partial file is kept: download it again to resume.");
        }
        view.stateChanged(state, detail);
    }
}
