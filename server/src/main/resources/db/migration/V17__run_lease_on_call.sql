-- A call that intake hands straight to a worker (no due job waits, a slot is free) no longer gets a job row: the
-- run's lease is kept on the call itself (CallRowLeases). Such a job was inserted running and deleted when it
-- finished, an insert and a delete with their index entries for nearly every call under load. On PostgreSQL that
-- was a quarter of the WAL records per call (21.2 against 16.1, bench/statements.sh; BENCHMARKS.md, session of
-- 01:39 UTC on 2026-12-08). A run that fails, whose lease runs out (its process died) or that is handed back at
-- shutdown moves into the job table, where retries and the queue work as before. lease_owner is set only while such
-- a run holds its call. No index: the sweep of expired leases finds calls through (outlet_id, status) of V13.
alter table call add column lease_owner varchar(64);
alter table call add column lease_until timestamp with time zone;
