-- Issue 12.3. Break-the-glass on a closed case (noodtoegang, NEN 7510):
-- every grant with who, for which organisation and role, which case, why,
-- when and until when; the region's beheerder reviews them. A grant is
-- never changed afterwards.
CREATE TABLE noodtoegang (
    id          BIGSERIAL PRIMARY KEY,
    casus       BIGINT NOT NULL REFERENCES casus (id),
    medewerker  BIGINT NOT NULL REFERENCES medewerker (id),
    rol         TEXT NOT NULL,
    organisatie BIGINT NOT NULL REFERENCES organisatie (id),
    reden       TEXT NOT NULL,
    verleend    TIMESTAMPTZ NOT NULL,
    tot         TIMESTAMPTZ NOT NULL CHECK (tot > verleend)
);
CREATE INDEX noodtoegang_medewerker ON noodtoegang (medewerker, tot);
CREATE INDEX noodtoegang_verleend ON noodtoegang (verleend);
CREATE FUNCTION noodtoegang_onveranderlijk() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'een noodtoegang wordt niet gewijzigd';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER noodtoegang_onveranderlijk BEFORE UPDATE ON noodtoegang
    FOR EACH ROW EXECUTE FUNCTION noodtoegang_onveranderlijk();
