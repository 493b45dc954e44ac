-- The regional directory's address routing (issue 5). `adres` is CBS's
-- postcode–huisnummer file: every address with its buurt (the buurt code
-- holds the wijk and the gemeente). Postcodes are stored as numbers
-- (schakel_domain::gids::postcode_getal) to keep 10 million rows small.
-- An import fills `adres_nieuw` and swaps it in with one short transaction,
-- so no half-imported state is ever visible.
CREATE TABLE adres (
    postcode   INTEGER NOT NULL,
    huisnummer INTEGER NOT NULL,
    buurt      INTEGER NOT NULL,
    PRIMARY KEY (postcode, huisnummer)
) WITHOUT ROWID;

-- Which file the addresses came from.
CREATE TABLE adresbestand (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    bron         TEXT NOT NULL,
    jaar         INTEGER,
    rijen        INTEGER NOT NULL,
    geimporteerd TEXT NOT NULL
);

-- A wijkteam's werkgebied: areas in the notation of
-- schakel_domain::gids::Gebied (BU00340101, 1354AA-1354ZZ, 1315AB 10-20).
CREATE TABLE gebied (
    wijkteam INTEGER NOT NULL REFERENCES organisatie (id),
    gebied   TEXT NOT NULL,
    PRIMARY KEY (wijkteam, gebied)
);

-- An organisation's fixed contact point (seed 002: "vaste contactpunten").
CREATE TABLE contactpunt (
    organisatie INTEGER PRIMARY KEY REFERENCES organisatie (id),
    naam        TEXT NOT NULL,
    telefoon    TEXT,
    email       TEXT
);
