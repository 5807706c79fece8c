package io.tcpchat.server.rooms;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.ChatServerApplication;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.accounts.AccountService;
import io.tcpchat.server.history.Databases;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rooms, memberships, operators, bans, invites and topics survive a restart on the same
 * database, and replay across the restart still respects membership spans (H2 and PostgreSQL).
 */
class RoomsRestartTests {

    @TempDir
    Path dir;

    @Test
    void roomsSurviveARestartOnH2() throws Exception {
        survivesRestart("jdbc:h2:file:" + dir.resolve("rooms") + ";WRITE_DELAY=0", "sa");
    }

    @Test
    void roomsSurviveARestartOnPostgres() throws Exception {
        String schema = Databases.postgresSchema();
        try {
            Databases.postgres(schema);
            survivesRestart(Databases.postgresUrl(schema), Databases.POSTGRES_USER);
        } finally {
            Databases.dropPostgres(schema);
        }
    }

    private void survivesRestart(String url, String user) throws Exception {
        long secret;
        long ban;
        try (ConfigurableApplicationContext first = start(url, user)) {
            first.getBean(AccountService.class).create("rsop", "secret");
            first.getBean(AccountService.class).create("rsinv", "secret");
            int port = first.getBean(ChatEndpoint.class).port();
            try (var op = TestClient.loginRooms(port, "rsop", "secret", null); var bob = TestClient.loginRooms(port, "rsbob");
                 var cy = TestClient.loginRooms(port, "rscy")) {
                op.request(new ClientEvent.Join("#keep", "j1"));
                bob.request(new ClientEvent.Join("#keep", "j2"));
                cy.request(new ClientEvent.Join("#keep", "j3"));
                op.request(new ClientEvent.Topic("#keep", "kept topic", "t1"));
                op.request(new ClientEvent.Mode("#keep", true, null, "m1"));
                op.request(new ClientEvent.Invite("#keep", "rsinv", "i1"));
                ban = ((ServerEvent.Ack) op.request(new ClientEvent.Ban("#keep", "rscy", "bye", "b1"))).seq();
                secret = ((ServerEvent.Ack) bob.request(new ClientEvent.Send("after the ban", null, "#keep", null, "s1")))
                        .seq();
            }
        }
        try (ConfigurableApplicationContext second = start(url, user)) {
            int port = second.getBean(ChatEndpoint.class).port();
            try (var op = TestClient.loginRooms(port, "rsop", "secret", 0L); var bob = TestClient.loginRooms(port, "rsbob");
                 var cy = TestClient.loginRooms(port, "rscy", null, 0L);
                 var inv = TestClient.loginRooms(port, "rsinv", "secret", null)) {
                assertThat(op.welcome().rooms()).containsExactly("#lobby", "#keep");
                assertThat(cy.welcome().rooms()).containsExactly("#lobby");
                var state = (ServerEvent.RoomState) op.request(new ClientEvent.Members("#keep", "q1"));
                assertThat(state.topic()).isEqualTo("kept topic");
                assertThat(state.inviteOnly()).isTrue();
                assertThat(state.members()).extracting(ServerEvent.Member::user, ServerEvent.Member::op)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("rsop", true),
                                org.assertj.core.groups.Tuple.tuple("rsbob", false));
                assertThat(state.bans()).extracting(ServerEvent.BanEntry::user).containsExactly("rscy");
                assertThat(state.invites()).extracting(ServerEvent.InviteEntry::user).containsExactly("rsinv");
                // the ban holds, the invite too
                assertThat(cy.request(new ClientEvent.Join("#keep", "c1"))).isInstanceOf(ServerEvent.ErrorEvent.class);
                assertThat(inv.request(new ClientEvent.Join("#keep", "c2"))).isInstanceOf(ServerEvent.RoomState.class);
                // the replay after 0: op saw the message; cy, banned before it, did not (but saw her ban's leave)
                assertThat(op.skipped()).anyMatch(e -> e instanceof ServerEvent.ChatMessage m && m.seq() == secret);
                assertThat(cy.skipped()).noneMatch(e -> e instanceof ServerEvent.ChatMessage m && m.seq() == secret);
                assertThat(cy.skipped()).anyMatch(e -> e instanceof ServerEvent.RoomLeft l && l.seq() > ban);
                // and the room goes on where it was
                long seq = ((ServerEvent.Ack) op.request(new ClientEvent.Send("welcome back", null, "#keep", null, "s2")))
                        .seq();
                assertThat(bob.await(ServerEvent.ChatMessage.class, m -> m.seq() == seq).room()).isEqualTo("#keep");
            }
        }
    }

    private static ConfigurableApplicationContext start(String url, String user) {
        return new SpringApplicationBuilder(ChatServerApplication.class).run("--chat.port=0",
                "--management.server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=", "--chat.limits.rate=0", "--chat.auth.min-password-length=4",
                "--spring.main.banner-mode=off");
    }
}
