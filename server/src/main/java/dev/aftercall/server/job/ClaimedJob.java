package dev.aftercall.server.job;

/** A job this process holds the lease of; {@code attempt} counts this run (1 for the first). */
public record ClaimedJob(long pk, long callPk, String kind, int attempt) {
}
