package io.tcpchat.server.tcp;

import io.tcpchat.server.session.WriteBatch;
import org.springframework.core.serializer.Serializer;

import java.io.IOException;
import java.io.OutputStream;

/** Outgoing payloads are batches of frames already encoded by an outbox: written as they are. */
final class WriteBatchSerializer implements Serializer<Object> {

    @Override
    public void serialize(Object payload, OutputStream out) throws IOException {
        switch (payload) {
            case WriteBatch batch -> out.write(batch.bytes(), 0, batch.length());
            case byte[] bytes -> out.write(bytes);
            default -> throw new IOException("cannot write a " + payload.getClass().getName());
        }
    }
}
