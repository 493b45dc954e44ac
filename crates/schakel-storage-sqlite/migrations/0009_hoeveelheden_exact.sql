-- Amounts of care as exact hundredths of a unit (schakel_rules::hoeveelheid):
-- sums for monitoring and the budget check no longer depend on floating
-- point. Existing amounts were stored rounded to hundredths already.
ALTER TABLE verwijzing ADD COLUMN toegekend_honderdsten INTEGER NOT NULL DEFAULT 0
    CHECK (toegekend_honderdsten >= 0);
UPDATE verwijzing SET toegekend_honderdsten = CAST(round(toegekend * 100) AS INTEGER);
ALTER TABLE verwijzing DROP COLUMN toegekend;

-- Nothing refers to levering: rebuilt to keep its CHECK on the new column.
CREATE TABLE levering_nieuw (
    id          INTEGER PRIMARY KEY,
    verwijzing  INTEGER NOT NULL REFERENCES verwijzing (id),
    datum       TEXT NOT NULL,
    hoeveelheid_honderdsten INTEGER NOT NULL CHECK (hoeveelheid_honderdsten > 0),
    medewerker  INTEGER NOT NULL,
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    aangemaakt  TEXT NOT NULL
);
INSERT INTO levering_nieuw (id, verwijzing, datum, hoeveelheid_honderdsten, medewerker, organisatie, aangemaakt)
    SELECT id, verwijzing, datum, CAST(round(hoeveelheid * 100) AS INTEGER), medewerker, organisatie, aangemaakt
    FROM levering;
DROP TABLE levering;
ALTER TABLE levering_nieuw RENAME TO levering;
CREATE INDEX levering_verwijzing ON levering (verwijzing);
