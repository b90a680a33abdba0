-- The queries a call's processing (and the bench's poller) runs, under EXPLAIN (ANALYZE, BUFFERS), on PostgreSQL.
-- Run by bench/linearity.sh (EXPLAIN=1) against its database while the backlog is queued and again once it drained;
-- by hand: psql -X -h 127.0.0.1 -U postgres -d aftercall_lin -f bench/load/explain.sql
-- Statements that write run inside a transaction that is rolled back. Parameters are real rows: the call in the
-- middle of the table, and its job. The list and count of GET /api/v1/calls are also shown as generic plans
-- (force_generic_plan): the JDBC driver prepares a statement after five runs, and PostgreSQL may then plan it
-- without the parameters' values.
\pset pager off
\timing off
select count(*) as calls, count(*) filter (where status = 'completed') as completed from call;
select status, count(*) as jobs from job group by status order by status;
select n_live_tup, n_dead_tup, last_autovacuum, last_autoanalyze, last_vacuum, last_analyze
  from pg_stat_user_tables where relname = 'job';
select (max(pk) + min(pk)) / 2 as mid from call \gset
select call_id as mid_call_id from call where pk >= :mid order by pk limit 1 \gset
select pk as mid_job from job where call_pk >= :mid order by call_pk limit 1 \gset

\echo '--- JobQueue.claim (select ... for update skip locked), after its plan settings (JobQueue.CLAIM_PLAN_POSTGRESQL)'
begin;
select set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true);
explain (analyze, buffers, costs off)
select pk, call_pk, kind, ref_pk, attempts from job
where status = 'queued' and run_at <= now()
order by run_at
limit 64
for update skip locked;
rollback;

\echo '--- JobQueue.claim (update of the claimed pks), complete, heartbeat, requeueExpired, queueDepth'
begin;
explain (analyze, buffers, costs off)
update job set status = 'running', lease_owner = 'explain', lease_until = now() + interval '60 s', attempts = attempts + 1
where pk in (:mid_job, :mid_job + 1, :mid_job + 2);
explain (analyze, buffers, costs off)
delete from job
where pk = :mid_job and lease_owner = 'explain' and status = 'running';
explain (analyze, buffers, costs off)
update job set lease_until = now() + interval '60 s' where lease_owner = 'worker-x' and status = 'running';
explain (analyze, buffers, costs off)
update job set status = 'queued', run_at = now(), lease_owner = null, lease_until = null
where status = 'running' and lease_until < now();
rollback;
explain (analyze, buffers, costs off) select count(*) from job where status = 'queued';
-- queueDepth as the housekeeping runs it: counted up to aftercall.jobs.queue-depth-cap
explain (analyze, buffers, costs off) select count(*) from (select pk from job where status = 'queued' limit 10000) queued;

\echo '--- the call: by pk (CallResults, ProcessCallJob), by call id (intake repeat, GET /calls/{id}), its job'
explain (analyze, buffers, costs off) select * from call where pk = :mid for update;
explain (analyze, buffers, costs off) select * from call where outlet_id = 1 and call_id = :'mid_call_id';
explain (analyze, buffers, costs off) select * from job where call_pk = :mid and kind = 'process_call';
begin;
explain (analyze, buffers, costs off)
update call set status = 'completed', completed_at = now(), updated_at = now(), error = null where pk = :mid;
explain (analyze, buffers, costs off)
update job set run_at = now() where call_pk = :mid and kind = 'process_call' and status = 'queued' and attempts = 0;
rollback;

\echo '--- flow_run, delivery and scheduled_call of a call'
explain (analyze, buffers, costs off) select * from flow_run where call_pk = :mid order by pk;
explain (analyze, buffers, costs off) select * from delivery where call_pk = :mid order by pk;
explain (analyze, buffers, costs off) select * from delivery where call_pk = :mid and idempotency_key = 'k';
explain (analyze, buffers, costs off) select * from scheduled_call where call_pk = :mid and action_name = 'a';

\echo '--- GET /api/v1/calls?status=completed&size=1 (the bench poller): page and count, custom plans'
explain (analyze, buffers, costs off)
select * from call where outlet_id = 1 and status = 'completed' order by created_at desc, pk desc limit 1;
explain (analyze, buffers, costs off) select count(*) from call where outlet_id = 1 and status = 'completed';
explain (analyze, buffers, costs off) select count(*) from call where outlet_id = 1;

\echo '--- the same as generic plans (what a prepared statement may get)'
set plan_cache_mode = force_generic_plan;
prepare calls_page(bigint, text, int) as
  select * from call where outlet_id = $1 and status = $2 order by created_at desc, pk desc limit $3;
prepare calls_count(bigint, text) as select count(*) from call where outlet_id = $1 and status = $2;
prepare claim(timestamptz, int) as
  select pk, call_pk, kind, ref_pk, attempts from job where status = 'queued' and run_at <= $1
  order by run_at limit $2 for update skip locked;
explain (analyze, buffers, costs off) execute calls_page(1, 'completed', 1);
explain (analyze, buffers, costs off) execute calls_count(1, 'completed');
begin;
explain (analyze, buffers, costs off) execute claim(now(), 64);
rollback;
reset plan_cache_mode;

\echo '--- RetentionPruner (every hour, not per call)'
explain (analyze, buffers, costs off)
select pk from call where created_at < now() - interval '30 days' and status in ('completed', 'failed')
order by created_at limit 500;

\echo '--- table scans so far in this database (pg_stat_user_tables)'
select relname, seq_scan, seq_tup_read, idx_scan, n_live_tup, n_dead_tup
  from pg_stat_user_tables where relname in ('call', 'job', 'flow_run', 'delivery', 'scheduled_call', 'flow',
  'flow_version', 'outlet') order by relname;
