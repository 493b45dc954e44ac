//! The monitoring: each referral's hours counted once, whatever the number
//! of cases its household has had in the region; a case counted open at the
//! end of every month it was open then, and not after it closed.

use super::*;
use crate::verloop::*;

/// A household whose first case was closed and who has an open one now
/// gets a referral of 3 hours and a delivery of 1.5: the region's hours
/// referred and delivered this month grow by exactly that, once. (The
/// cases are how a household belongs to the region, not a multiplier.)
pub async fn uren_per_verwijzing_eenmaal(opslag: &dyn Opslag, w: &Wereld) {
    let m = w.medewerker(opslag).await;
    let vandaag = crate::klok::nu().date_naive();
    let vraag = MonitoringVraag {
        regio: w.regio.id,
        school: None,
        gemeente: None,
        van: vandaag,
        tot: vandaag,
    };
    let voor = uren(opslag, &vraag).await;

    let bsn = bsn("999900080");
    let client = |gebeurtenis: &str, object_type: &str| {
        record(gebeurtenis, Actie::Aanmaken, object_type, None, Some(&bsn))
    };
    let h = huishouden_van(opslag, w.wijkteam.id).await;
    let j = opslag
        .maak_jeugdige(
            &NieuweJeugdige {
                huishouden: h.id,
                bsn: bsn.clone(),
                geboortedatum: NaiveDate::from_ymd_opt(2015, 5, 1).expect("datum"),
                gegevens: gegevens("Uren", None),
            },
            &client("jeugdige.aanmaken", "jeugdige"),
        )
        .await
        .expect("jeugdige");
    let door = |rol, organisatie| Door {
        medewerker: m.id,
        rol,
        organisatie,
    };
    for sluiten in [true, false] {
        let casus = casus_van(opslag, h.id, w.wijkteam.id).await;
        if sluiten {
            sluit(opslag, casus.id, door(Rol::Casusregisseur, w.wijkteam.id)).await;
        }
    }
    let v = opslag
        .maak_verwijzing(
            &NieuweVerwijzing {
                jeugdige: j.id,
                casus: None,
                door: door(Rol::Verwijzer, w.jgz.id),
                aanbieder: w.aanbieder.id,
                product: "begeleiding_individueel_basis".into(),
                volume: 3.0,
                eenheid: "uur".into(),
                per: "totaal".into(),
                ingangsdatum: vandaag,
                einddatum: vandaag,
                toegekend: Hoeveelheid::eenheden(3),
                binnen_normen: true,
                regels: vec![],
                normenkader: "almere 2025.1".into(),
                bevindingen: serde_json::json!([]),
                motivatie: None,
            },
            &[],
            &client("verwijzing.aanmaken", "verwijzing"),
        )
        .await
        .expect("verwijzing");
    opslag
        .registreer_leveringen(
            &[NieuweLevering {
                verwijzing: v.id,
                datum: vandaag,
                hoeveelheid: Hoeveelheid::honderdsten(150),
                door: door(Rol::Aanbieder, w.aanbieder.id),
            }],
            &client("verwijzing.levering", "verwijzing"),
        )
        .await
        .expect("levering");

    let na = uren(opslag, &vraag).await;
    let verwacht = [
        (1, 300, 1, "referred: one referral of 3 hours"),
        (
            1,
            150,
            1,
            "delivered: one referral, 1.5 hours in one delivery",
        ),
    ];
    for ((n, som, waarden, wat), (voor, na)) in verwacht.into_iter().zip(voor.into_iter().zip(na)) {
        assert_eq!(
            (na.0 - voor.0, na.1 - voor.1, na.2 - voor.2),
            (n, som, waarden),
            "{wat} ({voor:?} → {na:?})"
        );
    }
}

/// (referrals, hundredths, values) of `uren.toegekend` and `uren.geleverd`
/// over the question's period; zeros where there is no cell.
async fn uren(opslag: &dyn Opslag, vraag: &MonitoringVraag) -> [(i64, i64, i64); 2] {
    let cellen = opslag.monitoring(vraag).await.expect("monitoring");
    ["uren.toegekend", "uren.geleverd"].map(|kenmerk| {
        cellen
            .iter()
            .filter(|c| c.kenmerk == kenmerk)
            .fold((0, 0, 0), |(n, som, waarden), c| {
                (
                    n + c.aantal,
                    som + c.waarden[0].0.unwrap_or(0),
                    waarden + c.waarden[0].1,
                )
            })
    })
}

/// Closes case `casus`, logged as the application would.
async fn sluit(opslag: &dyn Opslag, casus: Id, door: Door) {
    let audit = record(
        "casus.afsluiten",
        Actie::Wijzigen,
        "casus",
        Some(casus),
        None,
    );
    sluit_casus(opslag, casus, door, &[audit]).await;
}

/// Over the last three months: a case made two months ago and closed on
/// the fifth of last month was open at the end of the first month only; a
/// case made today is open at the end of this one. The counts of those
/// three month ends grow by (1, 0, 1), each month from one statement.
pub async fn open_aan_het_einde_van_elke_maand(opslag: &dyn Opslag, w: &Wereld) {
    let nu = crate::klok::nu();
    let deze_maand = nu.date_naive().with_day(1).expect("day 1");
    let maand = |terug: u32| deze_maand - Months::new(terug);
    let vraag = MonitoringVraag {
        regio: w.regio.id,
        school: None,
        gemeente: None,
        van: maand(2),
        tot: nu.date_naive(),
    };
    let open = async || -> Vec<(String, i64)> {
        let cellen = opslag.monitoring(&vraag).await.expect("monitoring");
        cellen
            .into_iter()
            .filter(|c| c.kenmerk == "casus.open")
            .map(|c| (c.maand, c.aantal))
            .collect()
    };
    let voor = open().await;
    let om = |dag: NaiveDate| dag.and_hms_opt(10, 0, 0).expect("time").and_utc();
    let door = Door {
        medewerker: w.medewerker(opslag).await.id,
        rol: Rol::Casusregisseur,
        organisatie: w.wijkteam.id,
    };
    let h = huishouden_van(opslag, w.wijkteam.id).await;
    let eerder = crate::klok::op(
        om(maand(2) + Days::new(9)),
        casus_van(opslag, h.id, w.wijkteam.id),
    )
    .await;
    crate::klok::op(om(maand(1) + Days::new(4)), sluit(opslag, eerder.id, door)).await;
    casus_van(opslag, h.id, w.wijkteam.id).await;

    let na = open().await;
    let maanden: Vec<String> = (0..3)
        .rev()
        .map(|t| maand(t).format("%Y-%m").to_string())
        .collect();
    assert_eq!(
        voor.iter().map(|(m, _)| m).collect::<Vec<_>>(),
        maanden.iter().collect::<Vec<_>>(),
        "one figure per month, in order"
    );
    let groei: Vec<i64> = na.iter().zip(&voor).map(|(n, v)| n.1 - v.1).collect();
    assert_eq!(groei, [1, 0, 1], "{voor:?} → {na:?}");
}
