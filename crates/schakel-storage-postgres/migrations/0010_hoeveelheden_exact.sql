-- Amounts of care as exact hundredths of a unit (schakel_rules::hoeveelheid):
-- sums for monitoring and the budget check no longer depend on floating
-- point. Existing amounts were stored rounded to hundredths already.
ALTER TABLE verwijzing ALTER COLUMN toegekend TYPE BIGINT USING round(toegekend * 100)::bigint;
ALTER TABLE verwijzing RENAME COLUMN toegekend TO toegekend_honderdsten;
ALTER TABLE levering ALTER COLUMN hoeveelheid TYPE BIGINT USING round(hoeveelheid * 100)::bigint;
ALTER TABLE levering RENAME COLUMN hoeveelheid TO hoeveelheid_honderdsten;
