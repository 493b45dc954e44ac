-- Issue 13.5: the beheerder adds, changes and removes the directory's
-- contact persons one by one (beheer page and API); each row carries when
-- it was last changed. Rows loaded before this stay without one.
ALTER TABLE contactpersoon_gids ADD COLUMN gewijzigd TIMESTAMPTZ;
