package io.tcpchat.protocol;

/**
 * One CHAT/1 frame, as it travels on the wire.
 *
 * <pre>
 * length u32 | kind u8 | body (length - 1 bytes)
 *
 * A J frame carrying {"type":"ping"} (15 bytes of JSON):
 *   00 00 00 10  4A  7B 22 74 79 70 65 22 3A 22 70 69 6E 67 22 7D
 *   length=16    'J' {  "  t  y  p  e  "  :  "  p  i  n  g  "  }
 *
 * A D frame with 3 bytes of file 7 at offset 0:
 *   00 00 00 14  44  00..07  00..00  61 62 63
 *   length=20    'D' file    offset  data
 * </pre>
 */
public sealed interface Frame permits Frame.Json, Frame.Data {

    byte KIND_JSON = 'J';
    byte KIND_DATA = 'D';

    /** Bytes on the wire before the body: the u32 length and the kind byte. */
    int HEADER_BYTES = 5;

    /** Bytes of a D body before its data: file u64 and offset u64. */
    int DATA_HEADER_BYTES = 16;

    /** A J frame: its body is UTF-8 JSON, not yet parsed. */
    record Json(byte[] body) implements Frame {
    }

    /** A D frame: a piece of a file's bytes. {@code data} is never empty. */
    record Data(long file, long offset, byte[] data) implements Frame {
    }
}
