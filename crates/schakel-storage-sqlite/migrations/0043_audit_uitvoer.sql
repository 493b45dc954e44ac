-- The audit log in a file of its own (issue 15.4; BENCHMARKS.md, "The
-- audit log in a file of its own"). Each commit in the file the requests
-- read makes every reading connection reset its page cache; the reads'
-- records no longer commit there.
--
-- A write's records commit with its change, in this file, as one row of
-- `audit_uit` (the outbox): SQLite does not commit atomically across two
-- files. The sequencer moves them into the chain in the audit file, in its
-- next batch, and notes in `audit_uitvoer` (in the audit file, in the same
-- transaction) the last outbox row it chained; only then are the rows
-- deleted here. So a record is never chained twice nor lost.
--
-- `audit_uitvoer` is created here and moved to the audit file with the
-- other audit tables when the store opens (`auditbestand::koppel`); an
-- in-memory store keeps everything in its one database.
--
-- AUTOINCREMENT: an id is never given twice, also after the rows below
-- `tot` are deleted and the table is empty.
CREATE TABLE audit_uit (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    records TEXT NOT NULL
) STRICT;

CREATE TABLE audit_uitvoer (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    tot INTEGER NOT NULL
) STRICT;
