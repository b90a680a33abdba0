-- Claim and queue depth plans on a generated job table (100,000 queued + 100,000 done, never analyzed, then
-- analyzed) in schema gen of the database given to psql; drops the schema at the end. Needs the public.job table
-- of the migrations. psql -X -h 127.0.0.1 -U postgres -d <db> -f bench/load/explain-generated-job.sql
-- A job table of 100,000 queued + 100,000 done jobs, with the indexes of V1, V3 and V13_1, never analyzed.
\pset pager off
drop schema if exists gen cascade;
create schema gen;
create table gen.job (like public.job including defaults including identity);
alter table gen.job add primary key (pk);
create index on gen.job (status, run_at);
create index on gen.job (call_pk);
create index on gen.job (lease_owner);
create index on gen.job (kind, ref_pk);
insert into gen.job (call_pk, kind, status, run_at, created_at)
  select x, 'process_call', 'queued', timestamptz '2026-01-01' + x * interval '1 ms', now() from generate_series(1, 100000) x;
insert into gen.job (call_pk, kind, status, run_at, created_at)
  select x, 'process_call', 'done', timestamptz '2025-01-01' + x * interval '1 ms', now() from generate_series(1, 100000) x;
select relname, reltuples from pg_class where relname = 'job' and relnamespace = 'gen'::regnamespace;
set search_path = gen;
\echo '=== without the partial index (before V13_1), never analyzed'
explain (analyze, buffers, costs off) select pk, call_pk, kind, ref_pk, attempts from job
  where status = 'queued' and run_at <= now() order by run_at limit 64 for update skip locked;
explain (analyze, buffers, costs off) select count(*) from job where status = 'queued';
create index job_queued_run_at_idx on gen.job (run_at) where status = 'queued';
\echo '=== with V13_1 partial index, never analyzed'
explain (analyze, buffers, costs off) select pk, call_pk, kind, ref_pk, attempts from job
  where status = 'queued' and run_at <= now() order by run_at limit 64 for update skip locked;
explain (analyze, buffers, costs off) select pk, call_pk, kind, ref_pk, attempts from job
  where status = 'queued' and run_at <= now() order by run_at limit 1 for update skip locked;
explain (analyze, buffers, costs off) select count(*) from job where status = 'queued';
explain (analyze, buffers, costs off) select count(*) from (select pk from job where status = 'queued' limit 10000) queued;
analyze gen.job;
\echo '=== with V13_1 partial index, analyzed'
explain (analyze, buffers, costs off) select pk, call_pk, kind, ref_pk, attempts from job
  where status = 'queued' and run_at <= now() order by run_at limit 64 for update skip locked;
explain (analyze, buffers, costs off) select count(*) from job where status = 'queued';
explain (analyze, buffers, costs off) select count(*) from (select pk from job where status = 'queued' limit 10000) queued;
drop schema gen cascade;
