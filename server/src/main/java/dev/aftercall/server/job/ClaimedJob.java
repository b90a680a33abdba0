package dev.aftercall.server.job;

/**
 * A job this process holds the lease of; {@code attempt} counts this run (1 for the first). {@code refPk} names
 * the row a job of another kind than {@code process_call} is about (a delivery, a scheduled call), else null.
 */
public record ClaimedJob(long pk, long callPk, String kind, Long refPk, int attempt) {
}
