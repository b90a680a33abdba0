-- PostgreSQL only (see V13_1). On a table PostgreSQL has no statistics for (a new database, or autovacuum off) every
-- index ties on cost, and the planner walked job_lease_owner_idx, not the primary key, for the lease-checked outcome
-- update (pk = ? and lease_owner = ? and status = 'running'): ~350 index entries read per finished job in the bench;
-- a partial index of running jobs only did no better (BENCHMARKS.md, run of 2026-12-05). The primary key now has no
-- rival for that update; the few statements that find jobs by owner (heartbeat, release at shutdown) go through
-- job_status_run_at_idx, as the expired-lease sweep does.
drop index job_lease_owner_idx;
