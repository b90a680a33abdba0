-- PostgreSQL only. Every durable call inserts a job (with the call, in intake's transaction) and a flow run (at the
-- end of its run), and the foreign key of each to call ran its check for every row: a query of the call's primary
-- key and a lock written to the call row (SELECT ... FOR KEY SHARE). Without those two checks PostgreSQL spent about
-- a fifth less CPU per call of the bench flow (bench/statements.sh at 64 connections, 2026-12-07, interleaved:
-- 168-220 against 195-282 us), with two index scans and two WAL records fewer per call.
--
-- What the checks guarded, the application holds to (retention deletes only completed or failed calls, each locked
-- FOR UPDATE SKIP LOCKED, with their flow runs and jobs):
-- - intake writes a call's first job in the transaction that inserts the call;
-- - a run's last save (the bench flow's only one) is written with its job's outcome, and only while the job's lease
--   is still held (JobHandler.beforeOutcome), so while its call is processing, which retention never deletes;
-- - every other job (a flow run retried from its failed node, a delivery queued or sent again, a scheduled
--   follow-up) and a run's save made before its end go through Sql.lockParent, which takes the check's own lock,
--   FOR KEY SHARE on the call row, and fails when the call is gone: retention passes a call so locked over.
-- The keys from delivery and scheduled_call to call stay (written by stages of a running call, or rarely).
-- H2 keeps every key: its checks are in-process index lookups.
alter table job drop constraint job_call_pk_fkey;
alter table flow_run drop constraint flow_run_call_pk_fkey;
