package io.tcpchat.protocol;

/**
 * A request the server refuses with an {@code error} while the connection stays open
 * (unless the caller decides otherwise). Carries the request's {@code ref} when known.
 */
public final class RequestException extends Exception {

    private final ErrorCode code;
    private final String ref;

    public RequestException(ErrorCode code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    public String ref() {
        return ref;
    }

    public ServerEvent.ErrorEvent toEvent() {
        return ServerEvent.ErrorEvent.of(code, getMessage(), ref);
    }
}
