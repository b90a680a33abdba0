-- H2 only (quarkus.flyway.locations adds db/<db-kind> to db/migration). H2 hands out an identity column's values
-- from a cache of 32; when it runs out, it writes the sequence's new high mark in a transaction of its own, and on
-- H2's store every commit writes all the pages changed since the last one, those of every other open transaction
-- included. Each table below gets a row per call or per event, so every 32 calls each of them cost one more such
-- write: 8% of the server's CPU under the bench load with 8 kB transcripts (bench/profile.sh). A cache of 4,096
-- makes that 128 times rarer: on the bench's own calls, 16 connections, bench/ab.sh gave 1.16x the completed flows
-- per second at 0.86x the server CPU per flow, every round better (BENCHMARKS.md, session of 22:57 UTC). What a cache costs: values cached when the process stops are never
-- used (a gap in the keys), which nothing reads meaning into.
-- Versioned 16.3 like db/postgresql's V16_3 (one location is active per build): the next shared one is still V17.
alter table call alter column pk set cache 4096;
alter table job alter column pk set cache 4096;
alter table flow_run alter column pk set cache 4096;
alter table delivery alter column pk set cache 4096;
alter table delivery_attempt alter column pk set cache 4096;
alter table scheduled_call alter column pk set cache 4096;
alter table intake_log alter column pk set cache 4096;
