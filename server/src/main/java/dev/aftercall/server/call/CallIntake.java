package dev.aftercall.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.job.ClaimedJob;
import dev.aftercall.server.job.JobWorker;
import dev.aftercall.server.job.ProcessCallJob;
import dev.aftercall.server.pipeline.Blocking;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.tx.GroupCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Receives finished calls, idempotently: the first post of a call id stores the call and queues its processing;
 * every later post of the same id (same outlet), however concurrent, stores and runs nothing and answers with the
 * stored call. The database's unique constraint on (outlet, call id) decides which post is first.
 */
@ApplicationScoped
public class CallIntake {
    /** SQLSTATE of a unique violation, the same on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Stores posted calls, those that arrive together in one go (one instance: the answer lane groups by it). */
    private final GroupCommit.BatchWork<CallStore.NewCall, ClaimedJob> inserts;
    private final CallViews views;
    private final GroupCommit commits;
    private final JobWorker worker;
    private final ProcessCallJob processCall;
    private final TransactionSynchronizationRegistry transactions;
    private final Counter received;

    public CallIntake(CallStore store, CallViews views, GroupCommit commits, JobWorker worker,
                      ProcessCallJob processCall, TransactionSynchronizationRegistry transactions,
                      MeterRegistry metrics) {
        this.inserts = store::insertAll;
        this.views = views;
        this.commits = commits;
        this.worker = worker;
        this.processCall = processCall;
        this.transactions = transactions;
        this.received = Counter.builder("aftercall.calls.received")
                .description("Calls stored for processing (repeats of a stored call id are not counted)")
                .register(metrics);
    }

    /** What the post did: {@code created} with the queued answer, or the stored call's detail for a repeat. */
    public record Received(boolean created, ObjectNode body) {
    }

    /** As {@link #receive(long, JsonNode, Instant)}, due now. */
    public CompletionStage<Received> receive(long outletId, JsonNode body) {
        return receive(outletId, body, Instant.now());
    }

    /**
     * Stores the call with its processing due at {@code runAt} (now or later); the answer comes once it is committed.
     * An invalid call throws at once, before anything is written.
     *
     * <p>A call due now goes straight to this process's job worker when it has a free slot and nothing waits in the
     * queue ({@link JobWorker#admit}, which waits a while for a slot when none is free): stored {@code processing}
     * with its job running, it starts once committed, without a claim. The answer says {@code queued} either way:
     * the call is accepted for processing.
     */
    public CompletionStage<Received> receive(long outletId, JsonNode body, Instant runAt) {
        CallDocument call = CallDocument.of(body);
        CompletionStage<Optional<JobWorker.Reservation>> slot = runsNow(runAt) ? worker.admit()
                : CompletableFuture.completedFuture(Optional.empty());
        return slot.thenCompose(reserved -> store(outletId, call, runAt, reserved.orElse(null)));
    }

    private CompletionStage<Received> store(long outletId, CallDocument call, Instant runAt,
                                            JobWorker.Reservation direct) {
        // Insert first: a new call (the common case) costs a share of one transaction and of its statements. A
        // repeat fails on the unique key.
        return commits.answer(inserts, new CallStore.NewCall(outletId, call, runAt, direct))
                .<CompletionStage<Received>>handle((job, error) -> {
            if (error == null && direct != null) {
                processCall.runStored(direct, job,
                        CallWork.handedOver(job.callPk(), call.callId(), outletId, call.agent(), call.json()));
            } else if (direct != null) {
                direct.cancel();
            }
            if (error == null) {
                received.increment();
                ObjectNode queued = JsonNodeFactory.instance.objectNode();
                queued.put("call_id", call.callId());
                queued.put("status", CallEntity.QUEUED);
                return CompletableFuture.completedFuture(new Received(true, queued));
            }
            if (!isUniqueViolation(error)) {
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            }
            // Posted before, or a concurrent post of the same id committed first (the insert waited for it). The
            // read brings its own transaction (or joins the caller's, where the write ran inside it), on a thread
            // that may block: this runs on the thread that attached it, an event loop, if the write had already
            // been committed by then.
            return Blocking.call(() -> new Received(false, QuarkusTransaction.joiningExisting().call(() ->
                    views.detail(outletId, call.callId())).orElseThrow(() -> new ApiException(409,
                    "call " + call.callId() + " is being stored; post it again", null, null))));
        }).thenCompose(received -> received);
    }

    /** Due now, and not inside a caller's transaction (its job must not start before that commits). */
    private boolean runsNow(Instant runAt) {
        return !runAt.isAfter(Instant.now()) && transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
