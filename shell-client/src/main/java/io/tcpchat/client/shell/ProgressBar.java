package io.tcpchat.client.shell;

import io.tcpchat.client.files.Sizes;

import java.util.Locale;

/**
 * One line showing how far a transfer is:
 * <pre>
 * sending report.pdf  [██████████░░░░░░░░░░]  52%  6.2 MiB / 12.0 MiB  3.1 MiB/s
 * </pre>
 * Pure: the caller gives the numbers and draws the line.
 */
public final class ProgressBar {

    private final int width;
    private final boolean unicode;

    public ProgressBar(int width, boolean unicode) {
        this.width = width;
        this.unicode = unicode;
    }

    /**
     * @param elapsedNanos time since the transfer started, for the rate
     * @param base         bytes that were there before (a resumed download), left out of the rate
     */
    public String render(String label, long done, long total, long elapsedNanos, long base) {
        double fraction = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * width);
        StringBuilder sb = new StringBuilder(label.length() + width + 48);
        sb.append(label).append("  [");
        sb.append((unicode ? "█" : "#").repeat(filled));
        sb.append((unicode ? "░" : "-").repeat(width - filled));
        sb.append("] ");
        sb.append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)));
        sb.append("  ").append(Sizes.format(done)).append(" / ").append(Sizes.format(Math.max(total, 0)));
        if (elapsedNanos > 200_000_000L && done > base) {
            long perSecond = (long) ((done - base) / (elapsedNanos / 1e9));
            sb.append("  ").append(Sizes.format(perSecond)).append("/s");
        }
        return sb.toString();
    }
}
