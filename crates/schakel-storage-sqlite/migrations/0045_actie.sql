-- An action is found by its case and by its referral.
--
-- By case: the case list reads each listed case's earliest open deadline
-- (`min(uiterlijk)` of the case's open actions of the organisation). With
-- only `actie_open` (organisatie, uiterlijk) SQLite read that index in
-- deadline order until it met an action of the case: through every open
-- action of the organisation, for every case listed (6.6 s for 1,657 cases
-- and 5,850 open actions). Here the case's open actions of the
-- organisation are adjacent, earliest first.
CREATE INDEX actie_casus ON actie (casus, organisatie, uiterlijk) WHERE afgerond IS NULL;

-- By referral: the municipality's decision closes the review's action of
-- that referral (without it, a scan of every open action), and writing a
-- referral checks the actions that may point at it (the foreign key).
CREATE INDEX actie_verwijzing ON actie (verwijzing);
