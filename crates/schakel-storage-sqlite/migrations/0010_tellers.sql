-- Rate limits that every server instance shares (issue 12: BSN checks per
-- account): per key, the start of the current window and the attempts in
-- it. Only the newest window is kept.
CREATE TABLE teller (
    sleutel       TEXT    NOT NULL PRIMARY KEY,
    venster_begin TEXT    NOT NULL,
    aantal        INTEGER NOT NULL CHECK (aantal > 0)
) STRICT;
