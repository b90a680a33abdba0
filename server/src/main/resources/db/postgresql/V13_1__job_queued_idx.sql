-- PostgreSQL only (quarkus.flyway.locations adds db/<db-kind> to db/migration). The claim walks the queued jobs in
-- run_at order and stops after a batch; through job_status_run_at_idx PostgreSQL only does that once it has
-- statistics for the job table. Before (never analyzed: a new database, or autovacuum off) it reads every queued
-- job and sorts them, for every claim: 318 ms per claim at 100,000 queued (bench/LINEARITY.md). A partial index
-- holding only the queued jobs is chosen whatever the statistics, and stays as small as the queue while done jobs
-- pile up until retention. It also serves the capped queue depth count. H2 cannot parse a partial index.
-- Versioned 13.1 so that shared migrations keep their own numbering: the next one in db/migration is still V14.
create index job_queued_run_at_idx on job (run_at) where status = 'queued';
