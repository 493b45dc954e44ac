-- Issue 13.3/13.6. Accounts made by the demo loader are marked: they log in
-- without a second factor, and the demo banner says so.
ALTER TABLE medewerker ADD COLUMN demo BOOLEAN NOT NULL DEFAULT FALSE;
