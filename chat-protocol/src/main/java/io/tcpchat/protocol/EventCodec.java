package io.tcpchat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
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
            checkRef(msg.ref());
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
            checkRef(refOf(event));
            return event;
        } catch (JacksonException e) {
            throw classify(body, e);
        }
    }

    private static String refOf(Object event) {
        return switch (event) {
            case ClientEvent c -> c.ref();
            default -> null;
        };
    }

    private static void checkRef(String ref) throws RequestException {
        if (ref != null && Texts.codePoints(ref) > ProtocolDefaults.MAX_REF_CODE_POINTS) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "ref is longer than 64 code points", null);
        }
    }

    /** Tells why a body failed: a framing error, or a request with a wrong type or field. */
    private FrameException classify(byte[] body, JacksonException cause) throws FrameException, RequestException {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JacksonException e) {
            return new FrameException("J body is not one JSON object: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            return new FrameException("J body is not a JSON object");
        }
        JsonNode type = tree.get("type");
        if (type == null || !type.isString()) {
            return new FrameException("J body has no string field type");
        }
        JsonNode refNode = tree.get("ref");
        String ref = refNode != null && refNode.isString()
                && Texts.codePoints(refNode.asString()) <= ProtocolDefaults.MAX_REF_CODE_POINTS
                ? refNode.asString() : null;
        if (refNode != null && ref == null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "ref must be a string of at most 64 code points", null);
        }
        String message = cause.getOriginalMessage();
        if (message != null && message.contains("type id")) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "unknown type '" + type.asString() + "'", ref);
        }
        throw new RequestException(ErrorCode.BAD_REQUEST, "malformed " + type.asString() + ": " + firstLine(message), ref);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid field";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
