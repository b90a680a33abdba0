-- Every durable call writes a call, a job and a flow run, and each index of those tables is one more B-tree page
-- changed per commit (H2 rewrites each changed page at every commit; PostgreSQL writes each entry again on every
-- non-HOT update). These three indexes cost every call that and served no query of their own (BENCHMARKS.md, run of
-- 2026-12-07 01:55, "What changed this session"). Portable: H2 and PostgreSQL.

-- Nothing finds a job by (kind, ref_pk): a job is found by its pk, its call or the queue's (status, run_at). On a
-- PostgreSQL table without statistics the planner even ANDed it into the job-of-a-call lookup and read every
-- process_call entry (bench/LINEARITY.md).
drop index job_kind_ref_pk_idx;

-- The retention pruner now walks each outlet's calls by call_outlet_created_idx (outlet_id, created_at), as the call
-- list does.
drop index call_created_at_idx;

-- A flow runs once per call: the run key (call id + ":" + flow pk) was unique, and the runs of a call had an index
-- of their own. One unique index on (call_pk, flow_pk) says the same (a call pk is one call id of one outlet, a flow
-- pk one flow of that outlet) and finds a call's runs; its entries follow the call pk, where the run key's follow
-- the posted call ids, which land on a different page for every call when they are random (UUIDs).
alter table flow_run drop constraint flow_run_key_unique;
drop index flow_run_call_idx;
alter table flow_run add constraint flow_run_call_flow_unique unique (call_pk, flow_pk);
