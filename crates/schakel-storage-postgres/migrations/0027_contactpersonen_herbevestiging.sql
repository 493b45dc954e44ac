-- Issue 13.5: the beheerder adds, changes and removes the directory's
-- contact persons one by one (beheer page and API); each row carries when
-- it was last changed. Rows loaded before this stay without one.
ALTER TABLE contactpersoon_gids ADD COLUMN gewijzigd TIMESTAMPTZ;

-- Issue 13.4: an SSO-only user re-confirms a login (before an API token)
-- by logging in anew at the provider; the attempt remembers that it was
-- one, so the way back checks the provider's auth_time.
ALTER TABLE sso_poging ADD COLUMN herbevestiging BOOLEAN NOT NULL DEFAULT false;
