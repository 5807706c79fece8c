package io.tcpchat.client.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One socket and its streams, with what its reader learnt about its end; replaced on every
 * reconnection. Writes are whole frames, serialized, so any thread may write.
 */
final class Link {

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    volatile Thread reader;
    volatile long lastWrite = System.nanoTime();
    volatile long lastRead = System.nanoTime();
    volatile String byeReason;
    volatile String problem;
    /** We are saying goodbye: the end of this link is not a drop. */
    volatile boolean leaving;

    Link(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    void write(byte[] frame) throws IOException {
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
        lastWrite = System.nanoTime();
    }

    void closeQuietly() {
        closeQuietly(socket);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
