package io.tcpchat.server.chat;

/** Told about each fan-out of a batch; metrics implement it. */
public interface DeliveryCounter {

    /**
     * @param deliveries live deliveries the batch makes
     * @param nanos      from receipt of the batch's oldest request to its events being in the live log
     */
    void delivered(long deliveries, long nanos);
}
