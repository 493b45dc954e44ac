//! A property test of need to know over time (issue 12, item 10): whatever
//! sequence of hulpvragen, triage (with the parties the support route
//! allows), referrals with their dates, inkoop, closing cases and time
//! passing, what the store's facts and the domain policy let each
//! organisation read — one read (`relaties` + `Relaties::op` + `mag_zien`,
//! as every read path decides) and the list (`jeugdigen_met_relatie`) —
//! equals an oracle written straight from the README's rule:
//!
//! - a school (zorgcoördinator) reads a jeugdige whose open hulpvraag it
//!   handles, and its own pupil while it is party to the household's open
//!   case;
//! - a wijkteam reads the household of its open case, and a jeugdige whose
//!   open hulpvraag it handles;
//! - the JGZ (verwijzer) reads what it is party to;
//! - a provider reads a jeugdige until the last day of its last referral
//!   for them plus 3 months, and the household of an open case it is party
//!   to (an inkoop);
//! - the gemeente (beleid, beheerder) never.
//!
//! On SQLite, a fresh in-memory store per case, 64 cases; on PostgreSQL a
//! fresh database per case, 16 cases.

use std::collections::BTreeMap;

use proptest::prelude::*;
use schakel_domain::toegang::{self, Termijnen};
use schakel_domain::verloop::{Gebeurtenis, Toestemming};
use schakel_domain::{Huisnummer, Postcode, Triage};
use schakel_storage::{
    Door, JeugdigeWijziging, NieuwHuishouden, NieuweCasus, NieuweCasusGebeurtenis, NieuweHulpvraag,
    NieuweJeugdige, NieuweVerwijzing, Pagina, Triagebesluit,
};

use super::*;

/// The organisations of the world, by index: two schools, two wijkteams,
/// the JGZ, two providers, the gemeente.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Org {
    School(usize),
    Wijkteam(usize),
    Jgz,
    Aanbieder(usize),
    Gemeente,
}

const ORGS: [Org; 8] = [
    Org::School(0),
    Org::School(1),
    Org::Wijkteam(0),
    Org::Wijkteam(1),
    Org::Jgz,
    Org::Aanbieder(0),
    Org::Aanbieder(1),
    Org::Gemeente,
];

impl Org {
    /// The roles that act for it.
    fn rollen(self) -> &'static [Rol] {
        match self {
            Org::School(_) => &[Rol::Zorgcoordinator],
            Org::Wijkteam(_) => &[Rol::Casusregisseur, Rol::Wijkteammedewerker],
            Org::Jgz => &[Rol::Verwijzer],
            Org::Aanbieder(_) => &[Rol::Aanbieder],
            Org::Gemeente => &[Rol::Beleid, Rol::Beheerder],
        }
    }
}

/// Households: 3, with jeugdigen (household, school) fixed per case.
const HUISHOUDENS: usize = 3;

#[derive(Debug, Clone)]
enum Stap {
    /// A hulpvraag about jeugdige `j`, registered by its school when it has
    /// one and `door_school`, else by wijkteam `w`.
    Hulpvraag {
        j: usize,
        door_school: bool,
        w: usize,
    },
    /// The triage of the `n`-th hulpvraag (modulo), if untriaged:
    /// 0 gemeente (to wijkteam `w`), 1 onderwijs (to the pupil's school),
    /// 2 beide (a joint case of wijkteam `w`, or the household's open one;
    /// with the school, and the JGZ when `jgz`).
    Triage {
        n: usize,
        uitkomst: u8,
        w: usize,
        jgz: bool,
    },
    /// A referral of `j` to provider `a`, its last day `einde` days from
    /// the start day (today at the start of the sequence).
    Verwijzing { j: usize, a: usize, einde: i64 },
    /// An inkoop of provider `a` in household `h`'s open case.
    Inkoop { h: usize, a: usize },
    /// Household `h`'s open case closes.
    Sluit { h: usize },
    /// `dagen` days pass.
    Tijd { dagen: u64 },
}

fn stap() -> impl Strategy<Value = Stap> {
    prop_oneof![
        (0..6usize, any::<bool>(), 0..2usize).prop_map(|(j, door_school, w)| Stap::Hulpvraag {
            j,
            door_school,
            w
        }),
        (0..16usize, 0..3u8, 0..2usize, any::<bool>()).prop_map(|(n, uitkomst, w, jgz)| {
            Stap::Triage {
                n,
                uitkomst,
                w,
                jgz,
            }
        }),
        (0..6usize, 0..2usize, -300..200i64).prop_map(|(j, a, einde)| Stap::Verwijzing {
            j,
            a,
            einde
        }),
        (0..HUISHOUDENS, 0..2usize).prop_map(|(h, a)| Stap::Inkoop { h, a }),
        (0..HUISHOUDENS).prop_map(|h| Stap::Sluit { h }),
        (0..200u64).prop_map(|dagen| Stap::Tijd { dagen }),
    ]
}

/// Per jeugdige index: its household and its school (if any).
fn jeugdigen() -> impl Strategy<Value = Vec<(usize, Option<usize>)>> {
    proptest::collection::vec((0..HUISHOUDENS, proptest::option::of(0..2usize)), 1..=6)
}

/// The oracle's state: what the events did, in the README's terms.
#[derive(Debug, Default)]
struct Model {
    /// (jeugdige, handled by, open, triaged)
    hulpvragen: Vec<(usize, Org, bool, bool)>,
    /// Per household: the open case's wijkteam and parties.
    open_casus: BTreeMap<usize, (Org, Vec<Org>)>,
    /// (jeugdige, provider, last day)
    verwijzingen: Vec<(usize, Org, NaiveDate)>,
}

impl Model {
    fn mag_lezen(
        &self,
        org: Org,
        j: usize,
        kinderen: &[(usize, Option<usize>)],
        vandaag: NaiveDate,
    ) -> bool {
        let (h, school) = kinderen[j];
        let vraag = self
            .hulpvragen
            .iter()
            .any(|(jj, door, open, _)| *jj == j && *door == org && *open);
        let casus = self.open_casus.get(&h);
        let partij = casus.is_some_and(|(_, p)| p.contains(&org));
        match org {
            Org::School(s) => vraag || (partij && school == Some(s)),
            Org::Wijkteam(_) => vraag || casus.is_some_and(|(w, _)| *w == org),
            Org::Jgz => partij,
            Org::Aanbieder(_) => {
                partij
                    || self.verwijzingen.iter().any(|(jj, a, einde)| {
                        *jj == j && *a == org && *einde + chrono::Months::new(3) >= vandaag
                    })
            }
            Org::Gemeente => false,
        }
    }
}

struct Wereld {
    opslag: Arc<dyn Opslag>,
    ids: BTreeMap<Org, i64>,
    jeugdigen: Vec<i64>,
    huishoudens: Vec<i64>,
    hulpvragen: Vec<i64>,
}

async fn wereld(opslag: Arc<dyn Opslag>, kinderen: &[(usize, Option<usize>)]) -> Wereld {
    let o = opslag.as_ref();
    let regio = o
        .maak_regio(&NieuweRegio {
            code: "almere".into(),
            naam: "Almere".into(),
        })
        .await
        .expect("regio")
        .id;
    let mut ids = BTreeMap::new();
    for org in ORGS {
        let soort = match org {
            Org::School(_) => OrganisatieSoort::School,
            Org::Wijkteam(_) => OrganisatieSoort::Wijkteam,
            Org::Jgz => OrganisatieSoort::Jgz,
            Org::Aanbieder(_) => OrganisatieSoort::Aanbieder,
            Org::Gemeente => OrganisatieSoort::Gemeente,
        };
        let id = o
            .maak_organisatie(&NieuweOrganisatie {
                regio,
                naam: format!("{org:?}"),
                soort,
                gemeente: None,
                brin: None,
                agb: None,
            })
            .await
            .expect("organisatie")
            .id;
        ids.insert(org, id);
    }
    let mut huishoudens = Vec::new();
    for _ in 0..HUISHOUDENS {
        let h = o
            .maak_huishouden(
                &NieuwHuishouden {
                    vertegenwoordigers: vec![],
                    aangemaakt_door: None,
                },
                &opzet_record("huishouden"),
            )
            .await
            .expect("huishouden");
        huishoudens.push(h.id);
    }
    let mut jeugdigen = Vec::new();
    let bsns = (999_930_000u32..)
        .map(|x| format!("{x:09}"))
        .filter_map(|s| Bsn::parse(&s).ok());
    for ((h, school), b) in kinderen.iter().zip(bsns) {
        let j = o
            .maak_jeugdige(
                &NieuweJeugdige {
                    huishouden: huishoudens[*h],
                    bsn: b,
                    geboortedatum: NaiveDate::from_ymd_opt(2016, 5, 12).expect("date"),
                    gegevens: JeugdigeWijziging {
                        voornaam: "Test".into(),
                        achternaam: "Eigenschap".into(),
                        postcode: Postcode::parse("1315AB").expect("postcode"),
                        huisnummer: Huisnummer::new(12).expect("huisnummer"),
                        toevoeging: None,
                        school: school.map(|s| ids[&Org::School(s)]),
                    },
                },
                &opzet_record("jeugdige"),
            )
            .await
            .expect("jeugdige");
        jeugdigen.push(j.id);
    }
    Wereld {
        opslag,
        ids,
        jeugdigen,
        huishoudens,
        hulpvragen: Vec::new(),
    }
}

fn door(w: &Wereld, org: Org, rol: Rol) -> Door {
    Door {
        medewerker: 1,
        rol,
        organisatie: w.ids[&org],
    }
}

/// Applies one step to the store and to the model alike.
async fn pas_toe(
    w: &mut Wereld,
    m: &mut Model,
    kinderen: &[(usize, Option<usize>)],
    start: NaiveDate,
    stap: &Stap,
) {
    let o = Arc::clone(&w.opslag);
    match *stap {
        Stap::Hulpvraag {
            j,
            door_school,
            w: wt,
        } => {
            let j = j % kinderen.len();
            let door = match kinderen[j].1 {
                Some(s) if door_school => Org::School(s),
                _ => Org::Wijkteam(wt),
            };
            let h = o
                .maak_hulpvraag(
                    &NieuweHulpvraag {
                        jeugdige: w.jeugdigen[j],
                        organisatie: w.ids[&door],
                        omschrijving: "zorgen".into(),
                    },
                    &opzet_record("hulpvraag"),
                )
                .await
                .expect("hulpvraag");
            w.hulpvragen.push(h.id);
            m.hulpvragen.push((j, door, true, false));
        }
        Stap::Triage {
            n,
            uitkomst,
            w: wt,
            jgz,
        } => {
            if m.hulpvragen.is_empty() {
                return;
            }
            let n = n % m.hulpvragen.len();
            let (j, _, _, getrieerd) = m.hulpvragen[n];
            let (h, school) = kinderen[j];
            let uitkomst = match (uitkomst, school) {
                (0, _) => Triage::Gemeente,
                (1, Some(_)) => Triage::Onderwijs,
                (1, None) => return,
                _ => Triage::Beide,
            };
            if getrieerd {
                return;
            }
            let behandelaar = match uitkomst {
                Triage::Onderwijs => Org::School(school.expect("a school")),
                _ => Org::Wijkteam(wt),
            };
            let open = o.open_casus(w.huishoudens[h]).await.expect("open_casus");
            let mut partijen: Vec<Org> = school.map(Org::School).into_iter().collect();
            if jgz {
                partijen.push(Org::Jgz);
            }
            let besluit = Triagebesluit {
                uitkomst,
                behandelaar: w.ids[&behandelaar],
                door: 1,
                casus: (uitkomst == Triage::Beide).then(|| NieuweCasus {
                    huishouden: w.huishoudens[h],
                    wijkteam: open.as_ref().map_or(w.ids[&behandelaar], |c| c.wijkteam),
                    partijen: partijen.iter().map(|p| w.ids[p]).collect(),
                }),
                aansluiten: open.as_ref().map(|c| c.id),
                toegang: vec![],
            };
            o.trieer_hulpvraag(w.hulpvragen[n], &besluit, &opzet_record("triage"))
                .await
                .expect("triage");
            let vraag = &mut m.hulpvragen[n];
            vraag.1 = behandelaar;
            vraag.3 = true;
            if uitkomst == Triage::Beide {
                vraag.2 = false;
                let casus = m
                    .open_casus
                    .entry(h)
                    .or_insert_with(|| (behandelaar, Vec::new()));
                casus.1.extend(partijen);
            }
        }
        Stap::Verwijzing { j, a, einde } => {
            let j = j % kinderen.len();
            let einde = start + chrono::Duration::days(einde);
            let v = NieuweVerwijzing {
                jeugdige: w.jeugdigen[j],
                casus: None,
                door: door(w, Org::Jgz, Rol::Verwijzer),
                aanbieder: w.ids[&Org::Aanbieder(a)],
                product: "begeleiding_individueel_basis".into(),
                volume: 3.0,
                eenheid: "uur".into(),
                per: "week".into(),
                ingangsdatum: einde - chrono::Days::new(30),
                einddatum: einde,
                toegekend: schakel_rules::Hoeveelheid::eenheden(5),
                binnen_normen: true,
                regels: vec![],
                normenkader: "almere 2025.1".into(),
                bevindingen: json!([]),
                motivatie: None,
            };
            o.maak_verwijzing(&v, &[], &opzet_record("verwijzing"))
                .await
                .expect("verwijzing");
            m.verwijzingen.push((j, Org::Aanbieder(a), einde));
        }
        Stap::Inkoop { h, a } => casusstap(w, m, start, h, Some(a)).await,
        Stap::Sluit { h } => casusstap(w, m, start, h, None).await,
        Stap::Tijd { .. } => {}
    }
}

/// An inkoop of provider `inkoop` in household `h`'s open case, or (none)
/// its closing; nothing without an open case.
async fn casusstap(w: &Wereld, m: &mut Model, start: NaiveDate, h: usize, inkoop: Option<usize>) {
    let o = &w.opslag;
    let Some(casus) = o.open_casus(w.huishoudens[h]).await.expect("open_casus") else {
        return;
    };
    let volgnummer = o
        .gebeurtenissen(casus.id)
        .await
        .expect("gebeurtenissen")
        .len() as i64
        + 1;
    let (gebeurtenis, nieuwe_partijen) = match inkoop {
        Some(a) => (
            Gebeurtenis::Inkoop {
                aanbieder: w.ids[&Org::Aanbieder(a)],
                omschrijving: "specialistische hulp".into(),
                toestemming_ouders: Toestemming {
                    naam: "Ouder".into(),
                    datum: start,
                },
            },
            vec![w.ids[&Org::Aanbieder(a)]],
        ),
        None => (
            Gebeurtenis::Afgesloten {
                reden: "klaar".into(),
            },
            vec![],
        ),
    };
    o.voeg_gebeurtenis_toe(
        &NieuweCasusGebeurtenis {
            casus: casus.id,
            volgnummer,
            gebeurtenis,
            door: door(w, Org::Wijkteam(0), Rol::Casusregisseur),
            nieuwe_partijen,
            sluit: inkoop.is_none(),
            acties: vec![],
        },
        &[],
    )
    .await
    .expect("gebeurtenis");
    match inkoop {
        Some(a) => {
            if let Some(c) = m.open_casus.get_mut(&h) {
                c.1.push(Org::Aanbieder(a));
            }
        }
        None => {
            m.open_casus.remove(&h);
        }
    }
}

/// Every organisation × role × jeugdige: the store's single read and its
/// list against the oracle; the differences.
async fn vergelijk(
    w: &Wereld,
    m: &Model,
    kinderen: &[(usize, Option<usize>)],
    vandaag: NaiveDate,
) -> Vec<String> {
    let t = Termijnen::default();
    let mut verschillen = Vec::new();
    for org in ORGS {
        for rol in org.rollen() {
            let lijst = w
                .opslag
                .jeugdigen_met_relatie(
                    w.ids[&org],
                    toegang::patronen(*rol),
                    toegang::verwijzing_grens(vandaag, &t),
                    &Default::default(),
                    Pagina::new(1, 100),
                )
                .await
                .expect("lijst");
            let gelijst: Vec<i64> = lijst.items.iter().map(|(j, _)| j.id).collect();
            for (j, id) in w.jeugdigen.iter().enumerate() {
                let orakel = m.mag_lezen(org, j, kinderen, vandaag);
                let r = w.opslag.relaties(*id, w.ids[&org]).await.expect("relaties");
                let lezen = toegang::mag_zien(*rol, &r.op(vandaag, &t)).is_ok();
                if lezen != orakel || gelijst.contains(id) != orakel {
                    verschillen.push(format!(
                        "{org:?} as {rol:?}, jeugdige {j} on {vandaag}: oracle {orakel}, read {lezen}, listed {}",
                        gelijst.contains(id)
                    ));
                }
            }
        }
    }
    verschillen
}

/// Runs the steps on `opslag`, comparing after each; the differences
/// after the first step that has any.
async fn doorloop(
    opslag: Arc<dyn Opslag>,
    kinderen: &[(usize, Option<usize>)],
    stappen: &[Stap],
) -> Vec<String> {
    let mut w = wereld(opslag, kinderen).await;
    let mut m = Model::default();
    let start = schakel_http::api::vandaag();
    let mut vandaag = start;
    for stap in stappen {
        pas_toe(&mut w, &mut m, kinderen, start, stap).await;
        if let Stap::Tijd { dagen } = stap {
            vandaag = vandaag + chrono::Days::new(*dagen);
        }
        // After every step, not only at the end.
        let verschillen = vergelijk(&w, &m, kinderen, vandaag).await;
        if !verschillen.is_empty() {
            return verschillen;
        }
    }
    Vec::new()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn niemand_leest_buiten_de_regel(
        kinderen in jeugdigen(),
        stappen in proptest::collection::vec(stap(), 0..24),
    ) {
        let verschillen = runtime().block_on(async {
            let opslag = schakel_storage_sqlite::SqliteOpslag::in_memory()
                .await
                .expect("in_memory");
            doorloop(Arc::new(opslag), &kinderen, &stappen).await
        });
        prop_assert!(verschillen.is_empty(), "{}", verschillen.join("\n"));
    }
}

proptest! {
    // A fresh database per case costs more on PostgreSQL: fewer cases.
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// The same on PostgreSQL (skipped without `SCHAKEL_TEST_PG_URL`,
    /// except in CI).
    #[test]
    fn niemand_leest_buiten_de_regel_postgres(
        kinderen in jeugdigen(),
        stappen in proptest::collection::vec(stap(), 0..24),
    ) {
        let Some(basis) = pg_basis_url() else {
            return Ok(());
        };
        let verschillen = runtime().block_on(async {
            let (db, url) = PgDb::nieuw(basis).await;
            let opslag = schakel_storage_postgres::PgOpslag::connect(&url)
                .await
                .expect("connect and migrate");
            let verschillen = doorloop(Arc::new(opslag), &kinderen, &stappen).await;
            db.weg().await;
            verschillen
        });
        prop_assert!(verschillen.is_empty(), "{}", verschillen.join("\n"));
    }
}
