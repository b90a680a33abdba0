-- PostgreSQL only. A foreign key check locks the referenced row (SELECT ... FOR KEY SHARE) for every row inserted.
-- Rows written once per call or per delivery all point at a handful of rows that every one of them shares: the
-- outlet, the published flow, the intake token. Each insert runs the check's query, and the lock itself is written
-- to the shared row: when transactions that overlap (the pipeline's four committers) lock the same flow row,
-- PostgreSQL builds a multixact for them, in its own SLRU files and WAL records. Without the two such checks a
-- call of the bench flow made (its outlet, its flow run's flow) PostgreSQL spent 12% less CPU per call
-- (bench/statements.sh, 2026-12-07: 605-625 against 690-720 us, runs interleaved; index scans 6.15 -> 4.15).
--
-- Those parents are never deleted (an outlet, a flow and an intake token are kept for good: a flow is only flagged
-- deleted, a token revoked), and the server only writes ids it has just read (the outlet of a verified token, the
-- flow it runs, the token it verified), so the checks guarded nothing the application does not. Dropped on the
-- per-call and per-event tables only; the keys to a call (job, flow run, delivery, scheduled call) stay, because
-- calls are deleted (retention) and must take their dependents with them.
-- H2 keeps every key: its checks are in-process index lookups, with no lock written to the parent row.
alter table call drop constraint call_outlet_id_fkey;
alter table flow_run drop constraint flow_run_flow_pk_fkey;
alter table delivery drop constraint delivery_outlet_id_fkey;
alter table scheduled_call drop constraint scheduled_call_outlet_id_fkey;
alter table intake_log drop constraint intake_log_outlet_id_fkey;
alter table intake_log drop constraint intake_log_token_pk_fkey;
