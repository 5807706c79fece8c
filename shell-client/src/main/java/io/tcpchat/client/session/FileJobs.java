package io.tcpchat.client.session;

import io.tcpchat.client.ClientOptionsParser;
import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.files.Download;
import io.tcpchat.client.files.Downloads;
import io.tcpchat.client.files.Sizes;
import io.tcpchat.client.files.TransferListener;
import io.tcpchat.protocol.ServerEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The session's file work: which announced file a name or number means, which announced files
 * are fetched on their own (up to {@code --auto-download}), and what the user is told of
 * automatic downloads as they go.
 */
final class FileJobs implements TransferListener {

    /** Asks the server again for what it announced (recent history). */
    @FunctionalInterface
    interface Refresh {
        void run() throws ChatException;
    }

    private final KnownFiles files;
    private final long autoDownloadLimit;
    private final Supplier<SessionView> views;
    private Downloads downloads;

    FileJobs(KnownFiles files, long autoDownloadLimit, Supplier<SessionView> views) {
        this.files = files;
        this.autoDownloadLimit = autoDownloadLimit;
        this.views = views;
    }

    /** Set once, right after construction: the downloads report to this listener. */
    void use(Downloads downloads) {
        this.downloads = downloads;
    }

    Download download(String key, Refresh refresh) throws ChatException {
        List<ServerEvent.FileAvailable> found = files.find(key);
        if (found.isEmpty() && !isNumber(key)) {
            refresh.run();
            found = files.find(key);
        }
        if (found.size() > 1) {
            StringBuilder ids = new StringBuilder();
            found.forEach(f -> ids.append(ids.isEmpty() ? "" : ", ").append('#').append(f.file()));
            throw ChatException.usage("Several files are called '" + key + "': " + ids + ". Give the number.");
        }
        if (found.isEmpty()) {
            if (!isNumber(key)) {
                throw ChatException.usage("No file called '" + key + "'. Type /files to see them.");
            }
            long id = Long.parseLong(key.strip().replace("#", ""));
            return downloads.start(id, null, -1, null, null, false);
        }
        ServerEvent.FileAvailable f = found.getFirst();
        return downloads.start(f.file(), f.name(), f.size(), f.sha256(), f.from(), false);
    }

    /** The download of a file named by id or name, if one runs. */
    Download running(String key) {
        String k = key.strip().startsWith("#") ? key.strip().substring(1) : key.strip();
        for (Download d : downloads.active()) {
            if (Long.toString(d.file()).equals(k) || k.equalsIgnoreCase(d.name())) {
                return d;
            }
        }
        return null;
    }

    private static boolean isNumber(String key) {
        String k = key.strip().startsWith("#") ? key.strip().substring(1) : key.strip();
        return !k.isEmpty() && k.length() < 19 && k.chars().allMatch(Character::isDigit);
    }

    /** A file announced by someone else ({@code here}: in the current room, so its line was shown). */
    void announced(ServerEvent.FileAvailable f, boolean here) {
        SessionView view = views.get();
        long limit = autoDownloadLimit;
        if (limit <= 0) {
            if (here) {
                view.info("/download " + f.file() + " fetches it.");
            }
            return;
        }
        if (f.size() > limit) {
            if (here) {
                view.info("/download " + f.file() + " fetches it (" + Sizes.format(f.size())
                        + ", over the automatic download limit of " + Sizes.format(limit) + ").");
            }
            return;
        }
        try {
            downloads.start(f.file(), f.name(), f.size(), f.sha256(), f.from(), true);
        } catch (ChatException e) {
            view.warn("Could not download " + f.name() + ": " + e.getMessage());
        }
    }

    @Override
    public void started(Download download, boolean resumed) {
        if (download.automatic()) {
            views.get().info((resumed ? "Resuming " : "Receiving ") + download.name() + " ("
                    + Sizes.format(download.size()) + ")" + (download.from() == null ? "" : " from "
                    + download.from()) + "…");
        }
    }

    @Override
    public void saved(Download download, Path file) {
        if (download.automatic()) {
            views.get().info("Saved " + Downloads.display(file, ClientOptionsParser.home()) + " ("
                    + Sizes.format(download.size()) + ", SHA-256 verified).");
        }
    }

    @Override
    public void failed(Download download, String why) {
        if (download.automatic()) {
            views.get().warn("Download of " + download.name() + " failed: " + why);
        }
    }
}
