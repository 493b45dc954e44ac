-- Issue 13.3/13.6. Accounts the demo loader creates are marked as demo
-- accounts (only `serve --demo` sets this, through nodig_uit's `demo`
-- parameter): the demo's known passwords never grant a real region access,
-- and the demo may skip prompts a real account gets.
ALTER TABLE medewerker ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
