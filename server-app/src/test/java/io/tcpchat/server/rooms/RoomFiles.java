package io.tcpchat.server.rooms;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Small files to and from a room, whole in one D frame. */
final class RoomFiles {

    private RoomFiles() {
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static ServerEvent.Ack upload(TestClient c, String name, byte[] bytes, String room) throws Exception {
        var ready = (ServerEvent.UploadReady) c.request(
                new ClientEvent.Upload(name, (long) bytes.length, sha256(bytes), null, room, "up-" + name));
        c.sendRaw(FrameEncoder.data(ready.file(), 0, bytes, 0, bytes.length));
        ServerEvent.Ack ack = c.await(ServerEvent.Ack.class, a -> a.file() != null && a.file() == ready.file());
        assertThat(ack.seq()).isNotNull();
        return ack;
    }

    static byte[] download(TestClient c, long file) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.onData(d -> bytes.write(d.data(), 0, d.data().length));
        var start = c.request(new ClientEvent.Download(file, null, "dl-" + file));
        assertThat(start).isInstanceOf(ServerEvent.DownloadStart.class);
        c.await(ServerEvent.DownloadEnd.class);
        c.onData(null);
        return bytes.toByteArray();
    }
}
