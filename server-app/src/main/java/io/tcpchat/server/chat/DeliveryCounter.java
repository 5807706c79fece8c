package io.tcpchat.server.chat;

/** Told about each message taken and each fan-out of a batch; metrics implement it. */
public interface DeliveryCounter {

    /** A {@code msg} was accepted for storing, from any transport. */
    void message();

    /**
     * @param deliveries live deliveries the batch makes
     * @param nanos      from receipt of the batch's oldest request to its events being in the live log
     */
    void delivered(long deliveries, long nanos);
}
