-- The retention pruner finds finished calls by age across all outlets.
create index call_created_at_idx on call (created_at);
