package io.tcpchat.server.tcp;

/** Told about what arrives; metrics implement it. */
public interface InboundCounter {

    void received(int bytes);
}
