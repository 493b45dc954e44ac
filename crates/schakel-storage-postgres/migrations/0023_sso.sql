-- Issue 13.4. Single sign-on with an organisation's own OpenID Provider.
-- The client secret is kept for the token request (never shown back);
-- domeinen and acr_mfa hold one value per line.
CREATE TABLE sso_instelling (
    organisatie       BIGINT PRIMARY KEY REFERENCES organisatie (id) ON DELETE CASCADE,
    actief            BOOLEAN NOT NULL,
    issuer            TEXT NOT NULL,
    client_id         TEXT NOT NULL,
    client_secret     TEXT NOT NULL,
    domeinen          TEXT NOT NULL,
    onbekend_aanmaken BOOLEAN NOT NULL,
    acr_mfa           TEXT NOT NULL
);

-- An account's subject at a provider (OIDC: iss + sub identify a person).
CREATE TABLE sso_koppeling (
    issuer      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    medewerker  BIGINT NOT NULL REFERENCES medewerker (id) ON DELETE CASCADE,
    organisatie BIGINT NOT NULL REFERENCES organisatie (id),
    aangemaakt  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (issuer, subject),
    UNIQUE (issuer, medewerker)
);
CREATE INDEX sso_koppeling_organisatie ON sso_koppeling (organisatie);

-- A login under way (minutes): hashes of the state and of the browser's
-- binding cookie, the nonce and the PKCE verifier, and the role asked for
-- (`rol:organisatie`, when the account has several); taken once.
CREATE TABLE sso_poging (
    state_hash    TEXT PRIMARY KEY,
    binding_hash  TEXT NOT NULL,
    organisatie   BIGINT NOT NULL REFERENCES organisatie (id) ON DELETE CASCADE,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    rol           TEXT,
    verloopt      TIMESTAMPTZ NOT NULL
);
