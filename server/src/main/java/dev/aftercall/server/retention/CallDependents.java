package dev.aftercall.server.retention;

import java.util.List;

/**
 * A module's rows that belong to a call (flow runs, jobs, deliveries, ...). The {@link RetentionPruner} deletes
 * them, in the same transaction and before the calls themselves, so no foreign key stops the calls' deletion. A
 * module with a table referencing {@code call.pk} provides one bean of this type.
 */
public interface CallDependents {
    /** Deletes this module's rows of the calls {@code callPks} (never more than one batch). */
    void deleteForCalls(List<Long> callPks);

    /** Deleted in ascending order: a table referencing another module's rows goes first. */
    default int order() {
        return 0;
    }
}
