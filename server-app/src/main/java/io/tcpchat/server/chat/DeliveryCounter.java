package io.tcpchat.server.chat;

/** Told about each fan-out; metrics implement it. */
public interface DeliveryCounter {

    void delivered(int recipients, int frameBytes, long nanos);
}
