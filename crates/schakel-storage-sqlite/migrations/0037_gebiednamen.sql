-- The names of CBS's areas (issue 16.3): a gemeente (GM + 4 digits), wijk
-- (WK + 6) or buurt (BU + 8) by its code, with the area it lies in, so
-- pages show names instead of codes. `gemeente` is the CBS gemeente number
-- every code holds: an import replaces the names of its gemeenten only.
CREATE TABLE gebiednaam (
    code     TEXT PRIMARY KEY,
    naam     TEXT NOT NULL CHECK (length(naam) BETWEEN 1 AND 200),
    soort    TEXT NOT NULL CHECK (soort IN ('gemeente', 'wijk', 'buurt')),
    ouder    TEXT,
    gemeente INTEGER NOT NULL
);
CREATE INDEX gebiednaam_gemeente ON gebiednaam (gemeente);
