package io.tcpchat.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code rooms} scenario through the command line against the real server, started
 * in-process with the rate limit off and room creation open to everyone, as a benchmark
 * server is started (bench users are not registered).
 */
class RoomsEndToEndTests {

    @TempDir
    static Path dir;

    private static TestServer server;
    private static int port;

    @BeforeAll
    static void startServer() {
        // everything the server stores goes to the temporary folder
        server = TestServer.start(dir, "--chat.rooms.create=everyone");
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyMemberGetsItsRoomsMessagesOnceInOrderAndNothingOfAnotherRoom() {
        BenchCommand.Run run = BenchCommand.run(port, "rooms", "--big", "4", "--rooms", "3", "--room-members", "3",
                "--messages", "50", "--warmup", "5", "--connections-per-source", "5",
                "--server-pid", String.valueOf(ProcessHandle.current().pid()));

        assertThat(run.problems()).as(run.stderr()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.figure("sent")).isEqualTo((4 + 3 * 3) * 50);
        assertThat(run.figure("acked")).isEqualTo((4 + 3 * 3) * 50);
        assertThat(run.figure("foreign_deliveries")).isZero();
        assertThat(run.figure("big_delivered")).isEqualTo(4 * 50 * 3);
        assertThat(run.figure("busy_delivered")).isEqualTo(3 * 3 * 50 * 2);
        assertThat(run.figure("delivered")).isEqualTo(4 * 50 * 3 + 3 * 3 * 50 * 2);
        assertThat(run.figure("big_lost") + run.figure("big_duplicated") + run.figure("big_out_of_order")).isZero();
        assertThat(run.figure("big_latency_samples")).isEqualTo(4 * 45 * 3);
        assertThat(run.decimal("big_latency_p99_us")).isPositive();
        assertThat(run.decimal("big_deliveries_per_sec")).isPositive();
        assertThat(run.decimal("server_cpu_us_per_delivery")).isPositive();
    }

    @Test
    void busyRoomsCanBePacedAndSendTheirOwnNumber() {
        BenchCommand.Run run = BenchCommand.run(port, "rooms", "--big", "3", "--rooms", "2", "--room-members", "2",
                "--messages", "20", "--busy-messages", "40", "--busy-rate", "200", "--window", "4");

        assertThat(run.problems()).as(run.stderr()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.figure("big_delivered")).isEqualTo(3 * 20 * 2);
        assertThat(run.figure("busy_delivered")).isEqualTo(2 * 2 * 40);
        assertThat(run.decimal("busy_send_lag_p99_us")).isNotNegative();
    }
}
