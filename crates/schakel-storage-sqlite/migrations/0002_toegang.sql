-- The support route (seed 003): a hulpvraag is registered by a school or
-- a municipal basisteam (organisatie), then triaged: only the municipality
-- (handed to a wijkteam), only education (handed to the school) or both (a
-- joint case). `behandelaar` is who handles it now: the registrant until
-- triage.
ALTER TABLE hulpvraag RENAME COLUMN school TO organisatie;
ALTER TABLE hulpvraag ADD COLUMN behandelaar INTEGER REFERENCES organisatie (id);
UPDATE hulpvraag SET behandelaar = organisatie;
ALTER TABLE hulpvraag ADD COLUMN triage TEXT CHECK (triage IN ('gemeente', 'onderwijs', 'beide'));
ALTER TABLE hulpvraag ADD COLUMN casus INTEGER REFERENCES casus (id);
ALTER TABLE hulpvraag ADD COLUMN getrieerd TEXT;
ALTER TABLE hulpvraag ADD COLUMN getrieerd_door INTEGER;
CREATE INDEX hulpvraag_organisatie ON hulpvraag (organisatie, id);
CREATE INDEX hulpvraag_behandelaar ON hulpvraag (behandelaar, id);

-- Need to know, kept ready: per organisation and jeugdige the facts the
-- access policy decides on (schakel_domain::toegang::Relaties::bits: 1 open
-- hulpvraag at the organisation, 2 own wijkteam's open case, 4 party to an
-- open case, 8 referral to the provider, 16 own pupil). Every write that
-- creates or ends one of these facts recomputes the rows of the household
-- it touches, in its own transaction; a single read looks up one row and a
-- case list reads one organisation's range, instead of recomputing the
-- whole need-to-know set per request (BENCHMARKS.md: the case list).
CREATE TABLE toegang (
    organisatie INTEGER NOT NULL,
    jeugdige    INTEGER NOT NULL REFERENCES jeugdige (id),
    relaties    INTEGER NOT NULL CHECK (relaties > 0),
    PRIMARY KEY (organisatie, jeugdige)
) STRICT, WITHOUT ROWID;
CREATE INDEX toegang_jeugdige ON toegang (jeugdige);

-- The facts as they stand (the same query as the application's
-- `feiten!` macro, over every household).
INSERT INTO toegang (organisatie, jeugdige, relaties)
SELECT organisatie, jeugdige, sum(DISTINCT bit) FROM (
    SELECT h.behandelaar AS organisatie, h.jeugdige AS jeugdige, 1 AS bit
      FROM hulpvraag h WHERE h.open = 1
    UNION ALL
    SELECT c.wijkteam, j.id, 2
      FROM casus c JOIN jeugdige j ON j.huishouden = c.huishouden WHERE c.open = 1
    UNION ALL
    SELECT p.organisatie, j.id, 4
      FROM casus c JOIN casus_partij p ON p.casus = c.id
      JOIN jeugdige j ON j.huishouden = c.huishouden WHERE c.open = 1
    UNION ALL
    SELECT j.school, j.id, 16 FROM jeugdige j WHERE j.school IS NOT NULL
) GROUP BY organisatie, jeugdige;

-- Who registered a household: until it has a member, only that
-- organisation may add one.
ALTER TABLE huishouden ADD COLUMN aangemaakt_door INTEGER REFERENCES organisatie (id);
