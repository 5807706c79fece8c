package io.tcpchat.client.session;

import io.tcpchat.protocol.ServerEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Files announced so far (live, replayed or found in history), by file id. Thread-safe. */
public final class KnownFiles {

    private final Map<Long, ServerEvent.FileAvailable> byId = new ConcurrentHashMap<>();

    public void add(ServerEvent.FileAvailable file) {
        byId.put(file.file(), file);
    }

    public ServerEvent.FileAvailable get(long file) {
        return byId.get(file);
    }

    /** Oldest first. */
    public List<ServerEvent.FileAvailable> all() {
        List<ServerEvent.FileAvailable> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparingLong(ServerEvent.FileAvailable::seq));
        return list;
    }

    /**
     * Files whose id is {@code key} (a number, {@code #7} too), else whose name is {@code key}
     * (exactly, then ignoring case). Several results mean the key is ambiguous.
     */
    public List<ServerEvent.FileAvailable> find(String key) {
        String k = key.strip();
        String digits = k.startsWith("#") ? k.substring(1) : k;
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
            try {
                ServerEvent.FileAvailable f = byId.get(Long.parseLong(digits));
                return f == null ? List.of() : List.of(f);
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        List<ServerEvent.FileAvailable> exact = all().stream().filter(f -> f.name().equals(k)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        String lower = k.toLowerCase(Locale.ROOT);
        return all().stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
    }
}
