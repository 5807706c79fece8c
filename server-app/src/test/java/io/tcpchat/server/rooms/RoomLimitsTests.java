package io.tcpchat.server.rooms;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.accounts.AccountService;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Each room limit and refusal answered with its code, and nothing else disturbed. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.rate=0",
        "chat.rooms.per-user=2", "chat.rooms.members-max=2", "chat.rooms.topic-max=10", "chat.rooms.create-rate=1",
        "chat.rooms.create-burst=1", "chat.auth.min-password-length=4"})
class RoomLimitsTests {

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    AccountService accounts;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    @Test
    void everyLimitAndRefusalHasItsCode() throws Exception {
        accounts.create("lada", "secret");
        accounts.create("lbob", "secret");
        try (var ada = TestClient.loginRooms(port, "lada", "secret", null);
             var bob = TestClient.loginRooms(port, "lbob", "secret", null);
             var cy = TestClient.loginRooms(port, "lcy"); var dan = TestClient.loginRooms(port, "ldan")) {
            assertThat(ada.welcome().limits().roomsPerUser()).isEqualTo(2);
            assertThat(ada.welcome().limits().maxTopic()).isEqualTo(10);
            // an unregistered name may not create a room (chat.rooms.create=registered)
            assertCode(cy.request(new ClientEvent.Join("#new", "c0")), "forbidden");
            assertThat(ada.request(new ClientEvent.Join("#one", "a1"))).isInstanceOf(ServerEvent.RoomState.class);
            // the creation rate: one per hour
            assertCode(ada.request(new ClientEvent.Join("#two", "a2")), "rate_limited");
            assertThat(bob.request(new ClientEvent.Join("#two", "b1"))).isInstanceOf(ServerEvent.RoomState.class);
            // members per room: two
            assertThat(cy.request(new ClientEvent.Join("#one", "c1"))).isInstanceOf(ServerEvent.RoomState.class);
            assertCode(dan.request(new ClientEvent.Join("#one", "d1")), "room_full");
            // rooms per user: two
            assertThat(cy.request(new ClientEvent.Join("#two", "c2"))).isInstanceOf(ServerEvent.RoomState.class);
            assertThat(ada.request(new ClientEvent.Part("#one", null, "a3"))).isInstanceOf(ServerEvent.Ack.class);
            assertThat(bob.request(new ClientEvent.Join("#one", "b2"))).isInstanceOf(ServerEvent.RoomState.class);
            assertCode(bob.request(new ClientEvent.Join("#lobby", "b3")), null); // #lobby does not count
            // topic length, names, #lobby's rules
            assertCode(bob.request(new ClientEvent.Topic("#one", "x".repeat(11), "t1")), "too_large");
            assertCode(bob.request(new ClientEvent.Join("#no spaces", "n1")), "name_invalid");
            assertCode(bob.request(new ClientEvent.Join("#" + "a".repeat(33), "n2")), "name_invalid");
            assertCode(bob.request(new ClientEvent.Part("#lobby", null, "p1")), "bad_request");
            assertCode(bob.request(new ClientEvent.Mode("#one", null, null, "m0")), "bad_request");
            assertCode(bob.request(new ClientEvent.Send("hi", "lada", "#one", null, "s0")), "bad_request");
            assertCode(bob.request(new ClientEvent.Send("hi", null, null, "shout", "s1")), "bad_request");
            // topic lock is on in a new room: a member who is not an operator may not set it
            assertCode(cy.request(new ClientEvent.Topic("#two", "mine", "t2")), "forbidden");
            // and after all of that the conversation goes on
            long seq = ((ServerEvent.Ack) bob.request(new ClientEvent.Send("still here", null, "#one", null, "s2"))).seq();
            assertThat(cy.await(ServerEvent.ChatMessage.class, m -> m.seq() == seq).text()).isEqualTo("still here");
        }
    }

    private static void assertCode(ServerEvent answer, String code) {
        if (code == null) {
            assertThat(answer).isNotInstanceOf(ServerEvent.ErrorEvent.class);
            return;
        }
        assertThat(answer).isInstanceOfSatisfying(ServerEvent.ErrorEvent.class,
                e -> assertThat(e.code()).as(e.message()).isEqualTo(code));
    }
}
