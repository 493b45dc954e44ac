-- Closing a case closes its hulpvragen (`WHERE casus = $1`): without an
-- index, a scan of every hulpvraag in the database. (SQLite's migration of
-- the same number also rewrites `casus_wijkteam_open`'s condition as this
-- engine's has always been written.)
CREATE INDEX hulpvraag_casus ON hulpvraag (casus);
