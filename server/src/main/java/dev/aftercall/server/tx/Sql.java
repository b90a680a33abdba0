package dev.aftercall.server.tx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Plain JDBC statements on the connection of the current transaction (the one Hibernate's session uses), for the
 * handful of writes and reads every call makes on its way through the pipeline. Through Hibernate each of those
 * cost more CPU than the database spent on it (an entity action per insert, a query translation and a cache sweep
 * per bulk update: BENCHMARKS.md, run of 2026-12-05); here a statement is a prepared statement and nothing
 * else. Everything else in the server keeps using Panache entities.
 *
 * <p>Call inside a transaction. A statement runs at once, not at flush: a caller that also changed managed entities
 * in the same transaction must not depend on their order. Parameters are bound with {@code setObject}; an
 * {@link Instant} is bound as a UTC {@link OffsetDateTime} (every timestamp column is {@code with time zone}).
 * A failing statement throws Hibernate's translation of its {@link SQLException}, which stays the cause, so
 * callers can still read its SQL state.
 */
@ApplicationScoped
public class Sql {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    private static final String[] GENERATED_PK = {"pk"};

    /** The key of a transaction's statements queued by {@link #later}. */
    private static final Object LATER = new Object();

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    /** Set on first use: the database kind is fixed at build time, so it never changes in a process. */
    private volatile Boolean h2;

    public Sql(EntityManager em, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.transactions = transactions;
    }

    /** Whether the database is H2 (the embedded default) rather than PostgreSQL, where a statement's shape differs. */
    public boolean isH2() {
        Boolean known = h2;
        if (known == null) {
            known = session().doReturningWork(connection ->
                    "H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName()));
            h2 = known;
        }
        return known;
    }

    /**
     * What a foreign key's check does before a row pointing at {@code pk} of {@code parent} is inserted, for the
     * tables whose key PostgreSQL does without (V16_2, where it says why): answers whether that parent row exists,
     * locked {@code FOR KEY SHARE} until the transaction ends, so that it cannot be deleted meanwhile (a delete that
     * got there first is waited for). On H2, whose tables keep their keys, answers true and asks nothing.
     */
    public boolean lockParent(String parent, long pk) {
        return isH2() || !query("select pk from " + parent + " where pk = ? for key share", row -> row.getLong(1), pk)
                .isEmpty();
    }

    /** Runs an insert, update or delete; answers the number of rows changed. */
    public int update(String sql, Object... args) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, args);
                return statement.executeUpdate();
            }
        });
    }

    /** Runs an insert into a table whose key column {@code pk} is generated; answers the new row's pk. */
    public long insert(String sql, Object... args) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, GENERATED_PK)) {
                bind(statement, args);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no generated key: " + sql);
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * Runs an insert once per row of {@code rows} as one JDBC batch (one round trip to PostgreSQL for all of them);
     * answers the new rows' pks in the order of {@code rows}. One row runs as {@link #insert}, so a failing row
     * throws just as it would there.
     */
    public long[] insertAll(String sql, List<Object[]> rows) {
        if (rows.size() == 1) {
            return new long[] {insert(sql, rows.get(0))};
        }
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, GENERATED_PK)) {
                for (Object[] row : rows) {
                    bind(statement, row);
                    statement.addBatch();
                }
                statement.executeBatch();
                long[] pks = new long[rows.size()];
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    for (int i = 0; i < pks.length; i++) {
                        if (!keys.next()) {
                            throw new SQLException(i + " generated keys for " + pks.length + " rows: " + sql);
                        }
                        pks[i] = keys.getLong(1);
                    }
                }
                return pks;
            }
        });
    }

    /**
     * Queues an insert, update or delete whose outcome the caller does not need (no count, no key), to run later in
     * this transaction with the others queued with the same SQL: one JDBC batch per statement, so on PostgreSQL one
     * round trip for all of them where each would cost one. They run at {@link #runQueued} (the group commit calls it
     * before it commits) or else just before the transaction commits, from a synchronization, where Agroal then logs
     * that it closes the connection handle they used; a failing one fails the commit like any statement. Nothing in
     * the transaction may read what a queued statement writes. Call inside a transaction.
     */
    public void later(String sql, Object... args) {
        @SuppressWarnings("unchecked")
        Map<String, List<Object[]>> queued = (Map<String, List<Object[]>>) transactions.getResource(LATER);
        if (queued == null) {
            // The session joins the transaction now, with its connection: at commit no new synchronization or
            // connection may be enlisted any more, and the queued statements must run on this connection.
            session().doWork(connection -> { });
            Map<String, List<Object[]>> mine = new LinkedHashMap<>();
            transactions.putResource(LATER, mine);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    runQueued(mine);
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            queued = mine;
        }
        queued.computeIfAbsent(sql, ignored -> new ArrayList<>()).add(args);
    }

    /** Runs the statements {@link #later} queued in this transaction so far, a batch per statement. */
    public void runQueued() {
        if (transactions.getTransactionKey() != null) {
            @SuppressWarnings("unchecked")
            Map<String, List<Object[]>> queued = (Map<String, List<Object[]>>) transactions.getResource(LATER);
            if (queued != null) {
                runQueued(queued);
            }
        }
    }

    private void runQueued(Map<String, List<Object[]>> queued) {
        for (Map.Entry<String, List<Object[]>> statement : queued.entrySet()) {
            // Nobody reads these counts: a driver may leave them out (pgjdbc's reWriteBatchedInserts=true sends a
            // batch of inserts as one multi-row insert and answers SUCCESS_NO_INFO for each row).
            batch(statement.getKey(), statement.getValue(), false);
        }
        queued.clear();
    }

    /**
     * Runs an insert, update or delete once per row of {@code rows} as one JDBC batch (one round trip to PostgreSQL
     * for all of them); answers the number of rows each changed, in the order of {@code rows}. One row runs as
     * {@link #update}.
     */
    public int[] updateAll(String sql, List<Object[]> rows) {
        return batch(sql, rows, true);
    }

    private int[] batch(String sql, List<Object[]> rows, boolean counted) {
        if (rows.size() == 1) {
            return new int[] {update(sql, rows.get(0))};
        }
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(statement, row);
                    statement.addBatch();
                }
                int[] counts = statement.executeBatch();
                for (int count : counts) {
                    // SUCCESS_NO_INFO: a driver that does not count per row would fool a caller that reads counts.
                    if (counted && count < 0) {
                        throw new SQLException("the driver did not count the rows of a batch: " + sql);
                    }
                }
                return counts;
            }
        });
    }

    /** Runs a query; answers its rows as {@code row} maps them. */
    public <T> List<T> query(String sql, Row<T> row, Object... args) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, args);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(row.map(rows));
                    }
                    return out;
                }
            }
        });
    }

    /** {@code "?, ?, ?"} for {@code values}: the placeholders of an {@code in (...)} list, bound with {@link #args}. */
    public static String placeholders(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    /** {@code first} followed by every element of {@code rest}: the arguments of a statement ending in a list. */
    public static Object[] args(Collection<?> rest, Object... first) {
        List<Object> all = new ArrayList<>(first.length + rest.size());
        Collections.addAll(all, first);
        all.addAll(rest);
        return all.toArray();
    }

    /** A nullable {@code bigint} column of the current row. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i] instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : args[i];
            statement.setObject(i + 1, arg);
        }
    }
}
