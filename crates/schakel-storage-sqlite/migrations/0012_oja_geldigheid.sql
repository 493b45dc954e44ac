-- The period an OJA arrangement runs (issue 13), both days inclusive;
-- open at either end when NULL. Dates as YYYY-MM-DD text, as elsewhere.
ALTER TABLE oja_arrangement ADD COLUMN geldig_vanaf TEXT;
ALTER TABLE oja_arrangement ADD COLUMN geldig_tot TEXT
    CHECK (geldig_tot IS NULL OR geldig_vanaf IS NULL OR geldig_vanaf <= geldig_tot);
