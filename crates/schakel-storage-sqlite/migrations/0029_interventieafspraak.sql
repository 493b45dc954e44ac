-- Issue 14.2, seed 004 footnote ***: behandeling for a (dreigende)
-- thuiszitter only under an interventie-afspraak between the provider and
-- the gemeente, for a dated period. One row per provider, gemeente and
-- start date (an import again with the same start updates the row).
CREATE TABLE interventieafspraak (
    id           INTEGER PRIMARY KEY,
    aanbieder    INTEGER NOT NULL REFERENCES organisatie (id),
    gemeente     INTEGER NOT NULL REFERENCES organisatie (id),
    omschrijving TEXT NOT NULL,
    van          TEXT NOT NULL,
    tot          TEXT NOT NULL CHECK (tot >= van),
    vastgelegd   TEXT NOT NULL,
    UNIQUE (aanbieder, gemeente, van)
) STRICT;
