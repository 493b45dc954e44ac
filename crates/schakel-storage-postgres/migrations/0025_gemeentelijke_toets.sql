-- The municipality's review of a maatwerk referral (issue 14 item 6): the
-- gemeente's new role `toegang`, and who decided, when and why (the decision
-- itself is gemeentelijke_toets).
ALTER TABLE roltoewijzing DROP CONSTRAINT IF EXISTS roltoewijzing_rol_check;
ALTER TABLE roltoewijzing ADD CONSTRAINT roltoewijzing_rol_check
    CHECK (rol IN ('zorgcoordinator', 'casusregisseur', 'wijkteammedewerker', 'verwijzer', 'aanbieder', 'beleid', 'beheerder', 'accountbeheerder', 'toegang'));

ALTER TABLE verwijzing ADD COLUMN toets_motivatie TEXT;
ALTER TABLE verwijzing ADD COLUMN getoetst_door BIGINT REFERENCES medewerker (id);
ALTER TABLE verwijzing ADD COLUMN getoetst_op TIMESTAMPTZ;
ALTER TABLE verwijzing ADD CONSTRAINT verwijzing_toets_volledig
    CHECK ((getoetst_op IS NULL) = (toets_motivatie IS NULL));
CREATE INDEX verwijzing_toets ON verwijzing (gemeentelijke_toets, id);
