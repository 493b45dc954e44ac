-- Corrections of delivered care (issue 16.6): a correction never overwrites
-- what was registered; it is a record of its own pointing to the delivery it
-- corrects, with a mandatory reason. The latest correction of a delivery is
-- what counts (the view levering_geldig), for the budget and monitoring.
CREATE TABLE leveringcorrectie (
    id          INTEGER PRIMARY KEY,
    levering    INTEGER NOT NULL REFERENCES levering (id),
    hoeveelheid_honderdsten INTEGER NOT NULL CHECK (hoeveelheid_honderdsten >= 0),
    reden       TEXT NOT NULL CHECK (length(reden) > 0),
    medewerker  INTEGER NOT NULL,
    organisatie INTEGER NOT NULL REFERENCES organisatie (id),
    aangemaakt  TEXT NOT NULL
);
CREATE INDEX leveringcorrectie_levering ON leveringcorrectie (levering, id);

CREATE VIEW levering_geldig AS
SELECT l.id, l.verwijzing, l.datum,
       coalesce((SELECT k.hoeveelheid_honderdsten FROM leveringcorrectie k
                 WHERE k.levering = l.id ORDER BY k.id DESC LIMIT 1),
                l.hoeveelheid_honderdsten) AS hoeveelheid_honderdsten
FROM levering l;
