-- Issue 12.3. Break-the-glass on a closed case (noodtoegang, NEN 7510):
-- every grant with who, for which organisation and role, which case, why,
-- when and until when; the region's beheerder reviews them. A grant is
-- never changed afterwards.
CREATE TABLE noodtoegang (
    id          INTEGER PRIMARY KEY,
    casus       INTEGER NOT NULL REFERENCES casus (id),
    medewerker  INTEGER NOT NULL REFERENCES medewerker (id),
    rol         TEXT NOT NULL,
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    reden       TEXT NOT NULL,
    verleend    TEXT NOT NULL,
    tot         TEXT NOT NULL CHECK (tot > verleend)
) STRICT;
CREATE INDEX noodtoegang_medewerker ON noodtoegang (medewerker, tot);
CREATE INDEX noodtoegang_verleend ON noodtoegang (verleend);
CREATE TRIGGER noodtoegang_onveranderlijk BEFORE UPDATE ON noodtoegang
BEGIN
    SELECT RAISE(ABORT, 'een noodtoegang wordt niet gewijzigd');
END;
