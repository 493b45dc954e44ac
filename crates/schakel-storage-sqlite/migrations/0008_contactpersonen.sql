-- Contact persons of the directory (issue 5; seed 003 "contactpersonen"):
-- per organisation, or for a region's expertpool (organisatie NULL), with
-- their role, phone and e-mail.
CREATE TABLE contactpersoon_gids (
    id          INTEGER PRIMARY KEY,
    regio       INTEGER NOT NULL REFERENCES regio (id),
    organisatie INTEGER REFERENCES organisatie (id),
    functie     TEXT NOT NULL,
    naam        TEXT NOT NULL,
    telefoon    TEXT,
    email       TEXT
);
CREATE INDEX contactpersoon_gids_organisatie ON contactpersoon_gids (organisatie);
