-- PostgreSQL only. Every durable call inserts a job (with the call, in intake's transaction) and a flow run (at the
-- end of its run), and the foreign key of each to call ran its check for every row: a query of the call's primary
-- key and a lock written to the call row (SELECT ... FOR KEY SHARE). Without those two checks PostgreSQL spent about
-- a fifth less CPU per call of the bench flow (bench/statements.sh at 64 connections, 2026-12-07, interleaved:
-- 168-220 against 195-282 us), with two index scans and two WAL records fewer per call.
--
-- What the checks guarded, the application already holds to:
-- - intake writes a call's first job in the transaction that inserts the call;
-- - a flow run is written by its call's own worker while the call is queued or processing, and retention deletes
--   only completed or failed calls, each locked FOR UPDATE SKIP LOCKED, with their flow runs and jobs;
-- - every other job (a retry, a replayed run, a delivery sent again, a scheduled follow-up) goes through
--   JobQueue.enqueue, which on PostgreSQL takes the same lock the check took, FOR KEY SHARE on the call row, and
--   fails when the call is gone: retention skips a call so locked, and a job cannot outlive its call.
-- The keys from delivery and scheduled_call to call stay (written by stages of a running call, or rarely).
-- H2 keeps every key: its checks are in-process index lookups.
alter table job drop constraint job_call_pk_fkey;
alter table flow_run drop constraint flow_run_call_pk_fkey;
