-- Signed checkpoints of the audit log (issue 15.2): tree size, RFC 6962
-- root over records 1 ..= grootte, the chain hash of record grootte, the
-- time, and an Ed25519 signature by a key outside the database. `rand` is
-- the tree's right border (JSON array of hex hashes), to extend it without
-- rereading the log; it is checked against the signed root before use.
CREATE TABLE audit_checkpoint (
    grootte      INTEGER PRIMARY KEY CHECK (grootte > 0),
    wortel       TEXT NOT NULL,
    kop          TEXT NOT NULL,
    tijdstip     TEXT NOT NULL,
    rand         TEXT NOT NULL,
    sleutel      TEXT NOT NULL,
    handtekening TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_checkpoint_niet_wijzigen BEFORE UPDATE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'de checkpoints van het auditlog zijn alleen-toevoegen');
END;
CREATE TRIGGER audit_checkpoint_niet_verwijderen BEFORE DELETE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'de checkpoints van het auditlog zijn alleen-toevoegen');
END;
