-- Rate limits that every server instance shares: the same table as the
-- SQLite backend's 0010_tellers.sql (see there).
CREATE TABLE teller (
    sleutel       TEXT        NOT NULL PRIMARY KEY,
    venster_begin TIMESTAMPTZ NOT NULL,
    aantal        BIGINT      NOT NULL CHECK (aantal > 0)
);
