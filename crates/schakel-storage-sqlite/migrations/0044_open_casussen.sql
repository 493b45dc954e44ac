-- An organisation's open cases are found through `casus_wijkteam_open`
-- (the worklist, the case list). The shared queries say `open`, and SQLite
-- uses a partial index only when the query repeats the index's condition
-- as written: with `WHERE open = 1` it never did, and every such query
-- scanned every case in the database. PostgreSQL's index says `WHERE open`
-- from the start.
DROP INDEX casus_wijkteam_open;
CREATE INDEX casus_wijkteam_open ON casus (wijkteam, huishouden) WHERE open;

-- Closing a case closes its hulpvragen (`WHERE casus = $1`): without an
-- index, a scan of every hulpvraag in the database.
CREATE INDEX hulpvraag_casus ON hulpvraag (casus);
