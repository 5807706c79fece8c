package io.tcpchat.protocol;

/**
 * A request the server refuses with an {@code error} while the connection stays open
 * (unless the caller decides otherwise). Carries the request's {@code ref} and wire
 * {@code type} when known: a refused {@code hello} closes the connection, other refusals
 * do not, so the caller needs to know which request it was.
 */
public final class RequestException extends Exception {

    private final ErrorCode code;
    private final String ref;
    private final String type;

    public RequestException(ErrorCode code, String message, String ref) {
        this(code, message, ref, null);
    }

    public RequestException(ErrorCode code, String message, String ref, String type) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
        this.type = type;
    }

    public ErrorCode code() {
        return code;
    }

    public String ref() {
        return ref;
    }

    /** The wire {@code type} of the refused request, or {@code null} when it is not known. */
    public String type() {
        return type;
    }

    /** Whether this refuses a {@code hello}, which the contract answers with an error and a close. */
    public boolean refusesHello() {
        return "hello".equals(type);
    }

    public ServerEvent.ErrorEvent toEvent() {
        return ServerEvent.ErrorEvent.of(code, getMessage(), ref);
    }
}
