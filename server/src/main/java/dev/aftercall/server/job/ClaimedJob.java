package dev.aftercall.server.job;

/**
 * A job this process holds the lease of; {@code attempt} counts this run (1 for the first). {@code refPk} names
 * the row a job of another kind than {@code process_call} is about (a delivery, a scheduled call), else null.
 * A {@code process_call} job handed over at intake has no job row: its lease is on its call row
 * ({@link CallRowLeases}) and its {@code pk} is {@link #ON_CALL_ROW}.
 */
public record ClaimedJob(long pk, long callPk, String kind, Long refPk, int attempt) {
    /** The pk of a job kept on its call row: no job row has it (identity columns start at 1). */
    public static final long ON_CALL_ROW = 0;

    /** The {@code process_call} job of call {@code callPk}, stored leased on its row, in its first attempt. */
    public static ClaimedJob leasedOnCall(long callPk) {
        return new ClaimedJob(ON_CALL_ROW, callPk, JobEntity.PROCESS_CALL, null, 1);
    }

    /** Whether this job's lease is on its call row, not in the job table. */
    public boolean onCallRow() {
        return pk == ON_CALL_ROW;
    }
}
