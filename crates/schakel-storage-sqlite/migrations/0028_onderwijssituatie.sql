-- Issue 14.5: a jeugdige's onderwijssituatie in the dossier, with its
-- history. Each row holds from `van` until `tot` (or, open-ended, until a
-- later row starts); a row is never changed afterwards: a correction is a
-- new row. `situatie` is a situation key of the normenkader, `school` the
-- school's name as the normenkader knows it.
CREATE TABLE onderwijssituatie (
    id             INTEGER PRIMARY KEY,
    jeugdige       INTEGER NOT NULL REFERENCES jeugdige (id),
    situatie       TEXT NOT NULL,
    school         TEXT,
    schooldagdelen INTEGER CHECK (schooldagdelen BETWEEN 0 AND 9),
    van            TEXT NOT NULL,
    tot            TEXT CHECK (tot IS NULL OR tot >= van),
    medewerker     INTEGER NOT NULL REFERENCES medewerker (id),
    rol            TEXT NOT NULL,
    organisatie    INTEGER NOT NULL REFERENCES organisatie (id),
    vastgelegd     TEXT NOT NULL
) STRICT;
CREATE INDEX onderwijssituatie_jeugdige ON onderwijssituatie (jeugdige, van);
CREATE TRIGGER onderwijssituatie_onveranderlijk BEFORE UPDATE ON onderwijssituatie
BEGIN
    SELECT RAISE(ABORT, 'een vastgelegde onderwijssituatie wordt niet gewijzigd');
END;
