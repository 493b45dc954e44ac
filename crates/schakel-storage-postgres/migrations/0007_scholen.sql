-- Schools in the directory (issue 5): the kind of school and its address,
-- from DUO's school file (`schakel import scholen`).
CREATE TABLE school (
    organisatie BIGINT PRIMARY KEY REFERENCES organisatie (id),
    schooltype  TEXT NOT NULL CHECK (schooltype IN ('po', 'sbo', 'so', 'vso', 'vo', 'pro', 'mbo')),
    postcode    TEXT
);
