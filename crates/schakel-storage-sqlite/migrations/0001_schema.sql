-- Schakel's case record on SQLite.
--
-- Conventions: timestamps are TEXT in RFC 3339, UTC, with exactly six
-- fractional digits ("2026-11-23T09:15:00.123456Z"), so they sort as text and
-- an audit record's hash round-trips exactly; dates are TEXT "YYYY-MM-DD";
-- booleans are INTEGER 0/1. Tables are STRICT: a value of the wrong type is
-- refused, not converted.

CREATE TABLE regio (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    naam TEXT NOT NULL
) STRICT;

CREATE TABLE organisatie (
    id       INTEGER PRIMARY KEY,
    regio    INTEGER NOT NULL REFERENCES regio (id),
    naam     TEXT NOT NULL,
    soort    TEXT NOT NULL CHECK (soort IN ('school', 'wijkteam', 'jgz', 'aanbieder', 'gemeente', 'samenwerkingsverband')),
    gemeente TEXT,
    brin     TEXT,
    agb      TEXT
) STRICT;
CREATE INDEX organisatie_regio ON organisatie (regio);

CREATE TABLE medewerker (
    id              INTEGER PRIMARY KEY,
    naam            TEXT NOT NULL,
    -- Stored lower-case: the login name is case-insensitive.
    email           TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
    wachtwoord_hash TEXT NOT NULL,
    actief          INTEGER NOT NULL DEFAULT 1 CHECK (actief IN (0, 1))
) STRICT;

CREATE TABLE roltoewijzing (
    medewerker  INTEGER NOT NULL REFERENCES medewerker (id) ON DELETE CASCADE,
    rol         TEXT NOT NULL CHECK (rol IN ('zorgcoordinator', 'casusregisseur', 'wijkteammedewerker', 'verwijzer', 'aanbieder', 'beleid', 'beheerder')),
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    PRIMARY KEY (medewerker, rol, organisatie)
) STRICT;
CREATE INDEX roltoewijzing_organisatie ON roltoewijzing (organisatie);

-- A session or token can only carry a role the medewerker holds; removing
-- the role ends them.
CREATE TABLE sessie (
    token_hash    TEXT PRIMARY KEY,
    medewerker    INTEGER NOT NULL,
    rol           TEXT NOT NULL,
    organisatie   INTEGER NOT NULL,
    csrf_token    TEXT NOT NULL,
    aangemaakt    TEXT NOT NULL,
    laatst_actief TEXT NOT NULL,
    verloopt      TEXT NOT NULL,
    FOREIGN KEY (medewerker, rol, organisatie)
        REFERENCES roltoewijzing (medewerker, rol, organisatie) ON DELETE CASCADE
) STRICT;
CREATE INDEX sessie_rol ON sessie (medewerker, rol, organisatie);

CREATE TABLE api_token (
    token_hash  TEXT PRIMARY KEY,
    medewerker  INTEGER NOT NULL,
    rol         TEXT NOT NULL,
    organisatie INTEGER NOT NULL,
    naam        TEXT NOT NULL,
    verloopt    TEXT NOT NULL,
    FOREIGN KEY (medewerker, rol, organisatie)
        REFERENCES roltoewijzing (medewerker, rol, organisatie) ON DELETE CASCADE
) STRICT;
CREATE INDEX api_token_rol ON api_token (medewerker, rol, organisatie);

CREATE TABLE huishouden (
    id          INTEGER PRIMARY KEY,
    gewijzigd   TEXT NOT NULL,
    bewaren_tot TEXT NOT NULL
) STRICT;
CREATE INDEX huishouden_bewaren_tot ON huishouden (bewaren_tot);

CREATE TABLE vertegenwoordiger (
    id         INTEGER PRIMARY KEY,
    huishouden INTEGER NOT NULL REFERENCES huishouden (id) ON DELETE CASCADE,
    naam       TEXT NOT NULL,
    relatie    TEXT NOT NULL
) STRICT;
CREATE INDEX vertegenwoordiger_huishouden ON vertegenwoordiger (huishouden);

CREATE TABLE jeugdige (
    id            INTEGER PRIMARY KEY,
    huishouden    INTEGER NOT NULL REFERENCES huishouden (id),
    bsn           TEXT NOT NULL UNIQUE,
    geboortedatum TEXT NOT NULL,
    voornaam      TEXT NOT NULL,
    achternaam    TEXT NOT NULL,
    postcode      TEXT NOT NULL,
    huisnummer    INTEGER NOT NULL,
    toevoeging    TEXT,
    school        INTEGER REFERENCES organisatie (id),
    versie        INTEGER NOT NULL DEFAULT 1,
    gewijzigd     TEXT NOT NULL,
    bewaren_tot   TEXT NOT NULL
) STRICT;
CREATE INDEX jeugdige_huishouden ON jeugdige (huishouden);
CREATE INDEX jeugdige_school ON jeugdige (school);
CREATE INDEX jeugdige_bewaren_tot ON jeugdige (bewaren_tot);

CREATE TABLE hulpvraag (
    id           INTEGER PRIMARY KEY,
    jeugdige     INTEGER NOT NULL REFERENCES jeugdige (id),
    school       INTEGER NOT NULL REFERENCES organisatie (id),
    omschrijving TEXT NOT NULL,
    open         INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
    aangemaakt   TEXT NOT NULL
) STRICT;
CREATE INDEX hulpvraag_jeugdige ON hulpvraag (jeugdige);
CREATE INDEX hulpvraag_school_open ON hulpvraag (school, jeugdige) WHERE open = 1;

CREATE TABLE casus (
    id         INTEGER PRIMARY KEY,
    huishouden INTEGER NOT NULL REFERENCES huishouden (id),
    wijkteam   INTEGER NOT NULL REFERENCES organisatie (id),
    open       INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
    aangemaakt TEXT NOT NULL
) STRICT;
CREATE INDEX casus_huishouden ON casus (huishouden);
CREATE INDEX casus_wijkteam_open ON casus (wijkteam, huishouden) WHERE open = 1;

CREATE TABLE casus_partij (
    casus       INTEGER NOT NULL REFERENCES casus (id) ON DELETE CASCADE,
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    PRIMARY KEY (casus, organisatie)
) STRICT;
CREATE INDEX casus_partij_organisatie ON casus_partij (organisatie, casus);

-- NEN 7513 access log: append-only, hash-chained. No foreign keys: the log
-- outlives what it describes.
CREATE TABLE audit (
    volgnummer  INTEGER PRIMARY KEY,
    gebeurtenis TEXT NOT NULL,
    actie       TEXT NOT NULL,
    tijdstip    TEXT NOT NULL,
    gebruiker   INTEGER,
    rol         TEXT,
    organisatie INTEGER,
    namens      INTEGER,
    client_type TEXT,
    client      TEXT,
    object_type TEXT NOT NULL,
    object_id   INTEGER,
    uitkomst    TEXT NOT NULL,
    grond       TEXT,
    bron        TEXT NOT NULL,
    systeem     TEXT NOT NULL,
    vorige_hash TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_client ON audit (client, volgnummer) WHERE client IS NOT NULL;

-- The head of the chain, so that removing the newest records is detected.
CREATE TABLE audit_kop (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    volgnummer INTEGER NOT NULL,
    hash       TEXT NOT NULL
) STRICT;

-- The application never changes or removes a record. These triggers stop
-- mistakes; deliberate tampering by someone with the file is what the hash
-- chain detects.
CREATE TRIGGER audit_niet_wijzigen BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'het auditlog is alleen-toevoegen');
END;
CREATE TRIGGER audit_niet_verwijderen BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'het auditlog is alleen-toevoegen');
END;
