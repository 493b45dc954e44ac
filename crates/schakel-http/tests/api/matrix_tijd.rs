//! The authorization matrix in time (issue 12, item 10): every role × its
//! relation with a jeugdige × a moment in the life of that relation ×
//! {read, list, search by BSN, write, read and record the onderwijssituatie,
//! the advice for the jeugdige (API and web page),
//! read the case, read and register the referral's deliveries, break the
//! glass}, each with its
//! expected answer, run against the real server on each backend.
//!
//! Each moment is a dossier of its own, dated through the store: a pupil of
//! school A with a joint case of wijkteam A (school A and JGZ A parties)
//! and a referral to provider A. The relation of each role:
//!
//! | role               | relation                           | ends when                      |
//! |--------------------|------------------------------------|--------------------------------|
//! | zorgcoördinator    | own pupil, party to the case       | the case closes                |
//! | casusregisseur     | the case's wijkteam                | the case closes (then noodtoegang for 12 months) |
//! | wijkteammedewerker | the case's wijkteam                | as the casusregisseur          |
//! | verwijzer          | JGZ party to the case              | the case closes                |
//! | aanbieder          | referral to the provider           | its last day + 3 months        |
//! | beleid, beheerder, toegang | none (never a dossier)     | —                              |
//!
//! [`TIJDTABEL`] writes the answers out per role and moment; the rows are
//! generated from it, so every combination is asserted exactly once.

use super::noodtoegang::{casus_van_wijkteam, sluit};
use super::*;

/// When, in the relation's life, the request is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// The case open, the referral running.
    Lopend,
    /// The case closed today and the referral ended today.
    GeslotenVandaag,
    /// Both two months ago: within the provider's 3 months.
    TweeMaanden,
    /// Both four months ago: past the provider's 3 months, within the
    /// wijkteam's 12.
    VierMaanden,
    /// Both thirteen months ago: past every term.
    DertienMaanden,
}

const MOMENTEN: [Moment; 5] = [
    Moment::Lopend,
    Moment::GeslotenVandaag,
    Moment::TweeMaanden,
    Moment::VierMaanden,
    Moment::DertienMaanden,
];

impl Moment {
    /// How long ago the relation ended (`None`: it runs).
    fn geleden(self) -> Option<chrono::Months> {
        match self {
            Self::Lopend => None,
            Self::GeslotenVandaag => Some(chrono::Months::new(0)),
            Self::TweeMaanden => Some(chrono::Months::new(2)),
            Self::VierMaanden => Some(chrono::Months::new(4)),
            Self::DertienMaanden => Some(chrono::Months::new(13)),
        }
    }
}

/// What a role may do with the jeugdige at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum J {
    /// Read, list and change the jeugdige's data.
    Wijzigen,
    /// Read and list it; a change is refused.
    Lezen,
    /// Nothing: 403, not in the list.
    Geen,
}

/// What a role may do with the case at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum C {
    /// Read it (200); break-the-glass is not needed (409).
    Lezen,
    /// Not read it (403); break-the-glass granted (201).
    Noodtoegang,
    /// Neither (403, 403).
    Geen,
}

use C::Noodtoegang as N;
use J::{Geen as G, Lezen as L, Wijzigen as W};

/// Per role, the jeugdige's and the case's answer at each moment of
/// [`MOMENTEN`]: Lopend, GeslotenVandaag, TweeMaanden, VierMaanden,
/// DertienMaanden.
#[rustfmt::skip]
const TIJDTABEL: &[(Rol, [J; 5], [C; 5])] = &[
    //                     jeugdige            case
    (Rol::Zorgcoordinator,    [W, G, G, G, G], [C::Lezen, C::Geen, C::Geen, C::Geen, C::Geen]),
    (Rol::Casusregisseur,     [W, G, G, G, G], [C::Lezen, N,       N,       N,       C::Geen]),
    (Rol::Wijkteammedewerker, [W, G, G, G, G], [C::Lezen, N,       N,       N,       C::Geen]),
    (Rol::Verwijzer,          [L, G, G, G, G], [C::Lezen, C::Geen, C::Geen, C::Geen, C::Geen]),
    (Rol::Aanbieder,          [L, L, L, G, G], [C::Geen,  C::Geen, C::Geen, C::Geen, C::Geen]),
    (Rol::Beleid,             [G, G, G, G, G], [C::Geen,  C::Geen, C::Geen, C::Geen, C::Geen]),
    (Rol::Beheerder,          [G, G, G, G, G], [C::Geen,  C::Geen, C::Geen, C::Geen, C::Geen]),
    (Rol::Toegang,            [G, G, G, G, G], [C::Geen,  C::Geen, C::Geen, C::Geen, C::Geen]),
    (Rol::Accountbeheerder,   [G, G, G, G, G], [C::Geen,  C::Geen, C::Geen, C::Geen, C::Geen]),
    (Rol::Landelijk,          [G, G, G, G, G], [C::Geen,  C::Geen, C::Geen, C::Geen, C::Geen]),
];

/// What is asked. Break-the-glass comes last: its grant changes what
/// that user reads afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Handeling {
    Lijst,
    /// A search by the jeugdige's BSN (`POST /jeugdigen/_zoek`): found
    /// exactly when it is on the list.
    Zoeken,
    Lezen,
    Schrijven,
    /// The jeugdige's onderwijssituatie (issue 14.5): read as the jeugdige.
    SituatieLezen,
    /// Record it: as a change of the jeugdige's data.
    SituatieVastleggen,
    /// The normenkader's advice for the jeugdige (issue 17.3): read as
    /// the jeugdige.
    Advies,
    /// The same on the web (`/jeugdigen/{id}/advies`): the page, or the
    /// web's refusal page, exactly when the API answers 200 or 403.
    WebAdvies,
    CasusLezen,
    /// The deliveries of the jeugdige's referral (issue 16.6): read as the
    /// referral.
    LeveringenLezen,
    /// Register a day of care on it (its last day, or today while it runs):
    /// the provider, as long as it may read the jeugdige.
    Leveren,
    Noodtoegang,
}

const HANDELINGEN: [Handeling; 12] = [
    Handeling::Lijst,
    Handeling::Zoeken,
    Handeling::Lezen,
    Handeling::Schrijven,
    Handeling::SituatieLezen,
    Handeling::SituatieVastleggen,
    Handeling::Advies,
    Handeling::WebAdvies,
    Handeling::CasusLezen,
    Handeling::LeveringenLezen,
    Handeling::Leveren,
    Handeling::Noodtoegang,
];

/// One generated row: the exact status, and for the list whether the
/// jeugdige is in it.
#[derive(Debug)]
struct Tijdrij {
    rol: Rol,
    moment: Moment,
    handeling: Handeling,
    status: u16,
    in_lijst: Option<bool>,
}

fn rijen() -> Vec<Tijdrij> {
    let mut uit = Vec::new();
    for (m, moment) in MOMENTEN.iter().enumerate() {
        for handeling in HANDELINGEN {
            for (rol, jeugdige, casus) in TIJDTABEL {
                let (j, c) = (jeugdige[m], casus[m]);
                let (status, in_lijst) = match handeling {
                    Handeling::Lijst | Handeling::Zoeken if rol.ziet_dossiers() => {
                        (200, Some(j != G))
                    }
                    Handeling::Lijst | Handeling::Zoeken => (403, None),
                    Handeling::Lezen => (if j == G { 403 } else { 200 }, None),
                    Handeling::Schrijven => (if j == W { 200 } else { 403 }, None),
                    Handeling::SituatieLezen => (if j == G { 403 } else { 200 }, None),
                    Handeling::SituatieVastleggen => (if j == W { 201 } else { 403 }, None),
                    Handeling::Advies | Handeling::WebAdvies => {
                        (if j == G { 403 } else { 200 }, None)
                    }
                    Handeling::CasusLezen => (if c == C::Lezen { 200 } else { 403 }, None),
                    Handeling::LeveringenLezen => (if j == G { 403 } else { 200 }, None),
                    Handeling::Leveren => (
                        if *rol == Rol::Aanbieder && j != G {
                            201
                        } else {
                            403
                        },
                        None,
                    ),
                    Handeling::Noodtoegang => (
                        match c {
                            C::Noodtoegang => 201,
                            C::Lezen
                                if matches!(rol, Rol::Casusregisseur | Rol::Wijkteammedewerker) =>
                            {
                                409
                            }
                            _ => 403,
                        },
                        None,
                    ),
                };
                uit.push(Tijdrij {
                    rol: *rol,
                    moment: *moment,
                    handeling,
                    status,
                    in_lijst,
                });
            }
        }
    }
    uit
}

/// The table covers every role once, and the generated rows every role ×
/// moment × action once.
#[test]
fn tijdtabel_is_volledig() {
    let rollen: Vec<Rol> = TIJDTABEL.iter().map(|(r, _, _)| *r).collect();
    assert_eq!(rollen, Rol::ALLE);
    assert_eq!(
        rijen().len(),
        Rol::ALLE.len() * MOMENTEN.len() * HANDELINGEN.len()
    );
    // No role reads more as time passes.
    for (rol, j, c) in TIJDTABEL {
        for m in 1..MOMENTEN.len() {
            assert!(j[m] == G || j[m - 1] != G, "{rol:?} {m}");
            assert!(
                c[m] == C::Geen || c[m - 1] != C::Geen || c[m] == N,
                "{rol:?} {m}"
            );
        }
    }
}

/// A test BSN not used elsewhere in the API tests (999920xxx).
fn bsn_nr(n: u32) -> String {
    (999_920_000 + n * 20..)
        .map(|x| format!("{x:09}"))
        .find(|s| Bsn::parse(s).is_ok())
        .expect("a test BSN")
}

/// Every row of the time matrix against the real server; reports every
/// row that differs, at once.
pub async fn matrix_in_tijd(app: &App) {
    let o = app.opslag.as_ref();
    let aanbieder = o
        .maak_organisatie(&NieuweOrganisatie {
            regio: app.w.regio,
            naam: "Zorg in de tijd".into(),
            soort: OrganisatieSoort::Aanbieder,
            gemeente: Some(GemeenteCode::parse("GM0034").expect("gemeente")),
            brin: None,
            agb: Some(schakel_domain::Agb::parse("11223344").expect("AGB")),
        })
        .await
        .expect("aanbieder")
        .id;
    for (email, rol, org) in [
        ("tijd@aanbieder.test", Rol::Aanbieder, aanbieder),
        ("tijd@accounts.test", Rol::Accountbeheerder, app.w.school_a),
        (
            "tijd@wijkteam.test",
            Rol::Wijkteammedewerker,
            app.w.wijkteam,
        ),
    ] {
        o.maak_medewerker(&NieuweMedewerker {
            naam: format!("{rol:?}"),
            email: email.into(),
            wachtwoord_hash: wachtwoord_hash(),
            rollen: vec![Roltoewijzing {
                rol,
                organisatie: org,
            }],
            demo: true,
        })
        .await
        .expect("medewerker");
    }
    landelijke_monitor(o).await;
    let email = |rol: Rol| match rol {
        Rol::Zorgcoordinator => ZC_A,
        Rol::Casusregisseur => REGISSEUR,
        Rol::Wijkteammedewerker => "tijd@wijkteam.test",
        Rol::Verwijzer => VERWIJZER,
        Rol::Aanbieder => "tijd@aanbieder.test",
        Rol::Beleid => BELEID,
        Rol::Beheerder => BEHEERDER,
        Rol::Toegang => TOEGANG,
        Rol::Accountbeheerder => "tijd@accounts.test",
        Rol::Landelijk => LANDELIJK,
    };
    let mut gebruikers = Vec::new();
    for rol in Rol::ALLE {
        gebruikers.push((rol, app.login(email(rol)).await));
    }
    let gebruiker = |rol: Rol| &gebruikers.iter().find(|(r, _)| *r == rol).expect("user").1;
    // The same users in a browser, for the web's pages.
    let mut browsers = Vec::new();
    for rol in Rol::ALLE {
        let b = super::web::Browser::nieuw(app);
        b.inloggen(email(rol)).await;
        browsers.push((rol, b));
    }
    let browser = |rol: Rol| &browsers.iter().find(|(r, _)| *r == rol).expect("browser").1;

    // One dossier per moment, dated through the store.
    let nu = chrono::Utc::now();
    let vandaag = schakel_http::api::vandaag();
    let mut dossiers = Vec::new();
    for (n, moment) in MOMENTEN.iter().enumerate() {
        let (d, casus) = casus_van_wijkteam(
            app,
            gebruiker(Rol::Zorgcoordinator),
            &bsn_nr(n as u32),
            None,
        )
        .await;
        let einde = match moment.geleden() {
            None => vandaag + chrono::Days::new(60),
            Some(m) => vandaag - m,
        };
        let verwijzing = super::toegang::verwijzing_tot(app, d.jeugdige, aanbieder, einde).await;
        if let Some(m) = moment.geleden() {
            sluit(app, casus, nu - m).await;
        }
        dossiers.push((*moment, d, (casus, verwijzing, einde.min(vandaag))));
    }

    let mut fouten = Vec::new();
    for rij in rijen() {
        let (_, d, (casus, verwijzing, leverdag)) = dossiers
            .iter()
            .find(|(m, _, _)| *m == rij.moment)
            .expect("a dossier per moment");
        let g = gebruiker(rij.rol);
        let jeugdige = format!("/api/v1/jeugdigen/{}", d.jeugdige);
        let (status, body) = match rij.handeling {
            Handeling::Lijst => {
                let (s, _, b) = g.get("/api/v1/jeugdigen?perPagina=100").await;
                (s, b)
            }
            Handeling::Zoeken => {
                let bsn = o
                    .jeugdige(d.jeugdige)
                    .await
                    .expect("jeugdige")
                    .expect("bestaat")
                    .bsn;
                let (s, _, b) = g
                    .post("/api/v1/jeugdigen/_zoek", json!({"bsn": bsn.als_tekst()}))
                    .await;
                (s, b)
            }
            Handeling::Lezen => {
                let (s, _, b) = g.get(&jeugdige).await;
                (s, b)
            }
            Handeling::Schrijven => {
                let versie = o
                    .jeugdige(d.jeugdige)
                    .await
                    .expect("jeugdige")
                    .expect("bestaat")
                    .versie;
                let (s, _, b) = g
                    .put(
                        &jeugdige,
                        Some(&format!("\"{versie}\"")),
                        wijziging("Quirijn", app.w.school_a),
                    )
                    .await;
                (s, b)
            }
            Handeling::SituatieLezen => {
                let (s, _, b) = g.get(&format!("{jeugdige}/onderwijssituaties")).await;
                (s, b)
            }
            Handeling::SituatieVastleggen => {
                let (s, _, b) = g
                    .post(
                        &format!("{jeugdige}/onderwijssituaties"),
                        json!({"onderwijssituatie": "volledig_onderwijs", "van": vandaag}),
                    )
                    .await;
                (s, b)
            }
            Handeling::Advies => {
                let (s, _, b) = g
                    .post(
                        "/api/v1/normenkader/adviezen",
                        json!({"jeugdige": d.jeugdige, "onderwijssituatie": "volledig_onderwijs"}),
                    )
                    .await;
                (s, b)
            }
            Handeling::WebAdvies => {
                let p = browser(rij.rol)
                    .get(&format!("/jeugdigen/{}/advies", d.jeugdige))
                    .await;
                (p.status, json!(p.html))
            }
            Handeling::CasusLezen => {
                let (s, _, b) = g.get(&format!("/api/v1/casussen/{casus}")).await;
                (s, b)
            }
            Handeling::LeveringenLezen => {
                let (s, _, b) = g
                    .get(&format!("/api/v1/verwijzingen/{verwijzing}/leveringen"))
                    .await;
                (s, b)
            }
            Handeling::Leveren => {
                let (s, _, b) = g
                    .post(
                        &format!("/api/v1/verwijzingen/{verwijzing}/leveringen/reeks"),
                        json!({"leveringen": [{"datum": leverdag, "hoeveelheid": 1}]}),
                    )
                    .await;
                (s, b)
            }
            Handeling::Noodtoegang => {
                let (s, _, b) = g
                    .post(
                        &format!("/api/v1/casussen/{casus}/inzage-gesloten"),
                        json!({"reden": "Vraag van de rechter over dit gezin"}),
                    )
                    .await;
                (s, b)
            }
        };
        if status.as_u16() != rij.status {
            fouten.push(format!("{rij:?}: status {status}: {body}"));
        }
        if let Some(verwacht) = rij.in_lijst {
            let ids: Vec<i64> = body["items"]
                .as_array()
                .map(|a| a.iter().filter_map(|i| i["id"].as_i64()).collect())
                .unwrap_or_default();
            if ids.contains(&d.jeugdige) != verwacht {
                fouten.push(format!("{rij:?}: list {ids:?}"));
            }
        }
    }
    assert!(
        fouten.is_empty(),
        "{} differences in {} rows:\n{}",
        fouten.len(),
        rijen().len(),
        fouten.join("\n")
    );
}
