-- Issue 13.3. Second factors: a TOTP app (its secret encrypted by the
-- server's key, see README "Security") or a passkey (WebAuthn credential as
-- JSON). laatste_stap: the last TOTP time step accepted, so a code works once.
CREATE TABLE tweede_factor (
    id              INTEGER PRIMARY KEY,
    medewerker      INTEGER NOT NULL REFERENCES medewerker (id) ON DELETE CASCADE,
    soort           TEXT NOT NULL CHECK (soort IN ('totp', 'passkey')),
    naam            TEXT NOT NULL,
    gegevens        TEXT NOT NULL,
    aangemaakt      TEXT NOT NULL,
    laatste_stap    INTEGER,
    laatst_gebruikt TEXT
) STRICT;
CREATE INDEX tweede_factor_medewerker ON tweede_factor (medewerker);

-- Ten single-use recovery codes per account, hashes only.
CREATE TABLE herstelcode (
    medewerker INTEGER NOT NULL REFERENCES medewerker (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    gebruikt   TEXT,
    PRIMARY KEY (medewerker, code_hash)
) STRICT;

-- A login waiting for its second factor (or for enrolment): grants nothing
-- but that step. Only the hash of its cookie's secret is stored.
CREATE TABLE aanmelding (
    token_hash  TEXT PRIMARY KEY,
    medewerker  INTEGER NOT NULL REFERENCES medewerker (id) ON DELETE CASCADE,
    rol         TEXT,
    organisatie INTEGER,
    doel        TEXT NOT NULL CHECK (doel IN ('controle', 'inschrijven')),
    csrf_token  TEXT NOT NULL,
    staat       TEXT NOT NULL,
    aangemaakt  TEXT NOT NULL,
    verloopt    TEXT NOT NULL
) STRICT;
CREATE INDEX aanmelding_medewerker ON aanmelding (medewerker);
