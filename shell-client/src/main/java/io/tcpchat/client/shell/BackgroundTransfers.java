package io.tcpchat.client.shell;

import io.tcpchat.client.ClientOptionsParser;
import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.files.Download;
import io.tcpchat.client.files.Downloads;
import io.tcpchat.client.files.FileSender;
import io.tcpchat.client.files.Sizes;
import io.tcpchat.client.session.ChatSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /sendfile} and {@code /download} at a terminal: each runs on a thread of its own, its
 * progress in the status line at the bottom, while the prompt stays free for chat. Its end
 * (saved, sent, failed, cancelled) is a line above the prompt. {@code /cancel} stops one.
 */
final class BackgroundTransfers {

    /** A transfer in progress, as the status line shows it. */
    private static final class Running {
        final String key;
        final String label;
        final long started = System.nanoTime();
        volatile long done;
        volatile long total;
        volatile long base;
        volatile Thread thread;
        volatile Download download;
        volatile boolean cancelled;
        /** An upload's: {@code checking} while its SHA-256 is computed, then {@code sending}. */
        volatile String phase;

        Running(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    private final ChatSession session;
    private final ShellContext shell;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final AtomicLong uploads = new AtomicLong();

    BackgroundTransfers(ChatSession session, ShellContext shell) {
        this.session = session;
        this.shell = shell;
    }

    boolean isEmpty() {
        return running.isEmpty();
    }

    /** Uploads {@code file} in the background; {@code /cancel <name>} stops it. */
    void upload(Path file, String to) {
        String name = file.getFileName().toString();
        Running r = new Running("upload-" + uploads.incrementAndGet(), "sending " + name);
        running.put(r.key, r);
        r.thread = Thread.ofPlatform().daemon().name("chat-upload").start(() -> {
            try {
                long[] drawn = {0};
                FileSender.Sent sent = session.sendFile(file, to, (phase, done, total) -> {
                    r.phase = phase;
                    r.done = done;
                    r.total = total;
                    long now = System.nanoTime();
                    if (now - drawn[0] > 100_000_000L || done == total) { // ten a second, and the last
                        drawn[0] = now;
                        redraw();
                    }
                });
                print("Sent " + sent.name() + " (" + Sizes.format(sent.size()) + ") as file #" + sent.file()
                        + (to == null || to.isBlank() ? "." : " to " + to + "."));
            } catch (ChatException e) {
                if (r.cancelled) {
                    print("Cancelled: " + name + " was not sent."); // what /cancel asked for: no problem
                } else {
                    shell.console().printError(e.getMessage());
                }
            } finally {
                end(r);
            }
        });
        redraw();
    }

    /** Follows a started download in the background until it is saved, fails or is cancelled. */
    void download(Download download) {
        String name = download.name() == null ? "#" + download.file() : download.name();
        Running r = new Running("download-" + download.file(), "receiving " + name);
        r.download = download;
        running.put(r.key, r);
        r.thread = Thread.ofPlatform().daemon().name("chat-download").start(() -> {
            try {
                while (true) {
                    try {
                        Path saved = download.result().get(200, TimeUnit.MILLISECONDS);
                        print("Saved " + Downloads.display(saved, ClientOptionsParser.home()) + " ("
                                + Sizes.format(download.size()) + ", SHA-256 verified).");
                        return;
                    } catch (TimeoutException stillComing) {
                        r.done = download.received();
                        r.total = download.size();
                        r.base = download.resumedFrom();
                        redraw();
                    }
                }
            } catch (ExecutionException e) {
                if (running.containsKey(r.key)) { // not cancelled: /cancel has said so already
                    shell.console().printError(e.getCause() instanceof ChatException c ? c.getMessage()
                            : "Download of " + name + " failed: " + e.getCause().getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                end(r);
            }
        });
        redraw();
    }

    /**
     * Stops the upload of a file called {@code key} ({@code true}); its thread then says so.
     * Downloads are cancelled through the session, which also tells the server.
     */
    boolean cancelUpload(String key) {
        for (Running r : running.values()) {
            if (r.download == null && r.label.equalsIgnoreCase("sending " + key.strip())) {
                r.cancelled = true;
                r.thread.interrupt(); // FileSender tells the server
                return true;
            }
        }
        return false;
    }

    /** A cancelled download: its line ends now, quietly. */
    void forget(long file) {
        Running r = running.remove("download-" + file);
        if (r != null) {
            r.thread.interrupt();
            redraw();
        }
    }

    private void end(Running r) {
        running.remove(r.key);
        redraw();
    }

    private void print(String line) {
        shell.console().print(shell.console().renderer().info(line));
    }

    private void redraw() {
        Console console = shell.console();
        List<String> lines = new ArrayList<>();
        ProgressBar bar = new ProgressBar(20, console.renderer().unicode());
        for (Running r : running.values()) {
            Download d = r.download;
            String label = d != null && d.name() != null ? "receiving " + d.name() // named by the server
                    : r.phase != null ? r.phase + r.label.substring(r.label.indexOf(' ')) : r.label;
            lines.add(bar.render(label, r.done, r.total, System.nanoTime() - r.started, r.base));
        }
        console.status(lines);
    }
}
