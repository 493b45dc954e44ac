-- A batch's JSON stored compressed (issue 15.4), as on SQLite: its length
-- (four bytes, little-endian) and an LZ4 block, written by the instance
-- (`schakel_storage::pak`); `records` is then empty. A batch then takes a
-- quarter of its TOAST rows and WAL, and the compressing is done by the
-- instances, which scale out, not by the one primary (the primary's CPU per
-- audited list page fell by ~0.15 ms, BENCHMARKS.md, "The batches
-- compressed on PostgreSQL too"). Batches written before keep their text.
-- Out of line and not compressed again: LZ4 output does not shrink under
-- pglz, and trying costs the primary.
ALTER TABLE audit_pak ADD COLUMN records_lz4 BYTEA;
ALTER TABLE audit_pak ALTER COLUMN records_lz4 SET STORAGE EXTERNAL;

-- The view read `records` with PostgreSQL's JSON functions, which cannot
-- read a compressed batch. `schakel audit export` gives every record as
-- JSON lines instead.
DROP VIEW audit_alle;
