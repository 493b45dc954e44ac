-- The course of a joint case after triage (issue 4): recorded events, the
-- referrals with the units delivered against them, and actions with due
-- dates. The rules about which event may follow which live in
-- schakel_domain::verloop; the database keeps the order (casus, volgnummer)
-- so that two writers who read the same state cannot both append.

-- One row per event; `gegevens` is the event as JSON (tagged by `soort`).
-- `code`, `jeugdige` and the two survey scores are copied out of it for
-- monitoring, which never reads the JSON.
CREATE TABLE casus_gebeurtenis (
    casus        INTEGER NOT NULL REFERENCES casus (id),
    volgnummer   INTEGER NOT NULL CHECK (volgnummer > 0),
    code         TEXT NOT NULL,
    gegevens     TEXT NOT NULL,
    jeugdige     INTEGER REFERENCES jeugdige (id),
    medewerker   INTEGER NOT NULL,
    rol          TEXT NOT NULL,
    organisatie  INTEGER NOT NULL REFERENCES organisatie (id),
    tijdstip     TEXT NOT NULL,
    tevredenheid_jeugdige INTEGER CHECK (tevredenheid_jeugdige BETWEEN 1 AND 10),
    tevredenheid_ouders   INTEGER CHECK (tevredenheid_ouders BETWEEN 1 AND 10),
    PRIMARY KEY (casus, volgnummer)
);
CREATE INDEX casus_gebeurtenis_code ON casus_gebeurtenis (code, tijdstip);

ALTER TABLE casus ADD COLUMN gesloten TEXT;

-- A referral (beschikking / jeugdhulpbepaling) with the normenkader check it
-- was given at creation: the rule ids and the version used.
CREATE TABLE verwijzing (
    id            INTEGER PRIMARY KEY,
    jeugdige      INTEGER NOT NULL REFERENCES jeugdige (id),
    casus         INTEGER REFERENCES casus (id),
    medewerker    INTEGER NOT NULL,
    rol           TEXT NOT NULL,
    organisatie   INTEGER NOT NULL REFERENCES organisatie (id),
    aanbieder     INTEGER NOT NULL REFERENCES organisatie (id),
    product       TEXT NOT NULL,
    volume        REAL NOT NULL CHECK (volume > 0),
    eenheid       TEXT NOT NULL,
    per           TEXT NOT NULL,
    ingangsdatum  TEXT NOT NULL,
    einddatum     TEXT NOT NULL CHECK (einddatum >= ingangsdatum),
    toegekend     REAL NOT NULL CHECK (toegekend >= 0),
    binnen_normen INTEGER NOT NULL CHECK (binnen_normen IN (0, 1)),
    regels        TEXT NOT NULL,
    normenkader   TEXT NOT NULL,
    bevindingen   TEXT NOT NULL,
    motivatie     TEXT,
    gemeentelijke_toets TEXT CHECK (gemeentelijke_toets IN ('open', 'akkoord', 'afgewezen')),
    aangemaakt    TEXT NOT NULL,
    -- Outside the norms only with a motivation, and then reviewed.
    CHECK (binnen_normen = 1 OR (motivatie IS NOT NULL AND gemeentelijke_toets IS NOT NULL))
);
CREATE INDEX verwijzing_jeugdige ON verwijzing (jeugdige, id);
CREATE INDEX verwijzing_aanbieder ON verwijzing (aanbieder, id);

CREATE TABLE levering (
    id          INTEGER PRIMARY KEY,
    verwijzing  INTEGER NOT NULL REFERENCES verwijzing (id),
    datum       TEXT NOT NULL,
    hoeveelheid REAL NOT NULL CHECK (hoeveelheid > 0),
    medewerker  INTEGER NOT NULL,
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    aangemaakt  TEXT NOT NULL
);
CREATE INDEX levering_verwijzing ON levering (verwijzing);

CREATE TABLE actie (
    id          INTEGER PRIMARY KEY,
    casus       INTEGER REFERENCES casus (id),
    verwijzing  INTEGER REFERENCES verwijzing (id),
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    medewerker  INTEGER,
    wat         TEXT NOT NULL,
    bron        TEXT NOT NULL,
    uiterlijk   TEXT NOT NULL,
    afgerond    TEXT,
    afgerond_door INTEGER
);
CREATE INDEX actie_open ON actie (organisatie, uiterlijk) WHERE afgerond IS NULL;
