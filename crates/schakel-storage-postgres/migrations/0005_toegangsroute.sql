-- The directory data of the access route (seed 000): the same tables and
-- rules as crates/schakel-storage-sqlite/migrations/0004_toegangsroute.sql.
-- Constraint names follow PostgreSQL's defaults (`<table>_<column>_key`),
-- so a violation names its column as the SQLite backend does.

CREATE TABLE contactpersoon (
    organisatie BIGINT PRIMARY KEY REFERENCES organisatie (id),
    medewerker  BIGINT NOT NULL REFERENCES medewerker (id)
);

-- `arrangement` is the normenkader's name of the OJA school ("Watertuin");
-- one organisation per name.
CREATE TABLE oja_arrangement (
    school         BIGINT PRIMARY KEY REFERENCES organisatie (id),
    arrangement    TEXT NOT NULL CHECK (arrangement <> ''),
    hoofdaanbieder BIGINT REFERENCES organisatie (id),
    CONSTRAINT oja_arrangement_arrangement_key UNIQUE (arrangement)
);

-- Until the address directory exists: one wijkteam per postcode area.
CREATE TABLE werkgebied (
    pc4      INTEGER NOT NULL CHECK (pc4 BETWEEN 1000 AND 9999),
    wijkteam BIGINT NOT NULL REFERENCES organisatie (id),
    CONSTRAINT werkgebied_pc4_key PRIMARY KEY (pc4)
);
CREATE INDEX werkgebied_wijkteam ON werkgebied (wijkteam);

CREATE TABLE regio_verwijzer (
    regio     BIGINT REFERENCES regio (id),
    verwijzer BIGINT NOT NULL REFERENCES organisatie (id),
    CONSTRAINT regio_verwijzer_regio_key PRIMARY KEY (regio),
    CONSTRAINT regio_verwijzer_verwijzer_key UNIQUE (verwijzer)
);
