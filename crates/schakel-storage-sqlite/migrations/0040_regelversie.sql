-- The rule and calendar files every instance on this database must serve
-- (issue 15.3): per region the fingerprint of its normenkader and the school
-- calendar (`Regelset::vingerafdruk`; NULL for a region without a
-- normenkader). The first `serve` records what it loaded; `schakel regels
-- publiceer` replaces it deliberately. An instance whose files differ does
-- not start (PostgreSQL) or records its own (SQLite: one instance).
CREATE TABLE regelversie (
    regio        TEXT PRIMARY KEY,
    vingerafdruk TEXT,
    vastgelegd   TEXT NOT NULL
);
