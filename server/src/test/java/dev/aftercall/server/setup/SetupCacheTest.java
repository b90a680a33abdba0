package dev.aftercall.server.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aftercall.engine.extract.ExtractionField;
import dev.aftercall.engine.extract.FieldType;
import dev.aftercall.server.extraction.VariableStore;
import dev.aftercall.server.extraction.VariableStore.CallVariable;
import dev.aftercall.server.extraction.VariableStore.VariableInput;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outlet configuration the pipeline keeps in memory: a change made through this process is seen by the next
 * call, a change rolled back never is, and a change another process made (a row written behind Hibernate's back)
 * is seen once {@code aftercall.setup-cache.ttl} (1 s) has passed.
 */
@QuarkusTest
class SetupCacheTest {
    static final long OUTLET = 72;

    @Inject
    VariableStore variables;

    @Inject
    SetupChanges changes;

    @Inject
    EntityManager em;

    @Inject
    TestDatabase database;

    @BeforeEach
    void cleanOutlet() {
        database.ensureOutlet(OUTLET, "SetupCacheTest");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from extraction_variable where outlet_id = " + OUTLET).executeUpdate());
        waitPastTtl(); // the delete above went behind the cache's back
    }

    @Test
    void aChangeThroughThisProcessIsSeenByTheNextCall() {
        assertEquals(List.of(), names());
        variables.save(OUTLET, List.of(input("budget")));
        assertEquals(List.of("budget"), names());
        long id = variables.all(OUTLET).get(0).pk;
        assertTrue(variables.delete(OUTLET, id));
        assertEquals(List.of(), names());
    }

    @Test
    void aChangeRolledBackIsNeverSeen() {
        assertEquals(List.of(), names());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                variables.save(OUTLET, List.of(input("budget")));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(List.of(), names());
    }

    @Test
    void aChangeByAnotherProcessIsSeenAfterTheTtl() {
        assertEquals(List.of(), names());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into extraction_variable (outlet_id, agent, var_name, var_type, destination_ids,
                                                         position, created_at, updated_at)
                        values (?1, '', 'budget', 'number', '[]', 0, ?2, ?2)""")
                .setParameter(1, OUTLET).setParameter(2, Instant.now()).executeUpdate());
        waitPastTtl();
        assertEquals(List.of("budget"), names());
    }

    @Test
    void anEntryLoadedWhileAChangeCommittedIsLoadedAgain() {
        SetupCache<Integer> cache = changes.newCache();
        AtomicInteger loads = new AtomicInteger();
        // The first load races with a change that commits while it reads: what it read may be old.
        cache.get(OUTLET, outlet -> {
            changes.changed();
            return loads.incrementAndGet();
        });
        assertEquals(2, cache.get(OUTLET, outlet -> loads.incrementAndGet()));
        assertEquals(2, cache.get(OUTLET, outlet -> loads.incrementAndGet()), "an entry loaded after it is kept");
    }

    private List<String> names() {
        return variables.forCall(OUTLET, "agent-1").stream().map(CallVariable::field).map(ExtractionField::name)
                .toList();
    }

    private static VariableInput input(String name) {
        return new VariableInput(null, new ExtractionField(name, FieldType.NUMBER, "the budget", null), List.of());
    }

    private static void waitPastTtl() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
