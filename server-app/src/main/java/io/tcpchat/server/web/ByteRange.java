package io.tcpchat.server.web;

/**
 * One byte range of a file, from a {@code Range: bytes=...} header (RFC 9110 §14.1.2).
 * Only a single range is served; a list of ranges is answered with the whole file, which
 * the RFC allows.
 *
 * @param start first byte
 * @param end   last byte, inclusive
 */
record ByteRange(long start, long end) {

    /** Thrown for a range that lies wholly past the end: 416. */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    long length() {
        return end - start + 1;
    }

    /**
     * The range a header asks of a file of {@code size} bytes: null for the whole file (no
     * header, several ranges, or a header this does not understand, which the RFC says to ignore).
     */
    static ByteRange parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) { // bytes=-N: the last N bytes
                long n = Long.parseLong(last);
                if (n <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return new ByteRange(Math.max(0, size - n), size - 1);
            }
            long start = Long.parseLong(first);
            long lastByte = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (start < 0 || lastByte < start) {
                return null; // invalid: ignored, as the RFC says
            }
            if (start >= size) {
                throw new Unsatisfiable();
            }
            return new ByteRange(start, Math.min(lastByte, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
