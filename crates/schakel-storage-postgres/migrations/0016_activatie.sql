-- Issue 13.1. One-time activation links: an invited account sets its
-- password through one. Only the hash of the link's secret is stored; a
-- link is used once (gebruikt) and only until verloopt.
CREATE TABLE activatie (
    token_hash TEXT PRIMARY KEY,
    medewerker BIGINT NOT NULL REFERENCES medewerker (id) ON DELETE CASCADE,
    verloopt   TIMESTAMPTZ NOT NULL,
    gebruikt   TIMESTAMPTZ
);
CREATE INDEX activatie_medewerker ON activatie (medewerker);
