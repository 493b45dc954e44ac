//! The behavioural test suite every backend passes (feature `testsuite`).
//!
//! A backend crate's integration test calls [`alles`] on a fresh, empty
//! store, and [`gelijktijdig`] on a shared one from a multi-threaded tokio
//! runtime. Each part is a `pub async fn` of its own, so a failing part can
//! be run alone; the parts build on each other's data in the order [`alles`]
//! runs them.
//!
//! The contract this suite pins down, beyond the trait's documentation:
//!
//! - Uniqueness: a second BSN gives `BestaatAl("bsn")`, a second e-mail
//!   address (in any case) `BestaatAl("email")`; other duplicates (regio
//!   code, session or token hash) give `BestaatAl(_)`.
//! - A reference to something that does not exist gives
//!   `OnbekendeVerwijzing(_)`, and nothing is written: no row, no audit
//!   record. A session or token can only carry a role the medewerker holds.
//! - E-mail addresses are stored lower-case and looked up case-insensitively.
//! - Timestamps are stored at microsecond precision; an audit record is
//!   returned by `schrijf_audit` exactly as it is read back later (a
//!   timestamp with nanoseconds comes back truncated to microseconds).
//! - `raak_sessie_aan` on an unknown session is `NietGevonden`;
//!   `verwijder_sessie` is idempotent. `relaties` for an unknown jeugdige is
//!   `NietGevonden`.
//! - Retention: a record changed on day D is kept until
//!   `model::bewaren_tot` (D + 20 years) and is listed by
//!   `verlopen_bewaartermijnen(p)` only when that date lies before p.
//!   Changing a jeugdige also moves its household's deadline.
//! - `backup` refuses an existing target with `BestaatAl(_)`.

mod gebiednamen;
mod levering;
mod lijstfilters;
mod monitoring;
mod regelversies;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use schakel_domain::Hoeveelheid;
use schakel_domain::toegang::{self, Relaties};
use schakel_domain::{
    Agb, Brin, Bsn, GemeenteCode, Huisnummer, OrganisatieSoort, Pc4, Postcode, Rol, Triage,
};

use crate::audit::{self, Actie, AuditRecord, NieuwAuditRecord, Uitkomst, Verificatie};
use crate::model::bewaren_tot;
use crate::{
    Activatie, ApiToken, Casus, Huishouden, Hulpvraag, Id, Jeugdige, JeugdigeWijziging, Lijst,
    Medewerker, NieuwApiToken, NieuwHuishouden, NieuweCasus, NieuweHulpvraag, NieuweJeugdige,
    NieuweMedewerker, NieuweOrganisatie, NieuweRegio, Opslag, OpslagFout, Organisatie, Pagina,
    Regio, Roltoewijzing, Sessie, TokenFilter, Triagebesluit, Vertegenwoordiger,
};
use crate::{
    Checkpoint, DirectoryGegevens, HulpvraagStand, HulpvragenFilter, JeugdigenFilter,
    JeugdigenSortering, OjaArrangement, VerwijzingStand, VerwijzingenFilter, VerwijzingenVan,
};

/// The key the suite pseudonymises BSNs with.
pub const SLEUTEL: &[u8] = b"schakel-testsuite-sleutel";

/// Test BSNs only (the 9999xxxxx range), each passing the 11-proef.
pub const TEST_BSNS: [&str; 6] = [
    "999900006",
    "999900018",
    "999900031",
    "999900043",
    "999900055",
    "999900067",
];

/// Runs the whole suite, in order, on a fresh and empty store.
pub async fn alles(opslag: &dyn Opslag) {
    leeg(opslag).await;
    let w = directory(opslag).await;
    medewerkers(opslag, &w).await;
    let m = w.medewerker(opslag).await;
    sessies_en_tokens(opslag, &w, &m).await;
    let d = jeugdigen(opslag, &w).await;
    let j1 = wijzigen(opslag, &d).await;
    let d = Dossiers { j1, ..d };
    relaties(opslag, &w, &d).await;
    keten_tegelijk(opslag, 50).await;
    keten_in_een_keer(opslag, 25).await;
    tijdstippen(opslag).await;
    inzage(opslag, &d).await;
    bewaartermijnen(opslag, &d).await;
    let map = TijdelijkeMap::nieuw();
    backup(opslag, &map.0).await;
    triage(opslag, &w, &d).await;
    toegang_bijgehouden(opslag, &w, &d).await;
    verloop(opslag, &w, &d).await;
    gemeentelijke_toets(opslag, &w, &d).await;
    levering::leveringen_en_correcties(opslag, &w, &d).await;
    adresgids(opslag, &w).await;
    gebiednamen::gebiednamen(opslag).await;
    contacten_een_voor_een(opslag, &w).await;
    toegangsroute_directory(opslag, &w).await;
    tellers(opslag).await;
    tokens_en_deactivatie(opslag, &w).await;
    mislukte_inlogs(opslag).await;
    activatie(opslag, &w).await;
    tweede_factoren(opslag, &w).await;
    noodtoegang(opslag, &w).await;
    onderwijs(opslag, &w, &d).await;
    levenscyclus(opslag, &w).await;
    sso(opslag, &w).await;
    casusoverzicht(opslag, &w).await;
    lijstfilters::lijstfilters(opslag, &w, &d).await;
    regelversies::regelversies(opslag).await;
    monitoring::uren_per_verwijzing_eenmaal(opslag, &w).await;
    monitoring::open_aan_het_einde_van_elke_maand(opslag, &w).await;
    verifieer_keten(opslag).await;
    checkpoints(opslag).await;
}

// --- helpers ---------------------------------------------------------------------

pub fn bsn(s: &str) -> Bsn {
    let b = Bsn::parse(s).unwrap_or_else(|e| panic!("testsuite: {s} is geen geldig BSN: {e}"));
    assert!(b.is_test_bsn(), "testsuite: {s} is geen test-BSN");
    b
}

/// Cancels 2,000 reads that begin a transaction (`Opslag::medewerker`), each
/// from another thread after a busy wait of 0 to 399 µs (each wait five
/// times), as clients that hang up do, so some fall inside the `BEGIN`
/// round trip; calls `controle` with the attempt's number after each, for
/// the engine's check that no connection stayed inside the cancelled read's
/// transaction. Fails when no read was cancelled at all.
pub async fn breek_lezingen_af(opslag: &dyn Opslag, mut controle: impl AsyncFnMut(u64)) {
    let mut afgebroken = 0;
    for poging in 0..2_000u64 {
        if lees_en_breek_af(opslag, std::time::Duration::from_micros(poging % 400)).await {
            afgebroken += 1;
        }
        controle(poging).await;
    }
    assert!(afgebroken > 0, "geen lezing werd afgebroken");
}

/// One read, cancelled after `na` unless it ended first: true when cancelled.
async fn lees_en_breek_af(opslag: &dyn Opslag, na: std::time::Duration) -> bool {
    let (stop, gestopt) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let tot = std::time::Instant::now() + na;
        while std::time::Instant::now() < tot {
            std::hint::spin_loop();
        }
        let _ = stop.send(());
    });
    tokio::select! {
        biased;
        _ = gestopt => true,
        uit = opslag.medewerker(1) => {
            uit.expect("medewerker lezen");
            false
        }
    }
}

/// A cut-off before every referral: the list as if referrals never ended.
fn geen_grens() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()
}

/// A new household, made by `wijkteam`, with no representatives.
pub async fn huishouden_van(opslag: &dyn Opslag, wijkteam: Id) -> Huishouden {
    opslag
        .maak_huishouden(
            &NieuwHuishouden {
                vertegenwoordigers: vec![],
                aangemaakt_door: Some(wijkteam),
            },
            &record(
                "huishouden.aanmaken",
                Actie::Aanmaken,
                "huishouden",
                None,
                None,
            ),
        )
        .await
        .expect("huishouden")
}

/// A new case of `wijkteam` for `huishouden`, with no other parties.
pub async fn casus_van(opslag: &dyn Opslag, huishouden: Id, wijkteam: Id) -> Casus {
    opslag
        .maak_casus(
            &NieuweCasus {
                huishouden,
                wijkteam,
                partijen: vec![],
            },
            &record("casus.aanmaken", Actie::Aanmaken, "casus", None, None),
            &[],
        )
        .await
        .expect("casus")
}

/// Closes case `casus` with its first event, at the storage clock's time,
/// logging `audits` with it.
pub async fn sluit_casus(
    opslag: &dyn Opslag,
    casus: Id,
    door: crate::verloop::Door,
    audits: &[NieuwAuditRecord],
) {
    opslag
        .voeg_gebeurtenis_toe(
            &crate::verloop::NieuweCasusGebeurtenis {
                casus,
                volgnummer: 1,
                gebeurtenis: schakel_domain::verloop::Gebeurtenis::Afgesloten {
                    reden: "klaar".into(),
                },
                door,
                nieuwe_partijen: vec![],
                sluit: true,
                acties: vec![],
            },
            audits,
        )
        .await
        .expect("afsluiten");
}

/// An audit record as the application would write it.
pub fn record(
    gebeurtenis: &str,
    actie: Actie,
    object_type: &str,
    object_id: Option<Id>,
    client: Option<&Bsn>,
) -> NieuwAuditRecord {
    NieuwAuditRecord {
        gebeurtenis: gebeurtenis.into(),
        actie,
        tijdstip: audit::nu(),
        gebruiker: Some(1),
        rol: Some(Rol::Zorgcoordinator),
        organisatie: Some(1),
        namens: None,
        client_type: client.map(|_| "bsn-pseudoniem".to_string()),
        client: client.map(|b| b.pseudoniem(SLEUTEL)),
        object_type: object_type.into(),
        object_id,
        uitkomst: Uitkomst::Toegestaan,
        grond: Some("testsuite".into()),
        bron: "test 127.0.0.1".into(),
        systeem: "schakel-testsuite".into(),
    }
}

async fn kop_nummer(opslag: &dyn Opslag) -> i64 {
    opslag
        .audit_kop()
        .await
        .expect("audit_kop")
        .map_or(0, |(n, _)| n)
}

/// The newest audit record (the one the head points to).
async fn laatste_record(opslag: &dyn Opslag) -> AuditRecord {
    let n = kop_nummer(opslag).await;
    let mut r = opslag.audit_records(n, 1).await.expect("audit_records");
    assert_eq!(
        r.len(),
        1,
        "het record waar de kop naar wijst ({n}) ontbreekt"
    );
    r.remove(0)
}

fn vlaggen(r: &Relaties) -> [bool; 5] {
    [
        r.open_hulpvraag,
        r.eigen_wijkteam_casus,
        r.partij_bij_casus,
        r.aanbieder_met_verwijzing,
        r.eigen_leerling,
    ]
}

fn ids(j: &[Jeugdige]) -> Vec<Id> {
    j.iter().map(|j| j.id).collect()
}

/// A directory under the system's temp dir, removed again when dropped
/// (also when a part panics).
struct TijdelijkeMap(PathBuf);

impl TijdelijkeMap {
    fn nieuw() -> Self {
        let map = std::env::temp_dir().join(format!(
            "schakel-testsuite-{}-{}",
            std::process::id(),
            Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        std::fs::create_dir_all(&map).expect("tijdelijke map aanmaken");
        Self(map)
    }
}

impl Drop for TijdelijkeMap {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

type Taak<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Polls all futures at once on the current task (no `futures` crate), so
/// the backend sees concurrent calls even without `tokio::spawn`.
async fn allemaal<T>(mut taken: Vec<Taak<'_, T>>) -> Vec<T> {
    let mut uit: Vec<Option<T>> = taken.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut klaar = true;
        for (taak, plek) in taken.iter_mut().zip(uit.iter_mut()) {
            if plek.is_none() {
                match taak.as_mut().poll(cx) {
                    Poll::Ready(v) => *plek = Some(v),
                    Poll::Pending => klaar = false,
                }
            }
        }
        if klaar {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    uit.into_iter()
        .map(|v| v.expect("elke taak is klaar"))
        .collect()
}

/// Reads the whole chain page by page, verifies it against the stored head
/// and returns the number of records.
pub async fn verifieer_keten(opslag: &dyn Opslag) -> i64 {
    let mut v = Verificatie::default();
    let mut vanaf = 1;
    loop {
        let pagina = opslag
            .audit_records(vanaf, 64)
            .await
            .expect("audit_records");
        for r in &pagina {
            v.controleer(r)
                .unwrap_or_else(|b| panic!("de auditketen klopt niet: {b}"));
        }
        match pagina.last() {
            Some(r) => vanaf = r.volgnummer + 1,
            None => break,
        }
    }
    let kop = opslag.audit_kop().await.expect("audit_kop");
    v.sluit_af(kop)
        .unwrap_or_else(|b| panic!("de auditketen sluit niet aan op de kop: {b}"))
}

/// What [`om_de_beurt`]'s `tel` asks the engine: the records stored as rows
/// and the batches (`audit_pak`).
pub const RIJEN_EN_BATCHES: &str =
    "SELECT (SELECT count(*) FROM audit), (SELECT count(*) FROM audit_pak)";

/// Two fresh stores on one database (two instances; on SQLite, two
/// processes on one file) append ten records at a time in turn, four times
/// each. Each finds the head moved by the other since its last batch, and
/// its batch is numbered on from the other's all the same, hashed again
/// onto the head as stored and still stored as one batch: only each
/// store's first batch, which knows no head yet, goes the long way as rows
/// (`tel` gives [`RIJEN_EN_BATCHES`]). The log verifies.
pub async fn om_de_beurt(a: &dyn Opslag, b: &dyn Opslag, tel: impl AsyncFn() -> (i64, i64)) {
    let rondes = 4;
    let mut laatste = 0;
    for ronde in 0..rondes {
        for (naam, o) in [("a", a), ("b", b)] {
            let tien = vec![record("test.beurt", Actie::Lezen, "jeugdige", None, None); 10];
            let nummers: Vec<i64> = o
                .schrijf_audits(tien)
                .await
                .expect("schrijf_audits")
                .iter()
                .map(|r| r.volgnummer)
                .collect();
            let verwacht: Vec<i64> = (laatste + 1..=laatste + 10).collect();
            assert_eq!(nummers, verwacht, "ronde {ronde}, opslag {naam}");
            laatste += 10;
        }
    }
    assert_eq!(verifieer_keten(a).await, 80);
    assert_eq!(verifieer_keten(b).await, 80);
    assert_eq!(
        tel().await,
        (20, 6),
        "two first batches as rows, six batches"
    );
}

// --- the parts ------------------------------------------------------------------

/// A fresh store: nothing in it, an empty chain that verifies.
pub async fn leeg(opslag: &dyn Opslag) {
    assert!(
        matches!(opslag.backend(), "sqlite" | "postgres"),
        "backend() is \"sqlite\" of \"postgres\""
    );
    assert_eq!(
        opslag.audit_kop().await.expect("audit_kop"),
        None,
        "een nieuwe opslag heeft geen auditkop"
    );
    assert!(
        opslag
            .audit_records(1, 10)
            .await
            .expect("audit_records")
            .is_empty(),
        "een nieuwe opslag heeft geen auditrecords"
    );
    assert_eq!(verifieer_keten(opslag).await, 0);
    let orgs = opslag
        .organisaties(Pagina::new(1, 10))
        .await
        .expect("organisaties");
    assert_eq!(orgs.totaal, 0, "een nieuwe opslag heeft geen organisaties");
    assert!(orgs.items.is_empty());
}

/// The directory the later parts use.
#[derive(Debug, Clone)]
pub struct Wereld {
    pub regio: Regio,
    pub school: Organisatie,
    pub wijkteam: Organisatie,
    pub jgz: Organisatie,
    pub aanbieder: Organisatie,
    /// A school with no relation to any jeugdige.
    pub vreemd: Organisatie,
}

impl Wereld {
    /// The medewerker [`medewerkers`] created (zorgcoördinator and verwijzer).
    pub async fn medewerker(&self, opslag: &dyn Opslag) -> Medewerker {
        opslag
            .medewerker_op_email("z.coordinator@watertuin.example")
            .await
            .expect("medewerker_op_email")
            .expect("de medewerker uit `medewerkers` bestaat")
            .0
    }
}

/// Regio and organisations: created, read back, listed page by page.
pub async fn directory(opslag: &dyn Opslag) -> Wereld {
    let regio = opslag
        .maak_regio(&NieuweRegio {
            code: "almere".into(),
            naam: "Almere".into(),
        })
        .await
        .expect("maak_regio");
    assert!(regio.id > 0);
    assert_eq!(
        (regio.code.as_str(), regio.naam.as_str()),
        ("almere", "Almere")
    );
    let dubbel = opslag
        .maak_regio(&NieuweRegio {
            code: "almere".into(),
            naam: "Nog eens".into(),
        })
        .await;
    assert!(
        matches!(dubbel, Err(OpslagFout::BestaatAl(_))),
        "een tweede regio met dezelfde code: verwacht BestaatAl, kreeg {dubbel:?}"
    );

    let gemeente = Some(GemeenteCode::parse("GM0034").expect("gemeentecode"));
    let org = |naam: &str, soort, brin: Option<&str>, agb: Option<&str>| NieuweOrganisatie {
        regio: regio.id,
        naam: naam.into(),
        soort,
        gemeente: gemeente.clone(),
        brin: brin.map(|b| Brin::parse(b).expect("brin")),
        agb: agb.map(|a| Agb::parse(a).expect("agb")),
    };
    let nieuw = [
        org("Watertuin", OrganisatieSoort::School, Some("02QZ00"), None),
        org("Wijkteam Haven", OrganisatieSoort::Wijkteam, None, None),
        org("JGZ Almere", OrganisatieSoort::Jgz, None, None),
        org(
            "Aanbieder Noord",
            OrganisatieSoort::Aanbieder,
            None,
            Some("12345678"),
        ),
        org(
            "De Kwekerij",
            OrganisatieSoort::School,
            Some("03AB01"),
            None,
        ),
    ];
    let mut gemaakt = Vec::new();
    for n in &nieuw {
        let o = opslag.maak_organisatie(n).await.expect("maak_organisatie");
        assert_eq!(
            (o.regio, &o.naam, o.soort, &o.gemeente, &o.brin, &o.agb),
            (n.regio, &n.naam, n.soort, &n.gemeente, &n.brin, &n.agb),
            "maak_organisatie geeft terug wat is opgeslagen"
        );
        assert_eq!(
            opslag
                .organisatie(o.id)
                .await
                .expect("organisatie")
                .as_ref(),
            Some(&o),
            "organisatie {} teruglezen",
            o.naam
        );
        gemaakt.push(o);
    }
    assert_eq!(
        opslag
            .organisatie(gemaakt[4].id + 1000)
            .await
            .expect("organisatie"),
        None,
        "een onbekende organisatie is None"
    );
    let onbekende_regio = opslag
        .maak_organisatie(&NieuweOrganisatie {
            regio: regio.id + 1000,
            ..nieuw[0].clone()
        })
        .await;
    assert!(
        matches!(onbekende_regio, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "organisatie in een onbekende regio: verwacht OnbekendeVerwijzing, kreeg {onbekende_regio:?}"
    );

    let p1 = opslag
        .organisaties(Pagina::new(1, 2))
        .await
        .expect("organisaties");
    assert_eq!(p1.totaal, 5, "organisaties: totaal over alle pagina's");
    assert_eq!(
        p1.items,
        gemaakt[..2],
        "organisaties pagina 1 van 2 per pagina, op id"
    );
    let p3 = opslag
        .organisaties(Pagina::new(3, 2))
        .await
        .expect("organisaties");
    assert_eq!(p3.items, gemaakt[4..], "organisaties pagina 3: het laatste");
    let p4 = opslag
        .organisaties(Pagina::new(4, 2))
        .await
        .expect("organisaties");
    assert!(p4.items.is_empty(), "organisaties voorbij het einde: leeg");
    assert_eq!(p4.totaal, 5);
    let alles = opslag
        .organisaties(Pagina::ALLES)
        .await
        .expect("organisaties");
    assert_eq!(
        (alles.items.as_slice(), alles.totaal),
        (&gemaakt[..], 5),
        "organisaties in een keer: alle vijf"
    );

    let mut it = gemaakt.into_iter();
    let mut volgende = || it.next().expect("vijf organisaties");
    Wereld {
        regio,
        school: volgende(),
        wijkteam: volgende(),
        jgz: volgende(),
        aanbieder: volgende(),
        vreemd: volgende(),
    }
}

/// Medewerkers with roles; e-mail unique and case-insensitive.
pub async fn medewerkers(opslag: &dyn Opslag, w: &Wereld) {
    let rollen = vec![
        Roltoewijzing {
            rol: Rol::Zorgcoordinator,
            organisatie: w.school.id,
        },
        Roltoewijzing {
            rol: Rol::Verwijzer,
            organisatie: w.jgz.id,
        },
    ];
    let nieuw = NieuweMedewerker {
        demo: false,
        naam: "Zoë Coördinator".into(),
        email: "Z.Coordinator@Watertuin.example".into(),
        wachtwoord_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        rollen: rollen.clone(),
    };
    let m = opslag
        .maak_medewerker(&nieuw)
        .await
        .expect("maak_medewerker");
    assert_eq!(m.naam, nieuw.naam);
    assert_eq!(
        m.email, "z.coordinator@watertuin.example",
        "het e-mailadres wordt in kleine letters opgeslagen"
    );
    assert!(m.actief, "een nieuwe medewerker is actief");
    assert_eq!(m.rollen, rollen, "rollen in de volgorde van aanmaken");
    assert_eq!(
        opslag.medewerker(m.id).await.expect("medewerker").as_ref(),
        Some(&m),
        "medewerker teruglezen"
    );
    let (gevonden, hash) = opslag
        .medewerker_op_email("z.COORDINATOR@watertuin.EXAMPLE")
        .await
        .expect("medewerker_op_email")
        .expect("opzoeken op e-mail is hoofdletterongevoelig");
    assert_eq!(gevonden, m);
    assert_eq!(
        hash, nieuw.wachtwoord_hash,
        "de wachtwoordhash komt ongewijzigd terug"
    );
    assert_eq!(
        opslag
            .medewerker_op_email("niemand@watertuin.example")
            .await
            .expect("medewerker_op_email"),
        None
    );
    assert!(!m.demo, "een gewoon account is geen demo-account");
    let demo = opslag
        .maak_medewerker(&NieuweMedewerker {
            demo: true,
            email: "demo@watertuin.example".into(),
            ..nieuw.clone()
        })
        .await
        .expect("maak demo-account");
    assert!(demo.demo, "het demo-kenmerk wordt opgeslagen");
    let (terug, _) = opslag
        .medewerker_op_email("demo@watertuin.example")
        .await
        .expect("medewerker_op_email")
        .expect("demo-account");
    assert!(terug.demo, "en teruggelezen");
    let dubbel = opslag
        .maak_medewerker(&NieuweMedewerker {
            email: "z.coordinator@WATERTUIN.example".into(),
            ..nieuw.clone()
        })
        .await;
    assert!(
        matches!(&dubbel, Err(OpslagFout::BestaatAl(v)) if v == "email"),
        "hetzelfde e-mailadres in andere letters: verwacht BestaatAl(\"email\"), kreeg {dubbel:?}"
    );
    let onbekend = opslag
        .maak_medewerker(&NieuweMedewerker {
            email: "ander@watertuin.example".into(),
            demo: false,
            rollen: vec![Roltoewijzing {
                rol: Rol::Beheerder,
                organisatie: w.vreemd.id + 1000,
            }],
            ..nieuw.clone()
        })
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "rol bij een onbekende organisatie: verwacht OnbekendeVerwijzing, kreeg {onbekend:?}"
    );
    assert_eq!(
        opslag
            .medewerker_op_email("ander@watertuin.example")
            .await
            .expect("medewerker_op_email"),
        None,
        "een mislukte aanmaak laat geen medewerker achter"
    );
    assert_eq!(
        opslag.medewerker(m.id + 1000).await.expect("medewerker"),
        None
    );
}

/// Sessions and API tokens: store, read, touch, delete.
pub async fn sessies_en_tokens(opslag: &dyn Opslag, w: &Wereld, m: &Medewerker) {
    let nu = audit::nu();
    let rol = Roltoewijzing {
        rol: Rol::Zorgcoordinator,
        organisatie: w.school.id,
    };
    let s = Sessie {
        token_hash: "sessie-hash-1".into(),
        medewerker: m.id,
        rol,
        csrf_token: "csrf-1".into(),
        aangemaakt: nu,
        laatst_actief: nu,
        verloopt: nu + chrono::Duration::hours(8),
    };
    opslag.maak_sessie(&s).await.expect("maak_sessie");
    assert_eq!(
        opslag.sessie(&s.token_hash).await.expect("sessie").as_ref(),
        Some(&s),
        "sessie teruglezen (tijden tot op de microseconde)"
    );
    assert_eq!(opslag.sessie("onbekend").await.expect("sessie"), None);
    let dubbel = opslag.maak_sessie(&s).await;
    assert!(
        matches!(dubbel, Err(OpslagFout::BestaatAl(_))),
        "dezelfde sessiehash twee keer: verwacht BestaatAl, kreeg {dubbel:?}"
    );
    let vreemde_rol = opslag
        .maak_sessie(&Sessie {
            token_hash: "sessie-hash-2".into(),
            rol: Roltoewijzing {
                rol: Rol::Casusregisseur,
                organisatie: w.wijkteam.id,
            },
            ..s.clone()
        })
        .await;
    assert!(
        matches!(vreemde_rol, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "een sessie in een rol die de medewerker niet heeft: verwacht OnbekendeVerwijzing, kreeg {vreemde_rol:?}"
    );
    assert_eq!(opslag.sessie("sessie-hash-2").await.expect("sessie"), None);

    let later = nu + chrono::Duration::microseconds(90_000_123);
    opslag
        .raak_sessie_aan(&s.token_hash, later)
        .await
        .expect("raak_sessie_aan");
    let aangeraakt = opslag
        .sessie(&s.token_hash)
        .await
        .expect("sessie")
        .expect("sessie bestaat");
    assert_eq!(
        aangeraakt.laatst_actief, later,
        "raak_sessie_aan zet laatst_actief"
    );
    assert_eq!(
        Sessie {
            laatst_actief: nu,
            ..aangeraakt
        },
        s,
        "raak_sessie_aan verandert verder niets"
    );
    let onbekend = opslag.raak_sessie_aan("onbekend", later).await;
    assert!(
        matches!(onbekend, Err(OpslagFout::NietGevonden)),
        "een onbekende sessie aanraken: verwacht NietGevonden, kreeg {onbekend:?}"
    );
    opslag
        .verwijder_sessie(&s.token_hash)
        .await
        .expect("verwijder_sessie");
    assert_eq!(
        opslag.sessie(&s.token_hash).await.expect("sessie"),
        None,
        "een verwijderde sessie is weg"
    );
    opslag
        .verwijder_sessie(&s.token_hash)
        .await
        .expect("verwijder_sessie is idempotent");

    let t = NieuwApiToken {
        token_hash: "token-hash-1".into(),
        medewerker: m.id,
        rol: Roltoewijzing {
            rol: Rol::Verwijzer,
            organisatie: w.jgz.id,
        },
        naam: "koppeling JGZ".into(),
        aangemaakt: nu,
        verloopt: nu + chrono::Duration::days(90),
    };
    let kop = kop_nummer(opslag).await;
    let gemaakt = opslag
        .maak_api_token(
            &t,
            &record(
                "api_token.aanmaken",
                Actie::Aanmaken,
                "api_token",
                None,
                None,
            ),
        )
        .await
        .expect("maak_api_token");
    assert!(gemaakt.id > 0);
    assert_eq!(
        gemaakt,
        ApiToken {
            id: gemaakt.id,
            token_hash: t.token_hash.clone(),
            medewerker: m.id,
            rol: t.rol,
            naam: t.naam.clone(),
            aangemaakt: nu,
            laatst_gebruikt: None,
            verloopt: t.verloopt,
        },
        "het token zoals opgeslagen"
    );
    let records = opslag
        .audit_records(kop + 1, 10)
        .await
        .expect("audit_records");
    assert_eq!(
        records.len(),
        1,
        "het aanmaken is gelogd, in dezelfde transactie"
    );
    assert_eq!(records[0].record.object_id, Some(gemaakt.id));
    assert_eq!(
        opslag
            .api_token(&t.token_hash)
            .await
            .expect("api_token")
            .as_ref(),
        Some(&gemaakt),
        "API-token teruglezen op hash"
    );
    assert_eq!(
        opslag
            .api_token_op_id(gemaakt.id)
            .await
            .expect("api_token_op_id")
            .as_ref(),
        Some(&gemaakt),
        "API-token teruglezen op id"
    );
    assert_eq!(opslag.api_token("onbekend").await.expect("api_token"), None);
    let kop = kop_nummer(opslag).await;
    let aanmaak = record(
        "api_token.aanmaken",
        Actie::Aanmaken,
        "api_token",
        None,
        None,
    );
    let dubbel = opslag.maak_api_token(&t, &aanmaak).await;
    assert!(
        matches!(dubbel, Err(OpslagFout::BestaatAl(_))),
        "dezelfde tokenhash twee keer: verwacht BestaatAl, kreeg {dubbel:?}"
    );
    let onbekende_medewerker = opslag
        .maak_api_token(
            &NieuwApiToken {
                token_hash: "token-hash-2".into(),
                medewerker: m.id + 1000,
                ..t.clone()
            },
            &aanmaak,
        )
        .await;
    assert!(
        matches!(
            onbekende_medewerker,
            Err(OpslagFout::OnbekendeVerwijzing(_))
        ),
        "een token voor een onbekende medewerker: verwacht OnbekendeVerwijzing, kreeg {onbekende_medewerker:?}"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop,
        "een mislukte aanmaak laat geen auditrecord achter"
    );
}

/// API tokens listed (own, per region), used and revoked; an account
/// deactivated (its sessions and tokens gone at once) and reactivated.
/// Creates a second region with an organisation and two medewerkers.
pub async fn tokens_en_deactivatie(opslag: &dyn Opslag, w: &Wereld) {
    let elders = opslag
        .maak_regio(&NieuweRegio {
            code: "elders".into(),
            naam: "Elders".into(),
        })
        .await
        .expect("maak_regio");
    let school_elders = opslag
        .maak_organisatie(&NieuweOrganisatie {
            regio: elders.id,
            naam: "School Elders".into(),
            soort: OrganisatieSoort::School,
            gemeente: None,
            brin: None,
            agb: None,
        })
        .await
        .expect("maak_organisatie");
    let hier = Roltoewijzing {
        rol: Rol::Zorgcoordinator,
        organisatie: w.vreemd.id,
    };
    let daar = Roltoewijzing {
        rol: Rol::Zorgcoordinator,
        organisatie: school_elders.id,
    };
    let maak = |email: &str, rol: Roltoewijzing| NieuweMedewerker {
        demo: false,
        naam: "Token Tester".into(),
        email: email.into(),
        wachtwoord_hash: "$argon2id$test".into(),
        rollen: vec![rol],
    };
    let a = opslag
        .maak_medewerker(&maak("tokens.a@vreemd.example", hier))
        .await
        .expect("maak_medewerker");
    let b = opslag
        .maak_medewerker(&maak("tokens.b@elders.example", daar))
        .await
        .expect("maak_medewerker");
    let nu = audit::nu();
    let aanmaak = record(
        "api_token.aanmaken",
        Actie::Aanmaken,
        "api_token",
        None,
        None,
    );
    let mut ids = Vec::new();
    for (i, (m, rol)) in [(&a, hier), (&a, hier), (&b, daar)].into_iter().enumerate() {
        let t = opslag
            .maak_api_token(
                &NieuwApiToken {
                    token_hash: format!("lijst-token-{i}"),
                    medewerker: m.id,
                    rol,
                    naam: format!("token {i}"),
                    aangemaakt: nu + chrono::Duration::seconds(i as i64),
                    verloopt: nu + chrono::Duration::days(30),
                },
                &aanmaak,
            )
            .await
            .expect("maak_api_token");
        ids.push(t.id);
    }
    let van = |l: Vec<ApiToken>| l.into_iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(
        van(opslag
            .api_tokens(TokenFilter::Van(a.id))
            .await
            .expect("api_tokens")),
        [ids[1], ids[0]],
        "eigen tokens, nieuwste eerst"
    );
    assert_eq!(
        van(opslag
            .api_tokens(TokenFilter::Regio(elders.id))
            .await
            .expect("api_tokens")),
        [ids[2]],
        "de tokens van een regio: alleen die voor haar organisaties"
    );
    let regio = van(opslag
        .api_tokens(TokenFilter::Regio(w.regio.id))
        .await
        .expect("api_tokens"));
    assert!(
        regio.contains(&ids[0]) && regio.contains(&ids[1]) && !regio.contains(&ids[2]),
        "de eigen regio zonder het token van elders: {regio:?}"
    );

    let gebruikt = nu + chrono::Duration::microseconds(5_000_001);
    opslag
        .gebruik_api_token(ids[0], gebruikt)
        .await
        .expect("gebruik_api_token");
    let t0 = opslag
        .api_token_op_id(ids[0])
        .await
        .expect("api_token_op_id")
        .expect("bestaat");
    assert_eq!(
        t0.laatst_gebruikt,
        Some(gebruikt),
        "laatst gebruikt, tot op de microseconde"
    );

    let kop = kop_nummer(opslag).await;
    let intrekken = record(
        "api_token.intrekken",
        Actie::Verwijderen,
        "api_token",
        None,
        None,
    );
    opslag
        .trek_api_token_in(ids[0], &intrekken)
        .await
        .expect("trek_api_token_in");
    assert_eq!(
        opslag.api_token("lijst-token-0").await.expect("api_token"),
        None
    );
    let records = opslag
        .audit_records(kop + 1, 10)
        .await
        .expect("audit_records");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].record.gebeurtenis, "api_token.intrekken");
    assert_eq!(records[0].record.object_id, Some(ids[0]));
    let weer = opslag.trek_api_token_in(ids[0], &intrekken).await;
    assert!(
        matches!(weer, Err(OpslagFout::NietGevonden)),
        "een ingetrokken token nog eens intrekken: verwacht NietGevonden, kreeg {weer:?}"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "een mislukte intrekking logt niets"
    );

    // Deactivation ends every session and token of the account at once.
    let sessie = Sessie {
        token_hash: "sessie-deactivatie".into(),
        medewerker: a.id,
        rol: hier,
        csrf_token: "csrf".into(),
        aangemaakt: nu,
        laatst_actief: nu,
        verloopt: nu + chrono::Duration::hours(1),
    };
    opslag.maak_sessie(&sessie).await.expect("maak_sessie");
    let deactiveren = record(
        "medewerker.deactiveren",
        Actie::Wijzigen,
        "medewerker",
        None,
        None,
    );
    let uit = opslag
        .zet_medewerker_actief(a.id, false, &deactiveren)
        .await
        .expect("zet_medewerker_actief");
    assert!(!uit.actief);
    assert_eq!(uit.rollen, [hier], "de rollen blijven");
    assert_eq!(
        opslag.sessie("sessie-deactivatie").await.expect("sessie"),
        None
    );
    assert!(
        opslag
            .api_tokens(TokenFilter::Van(a.id))
            .await
            .expect("api_tokens")
            .is_empty(),
        "geen token van een gedeactiveerd account blijft"
    );
    assert_eq!(
        van(opslag
            .api_tokens(TokenFilter::Van(b.id))
            .await
            .expect("api_tokens")),
        [ids[2]],
        "andermans tokens blijven"
    );
    let records = opslag
        .audit_records(kop + 2, 10)
        .await
        .expect("audit_records");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].record.object_id, Some(a.id));
    let weer_aan = opslag
        .zet_medewerker_actief(a.id, true, &deactiveren)
        .await
        .expect("zet_medewerker_actief");
    assert!(weer_aan.actief, "heractiveren");
    let onbekend = opslag
        .zet_medewerker_actief(b.id + 1000, false, &deactiveren)
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::NietGevonden)),
        "een onbekend account: verwacht NietGevonden, kreeg {onbekend:?}"
    );
}

/// Activation links: stored hashed, used once, only until they expire;
/// the password is set and logged in the same transaction.
pub async fn activatie(opslag: &dyn Opslag, w: &Wereld) {
    let m = opslag
        .maak_medewerker(&NieuweMedewerker {
            demo: false,
            naam: "Nieuwe Beheerder".into(),
            email: "nieuw@gemeente.example".into(),
            wachtwoord_hash: String::new(),
            rollen: vec![Roltoewijzing {
                rol: Rol::Beheerder,
                organisatie: w.vreemd.id,
            }],
        })
        .await
        .expect("maak_medewerker");
    let nu = audit::nu();
    let uitnodigen = record(
        "account.uitnodigen",
        Actie::Aanmaken,
        "medewerker",
        None,
        None,
    );
    let kop = kop_nummer(opslag).await;
    for (hash, verloopt) in [
        ("link-1", nu + chrono::Duration::hours(72)),
        ("link-oud", nu - chrono::Duration::seconds(1)),
    ] {
        opslag
            .maak_activatie(m.id, hash, verloopt, &uitnodigen)
            .await
            .expect("maak_activatie");
    }
    assert_eq!(kop_nummer(opslag).await, kop + 2, "each link is logged");
    assert_eq!(
        opslag.activatie("link-1").await.expect("activatie"),
        Some(Activatie {
            medewerker: m.id,
            verloopt: nu + chrono::Duration::hours(72),
            gebruikt: None,
        })
    );
    assert_eq!(opslag.activatie("onbekend").await.expect("activatie"), None);
    let onbekend = opslag
        .maak_activatie(m.id + 1000, "link-2", nu, &uitnodigen)
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "a link for an unknown account: expected OnbekendeVerwijzing, got {onbekend:?}"
    );
    let activeren = record(
        "account.activeren",
        Actie::Wijzigen,
        "medewerker",
        None,
        None,
    );
    let verlopen = opslag
        .activeer("link-oud", "$argon2id$oud", nu, &activeren)
        .await;
    assert!(
        matches!(verlopen, Err(OpslagFout::Toestand(_))),
        "an expired link: expected Toestand, got {verlopen:?}"
    );
    let onbekend = opslag
        .activeer("geen-link", "$argon2id$x", nu, &activeren)
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::NietGevonden)),
        "an unknown link: expected NietGevonden, got {onbekend:?}"
    );
    let kop = kop_nummer(opslag).await;
    let later = nu + chrono::Duration::microseconds(1_000_001);
    let geactiveerd = opslag
        .activeer("link-1", "$argon2id$nieuw", later, &activeren)
        .await
        .expect("activeer");
    assert_eq!(geactiveerd.id, m.id);
    assert_eq!(kop_nummer(opslag).await, kop + 1, "activation is logged");
    let (_, hash) = opslag
        .medewerker_op_email("nieuw@gemeente.example")
        .await
        .expect("medewerker_op_email")
        .expect("bestaat");
    assert_eq!(hash, "$argon2id$nieuw");
    assert_eq!(
        opslag
            .activatie("link-1")
            .await
            .expect("activatie")
            .and_then(|a| a.gebruikt),
        Some(later)
    );
    let weer = opslag
        .activeer("link-1", "$argon2id$anders", later, &activeren)
        .await;
    assert!(
        matches!(weer, Err(OpslagFout::Toestand(_))),
        "a link used before: expected Toestand, got {weer:?}"
    );
    let (_, hash) = opslag
        .medewerker_op_email("nieuw@gemeente.example")
        .await
        .expect("medewerker_op_email")
        .expect("bestaat");
    assert_eq!(hash, "$argon2id$nieuw", "a refused use changes nothing");
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "a refused use logs nothing here"
    );
}

/// An account's life cycle (issue 13.2): the list per region and per
/// organisation, page by page; a role change ends exactly the sessions of
/// the role taken away; a password change ends every other session; an
/// activation (or reset) link ends every session; the accountbeheerder role
/// is stored.
pub async fn levenscyclus(opslag: &dyn Opslag, w: &Wereld) {
    let maak = |email: &str, naam: &str, rollen: Vec<Roltoewijzing>| NieuweMedewerker {
        demo: false,
        naam: naam.into(),
        email: email.into(),
        wachtwoord_hash: "$argon2id$oud".into(),
        rollen,
    };
    let bij = |rol, o: &Organisatie| Roltoewijzing {
        rol,
        organisatie: o.id,
    };
    let ab = opslag
        .maak_medewerker(&maak(
            "ab@aanbieder.example",
            "Aa Accountbeheer",
            vec![bij(Rol::Accountbeheerder, &w.aanbieder)],
        ))
        .await
        .expect("accountbeheerder");
    assert_eq!(ab.rollen, vec![bij(Rol::Accountbeheerder, &w.aanbieder)]);
    let m = opslag
        .maak_medewerker(&maak(
            "ab-collega@aanbieder.example",
            "Ab Collega",
            vec![
                bij(Rol::Aanbieder, &w.aanbieder),
                bij(Rol::Verwijzer, &w.jgz),
            ],
        ))
        .await
        .expect("collega");
    let medewerkers = |filter, pagina| async move {
        opslag
            .medewerkers(filter, pagina)
            .await
            .expect("medewerkers")
    };
    let bij_aanbieder = medewerkers(
        crate::MedewerkerFilter::Organisatie(w.aanbieder.id),
        Pagina::new(1, 1),
    )
    .await;
    assert_eq!(bij_aanbieder.totaal, 2, "both have a role at the aanbieder");
    assert_eq!(
        bij_aanbieder.items.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![ab.id],
        "by name, one per page"
    );
    let tweede = medewerkers(
        crate::MedewerkerFilter::Organisatie(w.aanbieder.id),
        Pagina::new(2, 1),
    )
    .await;
    assert_eq!(tweede.items, vec![m.clone()], "the second page");
    let voorbij = medewerkers(
        crate::MedewerkerFilter::Organisatie(w.aanbieder.id),
        Pagina::new(3, 1),
    )
    .await;
    assert_eq!(
        (voorbij.totaal, voorbij.items.len()),
        (2, 0),
        "a page past the end is empty and names the total"
    );
    let eigen = medewerkers(
        crate::MedewerkerFilter::EigenOrganisatie(w.aanbieder.id),
        Pagina::new(1, 100),
    )
    .await;
    assert_eq!(
        eigen.items.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![ab.id],
        "not the colleague who is verwijzer at the JGZ too"
    );
    assert_eq!(eigen.totaal, 1);
    let regio = medewerkers(
        crate::MedewerkerFilter::Regio(w.regio.id),
        Pagina::new(1, 100),
    )
    .await;
    assert!(
        regio.items.iter().any(|x| x.id == m.id) && regio.items.iter().any(|x| x.id == ab.id),
        "the region lists both"
    );
    assert_eq!(regio.totaal, regio.items.len() as i64);
    let anders = medewerkers(
        crate::MedewerkerFilter::Regio(w.regio.id + 1000),
        Pagina::new(1, 100),
    )
    .await;
    assert_eq!(anders.totaal, 0, "another region lists nobody of this one");
    // The national role (migration 0041) is stored like any other, and its
    // accounts are on no region's or organisation's list: only the
    // installation's operator manages them.
    let land = opslag
        .maak_medewerker(&maak(
            "monitor@landelijk.example",
            "Landelijke monitor",
            vec![bij(Rol::Landelijk, &w.jgz)],
        ))
        .await
        .expect("landelijk");
    assert_eq!(land.rollen, vec![bij(Rol::Landelijk, &w.jgz)]);
    for filter in [
        crate::MedewerkerFilter::Regio(w.regio.id),
        crate::MedewerkerFilter::Organisatie(w.jgz.id),
        crate::MedewerkerFilter::EigenOrganisatie(w.jgz.id),
    ] {
        let lijst = medewerkers(filter, Pagina::new(1, 100)).await;
        assert!(
            lijst.items.iter().all(|x| x.id != land.id),
            "{filter:?} lists no national account"
        );
        assert_eq!(lijst.totaal, lijst.items.len() as i64, "{filter:?}");
    }
    assert_eq!(
        regio.totaal,
        medewerkers(
            crate::MedewerkerFilter::Regio(w.regio.id),
            Pagina::new(1, 100)
        )
        .await
        .totaal,
        "the region's count is unchanged"
    );

    // Sessions in each role; taking the verwijzer role away ends only that one.
    let nu = audit::nu();
    let sessie = |hash: &str, rol| Sessie {
        token_hash: hash.into(),
        medewerker: m.id,
        rol,
        csrf_token: "csrf".into(),
        aangemaakt: nu,
        laatst_actief: nu,
        verloopt: nu + chrono::Duration::hours(1),
    };
    for (hash, rol) in [
        ("lc-aanbieder", bij(Rol::Aanbieder, &w.aanbieder)),
        ("lc-aanbieder-2", bij(Rol::Aanbieder, &w.aanbieder)),
        ("lc-verwijzer", bij(Rol::Verwijzer, &w.jgz)),
    ] {
        opslag
            .maak_sessie(&sessie(hash, rol))
            .await
            .expect("sessie");
    }
    let wijziging = record("account.rollen", Actie::Wijzigen, "medewerker", None, None);
    let kop = kop_nummer(opslag).await;
    let nieuw = vec![
        bij(Rol::Aanbieder, &w.aanbieder),
        bij(Rol::Beleid, &w.aanbieder),
    ];
    let gewijzigd = opslag
        .zet_rollen(m.id, &nieuw, &wijziging)
        .await
        .expect("zet_rollen");
    assert_eq!(gewijzigd.rollen, nieuw, "the roles in the order given");
    assert_eq!(kop_nummer(opslag).await, kop + 1, "a role change is logged");
    assert!(
        opslag
            .sessie("lc-verwijzer")
            .await
            .expect("sessie")
            .is_none()
    );
    assert!(
        opslag
            .sessie("lc-aanbieder")
            .await
            .expect("sessie")
            .is_some()
    );
    let onbekend = opslag
        .zet_rollen(
            m.id,
            &[
                bij(Rol::Beleid, &w.aanbieder),
                Roltoewijzing {
                    rol: Rol::Beleid,
                    organisatie: w.vreemd.id + 1000,
                },
            ],
            &wijziging,
        )
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "a role at an unknown organisation: expected OnbekendeVerwijzing, got {onbekend:?}"
    );
    assert_eq!(
        opslag
            .medewerker(m.id)
            .await
            .expect("medewerker")
            .map(|m| m.rollen),
        Some(nieuw.clone()),
        "a refused change changes nothing"
    );
    let niemand = opslag.zet_rollen(m.id + 1000, &nieuw, &wijziging).await;
    assert!(
        matches!(niemand, Err(OpslagFout::NietGevonden)),
        "{niemand:?}"
    );

    // A password change keeps the session that made it, and only that one.
    let kop = kop_nummer(opslag).await;
    opslag
        .zet_wachtwoord(m.id, "$argon2id$nieuw", Some("lc-aanbieder"), &wijziging)
        .await
        .expect("zet_wachtwoord");
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "a password change is logged"
    );
    assert!(
        opslag
            .sessie("lc-aanbieder")
            .await
            .expect("sessie")
            .is_some()
    );
    assert!(
        opslag
            .sessie("lc-aanbieder-2")
            .await
            .expect("sessie")
            .is_none()
    );
    let (_, hash) = opslag
        .medewerker_op_email("ab-collega@aanbieder.example")
        .await
        .expect("medewerker_op_email")
        .expect("bestaat");
    assert_eq!(hash, "$argon2id$nieuw");
    let niemand = opslag
        .zet_wachtwoord(m.id + 1000, "$argon2id$x", None, &wijziging)
        .await;
    assert!(
        matches!(niemand, Err(OpslagFout::NietGevonden)),
        "{niemand:?}"
    );

    // A reset link (the activation table) ends every session when used.
    opslag
        .maak_activatie(
            m.id,
            "lc-herstel",
            nu + chrono::Duration::hours(24),
            &wijziging,
        )
        .await
        .expect("maak_activatie");
    opslag
        .activeer("lc-herstel", "$argon2id$hersteld", nu, &wijziging)
        .await
        .expect("activeer");
    assert!(
        opslag
            .sessie("lc-aanbieder")
            .await
            .expect("sessie")
            .is_none(),
        "a reset ends every session"
    );
}

/// Failed logins per key: counted, read since a moment, forgotten when old
/// or after a success; keys do not mix.
pub async fn mislukte_inlogs(opslag: &dyn Opslag) {
    let nu = audit::nu();
    let s = |n: i64| nu + chrono::Duration::seconds(n);
    let sleutels = ["account x".to_string(), "adres y".to_string()];
    for n in 0..3 {
        opslag
            .registreer_mislukte_inlog(&sleutels, s(n), s(-3600))
            .await
            .expect("registreer_mislukte_inlog");
    }
    opslag
        .registreer_mislukte_inlog(&sleutels[1..], s(3), s(-3600))
        .await
        .expect("registreer_mislukte_inlog");
    let lees = |k: &'static str, sinds| opslag.mislukte_inlogs(k, sinds);
    assert_eq!(
        lees("account x", s(-60)).await.expect("lees"),
        [s(0), s(1), s(2)]
    );
    assert_eq!(
        lees("adres y", s(-60)).await.expect("lees"),
        [s(0), s(1), s(2), s(3)]
    );
    assert_eq!(
        lees("adres y", s(2)).await.expect("lees"),
        [s(2), s(3)],
        "vanaf een moment"
    );
    assert!(lees("account z", s(-60)).await.expect("lees").is_empty());
    opslag.wis_mislukte_inlogs("account x").await.expect("wis");
    assert!(lees("account x", s(-60)).await.expect("lees").is_empty());
    assert_eq!(
        lees("adres y", s(-60)).await.expect("lees").len(),
        4,
        "het adres telt door"
    );
    // Recording later forgets what is older than asked.
    opslag
        .registreer_mislukte_inlog(&sleutels[..1], s(100), s(2))
        .await
        .expect("registreer_mislukte_inlog");
    assert_eq!(
        lees("adres y", s(-60)).await.expect("lees"),
        [s(2), s(3)],
        "pogingen van vóór vergeet_voor zijn weg"
    );
}

/// The households and jeugdigen the later parts use.
#[derive(Debug, Clone)]
pub struct Dossiers {
    /// Household of j1 and j2.
    pub h1: Huishouden,
    /// Household of j3.
    pub h2: Huishouden,
    /// Pupil of the school (gets an open hulpvraag there).
    pub j1: Jeugdige,
    /// j1's sibling, no school.
    pub j2: Jeugdige,
    /// Another household: no relation with anyone.
    pub j3: Jeugdige,
}

fn gegevens(voornaam: &str, school: Option<Id>) -> JeugdigeWijziging {
    JeugdigeWijziging {
        voornaam: voornaam.into(),
        achternaam: "de Test".into(),
        postcode: Postcode::parse("1315 AB").expect("postcode"),
        huisnummer: Huisnummer::new(12).expect("huisnummer"),
        toevoeging: Some("a".into()),
        school,
    }
}

/// Households and jeugdigen: each creation adds exactly one audit record
/// about the new object; failures add nothing.
pub async fn jeugdigen(opslag: &dyn Opslag, w: &Wereld) -> Dossiers {
    let voor = kop_nummer(opslag).await;
    let nieuw_h = NieuwHuishouden {
        vertegenwoordigers: vec![
            Vertegenwoordiger {
                naam: "A. de Test".into(),
                relatie: "ouder".into(),
            },
            Vertegenwoordiger {
                naam: "B. Voogd".into(),
                relatie: "voogd".into(),
            },
        ],
        aangemaakt_door: Some(w.wijkteam.id),
    };
    let h1 = opslag
        .maak_huishouden(
            &nieuw_h,
            &record(
                "huishouden.aanmaken",
                Actie::Aanmaken,
                "huishouden",
                None,
                None,
            ),
        )
        .await
        .expect("maak_huishouden");
    assert_eq!(h1.vertegenwoordigers, nieuw_h.vertegenwoordigers);
    assert_eq!(
        h1.aangemaakt_door,
        Some(w.wijkteam.id),
        "wie het registreerde"
    );
    assert!(
        h1.jeugdigen.is_empty(),
        "een nieuw huishouden heeft nog geen jeugdigen"
    );
    assert_eq!(h1.bewaren_tot, bewaren_tot(h1.gewijzigd));
    assert_eq!(
        kop_nummer(opslag).await,
        voor + 1,
        "maak_huishouden schrijft precies één auditrecord"
    );
    let r = laatste_record(opslag).await;
    assert_eq!(
        (
            r.record.gebeurtenis.as_str(),
            r.record.object_type.as_str(),
            r.record.object_id
        ),
        ("huishouden.aanmaken", "huishouden", Some(h1.id)),
        "het auditrecord gaat over het nieuwe huishouden"
    );

    let (b1, b2, b3) = (bsn(TEST_BSNS[0]), bsn(TEST_BSNS[1]), bsn(TEST_BSNS[2]));
    let maak = |huishouden: Id, b: &Bsn, g: JeugdigeWijziging| NieuweJeugdige {
        huishouden,
        bsn: b.clone(),
        geboortedatum: NaiveDate::from_ymd_opt(2016, 5, 12).expect("datum"),
        gegevens: g,
    };
    let n1 = maak(h1.id, &b1, gegevens("Sam", Some(w.school.id)));
    let j1 = opslag
        .maak_jeugdige(
            &n1,
            &record(
                "jeugdige.aanmaken",
                Actie::Aanmaken,
                "jeugdige",
                None,
                Some(&b1),
            ),
        )
        .await
        .expect("maak_jeugdige");
    assert_eq!(
        (j1.huishouden, &j1.bsn, j1.geboortedatum, &j1.gegevens),
        (n1.huishouden, &n1.bsn, n1.geboortedatum, &n1.gegevens),
        "maak_jeugdige slaat op wat is gegeven"
    );
    assert_eq!(j1.versie, 1, "een nieuwe jeugdige heeft versie 1");
    assert_eq!(j1.bewaren_tot, bewaren_tot(j1.gewijzigd));
    assert_eq!(
        kop_nummer(opslag).await,
        voor + 2,
        "maak_jeugdige schrijft precies één auditrecord"
    );
    let r = laatste_record(opslag).await;
    assert_eq!(
        (r.record.object_type.as_str(), r.record.object_id),
        ("jeugdige", Some(j1.id)),
        "het auditrecord gaat over de nieuwe jeugdige"
    );
    assert_eq!(r.record.client, Some(b1.pseudoniem(SLEUTEL)));
    assert_eq!(
        opslag.jeugdige(j1.id).await.expect("jeugdige").as_ref(),
        Some(&j1),
        "jeugdige teruglezen"
    );
    assert_eq!(
        opslag
            .jeugdige_op_bsn(&b1)
            .await
            .expect("jeugdige_op_bsn")
            .as_ref(),
        Some(&j1),
        "jeugdige op BSN"
    );
    assert_eq!(
        opslag
            .jeugdige_op_bsn(&bsn(TEST_BSNS[5]))
            .await
            .expect("jeugdige_op_bsn"),
        None
    );
    assert_eq!(opslag.jeugdige(j1.id + 1000).await.expect("jeugdige"), None);

    let j2 = opslag
        .maak_jeugdige(
            &maak(h1.id, &b2, gegevens("Kim", None)),
            &record(
                "jeugdige.aanmaken",
                Actie::Aanmaken,
                "jeugdige",
                None,
                Some(&b2),
            ),
        )
        .await
        .expect("maak_jeugdige (j2)");
    let h2 = opslag
        .maak_huishouden(
            &NieuwHuishouden {
                vertegenwoordigers: vec![],
                aangemaakt_door: None,
            },
            &record(
                "huishouden.aanmaken",
                Actie::Aanmaken,
                "huishouden",
                None,
                None,
            ),
        )
        .await
        .expect("maak_huishouden (h2)");
    let j3 = opslag
        .maak_jeugdige(
            &maak(h2.id, &b3, gegevens("Noor", Some(w.school.id))),
            &record(
                "jeugdige.aanmaken",
                Actie::Aanmaken,
                "jeugdige",
                None,
                Some(&b3),
            ),
        )
        .await
        .expect("maak_jeugdige (j3)");
    let h1 = opslag
        .huishouden(h1.id)
        .await
        .expect("huishouden")
        .expect("h1 bestaat");
    assert_eq!(
        h1.jeugdigen,
        vec![j1.id, j2.id],
        "de jeugdigen van het huishouden, op id"
    );
    assert_eq!(h1.vertegenwoordigers, nieuw_h.vertegenwoordigers);
    assert!(
        h1.gewijzigd >= j2.gewijzigd,
        "een nieuw lid wijzigt het huishouden"
    );
    assert_eq!(h1.bewaren_tot, bewaren_tot(h1.gewijzigd));
    assert_eq!(
        opslag.huishouden(h2.id + 1000).await.expect("huishouden"),
        None
    );

    let kop = kop_nummer(opslag).await;
    let dubbel = opslag
        .maak_jeugdige(
            &maak(h2.id, &b1, gegevens("Dubbel", None)),
            &record(
                "jeugdige.aanmaken",
                Actie::Aanmaken,
                "jeugdige",
                None,
                Some(&b1),
            ),
        )
        .await;
    assert!(
        matches!(&dubbel, Err(OpslagFout::BestaatAl(v)) if v == "bsn"),
        "een BSN dat al bestaat: verwacht BestaatAl(\"bsn\"), kreeg {dubbel:?}"
    );
    let b4 = bsn(TEST_BSNS[3]);
    let onbekend = opslag
        .maak_jeugdige(
            &maak(h2.id + 1000, &b4, gegevens("Zwerver", None)),
            &record(
                "jeugdige.aanmaken",
                Actie::Aanmaken,
                "jeugdige",
                None,
                Some(&b4),
            ),
        )
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "een onbekend huishouden: verwacht OnbekendeVerwijzing, kreeg {onbekend:?}"
    );
    let onbekende_school = opslag
        .maak_jeugdige(
            &maak(h2.id, &b4, gegevens("Zwerver", Some(w.vreemd.id + 1000))),
            &record(
                "jeugdige.aanmaken",
                Actie::Aanmaken,
                "jeugdige",
                None,
                Some(&b4),
            ),
        )
        .await;
    assert!(
        matches!(onbekende_school, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "een onbekende school: verwacht OnbekendeVerwijzing, kreeg {onbekende_school:?}"
    );
    assert_eq!(
        opslag.jeugdige_op_bsn(&b4).await.expect("jeugdige_op_bsn"),
        None,
        "een mislukte aanmaak laat geen jeugdige achter"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop,
        "een mislukte aanmaak schrijft geen auditrecord"
    );
    Dossiers { h1, h2, j1, j2, j3 }
}

/// Optimistic concurrency: the right version is bumped, a stale one is
/// refused without any change or audit record. Returns the changed j1.
pub async fn wijzigen(opslag: &dyn Opslag, d: &Dossiers) -> Jeugdige {
    let j1 = &d.j1;
    let b1 = &j1.bsn;
    let w = JeugdigeWijziging {
        achternaam: "de Verhuisde".into(),
        postcode: Postcode::parse("1316CD").expect("postcode"),
        huisnummer: Huisnummer::new(7).expect("huisnummer"),
        toevoeging: None,
        ..j1.gegevens.clone()
    };
    let kop = kop_nummer(opslag).await;
    let audit_w = record(
        "jeugdige.wijzigen",
        Actie::Wijzigen,
        "jeugdige",
        Some(j1.id),
        Some(b1),
    );
    let nieuw = opslag
        .wijzig_jeugdige(j1.id, 1, &w, &audit_w)
        .await
        .expect("wijzig_jeugdige met de juiste versie");
    assert_eq!(nieuw.versie, 2, "wijzigen verhoogt de versie naar 2");
    assert_eq!(nieuw.gegevens, w, "de wijziging is opgeslagen");
    assert_eq!(
        (nieuw.id, nieuw.huishouden, &nieuw.bsn, nieuw.geboortedatum),
        (j1.id, j1.huishouden, &j1.bsn, j1.geboortedatum),
        "wat niet kan wijzigen blijft gelijk"
    );
    assert!(nieuw.gewijzigd >= j1.gewijzigd, "gewijzigd schuift op");
    assert_eq!(nieuw.bewaren_tot, bewaren_tot(nieuw.gewijzigd));
    assert_eq!(
        opslag.jeugdige(j1.id).await.expect("jeugdige").as_ref(),
        Some(&nieuw)
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "wijzigen schrijft één auditrecord"
    );
    let r = laatste_record(opslag).await;
    assert_eq!(
        r.record, audit_w,
        "het auditrecord van een wijziging is het gegeven record"
    );
    let h = opslag
        .huishouden(j1.huishouden)
        .await
        .expect("huishouden")
        .expect("huishouden bestaat");
    assert!(
        h.gewijzigd >= nieuw.gewijzigd,
        "een gewijzigd lid wijzigt het huishouden"
    );
    assert_eq!(h.bewaren_tot, bewaren_tot(h.gewijzigd));

    let oud = opslag
        .wijzig_jeugdige(
            j1.id,
            1,
            &JeugdigeWijziging {
                voornaam: "Overschreven".into(),
                ..w.clone()
            },
            &audit_w,
        )
        .await;
    assert!(
        matches!(
            oud,
            Err(OpslagFout::VersieConflict {
                verwacht: 1,
                huidig: 2
            })
        ),
        "wijzigen met een verouderde versie: verwacht VersieConflict {{ verwacht: 1, huidig: 2 }}, kreeg {oud:?}"
    );
    assert_eq!(
        opslag.jeugdige(j1.id).await.expect("jeugdige").as_ref(),
        Some(&nieuw),
        "een geweigerde wijziging verandert niets"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "een geweigerde wijziging schrijft geen auditrecord"
    );
    let weg = opslag.wijzig_jeugdige(j1.id + 1000, 1, &w, &audit_w).await;
    assert!(
        matches!(weg, Err(OpslagFout::NietGevonden)),
        "een onbekende jeugdige wijzigen: verwacht NietGevonden, kreeg {weg:?}"
    );
    assert_eq!(kop_nummer(opslag).await, kop + 1);
    nieuw
}

/// The facts the access policy decides on, and the need-to-know list.
pub async fn relaties(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers) {
    let (j1, j2, j3) = (&d.j1, &d.j2, &d.j3);
    let kop = kop_nummer(opslag).await;
    let vraag = opslag
        .maak_hulpvraag(
            &NieuweHulpvraag {
                jeugdige: j1.id,
                organisatie: w.school.id,
                omschrijving: "zorgen over aanwezigheid".into(),
            },
            &record(
                "hulpvraag.aanmaken",
                Actie::Aanmaken,
                "hulpvraag",
                None,
                Some(&j1.bsn),
            ),
        )
        .await
        .expect("maak_hulpvraag");
    assert_eq!(
        (
            vraag.jeugdige,
            vraag.organisatie,
            vraag.omschrijving.as_str(),
            vraag.open
        ),
        (j1.id, w.school.id, "zorgen over aanwezigheid", true),
        "een nieuwe hulpvraag is open"
    );
    assert_eq!(
        (vraag.behandelaar, vraag.triage, vraag.casus),
        (w.school.id, None, None),
        "tot de triage behandelt de registrant haar"
    );
    assert_eq!(
        opslag.hulpvraag(vraag.id).await.expect("hulpvraag"),
        Some(vraag.clone()),
        "gelezen zoals aangemaakt"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "maak_hulpvraag schrijft één auditrecord"
    );
    assert_eq!(
        laatste_record(opslag).await.record.object_id,
        Some(vraag.id)
    );

    let casus: Casus = opslag
        .maak_casus(
            &NieuweCasus {
                huishouden: d.h1.id,
                wijkteam: w.wijkteam.id,
                partijen: vec![w.jgz.id],
            },
            &record("casus.aanmaken", Actie::Aanmaken, "casus", None, None),
            &[],
        )
        .await
        .expect("maak_casus");
    assert_eq!(
        (
            casus.huishouden,
            casus.wijkteam,
            &casus.partijen,
            casus.open
        ),
        (d.h1.id, w.wijkteam.id, &vec![w.jgz.id], true),
        "een nieuwe casus is open"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 2,
        "maak_casus schrijft één auditrecord"
    );
    assert_eq!(
        laatste_record(opslag).await.record.object_id,
        Some(casus.id)
    );

    let tweede = opslag
        .maak_casus(
            &NieuweCasus {
                huishouden: d.h1.id,
                wijkteam: w.wijkteam.id,
                partijen: vec![],
            },
            &record("casus.aanmaken", Actie::Aanmaken, "casus", None, None),
            &[],
        )
        .await;
    assert!(
        matches!(tweede, Err(OpslagFout::Toestand(_))),
        "een tweede open casus voor h1: verwacht Toestand (één huishouden, één plan), kreeg {tweede:?}"
    );
    let onbekend = opslag
        .maak_hulpvraag(
            &NieuweHulpvraag {
                jeugdige: j3.id + 1000,
                organisatie: w.school.id,
                omschrijving: "x".into(),
            },
            &record(
                "hulpvraag.aanmaken",
                Actie::Aanmaken,
                "hulpvraag",
                None,
                None,
            ),
        )
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "een hulpvraag voor een onbekende jeugdige: verwacht OnbekendeVerwijzing, kreeg {onbekend:?}"
    );
    let onbekend = opslag
        .maak_casus(
            &NieuweCasus {
                huishouden: d.h2.id + 1000,
                wijkteam: w.wijkteam.id,
                partijen: vec![],
            },
            &record("casus.aanmaken", Actie::Aanmaken, "casus", None, None),
            &[],
        )
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "een casus voor een onbekend huishouden: verwacht OnbekendeVerwijzing, kreeg {onbekend:?}"
    );
    let onbekend = opslag
        .maak_casus(
            &NieuweCasus {
                huishouden: d.h2.id,
                wijkteam: w.wijkteam.id,
                partijen: vec![w.vreemd.id + 1000],
            },
            &record("casus.aanmaken", Actie::Aanmaken, "casus", None, None),
            &[],
        )
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "een casus met een onbekende partij: verwacht OnbekendeVerwijzing, kreeg {onbekend:?}"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 2,
        "mislukte aanmaak schrijft geen auditrecord"
    );
    assert_eq!(
        opslag
            .jeugdigen_met_relatie(
                w.wijkteam.id,
                toegang::patronen(Rol::Casusregisseur),
                geen_grens(),
                &Default::default(),
                Pagina::new(1, 10)
            )
            .await
            .expect("jeugdigen_met_relatie")
            .totaal,
        2,
        "een mislukte casus voor h2 geeft het wijkteam geen relatie met j3"
    );

    // [open vraag, eigen wijkteam, partij, verwijzing, eigen leerling]
    const GEEN: [bool; 5] = [false; 5];
    let gevallen: [(&str, &Jeugdige, &Organisatie, [bool; 5]); 10] = [
        (
            "j1 / school met open vraag, eigen leerling",
            j1,
            &w.school,
            [true, false, false, false, true],
        ),
        (
            "j1 / wijkteam van de casus",
            j1,
            &w.wijkteam,
            [false, true, false, false, false],
        ),
        (
            "j1 / JGZ, partij bij de casus",
            j1,
            &w.jgz,
            [false, false, true, false, false],
        ),
        ("j1 / aanbieder zonder verwijzing", j1, &w.aanbieder, GEEN),
        ("j1 / onverwante school", j1, &w.vreemd, GEEN),
        (
            "j2 / school (vraag is van j1, geen leerling)",
            j2,
            &w.school,
            GEEN,
        ),
        (
            "j2 / wijkteam (zelfde huishouden)",
            j2,
            &w.wijkteam,
            [false, true, false, false, false],
        ),
        (
            "j2 / JGZ (zelfde huishouden)",
            j2,
            &w.jgz,
            [false, false, true, false, false],
        ),
        (
            "j3 / school zonder vraag, eigen leerling",
            j3,
            &w.school,
            [false, false, false, false, true],
        ),
        ("j3 / wijkteam (ander huishouden)", j3, &w.wijkteam, GEEN),
    ];
    for (wat, j, org, verwacht) in gevallen {
        let r = opslag.relaties(j.id, org.id).await.expect("relaties");
        assert_eq!(
            vlaggen(&r),
            verwacht,
            "relaties {wat} [vraag, wijkteam, partij, verwijzing, leerling]"
        );
    }
    let onbekend = opslag
        .relaties(j3.id + 1000, w.school.id)
        .await
        .expect("relaties van een onbekende jeugdige");
    assert_eq!(
        vlaggen(&onbekend),
        GEEN,
        "een onbekende jeugdige: geen relatie"
    );

    let lijst = |org: Id, rol: Rol, pagina: Pagina| async move {
        let l = opslag
            .jeugdigen_met_relatie(
                org,
                toegang::patronen(rol),
                geen_grens(),
                &Default::default(),
                pagina,
            )
            .await
            .expect("jeugdigen_met_relatie");
        for (j, r) in &l.items {
            assert_eq!(
                *r,
                opslag.relaties(j.id, org).await.expect("relaties"),
                "de lijst geeft dezelfde feiten als één lezing"
            );
        }
        Lijst {
            items: l.items.into_iter().map(|(j, _)| j).collect(),
            totaal: l.totaal,
        }
    };
    let alle = Pagina::new(1, 100);
    let school = lijst(w.school.id, Rol::Zorgcoordinator, alle).await;
    assert_eq!(
        (ids(&school.items), school.totaal),
        (vec![j1.id], 1),
        "de school ziet alleen de leerling met een open vraag, niet j3 (alleen leerling)"
    );
    assert_eq!(school.items[0], *j1, "de lijst geeft de volledige jeugdige");
    let wijk = lijst(w.wijkteam.id, Rol::Casusregisseur, alle).await;
    assert_eq!(
        (ids(&wijk.items), wijk.totaal),
        (vec![j1.id, j2.id], 2),
        "het wijkteam ziet het huishouden van zijn casus, op id"
    );
    let jgz = lijst(w.jgz.id, Rol::Verwijzer, alle).await;
    assert_eq!(
        (ids(&jgz.items), jgz.totaal),
        (vec![j1.id, j2.id], 2),
        "een partij ziet het huishouden van de casus"
    );
    let tweede = lijst(w.wijkteam.id, Rol::Casusregisseur, Pagina::new(2, 1)).await;
    assert_eq!(
        (ids(&tweede.items), tweede.totaal),
        (vec![j2.id], 2),
        "pagina 2 van 1 per pagina"
    );
    let voorbij = lijst(w.wijkteam.id, Rol::Casusregisseur, Pagina::new(3, 1)).await;
    assert_eq!(
        (ids(&voorbij.items), voorbij.totaal),
        (vec![], 2),
        "een pagina voorbij het einde is leeg en noemt het totaal"
    );
    let zoek = |filter: JeugdigenFilter| async move {
        let l = opslag
            .jeugdigen_met_relatie(
                w.wijkteam.id,
                toegang::patronen(Rol::Casusregisseur),
                geen_grens(),
                &filter,
                Pagina::new(1, 100),
            )
            .await
            .expect("jeugdigen_met_relatie met filter");
        (
            l.items.iter().map(|(j, _)| j.id).collect::<Vec<_>>(),
            l.totaal,
        )
    };
    let op_naam = |z: &str| JeugdigenFilter {
        zoek: Some(z.into()),
        ..Default::default()
    };
    assert_eq!(
        zoek(op_naam("KIM DE")).await,
        (vec![j2.id], 1),
        "een deel van voornaam en achternaam, hoofdletters doen er niet toe"
    );
    assert_eq!(
        zoek(op_naam(" DE ")).await,
        (vec![j1.id, j2.id], 2),
        "een deel dat in beide namen staat (Sam de Verhuisde, Kim de Test)"
    );
    assert_eq!(
        zoek(op_naam("%")).await,
        (vec![], 0),
        "een jokerteken in de zoekvraag telt als gewoon teken"
    );
    let op_bsn = |b: &Bsn| JeugdigenFilter {
        bsn: Some(b.clone()),
        ..Default::default()
    };
    assert_eq!(zoek(op_bsn(&j1.bsn)).await, (vec![j1.id], 1), "op BSN");
    assert_eq!(
        zoek(op_bsn(&j3.bsn)).await,
        (vec![], 0),
        "een BSN zonder relatie vindt niemand, ook al bestaat het"
    );
    assert_eq!(
        zoek(JeugdigenFilter {
            school: Some(w.school.id),
            ..Default::default()
        })
        .await,
        (vec![j1.id], 1),
        "alleen de leerlingen van een school"
    );
    assert_eq!(
        zoek(JeugdigenFilter {
            sortering: JeugdigenSortering::Naam,
            ..Default::default()
        })
        .await,
        (vec![j2.id, j1.id], 2),
        "op naam: Kim de Test voor Sam de Test"
    );
    assert_eq!(
        zoek(JeugdigenFilter {
            zoek: Some("sam".into()),
            sortering: JeugdigenSortering::Naam,
            school: Some(w.school.id),
            bsn: None,
        })
        .await,
        (vec![j1.id], 1),
        "naam en school samen"
    );
    assert_eq!(
        zoek(JeugdigenFilter {
            school: Some(w.school.id),
            ..op_naam("kim")
        })
        .await,
        (vec![], 0),
        "Kim zit niet op die school: filters tellen samen"
    );
    for (wat, org, rol) in [
        ("onverwante school", &w.vreemd, Rol::Zorgcoordinator),
        ("aanbieder", &w.aanbieder, Rol::Aanbieder),
        ("beleid bij het wijkteam", &w.wijkteam, Rol::Beleid),
    ] {
        let l = lijst(org.id, rol, alle).await;
        assert_eq!(
            (l.items.len(), l.totaal),
            (0, 0),
            "{wat}: geen jeugdigen met relatie"
        );
    }
}

/// Triage hands a question over or opens a joint case — joining the
/// household's open case when there is one — and access follows.
pub async fn triage(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers) {
    let j3 = &d.j3;
    let vraag = |omschrijving: &'static str| async move {
        opslag
            .maak_hulpvraag(
                &NieuweHulpvraag {
                    jeugdige: j3.id,
                    organisatie: w.school.id,
                    omschrijving: omschrijving.into(),
                },
                &record(
                    "hulpvraag.aanmaken",
                    Actie::Aanmaken,
                    "hulpvraag",
                    None,
                    Some(&j3.bsn),
                ),
            )
            .await
            .expect("maak_hulpvraag")
    };
    let trieer = |id: Id, b: Triagebesluit| async move {
        opslag
            .trieer_hulpvraag(
                id,
                &b,
                &record(
                    "hulpvraag.trieren",
                    Actie::Wijzigen,
                    "hulpvraag",
                    Some(id),
                    Some(&j3.bsn),
                ),
            )
            .await
    };
    let feiten = |org: Id| async move { opslag.relaties(j3.id, org).await.expect("relaties") };

    let eerste = vraag("schoolverzuim door zorgen thuis").await;
    assert!(
        feiten(w.school.id).await.open_hulpvraag,
        "de school behandelt haar vraag"
    );
    let kop = kop_nummer(opslag).await;
    let gemeente = trieer(
        eerste.id,
        Triagebesluit {
            uitkomst: Triage::Gemeente,
            behandelaar: w.wijkteam.id,
            door: 1,
            casus: None,
            aansluiten: None,
            toegang: Vec::new(),
        },
    )
    .await
    .expect("trieer gemeente");
    assert_eq!(
        (
            gemeente.triage,
            gemeente.behandelaar,
            gemeente.casus,
            gemeente.open
        ),
        (Some(Triage::Gemeente), w.wijkteam.id, None, true),
        "alleen gemeente: overgedragen aan het wijkteam"
    );
    assert!(gemeente.getrieerd.is_some() && gemeente.getrieerd_door == Some(1));
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "triage schrijft één auditrecord"
    );
    assert!(
        !feiten(w.school.id).await.open_hulpvraag,
        "de school droeg haar over"
    );
    assert!(
        feiten(w.wijkteam.id).await.open_hulpvraag,
        "het wijkteam behandelt haar"
    );
    let nogmaals = trieer(
        eerste.id,
        Triagebesluit {
            uitkomst: Triage::Onderwijs,
            behandelaar: w.school.id,
            door: 1,
            casus: None,
            aansluiten: None,
            toegang: Vec::new(),
        },
    )
    .await;
    assert!(
        matches!(nogmaals, Err(OpslagFout::Toestand(_))),
        "twee keer trieren: verwacht Toestand, kreeg {nogmaals:?}"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "een geweigerde triage logt niets"
    );

    let beide = |partijen: Vec<Id>, aansluiten: Option<Id>| Triagebesluit {
        uitkomst: Triage::Beide,
        behandelaar: w.school.id,
        door: 1,
        casus: Some(NieuweCasus {
            huishouden: d.h2.id,
            wijkteam: w.wijkteam.id,
            partijen,
        }),
        aansluiten,
        toegang: Vec::new(),
    };
    let tweede = vraag("thuis en op school vastgelopen").await;
    let kop = kop_nummer(opslag).await;
    let verleend = record(
        "toegang.verleend",
        Actie::Aanmaken,
        "organisatie",
        Some(w.wijkteam.id),
        None,
    );
    let tweede = trieer(
        tweede.id,
        Triagebesluit {
            toegang: vec![verleend.clone(), verleend],
            ..beide(vec![w.school.id], None)
        },
    )
    .await
    .expect("trieer beide");
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 3,
        "the triage's record and one per access it grants, in one transaction"
    );
    let casus = tweede.casus.expect("beide opent een gezamenlijke casus");
    let vierde = vraag("een nieuwe casus verwacht, maar er is er een").await;
    let kop = kop_nummer(opslag).await;
    let verkeerd = trieer(vierde.id, beide(vec![w.aanbieder.id], None)).await;
    assert!(
        matches!(verkeerd, Err(OpslagFout::Toestand(_))),
        "parties chosen for a new case never join another: {verkeerd:?}"
    );
    assert!(
        !feiten(w.aanbieder.id).await.partij_bij_casus,
        "nothing joined"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop,
        "a refused triage logs nothing"
    );
    assert!(
        !tweede.open,
        "de vraag leeft voort in het plan van de casus"
    );
    let f = feiten(w.wijkteam.id).await;
    assert!(f.eigen_wijkteam_casus, "het wijkteam heeft de casus");
    let f = feiten(w.school.id).await;
    assert!(
        f.partij_bij_casus && f.eigen_leerling,
        "de school is partij voor haar leerling"
    );

    let derde = vraag("ook de jeugdarts kijkt mee").await;
    let derde = trieer(derde.id, beide(vec![w.aanbieder.id], Some(casus)))
        .await
        .expect("trieer beide, tweede keer");
    assert_eq!(
        derde.casus,
        Some(casus),
        "één huishouden, één plan: de open casus wordt aangevuld"
    );
    assert!(
        feiten(w.aanbieder.id).await.partij_bij_casus,
        "de nieuwe partij doet mee"
    );
    let onbekend = trieer(
        derde.id + 1000,
        Triagebesluit {
            uitkomst: Triage::Gemeente,
            behandelaar: w.wijkteam.id,
            door: 1,
            casus: None,
            aansluiten: None,
            toegang: Vec::new(),
        },
    )
    .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::NietGevonden)),
        "een onbekende hulpvraag: verwacht NietGevonden, kreeg {onbekend:?}"
    );
    hulpvragen_per_organisatie(opslag, w, [gemeente.id, tweede.id, derde.id]).await;
}

/// Each organisation's list: what it registered or handles, newest first,
/// the closed ones only when asked.
async fn hulpvragen_per_organisatie(
    opslag: &dyn Opslag,
    w: &Wereld,
    [eerste, tweede, derde]: [Id; 3],
) {
    let lijst = |org: Id, alleen_open: bool| async move {
        opslag
            .hulpvragen_van(
                &HulpvragenFilter {
                    organisatie: org,
                    alleen_open,
                    ..Default::default()
                },
                Pagina::new(1, 100),
            )
            .await
            .expect("hulpvragen_van")
    };
    for org in [w.school.id, w.wijkteam.id, w.aanbieder.id] {
        for alleen_open in [true, false] {
            let l = lijst(org, alleen_open).await;
            assert_eq!(l.totaal, l.items.len() as i64);
            assert!(l.items.iter().all(
                |h| (h.organisatie == org || h.behandelaar == org) && (h.open || !alleen_open)
            ));
            assert!(
                l.items.windows(2).all(|p| p[0].id > p[1].id),
                "nieuwste eerst"
            );
        }
    }
    let ids = |l: Lijst<Hulpvraag>| l.items.iter().map(|h| h.id).collect::<Vec<_>>();
    let school_alle = ids(lijst(w.school.id, false).await);
    assert!(
        [eerste, tweede, derde]
            .iter()
            .all(|h| school_alle.contains(h)),
        "de school registreerde ze alle drie"
    );
    let school_open = ids(lijst(w.school.id, true).await);
    assert!(
        school_open.contains(&eerste)
            && !school_open.contains(&tweede)
            && !school_open.contains(&derde)
    );
    assert!(
        ids(lijst(w.wijkteam.id, true).await).contains(&eerste),
        "het wijkteam behandelt de eerste"
    );
    assert!(
        ids(lijst(w.aanbieder.id, false).await).is_empty(),
        "de aanbieder registreerde of behandelt er geen"
    );
    let pagina = opslag
        .hulpvragen_van(
            &HulpvragenFilter {
                organisatie: w.school.id,
                ..Default::default()
            },
            Pagina::new(2, 1),
        )
        .await
        .expect("pagina 2");
    assert_eq!(pagina.totaal, school_alle.len() as i64);
    assert_eq!(ids(pagina), [school_alle[1]]);
    let voorbij = opslag
        .hulpvragen_van(
            &HulpvragenFilter {
                organisatie: w.school.id,
                ..Default::default()
            },
            Pagina::new(school_alle.len() as i64 + 1, 1),
        )
        .await
        .expect("voorbij het einde");
    assert_eq!(
        (voorbij.totaal, voorbij.items.len()),
        (school_alle.len() as i64, 0),
        "a page past the end is empty and names the total"
    );
    // Where each stands for the organisation: the store's condition is the
    // rule written out here, and together the stands hold every triaged or
    // untriaged question the organisation triages, handles or handed over.
    for org in [w.school.id, w.wijkteam.id] {
        let alle = lijst(org, false).await.items;
        let mut gezien = 0;
        for stand in HulpvraagStand::ALLE {
            let verwacht: Vec<Id> = alle
                .iter()
                .filter(|h| match stand {
                    HulpvraagStand::TeTrieren => h.triage.is_none() && h.behandelaar == org,
                    HulpvraagStand::Oppakken => {
                        h.triage.is_some()
                            && h.behandelaar == org
                            && h.organisatie != org
                            && h.casus.is_none()
                    }
                    HulpvraagStand::BijOns => {
                        h.triage.is_some()
                            && h.behandelaar == org
                            && (h.organisatie == org || h.casus.is_some())
                    }
                    HulpvraagStand::Overgedragen => h.triage.is_some() && h.behandelaar != org,
                })
                .map(|h| h.id)
                .collect();
            let l = opslag
                .hulpvragen_van(
                    &HulpvragenFilter {
                        organisatie: org,
                        stand: Some(stand),
                        ..Default::default()
                    },
                    Pagina::new(1, 100),
                )
                .await
                .expect("hulpvragen_van per stand");
            gezien += l.items.len();
            assert_eq!(ids(l), verwacht, "{org} {stand:?}");
        }
        let te_trieren_elders = alle
            .iter()
            .filter(|h| h.triage.is_none() && h.behandelaar != org)
            .count();
        assert_eq!(
            gezien + te_trieren_elders,
            alle.len(),
            "{org}: elke vraag één stand"
        );
    }
    // By the jeugdige's name: the school's questions are about j1 and j3.
    let op_naam = |zoek: &'static str| async move {
        ids(opslag
            .hulpvragen_van(
                &HulpvragenFilter {
                    organisatie: w.school.id,
                    zoek: Some(zoek.into()),
                    ..Default::default()
                },
                Pagina::new(1, 100),
            )
            .await
            .expect("hulpvragen_van op naam"))
    };
    assert_eq!(
        op_naam("").await.len(),
        school_alle.len(),
        "an empty search is no search"
    );
    let mut gevonden = op_naam("NOOR").await;
    gevonden.extend(op_naam("sam").await);
    gevonden.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(
        gevonden, school_alle,
        "each question under its jeugdige's name"
    );
    assert_eq!(op_naam("niemand").await, Vec::<Id>::new());
}

/// The kept facts follow a change of school, and are exactly what a full
/// recomputation from the records gives.
pub async fn toegang_bijgehouden(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers) {
    let j3 = opslag
        .jeugdige(d.j3.id)
        .await
        .expect("jeugdige")
        .expect("j3 bestaat");
    let verhuisd = JeugdigeWijziging {
        school: Some(w.vreemd.id),
        ..j3.gegevens.clone()
    };
    opslag
        .wijzig_jeugdige(
            j3.id,
            j3.versie,
            &verhuisd,
            &record(
                "jeugdige.wijzigen",
                Actie::Wijzigen,
                "jeugdige",
                Some(j3.id),
                Some(&j3.bsn),
            ),
        )
        .await
        .expect("wijzig_jeugdige");
    let leerling = |org: Id| async move {
        opslag
            .relaties(j3.id, org)
            .await
            .expect("relaties")
            .eigen_leerling
    };
    assert!(
        !leerling(w.school.id).await,
        "na de overstap is j3 geen leerling van de oude school meer"
    );
    assert!(leerling(w.vreemd.id).await, "maar van de nieuwe");

    let organisaties = [&w.school, &w.vreemd, &w.wijkteam, &w.jgz, &w.aanbieder];
    let jeugdigen = [&d.j1, &d.j2, &d.j3];
    let stand = || async {
        let mut uit = Vec::new();
        for o in organisaties {
            for j in jeugdigen {
                uit.push(opslag.relaties(j.id, o.id).await.expect("relaties").bits());
            }
        }
        uit
    };
    let bijgehouden = stand().await;
    opslag
        .herbereken_toegang()
        .await
        .expect("herbereken_toegang");
    assert_eq!(
        stand().await,
        bijgehouden,
        "de bijgehouden feiten zijn wat een volledige herberekening geeft"
    );
    assert!(
        bijgehouden.iter().filter(|b| **b != 0).count() >= 6,
        "de vergelijking gaat over echte relaties: {bijgehouden:?}"
    );
}

/// `n` audit records appended at once from one task: consecutive
/// volgnummers, a chain that verifies, every record stored as returned.
pub async fn keten_tegelijk(opslag: &dyn Opslag, n: usize) {
    let voor = kop_nummer(opslag).await;
    let b = bsn(TEST_BSNS[4]);
    let records: Vec<NieuwAuditRecord> = (0..n)
        .map(|i| {
            record(
                &format!("test.tegelijk.{i}"),
                Actie::Lezen,
                "jeugdige",
                Some(i as Id),
                (i % 2 == 0).then_some(&b),
            )
        })
        .collect();
    let taken: Vec<Taak<'_, _>> = records.iter().map(|r| opslag.schrijf_audit(r)).collect();
    let uit: Vec<AuditRecord> = allemaal(taken)
        .await
        .into_iter()
        .map(|r| r.expect("schrijf_audit"))
        .collect();
    controleer_aanvullingen(opslag, voor, &records, &uit).await;
}

/// `schrijf_audits`: `n` records appended in one call take consecutive
/// volgnummers in the given order and are stored as returned; an empty call
/// writes nothing; a batch is not interleaved with single appends made at
/// the same time; the chain verifies.
pub async fn keten_in_een_keer(opslag: &dyn Opslag, n: usize) {
    let voor = kop_nummer(opslag).await;
    assert!(
        opslag
            .schrijf_audits(Vec::new())
            .await
            .expect("schrijf_audits zonder records")
            .is_empty(),
        "zonder records niets terug"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        voor,
        "zonder records geen toevoeging"
    );

    let b = bsn(TEST_BSNS[3]);
    let records: Vec<NieuwAuditRecord> = (0..n)
        .map(|i| {
            record(
                &format!("test.in_een_keer.{i}"),
                Actie::Lezen,
                "jeugdige",
                Some(i as Id),
                (i % 3 == 0).then_some(&b),
            )
        })
        .collect();
    let uit = opslag
        .schrijf_audits(records.clone())
        .await
        .expect("schrijf_audits");
    assert_eq!(
        uit.iter().map(|r| r.volgnummer).collect::<Vec<_>>(),
        (voor + 1..=voor + n as i64).collect::<Vec<_>>(),
        "de records krijgen opeenvolgende volgnummers, in de gegeven volgorde"
    );
    for paar in uit.windows(2) {
        assert_eq!(
            paar[1].vorige_hash, paar[0].hash,
            "elk record sluit aan op het vorige"
        );
    }
    controleer_aanvullingen(opslag, voor, &records, &uit).await;

    // Values a batch's bulk form (SQLite: one JSON parameter; PostgreSQL:
    // arrays) must carry unchanged: quotes, backslashes, control
    // characters, non-ASCII text, extreme ids, every optional field absent.
    let voor = kop_nummer(opslag).await;
    let mut vreemd = record(
        "test.\"vreemd\"\\\n\u{1}\té€😀",
        Actie::Wijzigen,
        "jeugdige",
        Some(i64::MAX),
        Some(&b),
    );
    vreemd.organisatie = Some(i64::MIN);
    vreemd.namens = Some(-1);
    vreemd.grond = Some("[\"geen\", \"json\"]".into());
    vreemd.bron = "api ::1 ' OR 1=1 --".into();
    let mut leeg = NieuwAuditRecord::door_systeem("test.leeg", Actie::Lezen, "x", "g", "b", "s");
    leeg.grond = None;
    let bijzonder = vec![vreemd, leeg];
    let uit = opslag
        .schrijf_audits(bijzonder.clone())
        .await
        .expect("schrijf_audits met bijzondere waarden");
    controleer_aanvullingen(opslag, voor, &bijzonder, &uit).await;

    // A batch while single records are appended: the batch stays contiguous.
    let voor = kop_nummer(opslag).await;
    let los: Vec<NieuwAuditRecord> = (0..5)
        .map(|i| {
            record(
                &format!("test.los.{i}"),
                Actie::Lezen,
                "jeugdige",
                None,
                None,
            )
        })
        .collect();
    let partij: Vec<NieuwAuditRecord> = (0..10)
        .map(|i| {
            record(
                &format!("test.partij.{i}"),
                Actie::Lezen,
                "jeugdige",
                None,
                None,
            )
        })
        .collect();
    let mut taken: Vec<Taak<'_, Vec<AuditRecord>>> = los
        .iter()
        .map(|r| -> Taak<'_, Vec<AuditRecord>> {
            Box::pin(async move { vec![opslag.schrijf_audit(r).await.expect("schrijf_audit")] })
        })
        .collect();
    taken.insert(
        2,
        Box::pin(async {
            opslag
                .schrijf_audits(partij.clone())
                .await
                .expect("schrijf_audits")
        }),
    );
    let mut uit = allemaal(taken).await;
    let partij_uit = uit.remove(2);
    let eerste = partij_uit.first().map_or(0, |r| r.volgnummer);
    assert_eq!(
        partij_uit.iter().map(|r| r.volgnummer).collect::<Vec<_>>(),
        (eerste..eerste + partij.len() as i64).collect::<Vec<_>>(),
        "een partij records wordt niet onderbroken door andere toevoegingen"
    );
    let mut alle_records = partij.clone();
    alle_records.extend(los.iter().cloned());
    let mut alle_uit = partij_uit;
    alle_uit.extend(uit.into_iter().flatten());
    controleer_aanvullingen(opslag, voor, &alle_records, &alle_uit).await;
}

/// The appended records took exactly the numbers after `voor`, each once,
/// and are stored as returned; the whole chain verifies.
async fn controleer_aanvullingen(
    opslag: &dyn Opslag,
    voor: i64,
    records: &[NieuwAuditRecord],
    uit: &[AuditRecord],
) {
    let n = records.len() as i64;
    let mut nummers: Vec<i64> = uit.iter().map(|r| r.volgnummer).collect();
    nummers.sort_unstable();
    assert_eq!(
        nummers,
        (voor + 1..=voor + n).collect::<Vec<_>>(),
        "gelijktijdige toevoegingen krijgen elk een eigen volgnummer, zonder gaten"
    );
    for (gegeven, terug) in records.iter().zip(uit) {
        assert_eq!(
            &terug.record, gegeven,
            "schrijf_audit geeft het record terug"
        );
    }
    assert_eq!(
        kop_nummer(opslag).await,
        voor + n,
        "de kop wijst naar het laatste record"
    );
    let opgeslagen = opslag
        .audit_records(voor + 1, n)
        .await
        .expect("audit_records");
    let mut terug: Vec<AuditRecord> = uit.to_vec();
    terug.sort_by_key(|r| r.volgnummer);
    assert_eq!(
        opgeslagen, terug,
        "opgeslagen zoals teruggegeven, in ketenvolgorde"
    );
    assert!(
        verifieer_keten(opslag).await >= voor + n,
        "de keten verifieert tot en met de kop"
    );
}

/// Timestamps round-trip to the microsecond; finer ones are truncated in
/// the stored and returned record alike, and the hash still verifies.
pub async fn tijdstippen(opslag: &dyn Opslag) {
    let exact: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-23T09:15:00.123456Z")
        .expect("tijd")
        .with_timezone(&Utc);
    let fijn: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-23T09:15:01.987654321Z")
        .expect("tijd")
        .with_timezone(&Utc);
    for (tijdstip, verwacht) in [
        (exact, "2026-11-23T09:15:00.123456Z"),
        (fijn, "2026-11-23T09:15:01.987654Z"),
    ] {
        let r = NieuwAuditRecord {
            tijdstip,
            ..record("test.tijdstip", Actie::Lezen, "jeugdige", None, None)
        };
        let terug = opslag.schrijf_audit(&r).await.expect("schrijf_audit");
        assert_eq!(
            terug.record.tijdstip_tekst(),
            verwacht,
            "tijdstip op microseconden"
        );
        let gelezen = opslag
            .audit_records(terug.volgnummer, 1)
            .await
            .expect("audit_records");
        assert_eq!(
            gelezen,
            vec![terug],
            "het record komt terug zoals het is teruggegeven"
        );
    }
    verifieer_keten(opslag).await;
}

/// AVG art. 15: every record about one client, and only those; no BSN in
/// the log.
pub async fn inzage(opslag: &dyn Opslag, d: &Dossiers) {
    let mut alle = Vec::new();
    let mut vanaf = 1;
    loop {
        let p = opslag
            .audit_records(vanaf, 100)
            .await
            .expect("audit_records");
        let Some(laatste) = p.last() else { break };
        vanaf = laatste.volgnummer + 1;
        alle.extend(p);
    }
    for j in [&d.j1, &d.j2, &d.j3] {
        let p = j.bsn.pseudoniem(SLEUTEL);
        let verwacht: Vec<AuditRecord> = alle
            .iter()
            .filter(|r| r.record.client.as_deref() == Some(p.as_str()))
            .cloned()
            .collect();
        let gevonden = opslag
            .audit_voor_client(&p)
            .await
            .expect("audit_voor_client");
        assert!(
            !gevonden.is_empty(),
            "inzage vindt de records van jeugdige {}",
            j.id
        );
        assert_eq!(
            gevonden, verwacht,
            "inzage geeft precies de records van één cliënt, in ketenvolgorde"
        );
    }
    // j1: aanmaken, wijzigen, hulpvraag.
    assert_eq!(
        opslag
            .audit_voor_client(&d.j1.bsn.pseudoniem(SLEUTEL))
            .await
            .expect("audit_voor_client")
            .len(),
        3,
        "j1 heeft drie auditrecords: aanmaken, wijzigen, hulpvraag"
    );
    assert!(
        opslag
            .audit_voor_client("onbekend-pseudoniem")
            .await
            .expect("audit_voor_client")
            .is_empty()
    );
    let tekst = format!("{alle:?}");
    for b in TEST_BSNS {
        assert!(!tekst.contains(b), "een BSN staat in het auditlog");
    }
}

/// Jeugdwet art. 7.3.8: kept until 20 years after the last change.
pub async fn bewaartermijnen(opslag: &dyn Opslag, d: &Dossiers) {
    let j1 = opslag
        .jeugdige(d.j1.id)
        .await
        .expect("jeugdige")
        .expect("j1 bestaat");
    let h1 = opslag
        .huishouden(d.h1.id)
        .await
        .expect("huishouden")
        .expect("h1 bestaat");
    let vandaag = j1.gewijzigd.date_naive();
    assert_eq!(j1.bewaren_tot, bewaren_tot(j1.gewijzigd));
    if !(vandaag.month() == 2 && vandaag.day() == 29) {
        assert_eq!(
            Some(j1.bewaren_tot),
            vandaag.checked_add_months(Months::new(12 * 20)),
            "bewaren tot vandaag + 20 jaar"
        );
    }
    let heeft = |items: &[crate::RetentieItem], soort: &str, id: Id| {
        items.iter().any(|i| i.soort == soort && i.id == id)
    };
    let nu_verlopen = opslag
        .verlopen_bewaartermijnen(vandaag)
        .await
        .expect("verlopen_bewaartermijnen");
    assert!(
        !heeft(&nu_verlopen, "jeugdige", j1.id) && !heeft(&nu_verlopen, "huishouden", h1.id),
        "vandaag is niets van vandaag verlopen: {nu_verlopen:?}"
    );
    let op_de_dag = opslag
        .verlopen_bewaartermijnen(j1.bewaren_tot)
        .await
        .expect("verlopen_bewaartermijnen");
    assert!(
        !heeft(&op_de_dag, "jeugdige", j1.id),
        "op de laatste bewaardag is de termijn nog niet verlopen"
    );
    let dag_erna = j1
        .bewaren_tot
        .checked_add_days(Days::new(1))
        .expect("datum");
    let later = opslag
        .verlopen_bewaartermijnen(dag_erna.max(h1.bewaren_tot + Days::new(1)))
        .await
        .expect("verlopen_bewaartermijnen");
    let item = later
        .iter()
        .find(|i| i.soort == "jeugdige" && i.id == j1.id)
        .unwrap_or_else(|| panic!("de dag na bewaren_tot is j1 verlopen: {later:?}"));
    assert_eq!(
        (item.gewijzigd, item.bewaren_tot),
        (j1.gewijzigd, j1.bewaren_tot)
    );
    let item = later
        .iter()
        .find(|i| i.soort == "huishouden" && i.id == h1.id)
        .unwrap_or_else(|| panic!("het huishouden van j1 is dan ook verlopen: {later:?}"));
    assert_eq!(
        (item.gewijzigd, item.bewaren_tot),
        (h1.gewijzigd, h1.bewaren_tot)
    );
    for i in &later {
        assert!(
            i.bewaren_tot < dag_erna.max(h1.bewaren_tot + Days::new(1)),
            "alleen wat vóór de peildatum verliep"
        );
    }
}

/// `backup` writes a file in `map` and refuses to overwrite it. (Restoring
/// is backend-specific and tested in the backend crate.)
pub async fn backup(opslag: &dyn Opslag, map: &Path) {
    let doel = map.join("schakel-backup");
    opslag.backup(&doel).await.expect("backup");
    let grootte = std::fs::metadata(&doel)
        .unwrap_or_else(|e| panic!("backup schreef geen bestand {}: {e}", doel.display()))
        .len();
    assert!(grootte > 0, "de backup is niet leeg");
    let nog_eens = opslag.backup(&doel).await;
    assert!(
        matches!(nog_eens, Err(OpslagFout::BestaatAl(_))),
        "backup over een bestaand bestand: verwacht BestaatAl, kreeg {nog_eens:?}"
    );
    assert_eq!(
        std::fs::metadata(&doel).expect("backup").len(),
        grootte,
        "het bestaande bestand is niet aangeraakt"
    );
}

/// Audit appends from several tokio tasks at once (call from a
/// multi-threaded runtime). Works on any store, fresh or not.
pub async fn gelijktijdig(opslag: Arc<dyn Opslag>) {
    const TAKEN: usize = 5;
    const PER_TAAK: usize = 10;
    let voor = kop_nummer(opslag.as_ref()).await;
    let mut handels = Vec::new();
    for t in 0..TAKEN {
        let opslag = Arc::clone(&opslag);
        handels.push(tokio::spawn(async move {
            let mut uit = Vec::new();
            for i in 0..PER_TAAK {
                let r = record(
                    &format!("test.gelijktijdig.{t}.{i}"),
                    Actie::Lezen,
                    "jeugdige",
                    None,
                    None,
                );
                let terug = opslag.schrijf_audit(&r).await.expect("schrijf_audit");
                uit.push((r, terug));
            }
            uit
        }));
    }
    let mut records = Vec::new();
    let mut uit = Vec::new();
    for h in handels {
        for (r, terug) in h.await.expect("taak") {
            records.push(r);
            uit.push(terug);
        }
    }
    controleer_aanvullingen(opslag.as_ref(), voor, &records, &uit).await;
}

/// The sequencer's group commit (issue 15.2) from many tasks at once:
/// every caller gets back its own records, consecutive and in its order,
/// stored exactly as returned, once its batch is committed; nothing is lost
/// or doubled (the count afterwards), and the chain verifies.
pub async fn batches_tegelijk(opslag: Arc<dyn Opslag>, taken: usize, per_taak: usize) {
    let voor = kop_nummer(opslag.as_ref()).await;
    let mut handels = Vec::new();
    for t in 0..taken {
        let opslag = Arc::clone(&opslag);
        handels.push(tokio::spawn(async move {
            let records: Vec<NieuwAuditRecord> = (0..per_taak)
                .map(|i| {
                    record(
                        &format!("test.batch.{t}.{i}"),
                        Actie::Lezen,
                        "jeugdige",
                        None,
                        None,
                    )
                })
                .collect();
            let terug = opslag
                .schrijf_audits(records.clone())
                .await
                .expect("schrijf_audits");
            // Acknowledged means stored: the records read back as returned.
            let eerste = terug.first().map(|r| r.volgnummer).expect("records terug");
            let gelezen = opslag
                .audit_records(eerste, per_taak as i64)
                .await
                .expect("audit_records");
            assert_eq!(gelezen, terug, "taak {t}: opgeslagen zoals teruggegeven");
            for (r, t) in records.iter().zip(&terug) {
                assert_eq!(r.gebeurtenis, t.record.gebeurtenis);
            }
            terug
        }));
    }
    let mut nummers = Vec::new();
    for h in handels {
        nummers.extend(h.await.expect("taak").iter().map(|r| r.volgnummer));
    }
    nummers.sort_unstable();
    let verwacht: Vec<i64> = (voor + 1..=voor + (taken * per_taak) as i64).collect();
    assert_eq!(
        nummers, verwacht,
        "elk record precies één volgnummer, geen gat"
    );
    assert_eq!(
        kop_nummer(opslag.as_ref()).await,
        voor + (taken * per_taak) as i64
    );
    verifieer_keten(opslag.as_ref()).await;
}

/// Signed checkpoints (issue 15.2): the first covers the whole log so far,
/// the next extends it from the stored border; nothing new gives none; a
/// second one of the same size (another instance's) is kept out; the log
/// verifies against them with the key, and not with another key.
pub async fn checkpoints(opslag: &dyn Opslag) {
    use crate::checkpoint::{self, Vanaf, controleer_log};
    let sleutel = ed25519_dalek::SigningKey::from_bytes(&[42; 32]);
    let publiek = sleutel.verifying_key();
    let n = kop_nummer(opslag).await;
    assert!(n > 0, "de suite heeft al records geschreven");
    let c1 = checkpoint::volgende(opslag, &sleutel)
        .await
        .expect("checkpoint")
        .expect("er zijn records zonder checkpoint");
    assert_eq!(c1.grootte, n);
    assert_eq!(c1.kop, laatste_record(opslag).await.hash);
    opslag
        .schrijf_checkpoint(&c1)
        .await
        .expect("schrijf_checkpoint");
    assert_eq!(
        opslag.laatste_checkpoint().await.expect("laatste"),
        Some(c1.clone())
    );
    assert!(
        checkpoint::volgende(opslag, &sleutel)
            .await
            .expect("checkpoint")
            .is_none(),
        "niets nieuw, geen checkpoint"
    );
    keten_in_een_keer(opslag, 7).await;
    let m = kop_nummer(opslag).await;
    assert!(m > n);
    // The store's tree, seeded by the first checkpoint, followed the
    // appends since: the second is signed from it, without reading the
    // links back, and is the one the stored links give.
    assert_eq!(
        opslag
            .boomvolger()
            .and_then(|v| v.boom())
            .map(|(r, kop)| (r.grootte(), kop)),
        Some((m as u64, laatste_record(opslag).await.hash))
    );
    let c2 = checkpoint::volgende(opslag, &sleutel)
        .await
        .expect("checkpoint")
        .expect("nieuwe records");
    assert_eq!(c2.grootte, m);
    let uit_de_database = checkpoint::volgende_uit_database(opslag, &sleutel)
        .await
        .expect("checkpoint")
        .expect("nieuwe records");
    assert_eq!(
        (
            uit_de_database.grootte,
            &uit_de_database.wortel,
            &uit_de_database.kop,
            &uit_de_database.rand
        ),
        (c2.grootte, &c2.wortel, &c2.kop, &c2.rand)
    );
    opslag
        .schrijf_checkpoint(&c2)
        .await
        .expect("schrijf_checkpoint");
    // Another instance that signed the same size a moment later.
    let dubbel = Checkpoint {
        tijdstip: "2099-01-01T00:00:00.000000Z".into(),
        ..c2.clone()
    };
    opslag
        .schrijf_checkpoint(&dubbel)
        .await
        .expect("een tweede van dezelfde grootte");
    assert_eq!(
        opslag.checkpoints().await.expect("checkpoints"),
        vec![c1, c2.clone()]
    );
    let uitslag = controleer_log(opslag, Some(&publiek), vec![c2], Vanaf::Begin)
        .await
        .expect("het log klopt met de checkpoints");
    assert_eq!(uitslag.records, m);
    assert_eq!(
        (uitslag.checkpoints_database, uitslag.checkpoints_bestand),
        (2, 1)
    );
    assert_eq!(uitslag.ondertekend_tot, m);
    assert_eq!(uitslag.gecontroleerd_vanaf, 1);
    // From the latest checkpoint on, before and after an append (other
    // tests on the same database may append meanwhile).
    for nieuw in [0, 1] {
        if nieuw > 0 {
            keten_in_een_keer(opslag, nieuw).await;
        }
        let kop = kop_nummer(opslag).await;
        let uitslag = controleer_log(opslag, Some(&publiek), vec![], Vanaf::LaatsteCheckpoint)
            .await
            .expect("het log na het laatste checkpoint klopt");
        assert_eq!(uitslag.gecontroleerd_vanaf, m + 1);
        assert!(uitslag.records >= kop, "{} < {kop}", uitslag.records);
    }
    let ander = ed25519_dalek::SigningKey::from_bytes(&[43; 32]).verifying_key();
    let fout = controleer_log(opslag, Some(&ander), vec![], Vanaf::Begin)
        .await
        .expect_err("moet mislukken");
    assert!(fout.contains("handtekening klopt niet"), "{fout}");
    let fout = controleer_log(opslag, None, vec![], Vanaf::Begin)
        .await
        .expect_err("moet mislukken");
    assert!(fout.contains("--audit-sleutel"), "{fout}");
    // A key that did not sign the latest checkpoint does not extend it.
    let vreemd = ed25519_dalek::SigningKey::from_bytes(&[43; 32]);
    keten_in_een_keer(opslag, 1).await;
    assert!(checkpoint::volgende(opslag, &vreemd).await.is_err());
}

/// Rate-limit counters (issue 12): a fixed window per key, restarted once
/// it has passed; keys count apart.
pub async fn tellers(opslag: &dyn Opslag) {
    let uur = chrono::Duration::hours(1);
    let t0 = Utc::now();
    let tel = |sleutel: &'static str, nu| async move {
        opslag
            .tel_poging(sleutel, nu, uur)
            .await
            .expect("tel_poging")
    };
    assert_eq!(tel("bsn:1", t0).await.0, 1);
    let (n, begin) = tel("bsn:1", t0 + chrono::Duration::minutes(59)).await;
    assert_eq!(n, 2);
    assert_eq!(
        begin.timestamp_micros(),
        t0.timestamp_micros(),
        "the window began at the first attempt"
    );
    assert_eq!(tel("bsn:2", t0).await.0, 1, "each key counts apart");
    let later = t0 + chrono::Duration::minutes(61);
    let (n, begin) = tel("bsn:1", later).await;
    assert_eq!(
        (n, begin.timestamp_micros()),
        (1, later.timestamp_micros()),
        "a new window"
    );
}

/// The case's course, referrals and actions (issue 4): events numbered
/// without gaps, a stale number refused, a closed case closed for good; a
/// referral gives its provider access and takes deliveries up to what it
/// granted; actions per organisation, overdue ones by date.
pub async fn verloop(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers) {
    use crate::verloop::*;
    use schakel_domain::verloop::Gebeurtenis;

    let h = huishouden_van(opslag, w.wijkteam.id).await;
    let casus = casus_van(opslag, h.id, w.wijkteam.id).await;
    let door = Door {
        medewerker: 1,
        rol: Rol::Casusregisseur,
        organisatie: w.wijkteam.id,
    };
    let vandaag = chrono::Utc::now().date_naive();
    let gisteren = vandaag.pred_opt().expect("a day before");
    let actie = |org: Id, uiterlijk| NieuwActiepunt {
        casus: Some(casus.id),
        verwijzing: None,
        organisatie: org,
        medewerker: None,
        wat: "iets te doen".into(),
        bron: "test".into(),
        uiterlijk,
    };
    let gebeurtenis =
        |volgnummer, g: Gebeurtenis, partijen: Vec<Id>, sluit, acties| NieuweCasusGebeurtenis {
            casus: casus.id,
            volgnummer,
            gebeurtenis: g,
            door,
            nieuwe_partijen: partijen,
            sluit,
            acties,
        };
    let veilig = || Gebeurtenis::Veiligheid {
        melding: schakel_domain::verloop::Veiligheidssoort::Crisis,
        toelichting: "zorgen".into(),
    };
    let audits = [record(
        "casus.veiligheid",
        Actie::Wijzigen,
        "casus",
        None,
        None,
    )];
    // A grant of access names the organisation it lets in, not the case
    // (one whose id differs from the case's, to tell the two apart).
    let org = [w.jgz.id, w.aanbieder.id]
        .into_iter()
        .find(|o| *o != casus.id)
        .expect("another id");
    let verleend = record(
        "toegang.verleend",
        Actie::Aanmaken,
        "organisatie",
        Some(org),
        None,
    );
    let kop = kop_nummer(opslag).await;
    let eerste = opslag
        .voeg_gebeurtenis_toe(
            &gebeurtenis(
                1,
                veilig(),
                vec![w.jgz.id],
                false,
                vec![actie(w.jgz.id, gisteren), actie(w.jgz.id, vandaag)],
            ),
            &[audits[0].clone(), verleend],
        )
        .await
        .expect("eerste gebeurtenis");
    assert_eq!(eerste.volgnummer, 1);
    let over: Vec<_> = opslag
        .audit_records(kop + 1, 10)
        .await
        .expect("audit_records")
        .into_iter()
        .map(|r| (r.record.gebeurtenis, r.record.object_id))
        .collect();
    assert_eq!(
        over,
        [
            ("casus.veiligheid".to_string(), Some(casus.id)),
            ("toegang.verleend".to_string(), Some(org))
        ],
        "each record about its object: the case, unless it names another"
    );
    assert_eq!(eerste.door, door);
    // Someone else appended 1 already: number 1 again, or 3, is stale.
    for n in [1, 3] {
        let fout = opslag
            .voeg_gebeurtenis_toe(&gebeurtenis(n, veilig(), vec![], false, vec![]), &audits)
            .await
            .expect_err("niet het volgende nummer");
        assert!(
            matches!(fout, OpslagFout::VersieConflict { huidig: 1, .. }),
            "{fout:?}"
        );
    }
    let gelezen = opslag
        .gebeurtenissen(casus.id)
        .await
        .expect("gebeurtenissen");
    assert_eq!(gelezen.len(), 1);
    assert_eq!(gelezen[0].gebeurtenis, veilig());
    assert_eq!(gelezen[0].tijdstip, eerste.tijdstip);
    // The new party shows in the case and in need to know.
    let c = opslag
        .casus(casus.id)
        .await
        .expect("casus")
        .expect("bestaat");
    assert_eq!(c.partijen, [w.jgz.id]);
    // Actions: per organisation, overdue ones by date.
    let filter = |verlopen_op| ActiepuntFilter {
        organisatie: w.jgz.id,
        medewerker: None,
        verlopen_op,
    };
    let alle = opslag
        .acties(filter(None), Pagina::new(1, 10))
        .await
        .expect("acties");
    assert_eq!(alle.totaal, 2);
    assert_eq!(alle.items[0].gegevens.uiterlijk, gisteren, "earliest first");
    let voorbij = opslag
        .acties(filter(None), Pagina::new(2, 10))
        .await
        .expect("acties");
    assert_eq!(
        (voorbij.totaal, voorbij.items.len()),
        (2, 0),
        "a page past the end is empty and names the total"
    );
    let verlopen = opslag
        .acties(filter(Some(vandaag)), Pagina::new(1, 10))
        .await
        .expect("acties");
    assert_eq!(verlopen.totaal, 1);
    let ander = Door {
        organisatie: w.school.id,
        ..door
    };
    let fout = opslag
        .rond_actie_af(alle.items[0].id, ander, &audits[0])
        .await
        .expect_err("another organisation's action");
    assert!(matches!(fout, OpslagFout::NietGevonden), "{fout:?}");
    let jgz = Door {
        organisatie: w.jgz.id,
        ..door
    };
    let klaar = opslag
        .rond_actie_af(alle.items[0].id, jgz, &audits[0])
        .await
        .expect("afronden");
    assert!(klaar.afgerond.is_some());
    assert_eq!(
        opslag
            .acties(filter(Some(vandaag)), Pagina::new(1, 10))
            .await
            .expect("acties")
            .totaal,
        0
    );

    // Closing: the case is closed, and nothing is added afterwards; its
    // open actions are no longer listed.
    assert_eq!(
        opslag
            .acties(filter(None), Pagina::new(1, 10))
            .await
            .expect("acties")
            .totaal,
        1,
        "today's action is still open before the case closes"
    );
    let sluit = Gebeurtenis::Afgesloten {
        reden: "klaar".into(),
    };
    opslag
        .voeg_gebeurtenis_toe(
            &gebeurtenis(2, sluit.clone(), vec![], true, vec![]),
            &audits,
        )
        .await
        .expect("afsluiten");
    assert!(
        !opslag
            .casus(casus.id)
            .await
            .expect("casus")
            .expect("bestaat")
            .open
    );
    assert!(opslag.open_casus(h.id).await.expect("open_casus").is_none());
    assert_eq!(
        opslag
            .acties(filter(None), Pagina::new(1, 10))
            .await
            .expect("acties")
            .totaal,
        0,
        "a closed case's actions are no longer listed"
    );
    let fout = opslag
        .voeg_gebeurtenis_toe(&gebeurtenis(3, sluit, vec![], false, vec![]), &audits)
        .await
        .expect_err("gesloten");
    assert!(matches!(fout, OpslagFout::Toestand(_)), "{fout:?}");

    // A referral: the provider gains access; deliveries up to the grant.
    assert!(
        !opslag
            .relaties(d.j3.id, w.aanbieder.id)
            .await
            .expect("relaties")
            .aanbieder_met_verwijzing
    );
    let v = NieuweVerwijzing {
        jeugdige: d.j3.id,
        casus: None,
        door: Door {
            rol: Rol::Verwijzer,
            organisatie: w.jgz.id,
            ..door
        },
        aanbieder: w.aanbieder.id,
        product: "begeleiding_individueel_basis".into(),
        volume: 3.0,
        eenheid: "uur".into(),
        per: "week".into(),
        ingangsdatum: gisteren,
        einddatum: vandaag,
        toegekend: Hoeveelheid::eenheden(5),
        binnen_normen: false,
        regels: vec!["almere.rij.volledig_onderwijs".into()],
        normenkader: "almere 2025.1".into(),
        bevindingen: serde_json::json!([{"regel": "x", "melding": "te veel"}]),
        motivatie: Some("maatwerk".into()),
    };
    let audit = record(
        "verwijzing.aanmaken",
        Actie::Aanmaken,
        "verwijzing",
        None,
        Some(&d.j3.bsn),
    );
    let opgeslagen = opslag
        .maak_verwijzing(&v, &[], &audit)
        .await
        .expect("verwijzing");
    assert_eq!(opgeslagen.gegevens, v);
    assert_eq!(
        opgeslagen.gemeentelijke_toets,
        Some(GemeentelijkeToets::Open),
        "outside the norms: reviewed"
    );
    let r = opslag
        .relaties(d.j3.id, w.aanbieder.id)
        .await
        .expect("relaties");
    assert!(r.aanbieder_met_verwijzing);
    assert_eq!(
        r.verwijzing_tot,
        Some(vandaag),
        "the last day of the last referral is kept with the fact"
    );
    // The list drops a referral that ended before the cut-off (issue 12:
    // access ends with the relation), as Relaties::op does.
    let in_lijst = |grens: NaiveDate| async move {
        opslag
            .jeugdigen_met_relatie(
                w.aanbieder.id,
                toegang::patronen(Rol::Aanbieder),
                grens,
                &Default::default(),
                Pagina::new(1, 100),
            )
            .await
            .expect("jeugdigen_met_relatie")
            .items
            .iter()
            .any(|(j, _)| j.id == d.j3.id)
    };
    assert!(in_lijst(vandaag).await, "until its last day");
    assert_eq!(
        in_lijst(vandaag + Days::new(1)).await,
        toegang::mag_zien(
            Rol::Aanbieder,
            &Relaties {
                aanbieder_met_verwijzing: false,
                ..r.clone()
            }
        )
        .is_ok(),
        "after it, only on another ground"
    );
    // The provider's referrals in one list (issue 16.2), by their last day
    // and by the jeugdige's name.
    let lijst = |filter: VerwijzingenFilter, pagina| async move {
        opslag
            .verwijzingen_met_relatie(
                w.aanbieder.id,
                toegang::patronen(Rol::Aanbieder),
                vandaag,
                &VerwijzingenFilter {
                    van: VerwijzingenVan::Aanbieder(w.aanbieder.id),
                    ..filter
                },
                pagina,
            )
            .await
            .expect("verwijzingen_met_relatie")
    };
    let verwijzingen = |filter: VerwijzingenFilter| async move {
        let l = lijst(filter, Pagina::new(1, 100)).await;
        assert_eq!(l.totaal as usize, l.items.len());
        l.items
            .iter()
            .map(|(v, j, _)| (v.id, j.id))
            .collect::<Vec<_>>()
    };
    let deze = vec![(opgeslagen.id, d.j3.id)];
    let lopend = |tot| VerwijzingStand::Lopend {
        vanaf: vandaag,
        tot,
    };
    for (wat, filter, verwacht) in [
        ("alle", VerwijzingenFilter::default(), deze.clone()),
        (
            "lopend vanaf vandaag",
            VerwijzingenFilter {
                stand: lopend(None),
                ..Default::default()
            },
            deze.clone(),
        ),
        (
            "lopend, maar eindigt uiterlijk gisteren",
            VerwijzingenFilter {
                stand: lopend(Some(gisteren)),
                ..Default::default()
            },
            vec![],
        ),
        (
            "afgelopen vóór vandaag",
            VerwijzingenFilter {
                stand: VerwijzingStand::Afgelopen(vandaag),
                ..Default::default()
            },
            vec![],
        ),
        (
            "afgelopen vóór morgen",
            VerwijzingenFilter {
                stand: VerwijzingStand::Afgelopen(vandaag + Days::new(1)),
                ..Default::default()
            },
            deze.clone(),
        ),
        (
            "op naam",
            VerwijzingenFilter {
                zoek: Some("NOOR".into()),
                ..Default::default()
            },
            deze.clone(),
        ),
        (
            "een andere naam",
            VerwijzingenFilter {
                zoek: Some("kim".into()),
                ..Default::default()
            },
            vec![],
        ),
    ] {
        assert_eq!(verwijzingen(filter).await, verwacht, "{wat}");
    }
    assert_eq!(
        opslag
            .verwijzingen_met_relatie(
                w.vreemd.id,
                toegang::patronen(Rol::Aanbieder),
                vandaag,
                &VerwijzingenFilter::default(),
                Pagina::new(1, 100),
            )
            .await
            .expect("verwijzingen_met_relatie")
            .totaal,
        0,
        "an organisation without a relation sees no referral"
    );
    let voorbij = lijst(VerwijzingenFilter::default(), Pagina::new(2, 100)).await;
    assert_eq!(
        (voorbij.totaal, voorbij.items.len()),
        (deze.len() as i64, 0),
        "a page past the end is empty and names the total"
    );
    let levering = |hoeveelheid| NieuweLevering {
        verwijzing: opgeslagen.id,
        datum: vandaag,
        hoeveelheid,
        door: Door {
            rol: Rol::Aanbieder,
            organisatie: w.aanbieder.id,
            ..door
        },
    };
    let audit = record(
        "verwijzing.levering",
        Actie::Aanmaken,
        "verwijzing",
        None,
        Some(&d.j3.bsn),
    );
    let na = opslag
        .registreer_levering(&levering(Hoeveelheid::honderdsten(350)), &audit)
        .await
        .expect("levering");
    assert_eq!(
        (na.geleverd, na.resterend()),
        (Hoeveelheid::honderdsten(350), Hoeveelheid::honderdsten(150))
    );
    let fout = opslag
        .registreer_levering(&levering(Hoeveelheid::eenheden(2)), &audit)
        .await
        .expect_err("over budget");
    assert!(
        matches!(&fout, OpslagFout::Toestand(m) if m.contains("nog 1.5 uur van 5")),
        "{fout:?}"
    );
    let na = opslag
        .registreer_levering(&levering(Hoeveelheid::honderdsten(150)), &audit)
        .await
        .expect("the rest");
    assert_eq!(na.resterend(), Hoeveelheid::NUL);
    assert_eq!(
        opslag
            .verwijzingen(d.j3.id)
            .await
            .expect("verwijzingen")
            .len(),
        1
    );
}

/// The municipality's review of maatwerk (issue 14 item 6): a decision is
/// recorded once, with who and why, closes the review's action, leaves the
/// open list; a referral turned down takes no delivery, and one within the
/// norms has nothing to review.
pub async fn gemeentelijke_toets(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers) {
    use crate::verloop::*;

    let m = w.medewerker(opslag).await;
    let verwijzer = Door {
        medewerker: m.id,
        rol: Rol::Verwijzer,
        organisatie: w.jgz.id,
    };
    let vandaag = crate::klok::nu().date_naive();
    let maak = |binnen_normen: bool| NieuweVerwijzing {
        jeugdige: d.j2.id,
        casus: None,
        door: verwijzer,
        aanbieder: w.aanbieder.id,
        product: "begeleiding_individueel_basis".into(),
        volume: 2.0,
        eenheid: "uur".into(),
        per: "week".into(),
        ingangsdatum: vandaag,
        einddatum: vandaag,
        toegekend: Hoeveelheid::eenheden(2),
        binnen_normen,
        regels: vec![],
        normenkader: "almere 2025.1".into(),
        bevindingen: serde_json::json!([]),
        motivatie: (!binnen_normen).then(|| "maatwerk: meer uren nodig".into()),
    };
    let aangemaakt = record(
        "verwijzing.aanmaken",
        Actie::Aanmaken,
        "verwijzing",
        None,
        Some(&d.j2.bsn),
    );
    let review = |uiterlijk| NieuwActiepunt {
        casus: None,
        verwijzing: None,
        organisatie: w.vreemd.id,
        medewerker: None,
        wat: "beoordelen".into(),
        bron: MaatwerkFilter::ACTIE_BRON.into(),
        uiterlijk,
    };
    let mut ids = Vec::new();
    for _ in 0..3 {
        let v = opslag
            .maak_verwijzing(&maak(false), &[review(vandaag)], &aangemaakt)
            .await
            .expect("maatwerk");
        ids.push(v.id);
    }
    let binnen = opslag
        .maak_verwijzing(&maak(true), &[], &aangemaakt)
        .await
        .expect("binnen de normen");
    let lijst = |open: bool, pagina: i64| async move {
        opslag
            .maatwerkverwijzingen(
                MaatwerkFilter {
                    regio: w.regio.id,
                    open,
                },
                Pagina::new(pagina, 2),
            )
            .await
            .expect("maatwerkverwijzingen")
    };
    let open = lijst(true, 1).await;
    let open_ids: Vec<Id> = open.items.iter().map(|v| v.id).collect();
    assert!(open.totaal >= 3, "every open maatwerk referral counts");
    let voorbij = lijst(true, open.totaal / 2 + 2).await;
    assert_eq!(
        (voorbij.totaal, voorbij.items.len()),
        (open.totaal, 0),
        "a page past the end is empty and names the total"
    );
    assert!(
        open_ids.windows(2).all(|p| p[0] < p[1]),
        "oldest first: {open_ids:?}"
    );
    let besluit = |verwijzing, besluit| NieuweBeoordeling {
        verwijzing,
        besluit,
        motivatie: format!("besluit {}", besluit.naam()),
        door: Door {
            rol: Rol::Toegang,
            organisatie: w.vreemd.id,
            ..verwijzer
        },
    };
    let audit = record(
        "verwijzing.beoordelen",
        Actie::Wijzigen,
        "verwijzing",
        None,
        Some(&d.j2.bsn),
    );
    let kop = kop_nummer(opslag).await;
    let akkoord = opslag
        .beoordeel_verwijzing(&besluit(ids[0], GemeentelijkeToets::Akkoord), &audit)
        .await
        .expect("akkoord");
    assert_eq!(
        akkoord.gemeentelijke_toets,
        Some(GemeentelijkeToets::Akkoord)
    );
    let b = akkoord.beoordeling.expect("who, when and why are kept");
    assert_eq!((b.motivatie.as_str(), b.door), ("besluit akkoord", m.id));
    assert_eq!(kop_nummer(opslag).await, kop + 1, "audited once");
    assert_eq!(laatste_record(opslag).await.record.object_id, Some(ids[0]));
    let nog_eens = opslag
        .beoordeel_verwijzing(&besluit(ids[0], GemeentelijkeToets::Afgewezen), &audit)
        .await
        .expect_err("decided once");
    assert!(
        matches!(&nog_eens, OpslagFout::Toestand(t) if t.contains("al besloten")),
        "{nog_eens:?}"
    );
    let niets = opslag
        .beoordeel_verwijzing(&besluit(binnen.id, GemeentelijkeToets::Akkoord), &audit)
        .await
        .expect_err("nothing to review");
    assert!(
        matches!(&niets, OpslagFout::Toestand(t) if t.contains("binnen de normen")),
        "{niets:?}"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "a refusal writes nothing"
    );
    opslag
        .beoordeel_verwijzing(&besluit(ids[1], GemeentelijkeToets::Afgewezen), &audit)
        .await
        .expect("afgewezen");
    let levering = |verwijzing| NieuweLevering {
        verwijzing,
        datum: vandaag,
        hoeveelheid: Hoeveelheid::eenheden(1),
        door: Door {
            rol: Rol::Aanbieder,
            organisatie: w.aanbieder.id,
            ..verwijzer
        },
    };
    let geweigerd = opslag
        .registreer_levering(&levering(ids[1]), &audit)
        .await
        .expect_err("turned down: no delivery");
    assert!(
        matches!(&geweigerd, OpslagFout::Toestand(t) if t.contains("afgewezen")),
        "{geweigerd:?}"
    );
    for id in [ids[0], ids[2]] {
        let na = opslag
            .registreer_levering(&levering(id), &audit)
            .await
            .expect("agreed or still open: delivered");
        assert_eq!(na.geleverd, Hoeveelheid::eenheden(1));
    }
    let nog_open = lijst(true, 1).await;
    assert_eq!(nog_open.totaal, open.totaal - 2);
    assert!(nog_open.items.iter().all(|v| !ids[..2].contains(&v.id)));
    let besloten = lijst(false, 1).await;
    assert_eq!(
        besloten.items.iter().map(|v| v.id).collect::<Vec<_>>(),
        vec![ids[1], ids[0]],
        "decided: the latest decision first"
    );
    let acties = opslag
        .acties(
            ActiepuntFilter {
                organisatie: w.vreemd.id,
                medewerker: None,
                verlopen_op: None,
            },
            Pagina::new(1, 100),
        )
        .await
        .expect("acties");
    let open_acties: Vec<Option<Id>> = acties.items.iter().map(|a| a.gegevens.verwijzing).collect();
    assert_eq!(
        open_acties,
        vec![Some(ids[2])],
        "a decision closes its action"
    );
}

// --- directory for the access route (seed 000) ---------------------------------------

/// The audit record of a change of an organisation's access-route data.
fn inrichting(org: Id) -> NieuwAuditRecord {
    record(
        "organisatie.toegangsroute",
        Actie::Wijzigen,
        "organisatie",
        Some(org),
        None,
    )
}

/// Stores `g` for `org`, expecting it to be refused as `verwacht` says, and
/// nothing to change.
async fn geweigerd(
    opslag: &dyn Opslag,
    org: Id,
    g: &DirectoryGegevens,
    verwacht: fn(&OpslagFout) -> bool,
    wat: &str,
) {
    let voor = opslag
        .directory_gegevens(org)
        .await
        .expect("directory_gegevens");
    let kop = kop_nummer(opslag).await;
    let uit = opslag
        .zet_directory_gegevens(org, g, &inrichting(org))
        .await;
    assert!(
        uit.as_ref().is_err_and(verwacht),
        "{wat}: verkeerde uitkomst {uit:?}"
    );
    assert_eq!(kop_nummer(opslag).await, kop, "{wat}: geen auditrecord");
    assert_eq!(
        opslag
            .directory_gegevens(org)
            .await
            .expect("directory_gegevens"),
        voor,
        "{wat}: er is niets gewijzigd"
    );
}

/// An organisation, what is stored for it, the refusal expected and what
/// the case is.
type Weigergeval = (Id, DirectoryGegevens, fn(&OpslagFout) -> bool, &'static str);

fn toestand(f: &OpslagFout) -> bool {
    matches!(f, OpslagFout::Toestand(_))
}

fn onbekend(f: &OpslagFout) -> bool {
    matches!(f, OpslagFout::OnbekendeVerwijzing(_))
}

fn pc4(n: u16) -> Pc4 {
    Pc4::new(n).expect("pc4")
}

/// Contact persons, a school's OJA arrangement with its hoofdaanbieder,
/// werkgebieden by PC4 and the region's gemandateerde verwijzer: stored,
/// read back, replaced; what does not fit is refused and changes nothing.
pub async fn toegangsroute_directory(opslag: &dyn Opslag, w: &Wereld) {
    assert_eq!(
        opslag
            .directory_gegevens(w.school.id)
            .await
            .expect("directory_gegevens"),
        Some(DirectoryGegevens::default()),
        "zonder gegevens: alles leeg"
    );
    assert_eq!(
        opslag
            .directory_gegevens(w.vreemd.id + 1000)
            .await
            .expect("directory_gegevens"),
        None,
        "een onbekende organisatie"
    );
    let zorgcoordinator = w.medewerker(opslag).await;
    let wijkwerker = opslag
        .maak_medewerker(&NieuweMedewerker {
            demo: false,
            naam: "Wim Wijkwerker".into(),
            email: "w.wijkwerker@haven.example".into(),
            wachtwoord_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
            rollen: vec![Roltoewijzing {
                rol: Rol::Wijkteammedewerker,
                organisatie: w.wijkteam.id,
            }],
        })
        .await
        .expect("maak_medewerker");
    let extra = |naam: &str, soort| NieuweOrganisatie {
        regio: w.regio.id,
        naam: naam.into(),
        soort,
        gemeente: None,
        brin: None,
        agb: None,
    };
    let wijkteam_stad = opslag
        .maak_organisatie(&extra("Wijkteam Stad", OrganisatieSoort::Wijkteam))
        .await
        .expect("maak_organisatie");
    let jgz_twee = opslag
        .maak_organisatie(&extra("JGZ Twee", OrganisatieSoort::Jgz))
        .await
        .expect("maak_organisatie");

    // Stored and read back: the arrangement trimmed, the werkgebied sorted
    // and without repeats.
    let school = DirectoryGegevens {
        contactpersoon: Some(zorgcoordinator.id),
        oja: Some(OjaArrangement {
            arrangement: " Watertuin ".into(),
            hoofdaanbieder: Some(w.aanbieder.id),
            geldig_vanaf: NaiveDate::from_ymd_opt(2026, 8, 1),
            geldig_tot: NaiveDate::from_ymd_opt(2027, 7, 31),
        }),
        ..DirectoryGegevens::default()
    };
    let wijkteam = DirectoryGegevens {
        contactpersoon: Some(wijkwerker.id),
        werkgebied: vec![pc4(1357), pc4(1354), pc4(1357)],
        ..DirectoryGegevens::default()
    };
    let jgz = DirectoryGegevens {
        contactpersoon: Some(zorgcoordinator.id),
        verwijzer_van_regio: true,
        ..DirectoryGegevens::default()
    };
    for (org, g) in [
        (&w.school, &school),
        (&w.wijkteam, &wijkteam),
        (&w.jgz, &jgz),
    ] {
        opslag
            .zet_directory_gegevens(org.id, g, &inrichting(org.id))
            .await
            .unwrap_or_else(|e| panic!("zet_directory_gegevens {}: {e}", org.naam));
        let laatste = laatste_record(opslag).await.record;
        assert_eq!(
            (laatste.gebeurtenis.as_str(), laatste.object_id),
            ("organisatie.toegangsroute", Some(org.id)),
            "{}: het auditrecord bij de wijziging",
            org.naam
        );
        assert_eq!(
            opslag
                .directory_gegevens(org.id)
                .await
                .expect("directory_gegevens"),
            Some(g.genormaliseerd()),
            "{} teruglezen",
            org.naam
        );
    }
    assert_eq!(
        school.genormaliseerd().oja.map(|o| o.arrangement),
        Some("Watertuin".to_string())
    );
    assert_eq!(wijkteam.genormaliseerd().werkgebied, [pc4(1354), pc4(1357)]);
    for (n, verwacht) in [
        (1354, Some(w.wijkteam.id)),
        (1357, Some(w.wijkteam.id)),
        (1315, None),
    ] {
        assert_eq!(
            opslag
                .wijkteam_voor_pc4(pc4(n))
                .await
                .expect("wijkteam_voor_pc4"),
            verwacht,
            "wijkteam voor {n}"
        );
    }
    assert_eq!(
        opslag
            .verwijzer_van_regio(w.regio.id)
            .await
            .expect("verwijzer_van_regio"),
        Some(w.jgz.id)
    );
    assert_eq!(
        opslag
            .verwijzer_van_regio(w.regio.id + 1000)
            .await
            .expect("verwijzer_van_regio"),
        None
    );

    // What does not fit the kind of organisation, or another record.
    let met = |f: fn(&mut DirectoryGegevens)| {
        let mut g = DirectoryGegevens::default();
        f(&mut g);
        g
    };
    let oja = |arrangement: &str, hoofdaanbieder| {
        Some(OjaArrangement {
            arrangement: arrangement.into(),
            hoofdaanbieder,
            ..OjaArrangement::default()
        })
    };
    let gevallen: Vec<Weigergeval> = vec![
        (
            w.wijkteam.id,
            DirectoryGegevens {
                oja: oja("Bombardon", None),
                ..wijkteam.clone()
            },
            toestand,
            "een OJA bij een wijkteam",
        ),
        (
            w.vreemd.id,
            met(|g| g.werkgebied = vec![pc4(1315)]),
            toestand,
            "een werkgebied bij een school",
        ),
        (
            w.vreemd.id,
            met(|g| g.verwijzer_van_regio = true),
            toestand,
            "een school als verwijzer",
        ),
        (
            w.vreemd.id,
            DirectoryGegevens {
                contactpersoon: Some(wijkwerker.id),
                ..DirectoryGegevens::default()
            },
            toestand,
            "een contactpersoon die er niet werkt",
        ),
        (
            w.vreemd.id,
            DirectoryGegevens {
                contactpersoon: Some(wijkwerker.id + 1000),
                ..DirectoryGegevens::default()
            },
            onbekend,
            "een onbekende contactpersoon",
        ),
        (
            w.vreemd.id,
            DirectoryGegevens {
                oja: oja("Bombardon", Some(w.jgz.id)),
                ..DirectoryGegevens::default()
            },
            toestand,
            "een hoofdaanbieder die geen aanbieder is",
        ),
        (
            w.vreemd.id,
            DirectoryGegevens {
                oja: oja("Bombardon", Some(w.vreemd.id + 1000)),
                ..DirectoryGegevens::default()
            },
            onbekend,
            "een onbekende hoofdaanbieder",
        ),
        (
            w.vreemd.id,
            DirectoryGegevens {
                oja: oja("  ", None),
                ..DirectoryGegevens::default()
            },
            toestand,
            "een arrangement zonder naam",
        ),
        (
            w.vreemd.id,
            DirectoryGegevens {
                oja: oja("Watertuin", None),
                ..DirectoryGegevens::default()
            },
            |f| matches!(f, OpslagFout::BestaatAl(k) if k == "arrangement"),
            "een arrangement dat een andere school heeft",
        ),
        (
            wijkteam_stad.id,
            met(|g| g.werkgebied = vec![pc4(1315), pc4(1357)]),
            toestand,
            "een postcodegebied van een ander wijkteam",
        ),
        (
            jgz_twee.id,
            met(|g| g.verwijzer_van_regio = true),
            toestand,
            "een tweede verwijzer in de regio",
        ),
    ];
    for (org, g, verwacht, wat) in &gevallen {
        geweigerd(opslag, *org, g, *verwacht, wat).await;
    }
    let onbekende = opslag
        .zet_directory_gegevens(
            w.vreemd.id + 1000,
            &DirectoryGegevens::default(),
            &inrichting(w.vreemd.id + 1000),
        )
        .await;
    assert!(
        matches!(onbekende, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "een onbekende organisatie: {onbekende:?}"
    );
    assert_eq!(
        opslag
            .wijkteam_voor_pc4(pc4(1315))
            .await
            .expect("wijkteam_voor_pc4"),
        None,
        "een geweigerd werkgebied is niet opgeslagen, ook niet ten dele"
    );

    // Replacing: what is left out is gone, and free for another.
    let kleiner = DirectoryGegevens {
        werkgebied: vec![pc4(1354)],
        ..DirectoryGegevens::default()
    };
    opslag
        .zet_directory_gegevens(w.wijkteam.id, &kleiner, &inrichting(w.wijkteam.id))
        .await
        .expect("zet_directory_gegevens");
    assert_eq!(
        opslag
            .directory_gegevens(w.wijkteam.id)
            .await
            .expect("directory_gegevens"),
        Some(kleiner),
        "het contactpersoon en 1357 zijn weg"
    );
    opslag
        .zet_directory_gegevens(
            wijkteam_stad.id,
            &met(|g| g.werkgebied = vec![pc4(1357)]),
            &inrichting(wijkteam_stad.id),
        )
        .await
        .expect("1357 is vrij voor een ander wijkteam");
    assert_eq!(
        opslag
            .wijkteam_voor_pc4(pc4(1357))
            .await
            .expect("wijkteam_voor_pc4"),
        Some(wijkteam_stad.id)
    );
    opslag
        .zet_directory_gegevens(
            w.jgz.id,
            &DirectoryGegevens::default(),
            &inrichting(w.jgz.id),
        )
        .await
        .expect("zet_directory_gegevens");
    opslag
        .zet_directory_gegevens(
            jgz_twee.id,
            &met(|g| g.verwijzer_van_regio = true),
            &inrichting(jgz_twee.id),
        )
        .await
        .expect("de regio's verwijzer wisselt");
    assert_eq!(
        opslag
            .verwijzer_van_regio(w.regio.id)
            .await
            .expect("verwijzer_van_regio"),
        Some(jgz_twee.id)
    );
}

/// Two regions' addresses in one database (issue 17.4): an import replaces
/// only the gemeenten in it, the new file winning an address another
/// gemeente held; `vervang_alles` (a national file) replaces every one.
/// Starts with gemeente 34's one address 1354AB 3.
async fn adresimport_per_gemeente(
    opslag: &dyn Opslag,
    rij: &dyn Fn(&str, u32, u32) -> crate::Adresrij,
    pc: &dyn Fn(&str) -> u32,
    buurt: &dyn Fn(u32) -> schakel_domain::gids::Buurtcode,
) {
    let importeer = |rijen: Vec<crate::Adresrij>, alles: bool| async move {
        let mut import = opslag.begin_adresimport().await.expect("begin");
        if alles {
            import.vervang_alles();
        }
        import.voeg_toe(&rijen).await.expect("voeg_toe");
        import
            .voltooi("bestand.csv", Some(2025))
            .await
            .expect("voltooi")
    };
    let adres = |p: &'static str, nr| async move { opslag.adres(pc(p), nr).await.expect("adres") };
    // Aalten (gemeente 197) beside Almere (34).
    let b = importeer(
        vec![rij("7121BB", 1, 1970101), rij("7121BB", 2, 1970101)],
        false,
    )
    .await;
    assert_eq!(b.rijen, 3, "Almere's address is kept, Aalten's two added");
    assert_eq!(adres("1354AB", 3).await, Some(buurt(340102)));
    assert_eq!(adres("7121BB", 1).await, Some(buurt(1970101)));
    // Almere again: its old address goes, Aalten's stay, and the address
    // the new file places in Almere is Almere's.
    let b = importeer(
        vec![rij("1354AB", 5, 340101), rij("7121BB", 2, 340101)],
        false,
    )
    .await;
    assert_eq!(b.rijen, 3);
    assert_eq!(adres("1354AB", 3).await, None, "Almere's file replaced");
    assert_eq!(adres("1354AB", 5).await, Some(buurt(340101)));
    assert_eq!(
        adres("7121BB", 1).await,
        Some(buurt(1970101)),
        "Aalten's kept"
    );
    assert_eq!(
        adres("7121BB", 2).await,
        Some(buurt(340101)),
        "the new file wins"
    );
    // A national file replaces every address, of gemeenten not in it too.
    let b = importeer(vec![rij("1354AB", 3, 340102)], true).await;
    assert_eq!(b.rijen, 1);
    assert_eq!(adres("7121BB", 1).await, None);
    assert_eq!(adres("1354AB", 3).await, Some(buurt(340102)));
}

/// The regional directory (issue 5): an address import replaces its
/// gemeenten's addresses at once and skips repeats; werkgebieden and contact points per
/// wijkteam; only a wijkteam has a werkgebied.
pub async fn adresgids(opslag: &dyn Opslag, w: &Wereld) {
    use schakel_domain::gids::{Buurtcode, Gebied, postcode_getal};

    let pc = |s: &str| postcode_getal(&Postcode::parse(s).expect("postcode"));
    let buurt = |n| Buurtcode::uit_getal(n).expect("buurt");
    let rij = |p: &str, nr, b| crate::Adresrij {
        postcode: pc(p),
        huisnummer: nr,
        buurt: buurt(b),
    };
    assert!(opslag.adresbestand().await.expect("adresbestand").is_none());
    let mut import = opslag.begin_adresimport().await.expect("begin");
    let eerste = [
        rij("1354AB", 1, 340101),
        rij("1354AB", 2, 340101),
        rij("1354AB", 1, 340199),
    ];
    assert_eq!(
        import.voeg_toe(&eerste).await.expect("voeg_toe"),
        2,
        "the repeat is skipped"
    );
    assert_eq!(
        import
            .voeg_toe(&[rij("1315AB", 12, 340301)])
            .await
            .expect("voeg_toe"),
        1
    );
    // Nothing is visible before the swap.
    assert_eq!(opslag.adres(pc("1354AB"), 1).await.expect("adres"), None);
    let bestand = import
        .voltooi("adressen-2025.csv", Some(2025))
        .await
        .expect("voltooi");
    assert_eq!((bestand.rijen, bestand.jaar), (3, Some(2025)));
    assert_eq!(
        opslag.adres(pc("1354AB"), 1).await.expect("adres"),
        Some(buurt(340101)),
        "the first one counts"
    );
    assert_eq!(opslag.adres(pc("1354AB"), 3).await.expect("adres"), None);
    assert_eq!(
        opslag.adresbestand().await.expect("adresbestand"),
        Some(bestand)
    );
    // A second import replaces the first entirely.
    let mut import = opslag.begin_adresimport().await.expect("begin");
    import
        .voeg_toe(&[rij("1354AB", 3, 340102)])
        .await
        .expect("voeg_toe");
    import
        .voltooi("adressen-2026.csv", Some(2026))
        .await
        .expect("voltooi");
    assert_eq!(opslag.adres(pc("1354AB"), 1).await.expect("adres"), None);
    assert_eq!(
        opslag.adres(pc("1354AB"), 3).await.expect("adres"),
        Some(buurt(340102))
    );
    // An import dropped before its end leaves the addresses as they were.
    let mut afgebroken = opslag.begin_adresimport().await.expect("begin");
    afgebroken
        .voeg_toe(&[rij("9999ZZ", 1, 340101)])
        .await
        .expect("voeg_toe");
    drop(afgebroken);
    assert_eq!(opslag.adres(pc("9999ZZ"), 1).await.expect("adres"), None);
    assert_eq!(
        opslag
            .adresbestand()
            .await
            .expect("bestand")
            .map(|b| b.rijen),
        Some(1)
    );
    adresimport_per_gemeente(opslag, &rij, &pc, &buurt).await;

    let gebieden = vec![
        Gebied::parse("1354AA-1354ZZ").expect("gebied"),
        Gebied::parse("BU00340201").expect("gebied"),
    ];
    let contact = crate::Contactpunt {
        naam: "Vast contactpunt".into(),
        telefoon: Some("036-0000001".into()),
        email: None,
    };
    let audit = record(
        "gids.werkgebied",
        Actie::Wijzigen,
        "organisatie",
        Some(w.wijkteam.id),
        None,
    );
    opslag
        .zet_wijkteamgebieden(
            &[crate::WijkteamGebied {
                wijkteam: w.wijkteam.id,
                gebieden: gebieden.clone(),
                contactpunt: Some(contact.clone()),
            }],
            &audit,
        )
        .await
        .expect("zet_wijkteamgebieden");
    let mut opgeslagen: Vec<_> = opslag
        .gebieden()
        .await
        .expect("gebieden")
        .into_iter()
        .filter(|(t, _)| *t == w.wijkteam.id)
        .map(|(_, g)| g.to_string())
        .collect();
    opgeslagen.sort();
    assert_eq!(opgeslagen, ["1354AA-1354ZZ", "BU00340201"]);
    assert_eq!(
        opslag
            .contactpunt(w.wijkteam.id)
            .await
            .expect("contactpunt"),
        Some(contact)
    );
    assert_eq!(
        laatste_record(opslag).await.record.gebeurtenis,
        "gids.werkgebied"
    );
    let fout = opslag
        .zet_wijkteamgebieden(
            &[crate::WijkteamGebied {
                wijkteam: w.school.id,
                gebieden,
                contactpunt: None,
            }],
            &audit,
        )
        .await
        .expect_err("a school has no werkgebied");
    assert!(matches!(fout, OpslagFout::Toestand(_)), "{fout:?}");

    // Schools from DUO's file: added, then updated by BRIN and vestiging.
    use schakel_domain::gids::Schooltype;
    let school = |naam: &str, t| crate::Schoolrij {
        brin: Brin::parse("99MB00").expect("brin"),
        naam: naam.into(),
        gemeente: GemeenteCode::parse("0222").ok(),
        schooltype: t,
        postcode: Postcode::parse("7001AB").ok(),
    };
    let audit = record("gids.scholen.import", Actie::Wijzigen, "gids", None, None);
    let eerste = opslag
        .importeer_scholen(w.regio.id, &[school("College", Schooltype::Mbo)], &audit)
        .await
        .expect("importeer_scholen");
    assert_eq!((eerste.nieuw, eerste.bijgewerkt), (1, 0));
    let tweede = opslag
        .importeer_scholen(
            w.regio.id,
            &[school("College Doetinchem", Schooltype::Vo)],
            &audit,
        )
        .await
        .expect("importeer_scholen");
    assert_eq!((tweede.nieuw, tweede.bijgewerkt), (0, 1));
    let scholen = opslag
        .organisaties(Pagina::new(1, 100))
        .await
        .expect("organisaties");
    let college = scholen
        .items
        .iter()
        .find(|o| o.brin.as_ref().map(Brin::als_tekst) == Some("99MB00"))
        .expect("the school");
    assert_eq!(college.naam, "College Doetinchem");
    assert_eq!(
        opslag.schooltype(college.id).await.expect("schooltype"),
        Some(Schooltype::Vo)
    );

    // A provider's offer: replaced as a whole; only a provider has one.
    let regel = |product: &str, arrangement: Option<&str>| crate::Aanbod {
        product: product.into(),
        arrangement: arrangement.map(String::from),
    };
    let audit = record("gids.aanbod.import", Actie::Wijzigen, "gids", None, None);
    let eerst = vec![
        regel("begeleiding_individueel_basis", Some("Watertuin")),
        regel("behandeling_individueel_basis", None),
    ];
    opslag
        .zet_aanbod(&[(w.aanbieder.id, eerst)], &audit)
        .await
        .expect("zet_aanbod");
    let daarna = vec![regel("begeleiding_individueel_basis", None)];
    opslag
        .zet_aanbod(&[(w.aanbieder.id, daarna.clone())], &audit)
        .await
        .expect("zet_aanbod");
    let gelezen: Vec<_> = opslag
        .aanbod()
        .await
        .expect("aanbod")
        .into_iter()
        .filter(|(a, _)| *a == w.aanbieder.id)
        .map(|(_, r)| r)
        .collect();
    assert_eq!(gelezen, daarna);
    let fout = opslag
        .zet_aanbod(
            &[(
                w.school.id,
                vec![regel("begeleiding_individueel_basis", None)],
            )],
            &audit,
        )
        .await
        .expect_err("a school offers no jeugdhulp here");
    assert!(matches!(fout, OpslagFout::Toestand(_)), "{fout:?}");

    // Contact persons per region, the expertpool without an organisation.
    let contact = |organisatie, functie: &str| crate::Gidscontact {
        id: 0,
        regio: w.regio.id,
        organisatie,
        functie: functie.into(),
        naam: format!("Contact {functie}"),
        telefoon: Some("036-0000000".into()),
        email: None,
        gewijzigd: None,
    };
    let audit = record("gids.contacten.import", Actie::Wijzigen, "gids", None, None);
    let lijst = vec![
        contact(Some(w.school.id), "zorgcoördinator"),
        contact(None, "expertpool"),
    ];
    opslag
        .zet_contacten(w.regio.id, &lijst, &audit)
        .await
        .expect("zet_contacten");
    opslag
        .zet_contacten(w.regio.id, &lijst[1..], &audit)
        .await
        .expect("replaced");
    let nu = opslag.contacten(Some(w.regio.id)).await.expect("contacten");
    let zonder_stempels = |c: &crate::Gidscontact| crate::Gidscontact {
        id: 0,
        gewijzigd: None,
        ..c.clone()
    };
    assert_eq!(
        nu.iter().map(zonder_stempels).collect::<Vec<_>>(),
        &lijst[1..]
    );
    assert!(
        nu.iter().all(|c| c.id > 0 && c.gewijzigd.is_some()),
        "{nu:?}"
    );
    assert_eq!(opslag.contacten(None).await.expect("contacten").len(), 1);
}

/// The directory's contact persons one by one (issue 13.5): added, changed
/// and removed, each stamped and stored with its audit record (about that
/// contact) in one transaction; an unknown id changes nothing and writes
/// no record.
pub async fn contacten_een_voor_een(opslag: &dyn Opslag, w: &Wereld) {
    let voor = opslag.contacten(Some(w.regio.id)).await.expect("contacten");
    let laatste_record = || async {
        let (n, _) = opslag.audit_kop().await.expect("kop").expect("een keten");
        opslag.audit_records(n, 1).await.expect("records").remove(0)
    };
    let nieuw = crate::Gidscontact {
        id: 0,
        regio: w.regio.id,
        organisatie: Some(w.wijkteam.id),
        functie: "vast contactpunt".into(),
        naam: "Vera Contact".into(),
        telefoon: None,
        email: Some("vera@wijkteam.example".into()),
        gewijzigd: None,
    };
    let audit = record(
        "gids.contactpersoon",
        Actie::Aanmaken,
        "contactpersoon",
        None,
        None,
    );
    let c = opslag
        .bewaar_contact(None, &nieuw, &audit)
        .await
        .expect("toevoegen");
    assert!(c.id > 0 && c.gewijzigd.is_some(), "{c:?}");
    assert_eq!(
        (c.naam.as_str(), c.organisatie),
        ("Vera Contact", Some(w.wijkteam.id))
    );
    assert_eq!(
        opslag.contact(c.id).await.expect("contact"),
        Some(c.clone())
    );
    let r = laatste_record().await;
    assert_eq!(
        (r.record.gebeurtenis.as_str(), r.record.object_id),
        ("gids.contactpersoon", Some(c.id))
    );

    let gewijzigd = crate::Gidscontact {
        organisatie: None,
        functie: "expertpool".into(),
        telefoon: Some("036 000 0302".into()),
        ..nieuw.clone()
    };
    let audit = record(
        "gids.contactpersoon",
        Actie::Wijzigen,
        "contactpersoon",
        None,
        None,
    );
    let na = opslag
        .bewaar_contact(Some(c.id), &gewijzigd, &audit)
        .await
        .expect("wijzigen");
    assert_eq!(
        (na.id, na.organisatie, na.functie.as_str()),
        (c.id, None, "expertpool")
    );
    assert_eq!(na.telefoon.as_deref(), Some("036 000 0302"));
    assert!(na.gewijzigd >= c.gewijzigd);
    assert_eq!(laatste_record().await.record.object_id, Some(c.id));
    assert_eq!(
        opslag
            .contacten(Some(w.regio.id))
            .await
            .expect("contacten")
            .len(),
        voor.len() + 1
    );

    let kop = opslag.audit_kop().await.expect("kop");
    let onbekend = c.id + 1000;
    assert!(matches!(
        opslag
            .bewaar_contact(Some(onbekend), &gewijzigd, &audit)
            .await,
        Err(OpslagFout::NietGevonden)
    ));
    let audit = record(
        "gids.contactpersoon",
        Actie::Verwijderen,
        "contactpersoon",
        None,
        None,
    );
    assert!(matches!(
        opslag.verwijder_contact(onbekend, &audit).await,
        Err(OpslagFout::NietGevonden)
    ));
    assert_eq!(
        opslag.audit_kop().await.expect("kop"),
        kop,
        "no record for a refusal"
    );

    opslag
        .verwijder_contact(c.id, &audit)
        .await
        .expect("verwijderen");
    assert_eq!(opslag.contact(c.id).await.expect("contact"), None);
    assert_eq!(laatste_record().await.record.object_id, Some(c.id));
    assert_eq!(
        opslag.contacten(Some(w.regio.id)).await.expect("contacten"),
        voor
    );
}

/// Break-the-glass grants on a closed case (issue 12.3): only on a closed
/// case (an open or unknown one writes nothing), stored with their audit
/// records in one transaction, holding until `tot`, listed per region and
/// period, newest first, page by page. Closing stamps `gesloten` with the
/// storage clock.
pub async fn noodtoegang(opslag: &dyn Opslag, w: &Wereld) {
    use crate::verloop::Door;
    use crate::{NieuweNoodtoegang, NoodtoegangFilter};

    let regisseur = opslag
        .maak_medewerker(&NieuweMedewerker {
            naam: "Noor Noodtoegang".into(),
            email: "n.noodtoegang@wijkteam.example".into(),
            wachtwoord_hash: "x".into(),
            rollen: vec![Roltoewijzing {
                rol: Rol::Casusregisseur,
                organisatie: w.wijkteam.id,
            }],
            demo: false,
        })
        .await
        .expect("medewerker");
    let h = huishouden_van(opslag, w.wijkteam.id).await;
    let casus = casus_van(opslag, h.id, w.wijkteam.id).await;
    assert_eq!(casus.gesloten, None);
    let nu = audit::nu();
    let verleend = nu - chrono::Duration::minutes(90);
    let nieuw = |casus: Id, verleend: DateTime<Utc>, reden: &str| NieuweNoodtoegang {
        casus,
        medewerker: regisseur.id,
        rol: Rol::Casusregisseur,
        organisatie: w.wijkteam.id,
        reden: reden.into(),
        verleend,
        tot: verleend + chrono::Duration::hours(1),
    };
    let bsn_a = bsn("999900079");
    let audits = [record(
        "casus.noodtoegang",
        Actie::Lezen,
        "casus",
        Some(casus.id),
        Some(&bsn_a),
    )];

    // An open case or an unknown one: refused, nothing written.
    let kop = kop_nummer(opslag).await;
    let fout = opslag
        .maak_noodtoegang(&nieuw(casus.id, verleend, "Vraag van de rechter"), &audits)
        .await
        .expect_err("open");
    assert!(toestand(&fout), "{fout:?}");
    let fout = opslag
        .maak_noodtoegang(&nieuw(casus.id + 1000, verleend, "Onbekend"), &audits)
        .await
        .expect_err("onbekend");
    assert!(onbekend(&fout), "{fout:?}");
    assert_eq!(kop_nummer(opslag).await, kop, "no audit record");

    // Closed a year ago: the storage clock stamps `gesloten`.
    let toen = nu - chrono::Duration::days(365);
    let door = Door {
        medewerker: regisseur.id,
        rol: Rol::Casusregisseur,
        organisatie: w.wijkteam.id,
    };
    crate::klok::op(toen, sluit_casus(opslag, casus.id, door, &[])).await;
    let gesloten = opslag.casus(casus.id).await.expect("casus").expect("casus");
    assert!(!gesloten.open);
    assert_eq!(gesloten.gesloten, Some(toen));

    // Two grants: one over, one that holds now.
    let oud = opslag
        .maak_noodtoegang(&nieuw(casus.id, verleend, "Vraag van de rechter"), &audits)
        .await
        .expect("noodtoegang");
    assert_eq!(kop_nummer(opslag).await, kop + 1, "its audit record");
    assert_eq!(
        (oud.casus, oud.huishouden, oud.medewerker, oud.rol),
        (casus.id, h.id, regisseur.id, Rol::Casusregisseur)
    );
    assert_eq!(
        (oud.medewerker_naam.as_str(), oud.organisatie_naam.as_str()),
        ("Noor Noodtoegang", w.wijkteam.naam.as_str())
    );
    assert_eq!(oud.reden, "Vraag van de rechter");
    assert_eq!(
        (oud.verleend, oud.tot),
        (verleend, verleend + chrono::Duration::hours(1))
    );
    let vers = opslag
        .maak_noodtoegang(&nieuw(casus.id, nu, "Melding Veilig Thuis"), &audits)
        .await
        .expect("noodtoegang");
    let lopend = opslag
        .lopende_noodtoegang(regisseur.id, w.wijkteam.id, nu)
        .await
        .expect("lopend");
    assert_eq!(lopend, vec![vers.clone()], "only the one that holds");
    for (medewerker, org, moment) in [
        (regisseur.id, w.school.id, nu),
        (regisseur.id + 1000, w.wijkteam.id, nu),
        (regisseur.id, w.wijkteam.id, vers.tot),
    ] {
        assert!(
            opslag
                .lopende_noodtoegang(medewerker, org, moment)
                .await
                .expect("lopend")
                .is_empty(),
            "{medewerker} {org} {moment}"
        );
    }

    // The report: the region's, newest first, by period, page by page.
    let filter = |van, tot| NoodtoegangFilter {
        regio: w.regio.id,
        van,
        tot,
    };
    let alle = opslag
        .noodtoegangen(&filter(None, None), Pagina::new(1, 10))
        .await
        .expect("lijst");
    assert_eq!(alle.totaal, 2);
    assert_eq!(alle.items, vec![vers.clone(), oud.clone()]);
    let pagina2 = opslag
        .noodtoegangen(&filter(None, None), Pagina::new(2, 1))
        .await
        .expect("lijst");
    assert_eq!((pagina2.totaal, pagina2.items), (2, vec![oud.clone()]));
    let voorbij = opslag
        .noodtoegangen(&filter(None, None), Pagina::new(3, 1))
        .await
        .expect("lijst");
    assert_eq!(
        (voorbij.totaal, voorbij.items),
        (2, vec![]),
        "a page past the end is empty and names the total"
    );
    let recent = opslag
        .noodtoegangen(
            &filter(Some(nu - chrono::Duration::minutes(1)), None),
            Pagina::new(1, 10),
        )
        .await
        .expect("lijst");
    assert_eq!(recent.items, vec![vers.clone()]);
    let eerder = opslag
        .noodtoegangen(&filter(None, Some(nu)), Pagina::new(1, 10))
        .await
        .expect("lijst");
    assert_eq!(eerder.items, vec![oud], "tot is exclusive");
    let elders = opslag
        .noodtoegangen(
            &NoodtoegangFilter {
                regio: w.regio.id + 1000,
                van: None,
                tot: None,
            },
            Pagina::new(1, 10),
        )
        .await
        .expect("lijst");
    assert_eq!((elders.totaal, elders.items.len()), (0, 0));
}

/// Single sign-on (issue 13.4): settings per organisation (replaced whole,
/// audited), logins under way taken once and only before their end, and
/// subjects linked once per issuer, audited.
pub async fn sso(opslag: &dyn Opslag, w: &Wereld) {
    use crate::{SsoInstelling, SsoKoppeling, SsoPoging};
    let kop = kop_nummer(opslag).await;
    let mut i = SsoInstelling {
        organisatie: w.vreemd.id,
        actief: true,
        issuer: "https://idp.vreemd.example".into(),
        client_id: "schakel".into(),
        client_secret: "geheim-1".into(),
        domeinen: vec!["vreemd.example".into(), "school.example".into()],
        onbekend_aanmaken: false,
        acr_mfa: vec![],
    };
    let wijzigen = record(
        "organisatie.sso",
        Actie::Wijzigen,
        "organisatie",
        None,
        None,
    );
    opslag
        .zet_sso_instelling(&i, &wijzigen)
        .await
        .expect("zet_sso_instelling");
    i.client_secret = "geheim-2".into();
    i.acr_mfa = vec!["urn:mfa".into()];
    i.onbekend_aanmaken = true;
    opslag
        .zet_sso_instelling(&i, &wijzigen)
        .await
        .expect("replace");
    assert_eq!(kop_nummer(opslag).await, kop + 2, "each change is logged");
    assert_eq!(
        laatste_record(opslag).await.record.object_id,
        Some(w.vreemd.id),
        "the record names the organisation"
    );
    assert_eq!(
        opslag.sso_instelling(w.vreemd.id).await.expect("read"),
        Some(i.clone())
    );
    assert_eq!(
        opslag.sso_instelling(w.school.id).await.expect("read"),
        None
    );
    assert_eq!(
        opslag.sso_instellingen().await.expect("list"),
        vec![i.clone()]
    );
    let onbekend = opslag
        .zet_sso_instelling(
            &SsoInstelling {
                organisatie: w.vreemd.id + 1000,
                ..i.clone()
            },
            &wijzigen,
        )
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "an unknown organisation: {onbekend:?}"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 2,
        "a refused write logs nothing"
    );

    // A login under way: taken once, and never after its end.
    let nu = audit::nu();
    let poging = |state: &str, verloopt| SsoPoging {
        state_hash: state.into(),
        binding_hash: "binding".into(),
        organisatie: w.vreemd.id,
        nonce: "nonce".into(),
        pkce_verifier: "verifier".into(),
        rol: Some("beheerder:1".into()),
        verloopt,
        herbevestiging: state == "state-1",
    };
    let geldig = poging("state-1", nu + chrono::Duration::minutes(10));
    opslag
        .bewaar_sso_poging(&geldig, nu)
        .await
        .expect("bewaar_sso_poging");
    opslag
        .bewaar_sso_poging(&poging("state-oud", nu + chrono::Duration::seconds(1)), nu)
        .await
        .expect("bewaar_sso_poging");
    let neem = |s: &'static str, t| opslag.neem_sso_poging(s, t);
    assert_eq!(neem("state-1", nu).await.expect("neem"), Some(geldig));
    assert_eq!(neem("state-1", nu).await.expect("neem"), None, "once only");
    let later = nu + chrono::Duration::seconds(2);
    assert_eq!(
        neem("state-oud", later).await.expect("neem"),
        None,
        "past its end"
    );
    assert_eq!(neem("onbekend", nu).await.expect("neem"), None);

    // Subjects: linked once per issuer, audited; unknown ones are none.
    let m = w.medewerker(opslag).await;
    let k = SsoKoppeling {
        issuer: i.issuer.clone(),
        subject: "sub-123".into(),
        medewerker: m.id,
        organisatie: w.vreemd.id,
        aangemaakt: nu,
    };
    let koppelen = record("sso.koppelen", Actie::Aanmaken, "medewerker", None, None);
    let kop = kop_nummer(opslag).await;
    opslag.koppel_sso(&k, &koppelen).await.expect("koppel_sso");
    assert_eq!(kop_nummer(opslag).await, kop + 1);
    assert_eq!(laatste_record(opslag).await.record.object_id, Some(m.id));
    assert_eq!(
        opslag
            .sso_koppeling(&i.issuer, "sub-123")
            .await
            .expect("read"),
        Some(k.clone())
    );
    assert_eq!(
        opslag
            .sso_koppeling("https://ander.example", "sub-123")
            .await
            .expect("read"),
        None,
        "a subject is only unique within its issuer"
    );
    for dubbel in [
        SsoKoppeling {
            subject: "sub-456".into(),
            ..k.clone()
        },
        SsoKoppeling {
            medewerker: m.id + 1000,
            ..k.clone()
        },
    ] {
        let uit = opslag.koppel_sso(&dubbel, &koppelen).await;
        assert!(
            matches!(
                uit,
                Err(OpslagFout::BestaatAl(_) | OpslagFout::OnbekendeVerwijzing(_))
            ),
            "{dubbel:?}: {uit:?}"
        );
    }
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 1,
        "refused links log nothing"
    );

    // An account made by single sign-on: no password, no role, linked.
    assert_eq!(
        opslag.sso_zonder_rol(w.vreemd.id).await.expect("list"),
        vec![]
    );
    let nieuw = opslag
        .maak_sso_medewerker(
            "Nieuwe Collega",
            "Nieuw@Vreemd.example",
            &SsoKoppeling {
                subject: "sub-nieuw".into(),
                medewerker: 0,
                ..k.clone()
            },
            &koppelen,
        )
        .await
        .expect("maak_sso_medewerker");
    assert_eq!(nieuw.email, "nieuw@vreemd.example");
    assert!(nieuw.actief && nieuw.rollen.is_empty(), "{nieuw:?}");
    assert_eq!(
        opslag
            .sso_koppeling(&i.issuer, "sub-nieuw")
            .await
            .expect("read")
            .map(|k| k.medewerker),
        Some(nieuw.id)
    );
    let (_, hash) = opslag
        .medewerker_op_email("nieuw@vreemd.example")
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(hash, "", "no password: none matches");
    assert_eq!(
        opslag.sso_zonder_rol(w.vreemd.id).await.expect("list"),
        vec![nieuw.clone()]
    );
    let dubbel = opslag
        .maak_sso_medewerker(
            "Nog een",
            "nieuw@vreemd.example",
            &SsoKoppeling {
                subject: "sub-ander".into(),
                ..k.clone()
            },
            &koppelen,
        )
        .await;
    assert!(
        matches!(dubbel, Err(OpslagFout::BestaatAl(_))),
        "a second account for one address: {dubbel:?}"
    );
    assert_eq!(kop_nummer(opslag).await, kop + 2);
}

/// Second factors (issue 13.3): stored with their audit record, a new TOTP
/// replacing the old, a time step and a recovery code used once each
/// (atomically), the waiting login between the factors; the demo flag.
pub async fn tweede_factoren(opslag: &dyn Opslag, w: &Wereld) {
    use crate::{AanmeldDoel, Aanmelding, Factorsoort, NieuweTweedeFactor};
    let maak = |email: &str, demo: bool| NieuweMedewerker {
        naam: "Tweede Factor".into(),
        email: email.into(),
        wachtwoord_hash: String::new(),
        demo,
        rollen: vec![Roltoewijzing {
            rol: Rol::Zorgcoordinator,
            organisatie: w.vreemd.id,
        }],
    };
    let m = opslag
        .maak_medewerker(&maak("mfa@school.example", false))
        .await
        .expect("maak_medewerker");
    assert!(!m.demo);
    let demo = opslag
        .maak_medewerker(&maak("demo.mfa@school.example", true))
        .await
        .expect("maak_medewerker");
    assert!(demo.demo);
    assert!(
        opslag
            .medewerker(demo.id)
            .await
            .expect("lees")
            .expect("er")
            .demo
    );
    let (gevonden, _) = opslag
        .medewerker_op_email("demo.mfa@school.example")
        .await
        .expect("op email")
        .expect("er");
    assert!(gevonden.demo);

    let nu = audit::nu();
    let factor = |soort, gegevens: &str, medewerker| NieuweTweedeFactor {
        medewerker,
        soort,
        naam: "app".into(),
        gegevens: gegevens.into(),
        aangemaakt: nu,
    };
    let rec = record(
        "tweede_factor.inschrijven",
        Actie::Aanmaken,
        "medewerker",
        None,
        None,
    );
    let kop = kop_nummer(opslag).await;
    let codes = ["code-a".to_string(), "code-b".to_string()];
    let totp = opslag
        .voeg_tweede_factor_toe(
            &factor(Factorsoort::Totp, "aes:01", m.id),
            Some(&codes),
            &rec,
        )
        .await
        .expect("totp");
    assert_eq!(kop_nummer(opslag).await, kop + 1, "logged with the factor");
    assert_eq!(laatste_record(opslag).await.record.object_id, Some(m.id));
    assert_eq!(
        (
            totp.medewerker,
            totp.soort,
            totp.gegevens.as_str(),
            totp.aangemaakt,
            totp.laatste_stap
        ),
        (m.id, Factorsoort::Totp, "aes:01", nu, None)
    );
    assert_eq!(
        opslag.tweede_factoren(m.id).await.expect("lijst"),
        vec![totp.clone()]
    );
    assert_eq!(opslag.herstelcodes_over(m.id).await.expect("over"), 2);

    // A time step works once; an earlier one never again.
    assert!(
        opslag
            .gebruik_totp_stap(totp.id, 100, nu)
            .await
            .expect("stap")
    );
    assert!(
        !opslag
            .gebruik_totp_stap(totp.id, 100, nu)
            .await
            .expect("stap")
    );
    assert!(
        !opslag
            .gebruik_totp_stap(totp.id, 99, nu)
            .await
            .expect("stap")
    );
    assert!(
        opslag
            .gebruik_totp_stap(totp.id, 101, nu)
            .await
            .expect("stap")
    );
    let lijst = opslag.tweede_factoren(m.id).await.expect("lijst");
    assert_eq!(
        (lijst[0].laatste_stap, lijst[0].laatst_gebruikt),
        (Some(101), Some(nu))
    );

    // A recovery code works once.
    assert!(
        opslag
            .gebruik_herstelcode(m.id, "code-a", nu)
            .await
            .expect("code")
    );
    assert!(
        !opslag
            .gebruik_herstelcode(m.id, "code-a", nu)
            .await
            .expect("code")
    );
    assert!(
        !opslag
            .gebruik_herstelcode(m.id, "code-x", nu)
            .await
            .expect("code")
    );
    assert!(
        !opslag
            .gebruik_herstelcode(demo.id, "code-b", nu)
            .await
            .expect("code"),
        "another's"
    );
    assert_eq!(opslag.herstelcodes_over(m.id).await.expect("over"), 1);

    // A passkey beside it keeps the codes; a new TOTP replaces the old one.
    let pk = opslag
        .voeg_tweede_factor_toe(&factor(Factorsoort::Passkey, "{}", m.id), None, &rec)
        .await
        .expect("passkey");
    assert_eq!(opslag.herstelcodes_over(m.id).await.expect("over"), 1);
    let nieuw = opslag
        .voeg_tweede_factor_toe(&factor(Factorsoort::Totp, "aes:02", m.id), Some(&[]), &rec)
        .await
        .expect("totp 2");
    let lijst = opslag.tweede_factoren(m.id).await.expect("lijst");
    assert_eq!(
        lijst.iter().map(|f| f.id).collect::<Vec<_>>(),
        vec![pk.id, nieuw.id]
    );
    assert_eq!(opslag.herstelcodes_over(m.id).await.expect("over"), 0);
    let kop = kop_nummer(opslag).await;
    opslag
        .zet_herstelcodes(m.id, &["c1".into(), "c2".into(), "c3".into()], &rec)
        .await
        .expect("codes");
    assert_eq!(kop_nummer(opslag).await, kop + 1);
    assert_eq!(opslag.herstelcodes_over(m.id).await.expect("over"), 3);
    opslag
        .werk_tweede_factor_bij(pk.id, "{\"teller\":2}", nu)
        .await
        .expect("bijwerken");
    let lijst = opslag.tweede_factoren(m.id).await.expect("lijst");
    assert_eq!(lijst[0].gegevens, "{\"teller\":2}");
    assert!(matches!(
        opslag.werk_tweede_factor_bij(pk.id + 1000, "{}", nu).await,
        Err(OpslagFout::NietGevonden)
    ));
    let kop = kop_nummer(opslag).await;
    let onbekend = opslag
        .voeg_tweede_factor_toe(&factor(Factorsoort::Totp, "x", m.id + 1000), None, &rec)
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "{onbekend:?}"
    );
    assert_eq!(
        kop_nummer(opslag).await,
        kop,
        "nothing logged for nothing stored"
    );

    // The waiting login.
    let a = Aanmelding {
        token_hash: "wacht-1".into(),
        medewerker: m.id,
        rol: Some(m.rollen[0]),
        doel: AanmeldDoel::Controle,
        csrf_token: "csrf".into(),
        staat: "{}".into(),
        aangemaakt: nu,
        verloopt: nu + chrono::Duration::minutes(5),
    };
    opslag.maak_aanmelding(&a).await.expect("aanmelding");
    assert_eq!(
        opslag.aanmelding("wacht-1").await.expect("lees"),
        Some(a.clone())
    );
    let zonder_rol = Aanmelding {
        token_hash: "wacht-2".into(),
        rol: None,
        doel: AanmeldDoel::Inschrijven,
        ..a.clone()
    };
    opslag
        .maak_aanmelding(&zonder_rol)
        .await
        .expect("aanmelding");
    assert_eq!(
        opslag.aanmelding("wacht-2").await.expect("lees"),
        Some(zonder_rol)
    );
    opslag
        .zet_aanmelding_staat("wacht-1", "{\"passkey\":1}")
        .await
        .expect("staat");
    assert_eq!(
        opslag
            .aanmelding("wacht-1")
            .await
            .expect("lees")
            .map(|a| a.staat),
        Some("{\"passkey\":1}".to_string())
    );
    assert!(matches!(
        opslag.zet_aanmelding_staat("onbekend", "{}").await,
        Err(OpslagFout::NietGevonden)
    ));
    opslag.verwijder_aanmelding("wacht-1").await.expect("weg");
    assert_eq!(opslag.aanmelding("wacht-1").await.expect("lees"), None);
    let vreemd = opslag
        .maak_aanmelding(&Aanmelding {
            token_hash: "wacht-3".into(),
            medewerker: m.id + 1000,
            ..a
        })
        .await;
    assert!(
        matches!(vreemd, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "{vreemd:?}"
    );

    // A lost factor removed: every factor, code, session and waiting login
    // of that account, with the record; another account keeps its own.
    let sessie = crate::Sessie {
        token_hash: "sessie-mfa".into(),
        medewerker: m.id,
        rol: m.rollen[0],
        csrf_token: "csrf".into(),
        aangemaakt: nu,
        laatst_actief: nu,
        verloopt: nu + chrono::Duration::hours(1),
    };
    opslag.maak_sessie(&sessie).await.expect("sessie");
    let ander = opslag
        .voeg_tweede_factor_toe(&factor(Factorsoort::Totp, "aes:03", demo.id), None, &rec)
        .await
        .expect("another's factor");
    let weg = record(
        "tweede_factor.verwijderen",
        Actie::Verwijderen,
        "medewerker",
        Some(m.id),
        None,
    );
    let kop = kop_nummer(opslag).await;
    assert_eq!(
        opslag
            .verwijder_tweede_factoren(m.id, &weg)
            .await
            .expect("verwijderd"),
        2,
        "the passkey and the authenticator app"
    );
    assert_eq!(kop_nummer(opslag).await, kop + 1);
    assert_eq!(
        laatste_record(opslag).await.record.gebeurtenis,
        "tweede_factor.verwijderen"
    );
    assert_eq!(opslag.tweede_factoren(m.id).await.expect("lijst"), vec![]);
    assert_eq!(opslag.herstelcodes_over(m.id).await.expect("over"), 0);
    assert_eq!(opslag.sessie("sessie-mfa").await.expect("sessie"), None);
    assert_eq!(opslag.aanmelding("wacht-2").await.expect("lees"), None);
    assert_eq!(
        opslag.tweede_factoren(demo.id).await.expect("lijst"),
        vec![ander]
    );
    assert_eq!(
        opslag
            .verwijder_tweede_factoren(m.id, &weg)
            .await
            .expect("again"),
        0
    );
    let kop = kop_nummer(opslag).await;
    assert!(matches!(
        opslag.verwijder_tweede_factoren(m.id + 1000, &weg).await,
        Err(OpslagFout::NietGevonden)
    ));
    assert_eq!(kop_nummer(opslag).await, kop, "nothing logged for nobody");
}

/// Issue 14.5 and 14.2: a jeugdige's onderwijssituatie with its history
/// (each record audited, never changed), and interventie-afspraken (the
/// same provider, gemeente and start replaces end and description).
pub async fn onderwijs(opslag: &dyn Opslag, w: &Wereld, d: &Dossiers) {
    use crate::verloop::Door;
    use crate::{NieuweInterventieafspraak, NieuweOnderwijssituatie, Onderwijssituatie};

    let dag = |j, m, d| NaiveDate::from_ymd_opt(j, m, d).expect("datum");
    let m = w.medewerker(opslag).await;
    let door = Door {
        medewerker: m.id,
        rol: Rol::Zorgcoordinator,
        organisatie: w.school.id,
    };
    assert!(
        opslag
            .onderwijssituaties(d.j1.id)
            .await
            .expect("historie")
            .is_empty()
    );
    let nieuw = |situatie: &str, van, tot| NieuweOnderwijssituatie {
        jeugdige: d.j1.id,
        situatie: situatie.into(),
        school: Some("Watertuin".into()),
        schooldagdelen: Some(4),
        van,
        tot,
        door,
    };
    let kop = kop_nummer(opslag).await;
    let later = nieuw("dreigende_thuiszitter", dag(2027, 1, 4), None);
    let eerst = nieuw("oja", dag(2026, 8, 31), Some(dag(2027, 1, 3)));
    let rec = || {
        record(
            "onderwijssituatie.vastleggen",
            Actie::Aanmaken,
            "jeugdige",
            Some(d.j1.id),
            Some(&d.j1.bsn),
        )
    };
    // Recorded out of order: the history comes back by start date.
    let b = opslag
        .leg_onderwijssituatie_vast(&later, &rec())
        .await
        .expect("vastleggen");
    let a = opslag
        .leg_onderwijssituatie_vast(&eerst, &rec())
        .await
        .expect("vastleggen");
    assert_eq!(b.gegevens, later, "stored as given");
    assert_eq!(
        kop_nummer(opslag).await,
        kop + 2,
        "each with its audit record"
    );
    assert_eq!(
        laatste_record(opslag).await.record.gebeurtenis,
        "onderwijssituatie.vastleggen"
    );
    let h = opslag.onderwijssituaties(d.j1.id).await.expect("historie");
    assert_eq!(h.iter().map(|s| s.id).collect::<Vec<_>>(), vec![a.id, b.id]);
    assert_eq!(
        Onderwijssituatie::op(&h, dag(2026, 8, 30)).map(|s| s.id),
        None
    );
    assert_eq!(
        Onderwijssituatie::op(&h, dag(2027, 1, 3)).map(|s| s.id),
        Some(a.id)
    );
    assert_eq!(
        Onderwijssituatie::op(&h, dag(2030, 1, 1)).map(|s| s.id),
        Some(b.id)
    );
    assert!(
        opslag
            .onderwijssituaties(d.j2.id)
            .await
            .expect("historie")
            .is_empty(),
        "another jeugdige's history is its own"
    );
    let onbekend = opslag
        .leg_onderwijssituatie_vast(
            &NieuweOnderwijssituatie {
                jeugdige: d.j3.id + 10_000,
                ..later.clone()
            },
            &rec(),
        )
        .await;
    assert!(
        matches!(onbekend, Err(OpslagFout::OnbekendeVerwijzing(_))),
        "unknown jeugdige: {onbekend:?}"
    );

    let gemeente = opslag
        .maak_organisatie(&NieuweOrganisatie {
            regio: w.regio.id,
            naam: "Gemeente Testdorp".into(),
            soort: OrganisatieSoort::Gemeente,
            gemeente: None,
            brin: None,
            agb: None,
        })
        .await
        .expect("gemeente");
    let afspraak = NieuweInterventieafspraak {
        aanbieder: w.aanbieder.id,
        gemeente: gemeente.id,
        omschrijving: "Observatiegroep".into(),
        van: dag(2026, 8, 1),
        tot: dag(2027, 7, 31),
    };
    let arec = || {
        record(
            "interventieafspraak.vastleggen",
            Actie::Aanmaken,
            "interventieafspraak",
            None,
            None,
        )
    };
    let eerste = opslag
        .zet_interventieafspraak(&afspraak, &arec())
        .await
        .expect("afspraak");
    assert_eq!(eerste.gegevens, afspraak);
    assert!(eerste.geldt_op(dag(2027, 7, 31)) && !eerste.geldt_op(dag(2027, 8, 1)));
    let verlengd = NieuweInterventieafspraak {
        tot: dag(2028, 7, 31),
        omschrijving: "Observatiegroep (verlengd)".into(),
        ..afspraak.clone()
    };
    let tweede = opslag
        .zet_interventieafspraak(&verlengd, &arec())
        .await
        .expect("afspraak");
    assert_eq!(tweede.id, eerste.id, "same provider, gemeente and start");
    let alle = opslag.interventieafspraken().await.expect("afspraken");
    assert_eq!(alle.len(), 1);
    assert_eq!(alle[0].gegevens, verlengd);
    let fout = opslag
        .zet_interventieafspraak(
            &NieuweInterventieafspraak {
                tot: dag(2026, 7, 31),
                ..afspraak.clone()
            },
            &arec(),
        )
        .await;
    assert!(
        fout.is_err(),
        "an end before the start is refused: {fout:?}"
    );
}

/// Issue 16.2: the open cases of an organisation, searched, filtered,
/// sorted and paged in the database; a closed case, and another
/// organisation's, are not listed.
pub async fn casusoverzicht(opslag: &dyn Opslag, w: &Wereld) {
    use crate::{CasusFilter, CasusSortering, Door, NieuwActiepunt, NieuweCasusGebeurtenis, klok};
    use schakel_domain::verloop::{Fase, Stap};
    let team = opslag
        .maak_organisatie(&NieuweOrganisatie {
            regio: w.regio.id,
            naam: "Wijkteam Lijst".into(),
            soort: OrganisatieSoort::Wijkteam,
            gemeente: None,
            brin: None,
            agb: None,
        })
        .await
        .expect("wijkteam");
    let begin: DateTime<Utc> = "2026-03-02T09:00:00Z".parse().expect("tijd");
    let mut casussen = Vec::new();
    for (n, (voornaam, achternaam, school, b)) in [
        ("Anna", "Zwart", Some(w.school.id), "999901011"),
        ("Bram", "Appel", None, "999901023"),
        ("Cor", "Mulder_", Some(w.school.id), "999901035"),
        ("Dirk", "Weg", None, "999901047"),
    ]
    .into_iter()
    .enumerate()
    {
        let t = begin + chrono::Duration::days(n as i64);
        let casus = klok::op(t, async {
            let h = opslag
                .maak_huishouden(
                    &NieuwHuishouden {
                        vertegenwoordigers: vec![],
                        aangemaakt_door: Some(team.id),
                    },
                    &record(
                        "huishouden.aanmaken",
                        Actie::Aanmaken,
                        "huishouden",
                        None,
                        None,
                    ),
                )
                .await
                .expect("huishouden");
            opslag
                .maak_jeugdige(
                    &NieuweJeugdige {
                        huishouden: h.id,
                        bsn: bsn(b),
                        geboortedatum: NaiveDate::from_ymd_opt(2015, 1, 1).expect("datum"),
                        gegevens: JeugdigeWijziging {
                            achternaam: achternaam.into(),
                            ..gegevens(voornaam, school)
                        },
                    },
                    &record("jeugdige.aanmaken", Actie::Aanmaken, "jeugdige", None, None),
                )
                .await
                .expect("jeugdige");
            casus_van(opslag, h.id, team.id).await
        })
        .await;
        casussen.push(casus.id);
    }
    let door = Door {
        medewerker: 1,
        rol: Rol::Casusregisseur,
        organisatie: team.id,
    };
    let termijn = NaiveDate::from_ymd_opt(2026, 4, 1).expect("datum");
    let gebeurtenis = |casus, g, sluit, acties| NieuweCasusGebeurtenis {
        casus,
        volgnummer: 1,
        gebeurtenis: g,
        door,
        nieuwe_partijen: vec![],
        sluit,
        acties,
    };
    let audit = [record(
        "casus.wijzigen",
        Actie::Wijzigen,
        "casus",
        None,
        None,
    )];
    // Anna's case changes last (and gets a deadline); Dirk's closes.
    klok::op(begin + chrono::Duration::days(10), async {
        let veilig = schakel_domain::verloop::Gebeurtenis::Veiligheid {
            melding: schakel_domain::verloop::Veiligheidssoort::Crisis,
            toelichting: "zorg".into(),
        };
        let actie = NieuwActiepunt {
            casus: Some(casussen[0]),
            verwijzing: None,
            organisatie: team.id,
            medewerker: None,
            wat: "iets".into(),
            bron: "test".into(),
            uiterlijk: termijn,
        };
        opslag
            .voeg_gebeurtenis_toe(
                &gebeurtenis(casussen[0], veilig, false, vec![actie]),
                &audit,
            )
            .await
            .expect("gebeurtenis");
        let sluit = schakel_domain::verloop::Gebeurtenis::Afgesloten {
            reden: "klaar".into(),
        };
        opslag
            .voeg_gebeurtenis_toe(&gebeurtenis(casussen[3], sluit, true, vec![]), &audit)
            .await
            .expect("sluiten");
    })
    .await;
    let lijst = |zoek: Option<&str>, school, sortering, pagina| {
        let f = CasusFilter {
            organisatie: team.id,
            zoek: zoek.map(String::from),
            school,
            sortering,
            ..Default::default()
        };
        async move {
            let l = opslag
                .casusoverzicht(&f, pagina)
                .await
                .expect("casusoverzicht");
            (
                l.items.iter().map(|c| c.casus).collect::<Vec<_>>(),
                l.totaal,
                l.items,
            )
        }
    };
    let [anna, bram, cor, _] = casussen[..] else {
        unreachable!()
    };
    let alles = Pagina::new(1, 10);
    let (ids, totaal, items) = lijst(None, None, CasusSortering::Gewijzigd, alles).await;
    assert_eq!(
        (ids, totaal),
        (vec![anna, cor, bram], 3),
        "last change first; the closed case not"
    );
    assert_eq!(items[0].gewijzigd, begin + chrono::Duration::days(10));
    assert_eq!(
        items[1].gewijzigd,
        begin + chrono::Duration::days(2),
        "no event: its opening"
    );
    assert_eq!((items[0].termijn, items[1].termijn), (Some(termijn), None));
    assert_eq!(items[0].wijkteam, team.id);
    let (ids, ..) = lijst(None, None, CasusSortering::Naam, alles).await;
    assert_eq!(ids, [bram, cor, anna], "Appel, Mulder_, Zwart");
    let (ids, ..) = lijst(None, None, CasusSortering::Termijn, alles).await;
    assert_eq!(ids, [anna, bram, cor], "a deadline first, then by number");
    let (ids, totaal, _) = lijst(Some(" APP "), None, CasusSortering::Naam, alles).await;
    assert_eq!(
        (ids, totaal),
        (vec![bram], 1),
        "part of a name, any case, trimmed"
    );
    let (ids, ..) = lijst(Some("bram appel"), None, CasusSortering::Naam, alles).await;
    assert_eq!(ids, [bram], "first and last name");
    let (ids, ..) = lijst(Some("_"), None, CasusSortering::Naam, alles).await;
    assert_eq!(ids, [cor], "a wildcard in the search is a character");
    let (ids, ..) = lijst(Some("%"), None, CasusSortering::Naam, alles).await;
    assert_eq!(ids, Vec::<Id>::new());
    let (ids, ..) = lijst(None, Some(w.school.id), CasusSortering::Naam, alles).await;
    assert_eq!(ids, [cor, anna], "the school's pupils' households");
    let (ids, totaal, _) = lijst(None, None, CasusSortering::Naam, Pagina::new(2, 2)).await;
    assert_eq!((ids, totaal), (vec![anna], 3), "the second page of two");
    let (ids, totaal, _) = lijst(None, None, CasusSortering::Naam, Pagina::new(3, 2)).await;
    assert_eq!(
        (ids, totaal),
        (vec![], 3),
        "a page past the end is empty and names the total"
    );
    let ander = opslag
        .casusoverzicht(
            &CasusFilter {
                organisatie: w.vreemd.id,
                ..Default::default()
            },
            alles,
        )
        .await
        .expect("casusoverzicht");
    assert_eq!(
        ander.totaal, 0,
        "another organisation's cases are not listed"
    );
    // In bulk, with their course: the three open cases by number, Anna's
    // with its one event, as `gebeurtenissen` reads it; Dirk's closed case
    // not, nor anything for another organisation.
    let verloop = opslag
        .open_casussen_met_verloop(team.id)
        .await
        .expect("met verloop");
    let mut gezien = Vec::new();
    for c in &verloop {
        let casus = opslag
            .casus(c.casus)
            .await
            .expect("casus")
            .expect("bestaat");
        gezien.push((
            c.casus,
            c.huishouden == casus.huishouden,
            c.wijkteam,
            c.gebeurtenissen.len(),
        ));
    }
    assert_eq!(
        gezien,
        [
            (anna, true, team.id, 1),
            (bram, true, team.id, 0),
            (cor, true, team.id, 0)
        ]
    );
    assert_eq!(
        verloop[0].gebeurtenissen,
        opslag.gebeurtenissen(anna).await.expect("gebeurtenissen")
    );
    assert_eq!(
        opslag
            .open_casussen_met_verloop(w.vreemd.id)
            .await
            .expect("met verloop"),
        vec![]
    );

    // By last change: since day 5 only Anna's (day 10); before it the two
    // at rest since their opening.
    let gefilterd = |f: CasusFilter| async move {
        opslag
            .casusoverzicht(
                &CasusFilter {
                    organisatie: team.id,
                    ..f
                },
                alles,
            )
            .await
            .expect("casusoverzicht")
            .items
            .iter()
            .map(|c| c.casus)
            .collect::<Vec<_>>()
    };
    let dag5 = begin + chrono::Duration::days(5);
    assert_eq!(
        gefilterd(CasusFilter {
            gewijzigd_vanaf: Some(dag5),
            ..Default::default()
        })
        .await,
        [anna]
    );
    assert_eq!(
        gefilterd(CasusFilter {
            gewijzigd_voor: Some(dag5),
            ..Default::default()
        })
        .await,
        [cor, bram]
    );
    // By phase: Bram's case goes to step 1 (gesprek), then back.
    let fase = |f: Fase| CasusFilter {
        fase: Some(f),
        ..Default::default()
    };
    assert_eq!(gefilterd(fase(Fase::Uitvoering)).await, [anna, cor, bram]);
    assert_eq!(gefilterd(fase(Fase::Gesprek)).await, Vec::<Id>::new());
    let stap = |volgnummer, stap| NieuweCasusGebeurtenis {
        volgnummer,
        ..gebeurtenis(
            bram,
            schakel_domain::verloop::Gebeurtenis::Escalatie {
                stap,
                toelichting: "doelen niet gehaald".into(),
            },
            false,
            vec![],
        )
    };
    klok::op(begin + chrono::Duration::days(20), async {
        opslag
            .voeg_gebeurtenis_toe(&stap(1, Stap::Gesprek), &audit)
            .await
            .expect("stap 1")
    })
    .await;
    assert_eq!(gefilterd(fase(Fase::Gesprek)).await, [bram]);
    assert_eq!(gefilterd(fase(Fase::Uitvoering)).await, [anna, cor]);
    assert_eq!(gefilterd(fase(Fase::Escalatie)).await, Vec::<Id>::new());
    klok::op(begin + chrono::Duration::days(21), async {
        opslag
            .voeg_gebeurtenis_toe(&stap(2, Stap::Afgeschaald), &audit)
            .await
            .expect("afgeschaald")
    })
    .await;
    assert_eq!(gefilterd(fase(Fase::Gesprek)).await, Vec::<Id>::new());
    assert_eq!(
        gefilterd(fase(Fase::Uitvoering)).await,
        [bram, anna, cor],
        "afgeschaald: back to uitvoering, changed last"
    );
}
