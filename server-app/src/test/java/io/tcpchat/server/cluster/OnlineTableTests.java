package io.tcpchat.server.cluster;

import io.tcpchat.server.history.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names online cluster-wide, on the local PostgreSQL: one claim per name whatever the case and the
 * replica; a reconnect on the replica where the name is leaving takes the claim over, and the
 * old session's late release then leaves it alone.
 */
class OnlineTableTests {

    String schema;
    DataSource dataSource;

    @BeforeEach
    void schema() {
        schema = Databases.postgresSchema();
        dataSource = Databases.postgres(schema);
    }

    @AfterEach
    void drop() {
        Databases.dropPostgres(schema);
    }

    @Test
    void oneClaimPerNameAndATakeoverOnlyWhereItIsLeaving() {
        OnlineTable here = new OnlineTable(dataSource, "n1");
        OnlineTable there = new OnlineTable(dataSource, "n2");
        assertThat(here.claim("Ann", "s1")).isTrue();
        assertThat(there.claim("ann", "s9")).as("any case, any replica").isFalse();
        assertThat(here.claim("ANN", "s2")).as("online here, not leaving").isFalse();
        assertThat(there.online("aNN")).isEqualTo("Ann");
        assertThat(there.onlineNames()).containsExactly("Ann");

        here.leaving("Ann", "s1");
        assertThat(there.claim("ann", "s9")).as("elsewhere only once its left is stored").isFalse();
        assertThat(here.claim("ann", "s2")).as("a reconnect here takes it over").isTrue();
        here.release("Ann", "s1"); // the old session's release, late
        assertThat(there.online("ann")).as("the new session's claim stays").isEqualTo("ann");

        here.release("ann", "s2");
        assertThat(there.online("ann")).isNull();
        assertThat(there.claim("ann", "s9")).isTrue();
    }
}
