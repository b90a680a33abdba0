-- Jobs of other kinds than process_call (deliveries, scheduled calls, delayed intake) name the row they are about.
alter table job add column ref_pk bigint;
create index job_kind_ref_pk_idx on job (kind, ref_pk);
