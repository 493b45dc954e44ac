-- The period an OJA arrangement runs (issue 13), both days inclusive;
-- open at either end when NULL.
ALTER TABLE oja_arrangement
    ADD COLUMN geldig_vanaf DATE,
    ADD COLUMN geldig_tot DATE,
    ADD CONSTRAINT oja_arrangement_periode
        CHECK (geldig_tot IS NULL OR geldig_vanaf IS NULL OR geldig_vanaf <= geldig_tot);
