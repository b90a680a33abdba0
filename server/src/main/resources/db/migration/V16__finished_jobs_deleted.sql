-- A job that finishes is deleted, not kept as 'done': every durable call's job row was updated once more and kept
-- its index entries until retention pruned the call (on PostgreSQL each such update writes a new row version and
-- an entry in every index of the job table). The job table now holds only work still to do, running or given up.
-- What the finished job knew that anyone reads, how many runs the call took, stays on the call.
alter table call add column attempts integer;
