-- GET /api/v1/calls?status=... lists newest first, "order by created_at desc, pk desc". The index of V1 ends at
-- created_at, so PostgreSQL may read every call of that status and sort them to return one page: on a table it has
-- no statistics for yet (never analyzed), a page of 1 over 100,000 completed calls took 361 ms (bench/LINEARITY.md).
-- With pk at the end the index holds the list's exact order and a page reads only its own rows. It replaces V1's
-- index, whose every use (the retention pruner's status lookup included) it also serves. Portable: H2 and PostgreSQL.
drop index call_outlet_status_created_idx;
create index call_outlet_status_created_pk_idx on call (outlet_id, status, created_at, pk);
