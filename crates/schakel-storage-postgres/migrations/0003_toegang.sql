-- The support route (seed 003): a hulpvraag is registered by a school or
-- a municipal basisteam (organisatie), then triaged: only the municipality
-- (handed to a wijkteam), only education (handed to the school) or both (a
-- joint case). `behandelaar` is who handles it now: the registrant until
-- triage.
ALTER TABLE hulpvraag RENAME COLUMN school TO organisatie;
-- Errors name the column by the constraint's name.
ALTER TABLE hulpvraag RENAME CONSTRAINT hulpvraag_school_fkey TO hulpvraag_organisatie_fkey;
ALTER TABLE hulpvraag ADD COLUMN behandelaar BIGINT REFERENCES organisatie (id);
UPDATE hulpvraag SET behandelaar = organisatie;
ALTER TABLE hulpvraag ADD COLUMN triage TEXT CHECK (triage IN ('gemeente', 'onderwijs', 'beide'));
ALTER TABLE hulpvraag ADD COLUMN casus BIGINT REFERENCES casus (id);
ALTER TABLE hulpvraag ADD COLUMN getrieerd TIMESTAMPTZ;
ALTER TABLE hulpvraag ADD COLUMN getrieerd_door BIGINT;
CREATE INDEX hulpvraag_organisatie ON hulpvraag (organisatie, id);
CREATE INDEX hulpvraag_behandelaar ON hulpvraag (behandelaar, id);

-- Need to know, kept ready: the same table as the SQLite backend's
-- 0002_toegang.sql (see there). The 0002 covering index served the old
-- per-request computation and is no longer needed for it, but stays: it
-- serves every lookup of a household's jeugdigen.
CREATE TABLE toegang (
    organisatie BIGINT NOT NULL,
    jeugdige    BIGINT NOT NULL REFERENCES jeugdige (id),
    relaties    BIGINT NOT NULL CHECK (relaties > 0),
    -- Covering: a list is counted and paged from the index alone.
    PRIMARY KEY (organisatie, jeugdige) INCLUDE (relaties)
);
CREATE INDEX toegang_jeugdige ON toegang (jeugdige);

INSERT INTO toegang (organisatie, jeugdige, relaties)
SELECT organisatie, jeugdige, sum(DISTINCT bit) FROM (
    SELECT h.behandelaar AS organisatie, h.jeugdige AS jeugdige, 1 AS bit
      FROM hulpvraag h WHERE h.open
    UNION ALL
    SELECT c.wijkteam, j.id, 2
      FROM casus c JOIN jeugdige j ON j.huishouden = c.huishouden WHERE c.open
    UNION ALL
    SELECT p.organisatie, j.id, 4
      FROM casus c JOIN casus_partij p ON p.casus = c.id
      JOIN jeugdige j ON j.huishouden = c.huishouden WHERE c.open
    UNION ALL
    SELECT j.school, j.id, 16 FROM jeugdige j WHERE j.school IS NOT NULL
) f GROUP BY organisatie, jeugdige;

-- Who registered a household: until it has a member, only that
-- organisation may add one.
ALTER TABLE huishouden ADD COLUMN aangemaakt_door BIGINT REFERENCES organisatie (id);
