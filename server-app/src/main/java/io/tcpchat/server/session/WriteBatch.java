package io.tcpchat.server.session;

/**
 * What a connection's writer hands its transport for one write: the first {@code length}
 * bytes of {@code bytes}, whole frames. The array is the writer's own buffer, reused for its
 * next write once this one has returned, so a transport must write it before returning.
 */
public record WriteBatch(byte[] bytes, int length) {
}
