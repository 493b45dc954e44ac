-- A region's reports read the region, not the country.
--
-- The monitoring figures (cases, events, hours referred and delivered per
-- month), the municipality's list of maatwerk referrals and the list of
-- break-the-glass accesses are asked for one region: its organisations
-- (`organisatie_regio`), then their cases, referrals and accesses. Without
-- an index from an organisation to those, SQLite scanned every case, every
-- event of every case and every referral in the database for each figure:
-- in an installation of many regions every region's report read them all.
--
-- The two indexes for the figures hold every column the figures read, so
-- a region that is the whole installation reads its index entries instead
-- of the table, no slower than the scan it replaces.
--
-- `IF NOT EXISTS`: on a large PostgreSQL database an operator may build
-- them beforehand with `CREATE INDEX CONCURRENTLY` under these names
-- (README, "Storage"), which does not hold up writes the way this
-- migration's plain `CREATE INDEX` does.
CREATE INDEX IF NOT EXISTS casus_wijkteam ON casus (wijkteam, aangemaakt, gesloten, huishouden);
CREATE INDEX IF NOT EXISTS casus_gebeurtenis_cijfers
    ON casus_gebeurtenis (casus, tijdstip, code, tevredenheid_jeugdige, tevredenheid_ouders);
CREATE INDEX IF NOT EXISTS verwijzing_maatwerk ON verwijzing (organisatie, aangemaakt)
    WHERE gemeentelijke_toets IS NOT NULL;
CREATE INDEX IF NOT EXISTS noodtoegang_organisatie ON noodtoegang (organisatie, verleend);
