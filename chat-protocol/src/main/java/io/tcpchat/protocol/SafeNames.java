package io.tcpchat.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The safe base name of docs/protocol.md: what is left of a file name once nothing in it can
 * point outside a folder or upset a terminal. No {@code /} or {@code \}, no {@code ..}
 * anywhere, no control character, at most 255 UTF-8 bytes, never empty.
 *
 * <pre>
 * "../../etc/passwd"    -> "passwd"
 * "C:\\Users\\x\\a.txt" -> "a.txt"
 * "a..b.txt"            -> "a_b.txt"
 * "bell\u0007.txt"      -> "bell.txt"
 * "", "." or ".."      -> "file"
 * </pre>
 */
public final class SafeNames {

    public static final int MAX_BYTES = 255;
    private static final String FALLBACK = "file";

    private SafeNames() {
    }

    public static String baseName(String name) {
        if (name == null) {
            return FALLBACK;
        }
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String base = name.substring(cut + 1);
        StringBuilder sb = new StringBuilder(base.length());
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            i += Character.charCount(cp);
            if (Texts.isControl(cp) || Character.isSurrogate((char) cp) && cp <= 0xFFFF
                    || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
                continue;
            }
            sb.appendCodePoint(cp);
        }
        String clean = sb.toString().strip();
        if (clean.chars().allMatch(c -> c == '.')) {
            return FALLBACK;
        }
        while (clean.contains("..")) {
            clean = clean.replace("..", "_");
        }
        return truncate(clean);
    }

    /** Cuts to MAX_BYTES of UTF-8 on a code point boundary, keeping a short extension. */
    private static String truncate(String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
        String stem = ext.isEmpty() ? s : s.substring(0, dot);
        int budget = MAX_BYTES - ext.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > budget) {
                break;
            }
            out.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return out + ext;
    }
}
