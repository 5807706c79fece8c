package io.tcpchat.server.rooms;

import io.tcpchat.server.history.Databases;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Ended spans below the oldest stored event and expired invites go; open spans stay. */
class RoomRetentionTests {

    @Test
    void prunesWhatNoLongerFiltersOrGrantsAnything() {
        DataSource ds = Databases.h2();
        JdbcClient jdbc = JdbcClient.create(ds);
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        jdbc.sql("INSERT INTO chat_room VALUES (2, '#r', '#r', 1, 'ada', ?, NULL, FALSE, TRUE, NULL)")
                .param(now.atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("INSERT INTO chat_event (seq, ts, type, from_name, from_key) VALUES (50, ?, 'msg', 'ada', 'ada')")
                .param(now.atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("INSERT INTO chat_room_member VALUES ('old', 2, 1, 10, 'old')").update();
        jdbc.sql("INSERT INTO chat_room_member VALUES ('edge', 2, 1, 50, 'edge')").update();
        jdbc.sql("INSERT INTO chat_room_member VALUES ('ada', 2, 1, NULL, 'ada')").update();
        jdbc.sql("INSERT INTO chat_room_invite VALUES (2, 'gone', 'gone', 'ada', 3, ?)")
                .param(now.minusSeconds(1).atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("INSERT INTO chat_room_invite VALUES (2, 'kept', 'kept', 'ada', 4, ?)")
                .param(now.plusSeconds(1).atOffset(ZoneOffset.UTC)).update();
        try (RoomRetention retention = new RoomRetention(ds, Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(1))) {
            assertThat(retention.apply()).isEqualTo(2);
        }
        assertThat(jdbc.sql("SELECT user_key FROM chat_room_member ORDER BY user_key").query(String.class).list())
                .containsExactly("ada", "edge");
        assertThat(jdbc.sql("SELECT user_key FROM chat_room_invite").query(String.class).list()).containsExactly("kept");
    }
}
