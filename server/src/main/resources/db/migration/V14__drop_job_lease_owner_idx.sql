-- What V13_2 did for PostgreSQL, now on H2 as well: the lease-checked outcome updates find their job by primary key,
-- and the few statements that find jobs by owner (heartbeat, release at shutdown) go through job_status_run_at_idx
-- like the expired-lease sweep. Kept, the index cost every job two more index changes (owner set at the claim,
-- cleared at the outcome) in the hottest tables of the pipeline. PostgreSQL dropped it already, hence "if exists".
drop index if exists job_lease_owner_idx;
