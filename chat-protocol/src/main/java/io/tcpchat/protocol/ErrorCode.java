package io.tcpchat.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every error code of CHAT/1, with its wire name. */
public enum ErrorCode {
    BAD_FRAME("bad_frame"),
    BAD_REQUEST("bad_request"),
    UNSUPPORTED_VERSION("unsupported_version"),
    TIMEOUT("timeout"),
    AUTH_REQUIRED("auth_required"),
    AUTH_FAILED("auth_failed"),
    NAME_TAKEN("name_taken"),
    NAME_INVALID("name_invalid"),
    NOT_FOUND("not_found"),
    TOO_LARGE("too_large"),
    RATE_LIMITED("rate_limited"),
    QUOTA_EXCEEDED("quota_exceeded"),
    CHECKSUM_MISMATCH("checksum_mismatch"),
    SLOW_CONSUMER("slow_consumer"),
    TOO_MANY_CONNECTIONS("too_many_connections"),
    SERVER_SHUTDOWN("server_shutdown"),
    FORBIDDEN("forbidden"),
    BANNED("banned"),
    INVITE_ONLY("invite_only"),
    ROOM_FULL("room_full"),
    INTERNAL("internal");

    private static final Map<String, ErrorCode> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::wire, Function.identity()));

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The code for a wire name, or {@code null} for one this version does not know. */
    public static ErrorCode fromWire(String wire) {
        return BY_WIRE.get(wire);
    }
}
