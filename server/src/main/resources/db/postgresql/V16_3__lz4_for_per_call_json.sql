-- PostgreSQL only. The JSON every call writes (its document with the transcript, its stage results, each flow
-- run's state, which carries the call as the run saw it) is compressed by PostgreSQL once a row passes about 2 kB,
-- with pglz unless told otherwise. A call with a transcript passes it: with 8 kB transcripts both the document and
-- the run state were compressed on every insert. With lz4 PostgreSQL spent about 40% less CPU per such call and
-- stored about a third more bytes (bench/statements.sh with TRANSCRIPT_BYTES=8000, BENCHMARKS.md, session of 22:57).
-- Applies to values written from now on; older rows keep pglz and stay readable.
--
-- lz4 needs PostgreSQL 14 and a server built with it (Debian's and the official images are); elsewhere the columns
-- keep the server's default and this migration only says so.
do $$
begin
    if current_setting('server_version_num')::int < 140000 then
        raise notice 'PostgreSQL before 14: per-call JSON keeps the default compression';
        return;
    end if;
    begin
        execute 'alter table call alter column document set compression lz4';
        execute 'alter table call alter column results set compression lz4';
        execute 'alter table flow_run alter column state set compression lz4';
    exception when feature_not_supported or invalid_parameter_value then
        raise notice 'lz4 not available (%): per-call JSON keeps the default compression', sqlerrm;
    end;
end
$$;
