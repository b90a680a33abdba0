package dev.aftercall.server.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aftercall.server.auth.OutletEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statements left for later ({@link Sql#later}) run before their transaction commits, or fail it. */
@QuarkusTest
class SqlLaterTest {
    private static final long FIRST = 9_300;
    private static final String INSERT_OUTLET = "insert into outlet (id, name) values (?, ?)";

    @Inject
    Sql sql;

    @BeforeEach
    void clean() {
        QuarkusTransaction.requiringNew().run(() -> OutletEntity.delete("id between ?1 and ?2", FIRST, FIRST + 10));
    }

    @Test
    void queuedStatementsRunAtRunQueuedOrElseBeforeTheCommit() {
        long seenBeforeRunQueued = QuarkusTransaction.requiringNew().call(() -> {
            sql.later(INSERT_OUTLET, FIRST, "later 1");
            sql.later(INSERT_OUTLET, FIRST + 1, "later 2");
            long before = outlets();
            sql.runQueued();
            assertEquals(2, outlets(), "run by runQueued, in this transaction");
            sql.later(INSERT_OUTLET, FIRST + 2, "left to the commit");
            return before;
        });
        assertEquals(0, seenBeforeRunQueued, "nothing ran when queued");
        assertEquals(3, QuarkusTransaction.requiringNew().call(SqlLaterTest::outlets), "the last one ran at commit");
    }

    @Test
    void aTransactionOfQueuedStatementsOnlyCommitsThem() {
        // Nothing else touched the database first: the statements still find the transaction's connection at commit.
        QuarkusTransaction.requiringNew().run(() -> sql.later(INSERT_OUTLET, FIRST + 3, "only later"));
        assertEquals(1, QuarkusTransaction.requiringNew().call(SqlLaterTest::outlets));
    }

    @Test
    void aQueuedStatementThatFailsFailsTheCommitAndNothingOfTheTransactionStands() {
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            sql.update(INSERT_OUTLET, FIRST + 5, "at once");
            sql.later(INSERT_OUTLET, FIRST + 6, "later");
            sql.later(INSERT_OUTLET, FIRST + 5, "the same id again");
        }));
        assertEquals(0, QuarkusTransaction.requiringNew().call(SqlLaterTest::outlets));
    }

    private static long outlets() {
        return OutletEntity.count("id between ?1 and ?2", FIRST, FIRST + 10);
    }
}
