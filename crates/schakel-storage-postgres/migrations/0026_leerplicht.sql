-- Issue 13.5: organisations of the kind leerplicht (leerplicht and RMC).
ALTER TABLE organisatie DROP CONSTRAINT organisatie_soort_check;
ALTER TABLE organisatie ADD CONSTRAINT organisatie_soort_check
    CHECK (soort IN ('school', 'wijkteam', 'jgz', 'aanbieder', 'gemeente', 'samenwerkingsverband', 'leerplicht'));
