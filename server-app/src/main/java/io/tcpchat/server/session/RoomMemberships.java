package io.tcpchat.server.session;

import java.util.List;

/**
 * What a login needs of rooms (implemented by the rooms feature, which session must not know):
 * the user's rooms for {@code welcome}, and the view of them its connection starts with. Called
 * under the event log's fan-out lock.
 */
public interface RoomMemberships {

    /** Whether rooms are on: {@code welcome} lists the feature. */
    boolean enabled();

    /** The rooms of {@code user}, {@code #lobby} first. */
    List<String> roomsOf(String user);

    /** The view a connection of {@code user} following the log from {@code head} starts with. */
    RoomView viewAt(String user, long head);
}
