package dev.aftercall.server.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftercall.server.support.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC helper the per-call writes go through, against the real database of the profile (H2, or PostgreSQL
 * under the pg profile): generated keys, nulls, timestamps, the transaction it joins, and errors that still carry
 * the database's SQL state.
 */
@QuarkusTest
class SqlTest {
    static final long OUTLET = 9_300;

    @Inject
    Sql sql;

    @Inject
    TestDatabase database;

    @BeforeEach
    void outlet() {
        database.ensureOutlet(OUTLET, "sql test");
    }

    private record Row(long pk, String callId, String agent, Instant createdAt) {
    }

    private long insertCall(String callId, String agent, Instant at) {
        return sql.insert("""
                        insert into call (outlet_id, call_id, agent, status, document, created_at, updated_at)
                        values (?, ?, ?, 'queued', '{}', ?, ?)""",
                OUTLET, callId, agent, at, at);
    }

    private List<Row> calls(List<Long> pks) {
        return sql.query("select pk, call_id, agent, created_at from call where pk in (" + Sql.placeholders(pks)
                        + ") order by pk",
                row -> new Row(row.getLong("pk"), row.getString("call_id"), row.getString("agent"),
                        row.getObject("created_at", OffsetDateTime.class).toInstant()),
                pks.toArray());
    }

    @Test
    void insertAnswersTheGeneratedKeyAndBindsNullsAndInstants() {
        Instant at = Instant.parse("2026-03-04T05:06:07.123456Z");
        String prefix = "sql-" + UUID.randomUUID();
        List<Long> pks = QuarkusTransaction.requiringNew().call(() -> List.of(
                insertCall(prefix + "-a", "agent-a", at),
                insertCall(prefix + "-b", null, at.plus(1, ChronoUnit.DAYS))));

        assertThat(pks.get(1)).isGreaterThan(pks.get(0));
        List<Row> rows = QuarkusTransaction.requiringNew().call(() -> calls(pks));
        assertThat(rows).containsExactly(
                new Row(pks.get(0), prefix + "-a", "agent-a", at),
                new Row(pks.get(1), prefix + "-b", null, at.plus(1, ChronoUnit.DAYS)));
    }

    @Test
    void updateAnswersTheRowsChangedAndRollsBackWithItsTransaction() {
        String callId = "sql-" + UUID.randomUUID();
        long pk = QuarkusTransaction.requiringNew().call(() -> insertCall(callId, "before", Instant.now()));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            assertThat(sql.update("update call set agent = ? where pk in (" + Sql.placeholders(List.of(pk, -1L))
                    + ")", Sql.args(List.of(pk, -1L), "during"))).isEqualTo(1);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(QuarkusTransaction.requiringNew().call(() -> calls(List.of(pk))).get(0).agent())
                .isEqualTo("before");
    }

    @Test
    void aFailingStatementKeepsTheDatabasesSqlState() {
        String callId = "sql-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> insertCall(callId, null, Instant.now()));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> insertCall(callId, null, Instant.now())))
                .satisfies(error -> {
                    Throwable cause = error;
                    while (cause != null && !(cause instanceof SQLException)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).as("an SQLException in the causes of %s", error).isNotNull();
                    assertThat(((SQLException) cause).getSQLState()).isEqualTo("23505"); // unique violation
                });
    }
}
