//! The last list filters of issue 16.2: the referrals of a provider by
//! school, product and period, sorted by start or end; the hulpvragen of an
//! organisation by school and when they were asked, the newest or the
//! oldest first. Each filter's ids are compared, in order, with a rule
//! written out here over the unfiltered list.

use super::*;
use crate::verloop::*;
use crate::{HulpvragenSortering, Periode, Verwijzing, VerwijzingPeriode, VerwijzingSortering};

pub async fn lijstfilters(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers) {
    verwijzingen(opslag, w, d).await;
    hulpvragen(opslag, w).await;
    op_id(opslag, d).await;
}

/// A page's jeugdigen in one read: those that exist, by id.
async fn op_id(opslag: &dyn Opslag, d: &Dossiers) {
    let ids = |l: Vec<Jeugdige>| l.iter().map(|j| j.id).collect::<Vec<_>>();
    let gelezen = opslag
        .jeugdigen_op_id(&[d.j3.id, d.j1.id, Id::MAX])
        .await
        .expect("jeugdigen_op_id");
    let mut verwacht = vec![d.j1.id, d.j3.id];
    verwacht.sort_unstable();
    assert_eq!(ids(gelezen.clone()), verwacht, "the known ones, by id");
    for j in &gelezen {
        assert_eq!(
            Some(j),
            opslag.jeugdige(j.id).await.expect("jeugdige").as_ref(),
            "as read one by one"
        );
    }
    assert!(
        opslag
            .jeugdigen_op_id(&[])
            .await
            .expect("jeugdigen_op_id")
            .is_empty()
    );
}

/// Four referrals to the provider, for the school's pupil j1 and for j2
/// (no school), of two products, ended, ending soon, running on, and not
/// yet started.
async fn maak_verwijzingen(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers, vandaag: NaiveDate) {
    let m = w.medewerker(opslag).await;
    let dag = |n: i64| {
        if n < 0 {
            vandaag - Days::new(n.unsigned_abs())
        } else {
            vandaag + Days::new(n as u64)
        }
    };
    for (j, product, van, tot) in [
        (&d.j1, "lijst_groep", -40, -5),
        (&d.j1, "lijst_individueel", -10, 20),
        (&d.j2, "lijst_groep", -3, 60),
        (&d.j2, "lijst_individueel", 5, 100),
    ] {
        let v = NieuweVerwijzing {
            jeugdige: j.id,
            casus: None,
            door: Door {
                medewerker: m.id,
                rol: Rol::Verwijzer,
                organisatie: w.jgz.id,
            },
            aanbieder: w.aanbieder.id,
            product: product.into(),
            volume: 1.0,
            eenheid: "uur".into(),
            per: "week".into(),
            ingangsdatum: dag(van),
            einddatum: dag(tot),
            toegekend: Hoeveelheid::eenheden(10),
            binnen_normen: true,
            regels: vec![],
            normenkader: "almere 2025.1".into(),
            bevindingen: serde_json::json!([]),
            motivatie: None,
        };
        let audit = record(
            "verwijzing.aanmaken",
            Actie::Aanmaken,
            "verwijzing",
            None,
            Some(&j.bsn),
        );
        opslag
            .maak_verwijzing(&v, &[], &audit)
            .await
            .expect("verwijzing voor de lijst");
    }
}

async fn verwijzingen(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers) {
    let vandaag = crate::klok::nu().date_naive();
    maak_verwijzingen(opslag, w, d, vandaag).await;
    let lijst = |filter: VerwijzingenFilter| async move {
        let l = opslag
            .verwijzingen_met_relatie(
                w.aanbieder.id,
                toegang::patronen(Rol::Aanbieder),
                geen_grens(),
                &VerwijzingenFilter {
                    van: VerwijzingenVan::Aanbieder(w.aanbieder.id),
                    ..filter
                },
                Pagina::new(1, 100),
            )
            .await
            .expect("verwijzingen_met_relatie");
        assert_eq!(l.totaal as usize, l.items.len());
        l.items
            .into_iter()
            .map(|(v, j, _)| (v, j))
            .collect::<Vec<_>>()
    };
    let alle = lijst(VerwijzingenFilter::default()).await;
    assert!(
        alle.len() >= 4,
        "the four of this part and the earlier ones"
    );
    let ids = |l: &[(Verwijzing, Jeugdige)]| l.iter().map(|(v, _)| v.id).collect::<Vec<_>>();
    // The rule, over the whole list in its default order (the newest first).
    let volgens = |regel: &dyn Fn(&Verwijzing, &Jeugdige) -> bool| {
        alle.iter()
            .filter(|(v, j)| regel(v, j))
            .map(|(v, _)| v.id)
            .collect::<Vec<_>>()
    };
    assert!(
        ids(&alle).windows(2).all(|p| p[0] > p[1]),
        "by default the newest first"
    );
    let in_30 = vandaag + Days::new(30);
    let voor_30 = vandaag - Days::new(30);
    let basis = VerwijzingenFilter::default();
    let gevallen: Vec<(&str, VerwijzingenFilter, Vec<Id>)> = vec![
        (
            "school",
            VerwijzingenFilter {
                school: Some(w.school.id),
                ..basis.clone()
            },
            volgens(&|_, j| j.gegevens.school == Some(w.school.id)),
        ),
        (
            "product",
            VerwijzingenFilter {
                product: Some("lijst_groep".into()),
                ..basis.clone()
            },
            volgens(&|v, _| v.gegevens.product == "lijst_groep"),
        ),
        (
            "school en product",
            VerwijzingenFilter {
                school: Some(w.school.id),
                product: Some("lijst_individueel".into()),
                ..basis.clone()
            },
            volgens(&|v, j| {
                j.gegevens.school == Some(w.school.id) && v.gegevens.product == "lijst_individueel"
            }),
        ),
        (
            "gestart in de afgelopen 30 dagen",
            VerwijzingPeriode::Gestart
                .toegepast(basis.clone(), vandaag)
                .expect("gestart"),
            volgens(&|v, _| (voor_30..=vandaag).contains(&v.gegevens.ingangsdatum)),
        ),
        (
            "een andere school",
            VerwijzingenFilter {
                school: Some(w.vreemd.id),
                ..basis.clone()
            },
            volgens(&|_, j| j.gegevens.school == Some(w.vreemd.id)),
        ),
    ];
    for (wat, filter, verwacht) in gevallen {
        assert!(
            !verwacht.is_empty() && verwacht.len() < alle.len(),
            "{wat}: the rule narrows the list ({} of {})",
            verwacht.len(),
            alle.len()
        );
        assert_eq!(ids(&lijst(filter).await), verwacht, "{wat}");
    }
    // Ending within 30 days: running, the first to end first.
    let mut eindigt: Vec<&(Verwijzing, Jeugdige)> = alle
        .iter()
        .filter(|(v, _)| (vandaag..=in_30).contains(&v.gegevens.einddatum))
        .collect();
    eindigt.sort_by_key(|(v, _)| (v.gegevens.einddatum, v.id));
    let eindigt: Vec<Id> = eindigt.iter().map(|(v, _)| v.id).collect();
    assert!(!eindigt.is_empty());
    let f = VerwijzingPeriode::Eindigt
        .toegepast(basis.clone(), vandaag)
        .expect("eindigt");
    assert_eq!(ids(&lijst(f).await), eindigt, "eindigt binnen 30 dagen");
    // Ended: the last to end first.
    let mut afgelopen: Vec<&(Verwijzing, Jeugdige)> = alle
        .iter()
        .filter(|(v, _)| v.gegevens.einddatum < vandaag)
        .collect();
    afgelopen.sort_by(|(a, _), (b, _)| {
        b.gegevens
            .einddatum
            .cmp(&a.gegevens.einddatum)
            .then(a.id.cmp(&b.id))
    });
    let afgelopen: Vec<Id> = afgelopen.iter().map(|(v, _)| v.id).collect();
    assert!(!afgelopen.is_empty());
    let f = VerwijzingPeriode::Afgelopen
        .toegepast(basis.clone(), vandaag)
        .expect("afgelopen");
    assert_eq!(ids(&lijst(f).await), afgelopen, "afgelopen");
    // A period that leaves nothing of the running or the ended ones.
    let lopend = VerwijzingenFilter {
        stand: VerwijzingStand::Lopend {
            vanaf: vandaag,
            tot: None,
        },
        ..basis.clone()
    };
    assert_eq!(
        VerwijzingPeriode::Afgelopen.toegepast(lopend, vandaag),
        None
    );
    let geeindigd = VerwijzingenFilter {
        stand: VerwijzingStand::Afgelopen(vandaag),
        ..basis.clone()
    };
    assert_eq!(
        VerwijzingPeriode::Eindigt.toegepast(geeindigd, vandaag),
        None
    );
    // Sorted by start: the latest first; by end: the first to end first.
    let mut op_start: Vec<&(Verwijzing, Jeugdige)> = alle.iter().collect();
    op_start.sort_by(|(a, _), (b, _)| {
        (b.gegevens.ingangsdatum, b.id).cmp(&(a.gegevens.ingangsdatum, a.id))
    });
    let op_start: Vec<Id> = op_start.iter().map(|(v, _)| v.id).collect();
    let f = VerwijzingenFilter {
        sortering: VerwijzingSortering::Ingangsdatum,
        ..basis.clone()
    };
    assert_eq!(ids(&lijst(f).await), op_start, "op ingangsdatum");
    let mut op_eind: Vec<&(Verwijzing, Jeugdige)> = alle.iter().collect();
    op_eind.sort_by_key(|(v, _)| (v.gegevens.einddatum, v.id));
    let op_eind: Vec<Id> = op_eind.iter().map(|(v, _)| v.id).collect();
    let f = VerwijzingenFilter {
        sortering: VerwijzingSortering::Einddatum,
        ..basis.clone()
    };
    assert_eq!(ids(&lijst(f).await), op_eind, "op einddatum");
    assert_ne!(op_start, op_eind, "the two orders differ on this data");
}

async fn hulpvragen(opslag: &dyn Opslag, w: &Wereld) {
    let lijst = |filter: HulpvragenFilter| async move {
        let l = opslag
            .hulpvragen_van(
                &HulpvragenFilter {
                    organisatie: w.school.id,
                    ..filter
                },
                Pagina::new(1, 100),
            )
            .await
            .expect("hulpvragen_van");
        assert_eq!(l.totaal as usize, l.items.len());
        l.items
    };
    let alle = lijst(HulpvragenFilter::default()).await;
    assert!(
        alle.len() >= 2,
        "the school's questions of the earlier parts"
    );
    let ids = |l: &[Hulpvraag]| l.iter().map(|h| h.id).collect::<Vec<_>>();
    // The newest first by when they were asked, the oldest first on request.
    let mut nieuwste: Vec<&Hulpvraag> = alle.iter().collect();
    nieuwste.sort_by_key(|h| std::cmp::Reverse((h.aangemaakt, h.id)));
    let nieuwste: Vec<Id> = nieuwste.iter().map(|h| h.id).collect();
    assert_eq!(ids(&alle), nieuwste, "nieuwste eerst");
    let oudste = ids(&lijst(HulpvragenFilter {
        sortering: HulpvragenSortering::Oudste,
        ..Default::default()
    })
    .await);
    assert_eq!(
        oudste,
        nieuwste.iter().rev().copied().collect::<Vec<_>>(),
        "oudste eerst"
    );
    // By the pupil's school.
    let mut school: Vec<Id> = Vec::new();
    for h in &alle {
        let j = opslag
            .jeugdige(h.jeugdige)
            .await
            .expect("jeugdige")
            .expect("bestaat");
        if j.gegevens.school == Some(w.school.id) {
            school.push(h.id);
        }
    }
    assert!(
        !school.is_empty() && school.len() < alle.len(),
        "{school:?}"
    );
    let gevonden = ids(&lijst(HulpvragenFilter {
        school: Some(w.school.id),
        ..Default::default()
    })
    .await);
    assert_eq!(gevonden, school, "op school");
    // When asked: before and from a moment part the list, at the boundary
    // the rule says (from: at or after; before: strictly before).
    let grens = alle[alle.len() / 2].aangemaakt;
    let vanaf = ids(&lijst(HulpvragenFilter {
        aangemaakt_vanaf: Some(grens),
        ..Default::default()
    })
    .await);
    let voor = ids(&lijst(HulpvragenFilter {
        aangemaakt_voor: Some(grens),
        ..Default::default()
    })
    .await);
    let regel = |na: bool| {
        alle.iter()
            .filter(|h| (h.aangemaakt >= grens) == na)
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(vanaf, regel(true), "vanaf");
    assert_eq!(voor, regel(false), "voor");
    // The shared period choice, counted back from a moment a day later.
    let morgen = crate::klok::nu() + chrono::Duration::days(1);
    for p in Periode::ALLE {
        let (van, tot) = p.grenzen(morgen);
        let verwacht: Vec<Id> = alle
            .iter()
            .filter(|h| {
                van.is_none_or(|v| h.aangemaakt >= v) && tot.is_none_or(|t| h.aangemaakt < t)
            })
            .map(|h| h.id)
            .collect();
        let gevonden = ids(&lijst(HulpvragenFilter {
            aangemaakt_vanaf: van,
            aangemaakt_voor: tot,
            ..Default::default()
        })
        .await);
        assert_eq!(gevonden, verwacht, "{p:?}");
    }
}
