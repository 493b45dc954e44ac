-- no-transaction
-- The municipality's review of a maatwerk referral (issue 14 item 6): the
-- gemeente's new role `toegang`, and who decided, when and why (the decision
-- itself is gemeentelijke_toets). SQLite cannot change a CHECK, so the role
-- table is rebuilt; it is the parent of sessions and tokens, so foreign keys
-- are off while it is swapped (SQLite's documented 12-step procedure),
-- which needs a migration outside sqlx's transaction.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE roltoewijzing_nieuw (
    medewerker  INTEGER NOT NULL REFERENCES medewerker (id) ON DELETE CASCADE,
    rol         TEXT NOT NULL CHECK (rol IN ('zorgcoordinator', 'casusregisseur', 'wijkteammedewerker', 'verwijzer', 'aanbieder', 'beleid', 'beheerder', 'accountbeheerder', 'toegang')),
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    PRIMARY KEY (medewerker, rol, organisatie)
) STRICT;
INSERT INTO roltoewijzing_nieuw (medewerker, rol, organisatie)
    SELECT medewerker, rol, organisatie FROM roltoewijzing;
DROP TABLE roltoewijzing;
ALTER TABLE roltoewijzing_nieuw RENAME TO roltoewijzing;
CREATE INDEX roltoewijzing_organisatie ON roltoewijzing (organisatie);

ALTER TABLE verwijzing ADD COLUMN toets_motivatie TEXT;
ALTER TABLE verwijzing ADD COLUMN getoetst_door INTEGER REFERENCES medewerker (id);
ALTER TABLE verwijzing ADD COLUMN getoetst_op TEXT;
CREATE INDEX verwijzing_toets ON verwijzing (gemeentelijke_toets, id);
COMMIT;
PRAGMA foreign_keys = ON;
