package dev.aftercall.server.call;

import static dev.aftercall.server.support.Api.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.job.ClaimedJob;
import dev.aftercall.server.job.JobEntity;
import dev.aftercall.server.job.JobWorker;
import dev.aftercall.server.support.TestDatabase;
import dev.aftercall.server.tx.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Calls stored together ({@link CallStore#insertAll}, one JDBC batch per statement) each get their own job: the
 * generated keys of the batch are matched to the calls in order, on H2 and on PostgreSQL (pg profile). Also how each
 * database is set up to store the per-call rows cheaply (lz4 on PostgreSQL, a large key cache on H2).
 */
@QuarkusTest
class CallStoreTest {
    private static final long OUTLET = 1;

    @Inject
    CallStore store;

    @Inject
    JobWorker worker;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Inject
    TestDatabase database;

    @Test
    void callsStoredTogetherEachGetTheirOwnJob() {
        String prefix = "store-all-" + UUID.randomUUID() + "-";
        JobWorker.Reservation direct = worker.reserve().orElseThrow();
        List<CallStore.NewCall> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Queued ones due years ahead, each at its own day, so the worker leaves them and the day names the call.
            calls.add(new CallStore.NewCall(OUTLET, CallDocument.of(json.valueToTree(call(prefix + i, "store-all"))),
                    dueAt(i), i == 2 ? direct : null));
        }
        try {
            List<ClaimedJob> answers = QuarkusTransaction.requiringNew().call(() -> store.insertAll(calls));

            assertThat(answers).hasSize(5);
            for (int i = 0; i < 5; i++) {
                String callId = prefix + i;
                CallEntity stored = QuarkusTransaction.requiringNew().call(() ->
                        CallEntity.findByCallId(OUTLET, callId).orElseThrow());
                List<JobEntity> jobRows = database.jobsOfCallPk(stored.pk);
                if (i == 2) {
                    // Handed over: the call row is its job, leased to the reservation's owner (V17).
                    assertThat(stored.status).isEqualTo(CallEntity.PROCESSING);
                    assertThat(stored.attempts).isEqualTo(1);
                    assertThat(database.callLeaseOwner(stored.pk)).isEqualTo(direct.owner());
                    assertThat(database.callLeaseUntil(stored.pk)).isAfter(Instant.now());
                    assertThat(jobRows).isEmpty();
                    assertThat(answers.get(i)).isEqualTo(ClaimedJob.leasedOnCall(stored.pk));
                } else {
                    JobEntity job = jobRows.get(0);
                    assertThat(jobRows).hasSize(1);
                    assertThat(database.callLeaseOwner(stored.pk)).isNull();
                    assertThat(stored.status).isEqualTo(CallEntity.QUEUED);
                    assertThat(job.status).isEqualTo(JobEntity.QUEUED);
                    assertThat(job.runAt).as("the job of " + callId).isEqualTo(dueAt(i));
                    assertThat(answers.get(i)).isNull();
                }
            }
        } finally {
            direct.cancel();
            QuarkusTransaction.requiringNew().run(() -> {
                JobEntity.delete("callPk in (select pk from CallEntity where callId like ?1)", prefix + "%");
                CallEntity.delete("callId like ?1", prefix + "%");
            });
        }
    }

    /**
     * On PostgreSQL the per-call JSON columns compress with lz4 (V16_3): a call whose document passes the ~2 kB at
     * which PostgreSQL starts compressing is stored lz4 and reads back whole; the results and run state columns are
     * set so too.
     */
    @Test
    void aLongCallIsStoredWithLz4OnPostgresql() throws Exception {
        assumeFalse(database.isH2(), "column compression is PostgreSQL's");
        String callId = "lz4-" + UUID.randomUUID();
        ObjectNode posted = json.valueToTree(call(callId, "lz4"));
        ArrayNode transcript = posted.putArray("transcript");
        for (int turn = 0; turn < 200; turn++) {
            transcript.addObject().put("role", turn % 2 == 0 ? "agent" : "user")
                    .put("content", "Turn " + turn + ": about the renewal of policy " + (turn * 7919 % 10_007) + ".");
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> store.insertAll(List.of(
                    new CallStore.NewCall(OUTLET, CallDocument.of(posted), dueAt(0), null))));

            List<String[]> stored = QuarkusTransaction.requiringNew().call(() -> sql.query(
                    "select pg_column_compression(document), document from call where outlet_id = ? and call_id = ?",
                    row -> new String[] {row.getString(1), row.getString(2)}, OUTLET, callId));
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0)[0]).isEqualTo("lz4");
            assertThat(json.readTree(stored.get(0)[1]).get("transcript")).isEqualTo(transcript);
            assertThat(QuarkusTransaction.requiringNew().call(() -> sql.query(
                    "select attrelid::regclass || '.' || attname from pg_attribute where attcompression = 'l' "
                            + "and attrelid in ('call'::regclass, 'flow_run'::regclass)", row -> row.getString(1))))
                    .containsExactlyInAnyOrder("call.document", "call.results", "flow_run.state");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                JobEntity.delete("callPk in (select pk from CallEntity where callId = ?1)", callId);
                CallEntity.delete("callId", callId);
            });
        }
    }

    /**
     * On H2 the identity columns of the tables written per call or per event hand out keys from a cache of 4,096
     * (V16_3 of db/h2), not H2's 32: each time a cache runs out, H2 commits the sequence on its own, writing every
     * page changed since the last commit.
     */
    @Test
    void perCallTablesTakeTheirKeysFromALargeCacheOnH2() {
        assumeTrue(database.isH2(), "the cache is set for H2");
        assertThat(QuarkusTransaction.requiringNew().call(() -> sql.query(
                "select lower(table_name), identity_cache from information_schema.columns where column_name = 'PK' "
                        + "and table_schema = 'PUBLIC' and is_identity = 'YES' and identity_cache > 32",
                row -> row.getString(1) + " " + row.getLong(2))))
                .containsExactlyInAnyOrder("call 4096", "job 4096", "flow_run 4096", "delivery 4096",
                        "delivery_attempt 4096", "scheduled_call 4096", "intake_log 4096");
    }

    private static Instant dueAt(int i) {
        return Instant.parse("2090-01-01T00:00:00Z").plusSeconds(86_400L * i);
    }
}
