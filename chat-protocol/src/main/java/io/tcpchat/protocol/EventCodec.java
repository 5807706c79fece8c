package io.tcpchat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for events: {@link ClientEvent} and {@link ServerEvent} to and from the body of a J
 * frame. Unknown fields are ignored, scalars are not coerced ({@code "size":"5"} is refused),
 * and a body must be exactly one JSON object with a string {@code type}. Thread-safe.
 *
 * <p>Decoding tries the typed mapping first; only when that fails is the body parsed as a
 * tree to tell a framing error ({@code bad_frame}: not one object with a string type) from
 * a bad request ({@code bad_request}: unknown type, wrong field types).
 */
public final class EventCodec {

    private static final String HELLO = "hello";

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // a number or a boolean where text belongs is a mistake, not a string
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    // writers and readers are immutable and costly to make: made once, shared by all threads
    private final ObjectWriter clientWriter = mapper.writerFor(ClientEvent.class);
    private final ObjectWriter serverWriter = mapper.writerFor(ServerEvent.class);
    private final ObjectReader clientReader = mapper.readerFor(ClientEvent.class);
    private final ObjectReader serverReader = mapper.readerFor(ServerEvent.class);

    /** JSON of any event, with its {@code type}. */
    public byte[] toJson(ClientEvent event) {
        return clientWriter.writeValueAsBytes(event);
    }

    public byte[] toJson(ServerEvent event) {
        return serverWriter.writeValueAsBytes(event);
    }

    /** A complete J frame for the event (the hot events written by hand, the same bytes as Jackson's). */
    public byte[] frame(ServerEvent event) {
        byte[] hot = HotEventEncoder.frame(event);
        return hot != null ? hot : FrameEncoder.json(toJson(event));
    }

    public byte[] frame(ClientEvent event) {
        return FrameEncoder.json(toJson(event));
    }

    public ClientEvent decodeClient(byte[] body) throws FrameException, RequestException {
        ClientEvent.Send msg = MsgDecoder.decode(body); // the plain msg, in one pass; anything else below
        if (msg != null) {
            checkRef(msg);
            return msg;
        }
        return decode(body, clientReader);
    }

    /** Jackson's decoding alone, without the hand-written fast path: the reference its tests compare with. */
    Object mapperDecodeForTests(byte[] body) throws FrameException, RequestException {
        return decode(body, clientReader);
    }

    public ServerEvent decodeServer(byte[] body) throws FrameException, RequestException {
        return decode(body, serverReader);
    }

    private <T> T decode(byte[] body, ObjectReader reader) throws FrameException, RequestException {
        if (!Texts.isValidUtf8(body, 0, body.length)) {
            throw new FrameException("J body is not valid UTF-8");
        }
        try {
            T event = reader.readValue(body);
            if (event == null) {
                throw new FrameException("J body is not a JSON object");
            }
            if (event instanceof ClientEvent c) {
                checkRef(c);
            }
            return event;
        } catch (JacksonException e) {
            throw classify(body, e);
        }
    }

    private static void checkRef(ClientEvent event) throws RequestException {
        String ref = event.ref();
        if (ref != null && Texts.codePoints(ref) > ProtocolDefaults.MAX_REF_CODE_POINTS) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "ref is longer than 64 code points", null,
                    event instanceof ClientEvent.Hello ? HELLO : null);
        }
    }

    /**
     * Tells why a body failed: a framing error, or a request with a wrong type or field.
     * The message names the field and the problem, never the value: Jackson's own text
     * quotes the input (a password among it), and these messages are logged and sent back.
     */
    private FrameException classify(byte[] body, JacksonException cause) throws FrameException, RequestException {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JacksonException e) {
            // not chained: the cause's message quotes the input, and a logged cause is printed
            return new FrameException("J body is not one JSON object: syntax error" + at(e));
        }
        if (tree == null || !tree.isObject()) {
            return new FrameException("J body is not a JSON object");
        }
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || !typeNode.isString()) {
            return new FrameException("J body has no string field type");
        }
        String type = typeNode.asString();
        JsonNode refNode = tree.get("ref");
        String ref = refNode != null && refNode.isString()
                && Texts.codePoints(refNode.asString()) <= ProtocolDefaults.MAX_REF_CODE_POINTS
                ? refNode.asString() : null;
        if (cause instanceof InvalidTypeIdException) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "unknown type", ref);
        }
        // from here on the type is one of ours, so it may be quoted; a refused hello is told apart
        String known = HELLO.equals(type) ? HELLO : null;
        if (HELLO.equals(type) && !isOne(tree.get("v"))) {
            throw new RequestException(ErrorCode.UNSUPPORTED_VERSION, "this server speaks v1 (v must be the integer 1)",
                    ref, known);
        }
        if (refNode != null && ref == null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "ref must be a string of at most 64 code points", null,
                    known);
        }
        String field = fieldOf(cause);
        if (field == null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "malformed " + type, ref, known);
        }
        throw new RequestException(ErrorCode.BAD_REQUEST,
                "malformed " + type + ": field '" + field + "' " + problem(cause, tree.get(field)), ref, known);
    }

    private static boolean isOne(JsonNode v) {
        return v != null && v.isIntegralNumber() && v.canConvertToInt() && v.intValue() == ProtocolDefaults.VERSION;
    }

    /** The top-level field a mapping failed on; events are flat, so that is the whole story. */
    private static String fieldOf(JacksonException cause) {
        for (JacksonException.Reference r : cause.getPath()) {
            if (r.getPropertyName() != null) {
                return r.getPropertyName();
            }
        }
        return null;
    }

    /** What is wrong with a field, in words of JSON, from the field's kind and the expected type. */
    private static String problem(JacksonException cause, JsonNode value) {
        String expected = expected(cause);
        if (value != null && value.isNumber() && "an integer".equals(expected)) {
            return value.isIntegralNumber() ? "is out of range" : "must be an integer";
        }
        if (expected == null) {
            return value == null ? "has a wrong value" : "has a wrong value (" + kind(value) + ")";
        }
        return value == null ? "must be " + expected : "must be " + expected + ", not " + kind(value);
    }

    private static String expected(JacksonException cause) {
        Class<?> target = switch (cause) {
            case MismatchedInputException m -> m.getTargetType();
            case InputCoercionException c -> c.getTargetType();
            default -> null;
        };
        if (target == null) {
            return null;
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "an integer";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "a boolean";
        }
        return null;
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            default -> "something else";
        };
    }

    /** Where a syntax error was found, as a byte offset: a position, never the text there. */
    private static String at(JacksonException e) {
        TokenStreamLocation where = e.getLocation();
        return where == null || where.getByteOffset() < 0 ? "" : " at byte " + where.getByteOffset();
    }
}
