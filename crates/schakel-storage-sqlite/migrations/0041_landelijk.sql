-- no-transaction
-- Issue 17.5: the national role `landelijk` (the country's totals per
-- region, aggregated only). SQLite cannot change a CHECK, so the role table
-- is rebuilt as in 0025; it is the parent of sessions and tokens, so foreign
-- keys are off while it is swapped (SQLite's documented 12-step procedure),
-- outside sqlx's transaction. Existing rows are copied unchanged.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE roltoewijzing_nieuw (
    medewerker  INTEGER NOT NULL REFERENCES medewerker (id) ON DELETE CASCADE,
    rol         TEXT NOT NULL CHECK (rol IN ('zorgcoordinator', 'casusregisseur', 'wijkteammedewerker', 'verwijzer', 'aanbieder', 'beleid', 'beheerder', 'accountbeheerder', 'toegang', 'landelijk')),
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    PRIMARY KEY (medewerker, rol, organisatie)
) STRICT;
INSERT INTO roltoewijzing_nieuw (medewerker, rol, organisatie)
    SELECT medewerker, rol, organisatie FROM roltoewijzing;
DROP TABLE roltoewijzing;
ALTER TABLE roltoewijzing_nieuw RENAME TO roltoewijzing;
CREATE INDEX roltoewijzing_organisatie ON roltoewijzing (organisatie);
COMMIT;
PRAGMA foreign_keys = ON;
