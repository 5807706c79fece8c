package io.tcpchat.client.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a name announced by a peer into a file name that is safe to create inside the
 * downloads folder, and finds a name that does not exist yet.
 *
 * <p>The server already cleans names (docs/protocol.md, "Files"), but a client never trusts that:
 * only the last path segment is kept, control characters and characters that are not allowed
 * in file names on common systems become {@code _}, a leading dot is replaced so that nothing
 * hidden (or {@code .} / {@code ..}) is created, and the result fits in 255 UTF-8 bytes.
 *
 * <pre>
 * "../../etc/passwd"   → "passwd"
 * "C:\\x\\report.pdf"   → "report.pdf"
 * ".bashrc"            → "_bashrc"
 * "a\u0007b?.txt"      → "a_b_.txt"
 * ""                   → "file"
 * </pre>
 */
public final class SafeFileNames {

    static final int MAX_BYTES = 255;

    private static final String FALLBACK = "file";

    /** Names Windows reserves whatever the extension; harmless elsewhere, so avoided everywhere. */
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeFileNames() {
    }

    /** A safe base name for {@code announced}; never empty, never a path. */
    public static String safeBaseName(String announced) {
        String name = announced == null ? "" : announced;
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(cut + 1);
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> sb.appendCodePoint(allowed(cp) ? cp : '_'));
        name = sb.toString().strip();
        if (name.chars().allMatch(c -> c == '.')) {
            name = ""; // "." and ".." name no file
        }
        // no hidden files
        int dots = 0;
        while (dots < name.length() && name.charAt(dots) == '.') {
            dots++;
        }
        if (dots > 0) {
            name = "_".repeat(dots) + name.substring(dots);
        }
        // Windows drops trailing dots and spaces, which would make two names collide
        while (name.endsWith(".") || name.endsWith(" ")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            name = FALLBACK;
        }
        String stem = split(name)[0];
        if (RESERVED.contains(stem.toUpperCase(Locale.ROOT))) {
            name = "_" + name;
        }
        return fit(name, MAX_BYTES);
    }

    /**
     * The {@code n}-th alternative of a name: {@code n = 0} is the name itself, then
     * {@code "report (1).pdf"}, {@code "report (2).pdf"} … The result still fits in 255 bytes.
     */
    public static String numbered(String safeName, int n) {
        if (n == 0) {
            return safeName;
        }
        String suffix = " (" + n + ")";
        String[] parts = split(safeName);
        String extension = fit(parts[1], MAX_BYTES / 2);
        String stem = fit(parts[0], MAX_BYTES - utf8Length(suffix) - utf8Length(extension));
        return stem + suffix + extension;
    }

    /**
     * Moves {@code source} into {@code dir} under the first free alternative of {@code safeName}.
     * The move fails rather than replaces when the target appears meanwhile, so an existing
     * file is never overwritten, even by a race with another program.
     *
     * @return the path the file now has
     */
    public static Path moveToFreeName(Path source, Path dir, String safeName) throws IOException {
        for (int n = 0; n < 10_000; n++) {
            Path target = inside(dir, numbered(safeName, n));
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                return Files.move(source, target);
            } catch (FileAlreadyExistsException raced) {
                // taken meanwhile: try the next number
            }
        }
        throw new IOException("no free name for " + safeName + " in " + dir);
    }

    /** {@code dir/name}, refusing anything that would land outside {@code dir}. */
    public static Path inside(Path dir, String name) {
        Path base = dir.toAbsolutePath().normalize();
        Path target = base.resolve(name).normalize();
        if (!base.equals(target.getParent())) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return target;
    }

    private static boolean allowed(int cp) {
        if (Character.isISOControl(cp) || cp == 0x7F) {
            return false;
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
            return false; // bidi overrides and other invisible tricks
        }
        return "<>:\"|?*/\\".indexOf(cp) < 0;
    }

    /** {@code [stem, extension]}, the extension with its dot; {@code .tar.gz} counts as one. */
    static String[] split(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return new String[] {name, ""};
        }
        int tar = name.toLowerCase(Locale.ROOT).lastIndexOf(".tar.");
        if (tar > 0 && tar + 5 < name.length() && name.indexOf('.', tar + 5) < 0) {
            dot = tar;
        }
        return new String[] {name.substring(0, dot), name.substring(dot)};
    }

    /** Cuts a string to at most {@code maxBytes} UTF-8 bytes without splitting a code point. */
    static String fit(String s, int maxBytes) {
        if (utf8Length(s) <= maxBytes) {
            return s;
        }
        String[] parts = split(s);
        if (!parts[1].isEmpty() && utf8Length(parts[1]) < maxBytes / 2) {
            return cut(parts[0], maxBytes - utf8Length(parts[1])) + parts[1];
        }
        return cut(s, maxBytes);
    }

    private static String cut(String s, int maxBytes) {
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = utf8Length(new String(Character.toChars(cp)));
            if (bytes + len > maxBytes) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
