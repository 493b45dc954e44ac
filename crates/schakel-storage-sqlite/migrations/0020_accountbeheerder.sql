-- Issue 13.2. A new role, accountbeheerder: manages the accounts of its own
-- organisation. SQLite cannot change a CHECK constraint, so roltoewijzing is
-- rebuilt. Dropping it would cascade to the sessions and API tokens that
-- carry a role (their foreign key), so those are kept aside and put back.
CREATE TABLE roltoewijzing_nieuw (
    medewerker  INTEGER NOT NULL REFERENCES medewerker (id) ON DELETE CASCADE,
    rol         TEXT NOT NULL CHECK (rol IN ('zorgcoordinator', 'casusregisseur', 'wijkteammedewerker', 'verwijzer', 'aanbieder', 'beleid', 'beheerder', 'accountbeheerder')),
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    PRIMARY KEY (medewerker, rol, organisatie)
) STRICT;
INSERT INTO roltoewijzing_nieuw (rowid, medewerker, rol, organisatie)
    SELECT rowid, medewerker, rol, organisatie FROM roltoewijzing;
CREATE TEMP TABLE sessie_bewaard AS SELECT * FROM sessie;
CREATE TEMP TABLE api_token_bewaard AS SELECT * FROM api_token;
DROP TABLE roltoewijzing;
ALTER TABLE roltoewijzing_nieuw RENAME TO roltoewijzing;
CREATE INDEX roltoewijzing_organisatie ON roltoewijzing (organisatie);
INSERT INTO sessie SELECT * FROM sessie_bewaard;
INSERT INTO api_token SELECT * FROM api_token_bewaard;
DROP TABLE sessie_bewaard;
DROP TABLE api_token_bewaard;
