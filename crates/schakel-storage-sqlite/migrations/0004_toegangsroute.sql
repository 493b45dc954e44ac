-- The directory data of the access route (seed 000): an organisation's
-- contact person, a school's onderwijs-jeugdhulparrangement (OJA) with its
-- hoofdaanbieder, the postcode areas (PC4) a wijkteam serves, and the
-- region's gemandateerde verwijzer. Which kind of organisation may hold
-- which row is checked by the application (DirectoryGegevens::controleer),
-- in the same write transaction.

CREATE TABLE contactpersoon (
    organisatie INTEGER PRIMARY KEY REFERENCES organisatie (id),
    medewerker  INTEGER NOT NULL REFERENCES medewerker (id)
) STRICT;

-- `arrangement` is the normenkader's name of the OJA school ("Watertuin");
-- one organisation per name.
CREATE TABLE oja_arrangement (
    school         INTEGER PRIMARY KEY REFERENCES organisatie (id),
    arrangement    TEXT NOT NULL UNIQUE CHECK (arrangement <> ''),
    hoofdaanbieder INTEGER REFERENCES organisatie (id)
) STRICT;

-- Until the address directory exists: one wijkteam per postcode area.
CREATE TABLE werkgebied (
    pc4      INTEGER PRIMARY KEY CHECK (pc4 BETWEEN 1000 AND 9999),
    wijkteam INTEGER NOT NULL REFERENCES organisatie (id)
) STRICT;
CREATE INDEX werkgebied_wijkteam ON werkgebied (wijkteam);

CREATE TABLE regio_verwijzer (
    regio     INTEGER PRIMARY KEY REFERENCES regio (id),
    verwijzer INTEGER NOT NULL UNIQUE REFERENCES organisatie (id)
) STRICT;
