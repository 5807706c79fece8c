package io.tcpchat.server.history;

/**
 * State loaded from the database at startup that published events then keep current (the live
 * rooms): it says which {@code seq} it was loaded at. A cluster's tail starts publishing no later
 * than the lowest of them, since other replicas go on storing while this one starts; each skips
 * what it holds already. A server alone starts after every one of them anyway.
 */
public interface LoadedAt {

    /** The {@code seq} up to which the loaded state includes the events' effects. */
    long loadedAt();
}
