package dev.aftercall.server.call;

import static dev.aftercall.server.support.Api.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftercall.server.job.ClaimedJob;
import dev.aftercall.server.job.JobEntity;
import dev.aftercall.server.job.JobWorker;
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
 * generated keys of the batch are matched to the calls in order, on H2 and on PostgreSQL (pg profile).
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
                JobEntity job = QuarkusTransaction.requiringNew().call(() ->
                        JobEntity.<JobEntity>find("callPk", stored.pk).singleResult());
                if (i == 2) {
                    assertThat(stored.status).isEqualTo(CallEntity.PROCESSING);
                    assertThat(job.status).isEqualTo(JobEntity.RUNNING);
                    assertThat(job.leaseOwner).isEqualTo(direct.owner());
                    assertThat(answers.get(i)).isEqualTo(
                            new ClaimedJob(job.pk, stored.pk, JobEntity.PROCESS_CALL, null, 1));
                } else {
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

    private static Instant dueAt(int i) {
        return Instant.parse("2090-01-01T00:00:00Z").plusSeconds(86_400L * i);
    }
}
