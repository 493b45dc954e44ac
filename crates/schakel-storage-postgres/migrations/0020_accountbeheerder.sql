-- Issue 13.2. A new role, accountbeheerder: manages the accounts of its own
-- organisation.
ALTER TABLE roltoewijzing DROP CONSTRAINT roltoewijzing_rol_check;
ALTER TABLE roltoewijzing ADD CONSTRAINT roltoewijzing_rol_check CHECK (rol IN ('zorgcoordinator', 'casusregisseur', 'wijkteammedewerker', 'verwijzer', 'aanbieder', 'beleid', 'beheerder', 'accountbeheerder'));
