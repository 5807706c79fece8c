package io.tcpchat.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the server, under {@code chat.*}. config/application.yml explains each one;
 * the defaults are those of docs/protocol.md.
 *
 * @param port            TCP port for CHAT/1; 0 picks a free one
 * @param bindAddress     address to listen on
 * @param shutdownTimeout how long outboxes may drain on shutdown
 * @param io              {@code net} (one virtual thread per connection, the default) or {@code nio}
 *                        (Spring Integration's NIO factory, for measurement only: it may reorder a
 *                        connection's frames and has no TLS)
 * @param tls             TLS for the chat port
 * @param auth            accounts and logins
 * @param proxyProtocol   PROXY protocol headers from load balancers on the chat port
 * @param rooms           rooms (the protocol's rooms extension)
 * @param irc             the IRC gateway (docs/irc.md)
 * @param cluster         several replicas on one PostgreSQL database (docs/architecture.md, "Scaling")
 * @param web             the browser client: its page, WebSocket and file endpoints
 */
@ConfigurationProperties("chat")
public record ChatProperties(
        @DefaultValue("49152") int port,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("10s") Duration shutdownTimeout,
        @DefaultValue("net") Io io,
        @DefaultValue Limits limits,
        @DefaultValue Files files,
        @DefaultValue History history,
        @DefaultValue Tls tls,
        @DefaultValue Auth auth,
        @DefaultValue ProxyProtocol proxyProtocol,
        @DefaultValue Rooms rooms,
        @DefaultValue Irc irc,
        @DefaultValue Cluster cluster,
        @DefaultValue Web web) {

    public enum Io { NET, NIO }

    /**
     * Limits each connection is held to. Where 0 is special, it says so.
     *
     * @param maxFrame              largest frame accepted, header excluded
     * @param maxText               longest {@code msg.text}, in code points
     * @param maxFileSize           largest file an upload may announce
     * @param chunk                 largest data per D frame, both ways
     * @param helloTimeout          time from accept to {@code hello}
     * @param idleTimeout           a connection silent this long is closed with {@code bye{idle}}
     * @param uploadTimeout         an upload with no progress this long fails with {@code timeout}
     * @param sendq                 bytes queued for one connection before it is dropped as a slow consumer
     * @param rate                  requests per second per connection (every J event but ping/pong); 0 turns it off
     * @param burst                 requests a connection may make at once above the rate
     * @param connectionsPerAddress open connections per remote address; 0 turns it off
     * @param uploadsPerUser        uploads one user may have in progress at once
     * @param maxConnections        open connections to the server, from all addresses; 0 turns it off
     * @param downloadsPerConnection downloads one connection may have in progress at once (each holds an
     *                              open file); 0 turns it off
     * @param liveLogEntries        live events kept encoded for the connections' writers to read (a
     *                              power of two); a connection further behind is a slow consumer
     * @param presenceLiveMax       past this many users online, joined/left are stored (history,
     *                              replay) but no longer broadcast live; 0 always broadcasts them
     */
    public record Limits(
            @DefaultValue("1MB") DataSize maxFrame,
            @DefaultValue("4000") int maxText,
            @DefaultValue("1GB") DataSize maxFileSize,
            @DefaultValue("256KB") DataSize chunk,
            @DefaultValue("10s") Duration helloTimeout,
            @DefaultValue("120s") Duration idleTimeout,
            @DefaultValue("60s") Duration uploadTimeout,
            @DefaultValue("8MB") DataSize sendq,
            @DefaultValue("10") int rate,
            @DefaultValue("20") int burst,
            @DefaultValue("50") int connectionsPerAddress,
            @DefaultValue("4") int uploadsPerUser,
            @DefaultValue("10000") int maxConnections,
            @DefaultValue("4") int downloadsPerConnection,
            @DefaultValue("131072") int liveLogEntries,
            @DefaultValue("1000") int presenceLiveMax) {

        public Limits {
            if (Integer.bitCount(liveLogEntries) != 1 || liveLogEntries < 1024) {
                throw new IllegalArgumentException("chat.limits.live-log-entries must be a power of two, at least 1024");
            }
            if (maxFrame.toBytes() < chunk.toBytes() + 17) {
                throw new IllegalArgumentException("chat.limits.max-frame must exceed chat.limits.chunk by 17 bytes");
            }
            if (maxFrame.toBytes() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("chat.limits.max-frame must be under 2 GiB");
            }
        }
    }

    /**
     * The file store.
     *
     * @param store     {@code local} (a folder, {@code dir}) or {@code postgres} (large objects in the
     *                  database of {@code spring.datasource.*}, which must be PostgreSQL: shared by
     *                  every replica of a cluster)
     * @param dir       folder of the local store (created if missing)
     * @param quota     total bytes the store may hold; uploads past it get {@code quota_exceeded}
     * @param retention files older than this are deleted; 0 keeps them forever
     */
    public record Files(
            @DefaultValue("local") StoreType store,
            @DefaultValue("./data/files") Path dir,
            @DefaultValue("10GB") DataSize quota,
            @DefaultValue("7d") Duration retention) {

        public enum StoreType { LOCAL, POSTGRES }
    }

    /**
     * History kept for {@code history} and {@code since}-replay.
     *
     * @param store     {@code jdbc} (the database of {@code spring.datasource.*}: an H2 file under
     *                  ./data by default) or {@code memory} (nothing survives a restart)
     * @param capacity  events the in-memory store keeps (the oldest are dropped first)
     * @param batchSize most events stored in one transaction (group commit)
     * @param queue     events waiting to be stored before publishers are made to wait
     * @param retention what the database keeps
     */
    public record History(
            @DefaultValue("jdbc") StoreType store,
            @DefaultValue("10000") int capacity,
            @DefaultValue("512") int batchSize,
            @DefaultValue("65536") int queue,
            @DefaultValue Retention retention) {

        public enum StoreType { JDBC, MEMORY }

        /**
         * @param maxAge    events older than this are deleted; 0 keeps them whatever their age
         * @param maxEvents only the newest this many are kept; 0 keeps them whatever their number
         * @param interval  how often retention runs
         */
        public record Retention(
                @DefaultValue("0s") Duration maxAge,
                @DefaultValue("0") long maxEvents,
                @DefaultValue("1m") Duration interval) {
        }
    }

    /**
     * TLS on the chat port.
     *
     * @param bundle    name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.NAME...} or
     *                  {@code spring.ssl.bundle.jks.NAME...}); empty: no TLS
     * @param plainPort with TLS on, a plain port beside it for local use; 0: none (nothing plain listens)
     * @param plainBindAddress address the plain port listens on: loopback unless you mean otherwise
     */
    public record Tls(@DefaultValue("") String bundle, @DefaultValue("0") int plainPort,
                      @DefaultValue("127.0.0.1") String plainBindAddress) {

        public boolean enabled() {
            return bundle != null && !bundle.isBlank();
        }
    }

    /**
     * Accounts and logins.
     *
     * @param mode                 {@code open}: anyone takes a name that is not registered;
     *                             {@code required}: only accounts log in
     * @param minPasswordLength    shortest password {@code register} accepts
     * @param maxConcurrentHashes  password hashes computed at once, each on a platform thread of its
     *                             own (each takes memory and CPU); 0: one per processor
     * @param lockout              what repeated failed logins cost
     */
    public record Auth(
            @DefaultValue("open") Mode mode,
            @DefaultValue("8") int minPasswordLength,
            @DefaultValue("0") int maxConcurrentHashes,
            @DefaultValue Lockout lockout) {

        public enum Mode { OPEN, REQUIRED }

        /**
         * @param failures   failed logins (per name, and per address) before a lockout; 0 turns lockouts off
         * @param baseDelay  first lockout; each further failure doubles it; 0 turns lockouts off
         * @param maxDelay   longest lockout; 0 turns lockouts off
         */
        public record Lockout(
                @DefaultValue("5") int failures,
                @DefaultValue("1s") Duration baseDelay,
                @DefaultValue("15m") Duration maxDelay) {
        }
    }

    /**
     * The PROXY protocol (HAProxy's, versions 1 and 2) on the chat port, for a server behind a
     * load balancer: the client's address comes from the header the balancer sends first.
     *
     * @param enabled         whether connections from {@code trustedNetworks} must start with a PROXY header
     * @param trustedNetworks CIDR blocks (IPv4 or IPv6) of the load balancers; a connection from
     *                        anywhere else is a direct client, and a PROXY header from it is a bad frame
     */
    public record ProxyProtocol(
            @DefaultValue("false") boolean enabled,
            @DefaultValue({"127.0.0.1/32", "::1/128"}) List<String> trustedNetworks) {
    }

    /**
     * The IRC gateway: a second listener where IRC clients log in as users of the same server
     * (docs/irc.md). Every {@code chat.limits.*} and {@code chat.auth.*} rule holds there too.
     *
     * @param enabled     whether the IRC port listens
     * @param port        TCP port for IRC; 0 picks a free one
     * @param bindAddress address the IRC port listens on
     * @param tls         with {@code chat.tls.bundle} set, whether the IRC port speaks TLS on that bundle too
     * @param serverName  the server's name in IRC prefixes and numerics (an IRC server name has a dot)
     * @param network     the network name IRC clients show (ISUPPORT {@code NETWORK})
     * @param motd        message of the day, one entry per line; empty: none (422)
     * @param replay      messages of a channel replayed on JOIN (with their times); 0: none
     */
    public record Irc(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("6667") int port,
            @DefaultValue("0.0.0.0") String bindAddress,
            @DefaultValue("true") boolean tls,
            @DefaultValue("irc.tcp-chat.local") String serverName,
            @DefaultValue("tcp-chat") String network,
            @DefaultValue List<String> motd,
            @DefaultValue("50") int replay) {

        public Irc {
            if (replay < 0 || replay > 1000) {
                throw new IllegalArgumentException("chat.irc.replay must be 0 to 1000");
            }
            if (serverName == null || !serverName.matches("[A-Za-z0-9.-]+") || !serverName.contains(".")) {
                throw new IllegalArgumentException("chat.irc.server-name must be a host-like name with a dot");
            }
        }
    }

    /**
     * Rooms (docs/protocol.md, "Rooms").
     *
     * @param enabled     whether the server offers rooms; off, welcome lists no "rooms" and room
     *                    requests are refused
     * @param create      who may create a room by joining one that does not exist: {@code registered}
     *                    (names with an account), {@code everyone} or {@code admins}
     * @param perUser     rooms one user may be in, #lobby not counted
     * @param createRate  rooms one user may create per hour (0: no limit)
     * @param createBurst rooms one user may create at once above the rate
     * @param membersMax  members one room may have (administrators join past it); 0: no limit
     * @param topicMax    longest topic, and kick/ban/part reason, in code points (at most 1000)
     * @param inviteTtl   how long an invite to an invite-only room stays valid
     */
    public record Rooms(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("registered") Create create,
            @DefaultValue("50") int perUser,
            @DefaultValue("5") int createRate,
            @DefaultValue("5") int createBurst,
            @DefaultValue("1000") int membersMax,
            @DefaultValue("300") int topicMax,
            @DefaultValue("7d") Duration inviteTtl) {

        public enum Create { REGISTERED, EVERYONE, ADMINS }

        public Rooms {
            if (topicMax < 1 || topicMax > 1000) {
                throw new IllegalArgumentException("chat.rooms.topic-max must be 1 to 1000 (the column holds 1024)");
            }
        }
    }

    /**
     * Replicas sharing one PostgreSQL database: one order of events (the {@code chat_seq} row lock),
     * each replica delivering what it reads from the log, names and presence in tables.
     *
     * @param enabled           off: one server alone, as always (H2 or PostgreSQL)
     * @param nodeId            this replica's name in the tables; empty: {@code HOSTNAME}, else the host name
     * @param heartbeatInterval how often this replica says it is alive
     * @param deadAfter         a replica silent this long is dead: its users are marked left and may log in elsewhere
     * @param pollInterval      the tail reads the log at least this often, notification or not (the bound on
     *                          the delay a lost notification causes)
     * @param pageSize          events the tail reads per query
     */
    public record Cluster(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("") String nodeId,
            @DefaultValue("1s") Duration heartbeatInterval,
            @DefaultValue("5s") Duration deadAfter,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("1000") int pageSize) {

        public Cluster {
            if (enabled && deadAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("chat.cluster.dead-after must be at least twice chat.cluster.heartbeat-interval");
            }
        }

        /** {@link #nodeId}, else {@code HOSTNAME} (a pod's name), else the host's name. */
        public String node() {
            if (nodeId != null && !nodeId.isBlank()) {
                return nodeId;
            }
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "node-" + ProcessHandle.current().pid();
            }
        }
    }

    /**
     * The browser client (package {@code web}): the page at {@code /}, CHAT/1 events over the
     * WebSocket {@code /ws}, file bytes over HTTP at {@code /files}. It is Spring's main HTTP
     * listener ({@code server.port} follows {@code port}); management keeps its own port.
     *
     * @param enabled        whether the page, {@code /ws} and {@code /files} are served; off, the
     *                       listener answers 404 to everything
     * @param port           the HTTP (or, with {@code chat.tls.bundle}, HTTPS) port; 0 picks a free one
     * @param allowedOrigins origins (scheme://host[:port]) besides the page's own whose pages may
     *                       open {@code /ws}; empty: same origin only
     */
    public record Web(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8081") int port,
            List<String> allowedOrigins) {

        public Web {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }
}
