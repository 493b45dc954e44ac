-- A sequencer's batch of audit records as one row (issue 15.4): per batch
-- one row instead of one per record (BENCHMARKS.md, "Where the floor is").
-- `records` is the batch as the JSON array the readers already decode: one
-- array per record, in the columns' order of `audit` (`sql::kern`'s
-- AUDIT_KOLOMMEN), each record with its own volgnummer and chain hashes.
-- TEXT, not JSONB: it is written once and read whole. A write's record
-- stays a row of `audit`, in the write's transaction, so the log is rows
-- and batches interleaved by volgnummer.
CREATE TABLE audit_pak (
    eerste  BIGINT PRIMARY KEY CHECK (eerste > 0),
    laatste BIGINT NOT NULL UNIQUE CHECK (laatste >= eerste),
    records TEXT NOT NULL
);
-- Stored out of line but not compressed: pglz compressing each batch was
-- 43% of the sequencer's backend and kept the case list at 79% of its
-- unaudited throughput; uncompressed it is 84-87% (BENCHMARKS.md). A batch
-- then takes about what its records took as rows.
ALTER TABLE audit_pak ALTER COLUMN records SET STORAGE EXTERNAL;

-- Which batches hold records about a jeugdige: what an inzage (AVG art. 15)
-- reads instead of the whole log, as `audit_client` is for rows. One row
-- per jeugdige and batch, not per record: a jeugdige listed by several of
-- the requests in one batch needs one entry, and an inzage reads the batch
-- whole anyway.
CREATE TABLE audit_pak_client (
    client TEXT NOT NULL,
    pak    BIGINT NOT NULL,
    PRIMARY KEY (client, pak)
);

CREATE TRIGGER audit_pak_niet_wijzigen BEFORE UPDATE OR DELETE ON audit_pak
    FOR EACH ROW EXECUTE FUNCTION audit_alleen_toevoegen();
CREATE TRIGGER audit_pak_niet_legen BEFORE TRUNCATE ON audit_pak
    FOR EACH STATEMENT EXECUTE FUNCTION audit_alleen_toevoegen();
CREATE TRIGGER audit_pak_client_niet_wijzigen BEFORE UPDATE OR DELETE ON audit_pak_client
    FOR EACH ROW EXECUTE FUNCTION audit_alleen_toevoegen();
CREATE TRIGGER audit_pak_client_niet_legen BEFORE TRUNCATE ON audit_pak_client
    FOR EACH STATEMENT EXECUTE FUNCTION audit_alleen_toevoegen();

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
SELECT (e ->> 0)::bigint AS volgnummer,
       e ->> 1 AS gebeurtenis,
       e ->> 2 AS actie,
       e ->> 3 AS tijdstip,
       (e ->> 4)::bigint AS gebruiker,
       e ->> 5 AS rol,
       (e ->> 6)::bigint AS organisatie,
       (e ->> 7)::bigint AS namens,
       e ->> 8 AS client_type,
       e ->> 9 AS client,
       e ->> 10 AS object_type,
       (e ->> 11)::bigint AS object_id,
       e ->> 12 AS uitkomst,
       e ->> 13 AS grond,
       e ->> 14 AS bron,
       e ->> 15 AS systeem,
       e ->> 16 AS vorige_hash,
       e ->> 17 AS hash
  FROM audit_pak, json_array_elements(audit_pak.records::json) AS e;
