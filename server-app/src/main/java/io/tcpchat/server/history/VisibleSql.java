package io.tcpchat.server.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@link Visibility}'s rule as a SQL condition on {@code chat_event e}, with its parameters.
 * A room's events are read through the viewer's spans in {@code chat_room_member} (its primary
 * key leads with the user, so the probe is one index lookup per row).
 */
record VisibleSql(String sql, Object... params) {

    private static final String BASE_TYPES = "e.type IN ('msg', 'file', 'joined', 'left')";
    private static final String PARTY = "(e.to_key IS NULL OR e.from_key = ? OR e.to_key = ?)";
    private static final String IN_SPAN = "EXISTS (SELECT 1 FROM chat_room_member m WHERE m.user_key = ? "
            + "AND m.room_id = e.room_id AND e.seq >= m.from_seq AND (m.to_seq IS NULL OR e.seq <= m.to_seq))";

    static VisibleSql of(Viewer v) {
        String k = v.key();
        if (!v.roomsAware()) {
            return new VisibleSql("(e.room_id IS NULL AND " + BASE_TYPES + " AND " + PARTY + ")", k, k);
        }
        return switch (v.scope()) {
            case DEFAULT -> new VisibleSql("(e.room_id IS NULL AND " + PARTY + ")", k, k);
            case LOBBY -> new VisibleSql("(e.room_id IS NULL AND e.to_key IS NULL AND e.type NOT IN ('joined', 'left'))");
            // the latest room of that name the viewer was ever in (a closed one's former members still read it)
            case ROOM -> new VisibleSql("(e.room_id = (SELECT MAX(rm.room_id) FROM chat_room_member rm JOIN chat_room rr "
                    + "ON rr.id = rm.room_id WHERE rr.name = ? AND rm.user_key = ?) AND " + IN_SPAN + ")", v.room(), k, k);
            case REPLAY -> new VisibleSql("((e.room_id IS NULL AND " + PARTY + ") OR (e.room_id IS NOT NULL AND "
                    + "(e.to_key = ? OR " + IN_SPAN + ")))", k, k, k, k);
        };
    }

    /** Binds the parameters from {@code at}; returns the next parameter's index. */
    int bind(PreparedStatement ps, int at) throws SQLException {
        for (Object p : params) {
            ps.setObject(at++, p);
        }
        return at;
    }
}
