-- A sequencer's batch of audit records as one row (issue 15.4): per batch
-- one row instead of one per record (BENCHMARKS.md, "Where the floor is").
-- `records` is the batch as the JSON array the readers already decode: one
-- array per record, in the columns' order of `audit` (`sql::kern`'s
-- AUDIT_KOLOMMEN), each record with its own volgnummer and chain hashes.
-- A write's record stays a row of `audit`, in the write's transaction, so
-- the log is rows and batches interleaved by volgnummer.
CREATE TABLE audit_pak (
    eerste  INTEGER PRIMARY KEY CHECK (eerste > 0),
    laatste INTEGER NOT NULL CHECK (laatste >= eerste),
    records TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX audit_pak_laatste ON audit_pak (laatste);

-- Which batch holds a jeugdige's records: what an inzage (AVG art. 15)
-- reads instead of the whole log, as `audit_client` is for rows.
CREATE TABLE audit_pak_client (
    client     TEXT NOT NULL,
    volgnummer INTEGER NOT NULL,
    pak        INTEGER NOT NULL,
    PRIMARY KEY (client, volgnummer)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER audit_pak_niet_wijzigen BEFORE UPDATE ON audit_pak
BEGIN
    SELECT RAISE(ABORT, 'het auditlog is alleen-toevoegen');
END;
CREATE TRIGGER audit_pak_niet_verwijderen BEFORE DELETE ON audit_pak
BEGIN
    SELECT RAISE(ABORT, 'het auditlog is alleen-toevoegen');
END;
CREATE TRIGGER audit_pak_client_niet_wijzigen BEFORE UPDATE ON audit_pak_client
BEGIN
    SELECT RAISE(ABORT, 'het auditlog is alleen-toevoegen');
END;
CREATE TRIGGER audit_pak_client_niet_verwijderen BEFORE DELETE ON audit_pak_client
BEGIN
    SELECT RAISE(ABORT, 'het auditlog is alleen-toevoegen');
END;
