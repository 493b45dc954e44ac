-- no-transaction
-- Issue 13.5: organisations of the kind leerplicht (leerplicht and RMC).
-- SQLite cannot change a CHECK, so organisatie is rebuilt; it is the parent
-- of most tables, so foreign keys are off while it is swapped (SQLite's
-- documented 12-step procedure), outside sqlx's transaction.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE organisatie_nieuw (
    id       INTEGER PRIMARY KEY,
    regio    INTEGER NOT NULL REFERENCES regio (id),
    naam     TEXT NOT NULL,
    soort    TEXT NOT NULL CHECK (soort IN ('school', 'wijkteam', 'jgz', 'aanbieder', 'gemeente', 'samenwerkingsverband', 'leerplicht')),
    gemeente TEXT,
    brin     TEXT,
    agb      TEXT
) STRICT;
INSERT INTO organisatie_nieuw (id, regio, naam, soort, gemeente, brin, agb)
    SELECT id, regio, naam, soort, gemeente, brin, agb FROM organisatie;
DROP TABLE organisatie;
ALTER TABLE organisatie_nieuw RENAME TO organisatie;
CREATE INDEX organisatie_regio ON organisatie (regio);
COMMIT;
PRAGMA foreign_keys = ON;
