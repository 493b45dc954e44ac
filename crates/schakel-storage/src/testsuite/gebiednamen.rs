//! The names of CBS's areas (issue 16.3): an import per gemeente replaces
//! that gemeente's names and keeps every other gemeente's; each import is
//! audited once; kind and parent follow from the code.

use super::*;
use crate::Gebiednaam;
use schakel_domain::gids::{Gebiedcode, Gebiedsoort};

fn naam(code: &str, naam: &str) -> Gebiednaam {
    Gebiednaam {
        code: Gebiedcode::parse(code).expect("code"),
        naam: naam.into(),
    }
}

fn als_tekst(namen: &[Gebiednaam]) -> Vec<(String, String)> {
    namen
        .iter()
        .map(|n| (n.code.to_string(), n.naam.clone()))
        .collect()
}

pub async fn gebiednamen(opslag: &dyn Opslag) {
    assert!(opslag.gebiednamen().await.expect("leeg").is_empty());
    let audit = record("gids.gebieden.import", Actie::Wijzigen, "gids", None, None);
    let kop = || async { opslag.audit_kop().await.expect("kop").map(|(n, _)| n) };
    let voor = kop().await;
    let almere = [
        naam("GM0034", "Almere"),
        naam("WK003401", "Haven"),
        naam("BU00340101", "Haven-Centrum"),
        naam("BU00340102", "Haven-Noord"),
    ];
    let aalten = [naam("GM0197", "Aalten"), naam("BU01970101", "Dorp")];
    opslag
        .zet_gebiednamen(&almere, &audit)
        .await
        .expect("almere");
    opslag
        .zet_gebiednamen(&aalten, &audit)
        .await
        .expect("aalten");
    assert_eq!(
        kop().await,
        voor.map(|n| n + 2),
        "one audit record per import"
    );
    let alle = opslag.gebiednamen().await.expect("namen");
    assert_eq!(alle.len(), 6, "{alle:?}");
    // Almere again, with a renamed buurt and one buurt fewer: Aalten stays.
    let opnieuw = [
        naam("GM0034", "Almere"),
        naam("WK003401", "Haven"),
        naam("BU00340101", "Haven-Centrum en Sluis"),
    ];
    opslag
        .zet_gebiednamen(&opnieuw, &audit)
        .await
        .expect("opnieuw");
    let alle = opslag.gebiednamen().await.expect("namen");
    assert_eq!(
        als_tekst(&alle),
        [
            ("BU00340101", "Haven-Centrum en Sluis"),
            ("BU01970101", "Dorp"),
            ("GM0034", "Almere"),
            ("GM0197", "Aalten"),
            ("WK003401", "Haven"),
        ]
        .map(|(c, n)| (c.to_string(), n.to_string()))
    );
    let buurt = &alle[0].code;
    assert_eq!(buurt.soort(), Gebiedsoort::Buurt);
    assert_eq!(
        buurt.ouder().map(|w| w.to_string()).as_deref(),
        Some("WK003401")
    );
    // A name over the table's limit is refused as a whole: nothing changes.
    let te_lang = [naam("GM0034", &"x".repeat(201))];
    assert!(opslag.zet_gebiednamen(&te_lang, &audit).await.is_err());
    assert_eq!(opslag.gebiednamen().await.expect("namen"), alle);
}
