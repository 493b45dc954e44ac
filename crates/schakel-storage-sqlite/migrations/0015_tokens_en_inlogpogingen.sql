-- Issue 12.5/12.6. API tokens get an id (to list and revoke them), the
-- moment they were made and the last time they were used. SQLite cannot add
-- a primary key to a table, so the table is rebuilt; tokens made before this
-- migration count as made now.
CREATE TABLE api_token_nieuw (
    id              INTEGER PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE,
    medewerker      INTEGER NOT NULL,
    rol             TEXT NOT NULL,
    organisatie     INTEGER NOT NULL,
    naam            TEXT NOT NULL,
    aangemaakt      TEXT NOT NULL,
    laatst_gebruikt TEXT,
    verloopt        TEXT NOT NULL,
    FOREIGN KEY (medewerker, rol, organisatie)
        REFERENCES roltoewijzing (medewerker, rol, organisatie) ON DELETE CASCADE
) STRICT;
INSERT INTO api_token_nieuw (token_hash, medewerker, rol, organisatie, naam, aangemaakt, verloopt)
    SELECT token_hash, medewerker, rol, organisatie, naam,
           strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now'), verloopt
    FROM api_token;
DROP TABLE api_token;
ALTER TABLE api_token_nieuw RENAME TO api_token;
CREATE INDEX api_token_rol ON api_token (medewerker, rol, organisatie);

-- Failed logins, per key (a hashed account or client address), so that
-- every server instance on this database counts the same attempts.
CREATE TABLE mislukte_inlog (
    sleutel  TEXT NOT NULL,
    tijdstip TEXT NOT NULL
) STRICT;
CREATE INDEX mislukte_inlog_sleutel ON mislukte_inlog (sleutel, tijdstip);
CREATE INDEX mislukte_inlog_tijdstip ON mislukte_inlog (tijdstip);
