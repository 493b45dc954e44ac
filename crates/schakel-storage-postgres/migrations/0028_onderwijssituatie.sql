-- Issue 14.5: a jeugdige's onderwijssituatie in the dossier, with its
-- history. Each row holds from `van` until `tot` (or, open-ended, until a
-- later row starts); a row is never changed afterwards: a correction is a
-- new row. `situatie` is a situation key of the normenkader, `school` the
-- school's name as the normenkader knows it.
CREATE TABLE onderwijssituatie (
    id             BIGSERIAL PRIMARY KEY,
    jeugdige       BIGINT NOT NULL REFERENCES jeugdige (id),
    situatie       TEXT NOT NULL,
    school         TEXT,
    schooldagdelen SMALLINT CHECK (schooldagdelen BETWEEN 0 AND 9),
    van            DATE NOT NULL,
    tot            DATE CHECK (tot IS NULL OR tot >= van),
    medewerker     BIGINT NOT NULL REFERENCES medewerker (id),
    rol            TEXT NOT NULL,
    organisatie    BIGINT NOT NULL REFERENCES organisatie (id),
    vastgelegd     TIMESTAMPTZ NOT NULL
);
CREATE INDEX onderwijssituatie_jeugdige ON onderwijssituatie (jeugdige, van);
CREATE FUNCTION onderwijssituatie_onveranderlijk() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'een vastgelegde onderwijssituatie wordt niet gewijzigd';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER onderwijssituatie_onveranderlijk BEFORE UPDATE ON onderwijssituatie
    FOR EACH ROW EXECUTE FUNCTION onderwijssituatie_onveranderlijk();
