package io.tcpchat.client.files;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as people read and write them: {@code 1.5 MiB}, {@code 100MiB}, {@code 20k}. */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?", Pattern.CASE_INSENSITIVE);

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Sizes() {
    }

    /** {@code 0 B}, {@code 999 B}, {@code 1.0 KiB}, {@code 12.3 MiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, UNITS[unit]);
    }

    /**
     * Parses {@code 100MiB}, {@code 100 MB}, {@code 5m}, {@code 1.5G}, {@code 4096}. Units are
     * binary (a megabyte here is 1024 × 1024 bytes, as most people expect from file sizes).
     *
     * @throws IllegalArgumentException on anything else
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (try 100MiB, 20k or 0)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1L;
        };
        double bytes = number * factor;
        if (bytes > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return Math.round(bytes);
    }
}
