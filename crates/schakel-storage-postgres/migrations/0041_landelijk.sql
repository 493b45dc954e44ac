-- Issue 17.5: the national role `landelijk` (the country's totals per
-- region, aggregated only). Existing rows stay valid: the set only grows.
ALTER TABLE roltoewijzing DROP CONSTRAINT IF EXISTS roltoewijzing_rol_check;
ALTER TABLE roltoewijzing ADD CONSTRAINT roltoewijzing_rol_check
    CHECK (rol IN ('zorgcoordinator', 'casusregisseur', 'wijkteammedewerker', 'verwijzer', 'aanbieder', 'beleid', 'beheerder', 'accountbeheerder', 'toegang', 'landelijk'));
