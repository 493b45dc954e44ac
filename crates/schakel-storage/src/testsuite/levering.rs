//! Deliveries registered several days at once, listed, and corrected with
//! a reason (issue 16 item 6): all or none within the budget, a correction
//! kept beside what it corrects, and the budget counting the corrected
//! amount; each write audited once.

use super::*;
use crate::verloop::*;
use crate::{Levering, NieuweLevercorrectie};

pub async fn leveringen_en_correcties(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers) {
    let m = w.medewerker(opslag).await;
    let vandaag = crate::klok::nu().date_naive();
    let dag = |n: u64| vandaag - Days::new(n);
    let aanbieder = Door {
        medewerker: m.id,
        rol: Rol::Aanbieder,
        organisatie: w.aanbieder.id,
    };
    let maak = NieuweVerwijzing {
        jeugdige: d.j2.id,
        casus: None,
        door: Door {
            rol: Rol::Verwijzer,
            organisatie: w.jgz.id,
            ..aanbieder
        },
        aanbieder: w.aanbieder.id,
        product: "begeleiding_individueel_basis".into(),
        volume: 10.0,
        eenheid: "uur".into(),
        per: "totaal".into(),
        ingangsdatum: dag(6),
        einddatum: vandaag,
        toegekend: Hoeveelheid::eenheden(10),
        binnen_normen: true,
        regels: vec![],
        normenkader: "almere 2025.1".into(),
        bevindingen: serde_json::json!([]),
        motivatie: None,
    };
    let aangemaakt = record(
        "verwijzing.aanmaken",
        Actie::Aanmaken,
        "verwijzing",
        None,
        Some(&d.j2.bsn),
    );
    let v = opslag
        .maak_verwijzing(&maak, &[], &aangemaakt)
        .await
        .expect("verwijzing");
    let ander = opslag
        .maak_verwijzing(&maak, &[], &aangemaakt)
        .await
        .expect("another referral");
    let levering = |verwijzing, n, honderdsten| NieuweLevering {
        verwijzing,
        datum: dag(n),
        hoeveelheid: Hoeveelheid::honderdsten(honderdsten),
        door: aanbieder,
    };
    let audit = record(
        "verwijzing.levering",
        Actie::Aanmaken,
        "verwijzing",
        None,
        Some(&d.j2.bsn),
    );
    let kop = kop_nummer(opslag).await;
    let week = [
        levering(v.id, 3, 200),
        levering(v.id, 5, 300),
        levering(v.id, 4, 150),
    ];
    let na = opslag
        .registreer_leveringen(&week, &audit)
        .await
        .expect("three days at once");
    assert_eq!(na.geleverd, Hoeveelheid::honderdsten(650));
    assert_eq!(kop_nummer(opslag).await, kop + 1, "audited once");
    assert_eq!(laatste_record(opslag).await.record.object_id, Some(v.id));

    // Over the budget: none of the days is stored.
    let te_veel = opslag
        .registreer_leveringen(&[levering(v.id, 2, 300), levering(v.id, 1, 100)], &audit)
        .await
        .expect_err("4 of 3.5 left");
    assert!(
        matches!(&te_veel, OpslagFout::Toestand(t) if t.contains("nog 3.5 uur van 10")),
        "{te_veel:?}"
    );
    let gemengd = opslag
        .registreer_leveringen(
            &[levering(v.id, 2, 100), levering(ander.id, 2, 100)],
            &audit,
        )
        .await
        .expect_err("one referral per call");
    assert!(matches!(gemengd, OpslagFout::Toestand(_)), "{gemengd:?}");
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "a refusal writes nothing"
    );

    let lijst = opslag.leveringen(v.id).await.expect("leveringen");
    let datums: Vec<NaiveDate> = lijst.iter().map(|l| l.datum).collect();
    assert_eq!(
        datums,
        vec![dag(5), dag(4), dag(3)],
        "by date, oldest first"
    );
    assert!(opslag.leveringen(ander.id).await.expect("leeg").is_empty());
    let drie = lijst[0].clone();
    assert_eq!(
        (drie.geregistreerd, drie.hoeveelheid, drie.correcties.len()),
        (Hoeveelheid::eenheden(3), Hoeveelheid::eenheden(3), 0)
    );

    let correctie = |levering: &Levering, honderdsten, reden: &str| NieuweLevercorrectie {
        verwijzing: levering.verwijzing,
        levering: levering.id,
        hoeveelheid: Hoeveelheid::honderdsten(honderdsten),
        reden: reden.into(),
        door: aanbieder,
    };
    let gecorrigeerd = record(
        "verwijzing.levering.correctie",
        Actie::Wijzigen,
        "levering",
        None,
        Some(&d.j2.bsn),
    );
    let k = opslag
        .corrigeer_levering(
            &correctie(&drie, 100, "Twee uur dubbel geteld"),
            &gecorrigeerd,
        )
        .await
        .expect("corrected down");
    assert_eq!(
        (k.geregistreerd, k.hoeveelheid),
        (Hoeveelheid::eenheden(3), Hoeveelheid::eenheden(1)),
        "the original is kept beside the correction"
    );
    assert_eq!(k.correcties.len(), 1);
    assert_eq!(k.correcties[0].reden, "Twee uur dubbel geteld");
    assert_eq!(k.correcties[0].medewerker, m.id);
    assert_eq!(laatste_record(opslag).await.record.object_id, Some(drie.id));
    assert_eq!(kop_nummer(opslag).await, kop + 2);
    let herlezen = opslag
        .verwijzing(v.id)
        .await
        .expect("lezen")
        .expect("bestaat");
    assert_eq!(
        herlezen.geleverd,
        Hoeveelheid::honderdsten(450),
        "the budget counts the correction"
    );

    // Raising a delivery takes only the difference from what is left (5.5).
    let hoog = opslag
        .corrigeer_levering(&correctie(&lijst[1], 800, "Verkeerd getal"), &gecorrigeerd)
        .await
        .expect_err("1.5 → 8 adds 6.5");
    assert!(
        matches!(&hoog, OpslagFout::Toestand(t) if t.contains("nog 5.5 uur")),
        "{hoog:?}"
    );
    opslag
        .corrigeer_levering(&correctie(&lijst[1], 700, "Verkeerd getal"), &gecorrigeerd)
        .await
        .expect("1.5 → 7 adds 5.5: exactly what is left");
    let leeg = opslag
        .corrigeer_levering(&correctie(&drie, 0, "  "), &gecorrigeerd)
        .await
        .expect_err("a reason is required");
    assert!(matches!(leeg, OpslagFout::Toestand(_)), "{leeg:?}");
    let elders = NieuweLevercorrectie {
        verwijzing: ander.id,
        ..correctie(&drie, 0, "Niet geleverd")
    };
    let fout = opslag
        .corrigeer_levering(&elders, &gecorrigeerd)
        .await
        .expect_err("another referral's delivery");
    assert!(matches!(fout, OpslagFout::NietGevonden), "{fout:?}");
    assert_eq!(kop_nummer(opslag).await, kop + 3, "refusals write nothing");

    // A correction of a correction: the latest counts, all are kept.
    let nul = opslag
        .corrigeer_levering(
            &correctie(&drie, 0, "Afspraak ging niet door"),
            &gecorrigeerd,
        )
        .await
        .expect("corrected again");
    assert_eq!(nul.hoeveelheid, Hoeveelheid::NUL);
    assert_eq!(nul.correcties.len(), 2);
    let herlezen = opslag
        .verwijzing(v.id)
        .await
        .expect("lezen")
        .expect("bestaat");
    assert_eq!(herlezen.geleverd, Hoeveelheid::eenheden(9), "0 + 7 + 2");
    assert_eq!(herlezen.resterend(), Hoeveelheid::eenheden(1));
}
