package io.tcpchat.server.files;

/** Told about file traffic; metrics implement it. */
public interface TransferCounter {

    void uploaded(long bytes);

    void uploadedBytes(int bytes);

    void downloadedBytes(int bytes);
}
