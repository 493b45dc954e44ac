-- Access in time (issue 12): a referral gives its provider access until
-- its last day plus a nawerking (schakel_domain::toegang::Termijnen), so
-- the kept facts carry the last day of the provider's last referral for
-- the jeugdige; a read or list drops bit 8 when that day lies before the
-- cut-off (schakel_domain::toegang::verwijzing_grens).
ALTER TABLE toegang ADD COLUMN verwijzing_tot DATE;
UPDATE toegang SET verwijzing_tot = (
    SELECT max(v.einddatum) FROM verwijzing v
     WHERE v.aanbieder = toegang.organisatie AND v.jeugdige = toegang.jeugdige
       AND coalesce(v.gemeentelijke_toets, '') <> 'afgewezen'
) WHERE (relaties & 8) <> 0;
