package io.tcpchat.server.rooms;

import io.tcpchat.server.ChatProperties;

import java.time.Duration;

/** {@code chat.rooms.*} as the rooms feature uses it. */
record RoomSettings(boolean enabled, ChatProperties.Rooms.Create create, int perUser, int createPerHour,
                    int createBurst, int membersMax, int topicMax, Duration inviteTtl) {

    static RoomSettings of(ChatProperties.Rooms r) {
        return new RoomSettings(r.enabled(), r.create(), r.perUser(), r.createRate(), r.createBurst(), r.membersMax(),
                r.topicMax(), r.inviteTtl());
    }
}
