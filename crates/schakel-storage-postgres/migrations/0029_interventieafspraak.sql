-- Issue 14.2, seed 004 footnote ***: behandeling for a (dreigende)
-- thuiszitter only under an interventie-afspraak between the provider and
-- the gemeente, for a dated period. One row per provider, gemeente and
-- start date (an import again with the same start updates the row).
CREATE TABLE interventieafspraak (
    id           BIGSERIAL PRIMARY KEY,
    aanbieder    BIGINT NOT NULL REFERENCES organisatie (id),
    gemeente     BIGINT NOT NULL REFERENCES organisatie (id),
    omschrijving TEXT NOT NULL,
    van          DATE NOT NULL,
    tot          DATE NOT NULL CHECK (tot >= van),
    vastgelegd   TIMESTAMPTZ NOT NULL,
    UNIQUE (aanbieder, gemeente, van)
);
