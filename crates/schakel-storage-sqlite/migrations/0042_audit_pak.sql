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

-- Which batches hold records about a jeugdige: what an inzage (AVG art. 15)
-- reads instead of the whole log, as `audit_client` is for rows. One row
-- per jeugdige and batch, not per record: a jeugdige listed by several of
-- the requests in one batch needs one entry, and an inzage reads the batch
-- whole anyway.
CREATE TABLE audit_pak_client (
    client TEXT NOT NULL,
    pak    INTEGER NOT NULL,
    PRIMARY KEY (client, pak)
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

-- Every record in one form, for people and tests who query the log with
-- SQL. The application does not read through it: an engine cannot use a
-- volgnummer or a client to skip batches inside it, so it reads the two
-- forms itself (`sql::auditlog`).
CREATE VIEW audit_alle AS
SELECT volgnummer, gebeurtenis, actie, tijdstip, gebruiker, rol, organisatie, namens,
       client_type, client, object_type, object_id, uitkomst, grond, bron, systeem,
       vorige_hash, hash
  FROM audit
UNION ALL
SELECT value ->> 0 AS volgnummer,
       value ->> 1 AS gebeurtenis,
       value ->> 2 AS actie,
       value ->> 3 AS tijdstip,
       value ->> 4 AS gebruiker,
       value ->> 5 AS rol,
       value ->> 6 AS organisatie,
       value ->> 7 AS namens,
       value ->> 8 AS client_type,
       value ->> 9 AS client,
       value ->> 10 AS object_type,
       value ->> 11 AS object_id,
       value ->> 12 AS uitkomst,
       value ->> 13 AS grond,
       value ->> 14 AS bron,
       value ->> 15 AS systeem,
       value ->> 16 AS vorige_hash,
       value ->> 17 AS hash
  FROM audit_pak, json_each(audit_pak.records);
