package dev.aftercall.server.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.aftercall.server.auth.OutletEntity;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * pgjdbc's {@code reWriteBatchedInserts=true}, a common setting in PostgreSQL URLs, sends a batch of inserts as one
 * multi-row insert and answers SUCCESS_NO_INFO for each row. Statements left for later ({@link Sql#later}), whose
 * counts nobody reads, run all the same (before, each such batch failed its group commit, and every unit of the group
 * ran again alone); {@link Sql#updateAll}, whose counts its callers read, refuses to answer made-up ones.
 */
@QuarkusTest
@TestProfile(SqlRewrittenInsertsTest.RewrittenInserts.class)
class SqlRewrittenInsertsTest {
    private static final long FIRST = 9_400;
    private static final String INSERT_OUTLET = "insert into outlet (id, name) values (?, ?)";

    /** The setting on the PostgreSQL run of the suite; H2 has no such setting (and would refuse it). */
    public static class RewrittenInserts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return "pg".equals(System.getProperty("quarkus.test.profile"))
                    ? Map.of("quarkus.datasource.jdbc.additional-jdbc-properties.reWriteBatchedInserts", "true")
                    : Map.of();
        }
    }

    @Inject
    Sql sql;

    @Inject
    TestDatabase database;

    @Test
    void queuedInsertsRunWhenTheDriverDoesNotCountTheirRows() {
        assumeFalse(database.isH2(), "the setting is pgjdbc's");
        QuarkusTransaction.requiringNew().run(() -> OutletEntity.delete("id between ?1 and ?2", FIRST, FIRST + 10));

        QuarkusTransaction.requiringNew().run(() -> {
            sql.later(INSERT_OUTLET, FIRST, "later 1");
            sql.later(INSERT_OUTLET, FIRST + 1, "later 2");
            sql.later(INSERT_OUTLET, FIRST + 2, "later 3");
            sql.runQueued();
        });

        assertThat(QuarkusTransaction.requiringNew().call(
                () -> OutletEntity.count("id between ?1 and ?2", FIRST, FIRST + 10))).isEqualTo(3);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> sql.updateAll(INSERT_OUTLET,
                List.of(new Object[] {FIRST + 3, "counted 1"}, new Object[] {FIRST + 4, "counted 2"}))))
                .hasStackTraceContaining("the driver did not count the rows of a batch");
    }
}
