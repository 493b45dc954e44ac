//! The HTTP API end to end: the real server (`schakel_http::router` served by
//! `axum::serve` on 127.0.0.1:0, with client addresses) and a real client
//! (reqwest), against a real SQLite file in a temporary directory and — when
//! `SCHAKEL_TEST_PG_URL` is set — a fresh PostgreSQL database per test.
//! Without that variable the PostgreSQL variants are skipped with a notice,
//! except in CI (`CI` set), where they fail.
//!
//! Each scenario is written once, as an `async fn(&App)`, and instantiated
//! per backend by `per_backend!` at the bottom. The store is seeded directly
//! through the `Opslag` trait; every test has its own app (the login rate
//! limiter lives in the app state), and every user logs in from an own
//! loopback address (127.0.0.x), as people in different places would.
//!
//! Only test BSNs (the 9999xxxxx range) and made-up names are used.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;
use reqwest::header::{self, HeaderMap};
use reqwest::{Method, StatusCode};
use schakel_domain::{Brin, Bsn, GemeenteCode, OrganisatieSoort, Rol};
use schakel_http::{AppState, Instellingen};
use schakel_rules::{AdviesVraag, Regelset, Regios, ToetsVraag};
use schakel_storage::audit::{Actie, AuditRecord, Uitkomst, Verificatie};
use schakel_storage::{NieuweMedewerker, NieuweOrganisatie, NieuweRegio, Opslag, Roltoewijzing};
use serde_json::{Value, json};
use sqlx::Connection;

// The authorization matrix: every route × every role × own/other organisation.
#[path = "api/matrix.rs"]
mod matrix;
use matrix::{autorisatiematrix, regio_isolatie};

// The matrix in time: every role × relation × moment × action (issue 12.10).
#[path = "api/matrix_tijd.rs"]
mod matrix_tijd;
use matrix_tijd::matrix_in_tijd;

// A property test: no organisation reads a jeugdige unless the rule grants it.
#[path = "api/eigenschap.rs"]
mod eigenschap;

// The directory's address lookup.
#[path = "api/gids.rs"]
mod gids;
use gids::{adresgids, twee_instanties_een_gids};

// The support route walked through, and its monitoring.
#[path = "api/steunroute.rs"]
mod steunroute;
use steunroute::{monitoring, steunroute};

// Monitoring per region, gemeente and for the country (issue 17.5).
#[path = "api/monitoring_regio.rs"]
mod monitoring_regio;
use monitoring_regio::{
    landelijke_rol_alleen_door_de_installatie, monitoring_per_regio,
    web_geen_dossierpaginas_zonder_dossierrol, web_landelijk_alleen_de_landelijke_cijfers,
};

// The web pages (issue 6): security, sessions, and logging as through the API.
#[path = "api/web.rs"]
mod web;
// The directory's pages: lookup by address, werkgebied edits (issues 5, 6).
#[path = "api/berichten.rs"]
mod berichten;
use berichten::berichten_met_nederlandse_datums;
#[path = "api/web_gids.rs"]
mod web_gids;
use web_gids::web_gids;

// The region's set-up in the browser (issue 13).
#[path = "api/web_inrichting.rs"]
mod web_inrichting;
use web_inrichting::web_inrichting;

// A jeugdige's data changed and a brother or sister added from the web.
#[path = "api/web_gezin.rs"]
mod web_gezin;
use web_gezin::web_gezin;

// A form sent after the session's time-out, kept through the new login (issue 16.7).
#[path = "api/web_sessie.rs"]
mod web_sessie;
use web_sessie::web_formulier_na_verlopen_sessie;

// Operators' endpoints: metrics on their own listener, bounded labels (issue 12).
#[path = "api/operationeel.rs"]
mod operationeel;
use operationeel::metrics_apart_en_begrensd;

// Bounded input: texts, date ranges, named query and form errors (issue 12).
#[path = "api/invoer.rs"]
mod invoer;
use invoer::{begrensde_formulieren, begrensde_invoer, extreme_datums};

use web::{
    web_api_token, web_casus_inkoop_en_onderwijs, web_casus_veiligheid_en_afsluiten,
    web_inloggen_en_beveiliging, web_jeugdige_registreren, web_logt_zoals_de_api,
    web_partij_toevoegen, web_rol_kiezen,
};

// --- test data -----------------------------------------------------------------------

/// Test BSNs: each passes the 11-proef and lies in the test range.
const BSNS: [&str; 6] = [
    "999900006",
    "999900018",
    "999900031",
    "999900043",
    "999900055",
    "999900067",
];
/// Made-up names, distinctive enough to search logs for.
const VOORNAAM: &str = "Quirijntje";
const ACHTERNAAM: &str = "Zwartewaterland";
const OUDER: &str = "Wilhelmina Zwartewaterland";
const NAMEN: [&str; 3] = [VOORNAAM, ACHTERNAAM, OUDER];
const WACHTWOORD: &str = "correct paard batterij nietje";
const SLEUTEL: &[u8] = b"pseudoniemsleutel-voor-de-tests";

/// A referral's start for tests that refer "now": a week ago, within
/// today's school year, and never in its summer holiday — a referral that
/// starts there belongs to the next school year's option — so at the
/// latest 15 June, before every holiday region's summer holiday.
fn verwijsdatum() -> NaiveDate {
    use chrono::Datelike;
    let vandaag = steunroute::vandaag();
    let jaar = schakel_rules::datum::Schooljaar::van_datum(vandaag).periode();
    let voor_de_zomer = NaiveDate::from_ymd_opt(jaar.tot.year(), 6, 15).expect("15 June");
    (vandaag - chrono::Days::new(7))
        .min(voor_de_zomer)
        .max(jaar.van)
}

fn bsn(s: &str) -> Bsn {
    Bsn::parse(s).expect("test BSN passes the 11-proef")
}

/// argon2id is slow in a debug build: hash the one test password once.
fn wachtwoord_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| schakel_http::auth::hash_wachtwoord(WACHTWOORD).expect("argon2id hash"))
        .clone()
}

/// The audit record of a write that sets up a test's world directly
/// through the store: by nobody, about no client.
/// Stores CBS area names (`code`, `naam`) as `schakel import gebieden` does.
async fn zet_gebiednamen(o: &dyn schakel_storage::Opslag, namen: &[(&str, &str)]) {
    let namen: Vec<schakel_storage::Gebiednaam> = namen
        .iter()
        .map(|(c, n)| schakel_storage::Gebiednaam {
            code: schakel_domain::gids::Gebiedcode::parse(c).expect("code"),
            naam: (*n).into(),
        })
        .collect();
    o.zet_gebiednamen(&namen, &opzet_record("gids"))
        .await
        .expect("gebiednamen");
}

fn opzet_record(object_type: &str) -> schakel_storage::NieuwAuditRecord {
    schakel_storage::NieuwAuditRecord::door_systeem(
        "test.opzet",
        Actie::Aanmaken,
        object_type,
        "opzet",
        "test",
        "schakel-test",
    )
}

fn data_map() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn regels() -> Regelset {
    Regelset::laad(&data_map(), "almere").expect("rules load")
}

/// Every shipped region, Almere the default (as `serve` loads them).
fn regios() -> Regios {
    Regios::laad(&data_map(), Some("almere")).expect("regions load")
}

// --- application logs, captured for the whole test process --------------------------------

fn logboek() -> &'static Mutex<Vec<u8>> {
    static LOG: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    static INIT: std::sync::Once = std::sync::Once::new();
    let log = LOG.get_or_init(|| Mutex::new(Vec::new()));
    INIT.call_once(|| {
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(|| LogSchrijver)
            .try_init();
    });
    log
}

struct LogSchrijver;

impl std::io::Write for LogSchrijver {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        logboek()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn logtekst() -> String {
    String::from_utf8_lossy(&logboek().lock().unwrap_or_else(|e| e.into_inner())).into_owned()
}

// --- PostgreSQL: a fresh database per test ---------------------------------------------------

fn pg_basis_url() -> Option<String> {
    match std::env::var("SCHAKEL_TEST_PG_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ if std::env::var_os("CI").is_some() => panic!(
            "SCHAKEL_TEST_PG_URL is not set, and CI is: the PostgreSQL variants of the HTTP \
             tests must run in CI (scripts/test starts a throwaway server with scripts/pg)"
        ),
        _ => {
            static MELDING: std::sync::Once = std::sync::Once::new();
            MELDING.call_once(|| {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "\nOVERGESLAGEN: SCHAKEL_TEST_PG_URL is not set, so the HTTP tests do not \
                     run against PostgreSQL. Run scripts/test, or: eval \"$(scripts/pg start)\" \
                     and cargo test again.\n"
                );
            });
            None
        }
    }
}

struct PgDb {
    basis: String,
    naam: String,
    /// The database's own URL, for a second instance on it.
    url: String,
}

impl PgDb {
    async fn nieuw(basis: String) -> (Self, String) {
        static TELLER: AtomicU32 = AtomicU32::new(0);
        let naam = format!(
            "schakel_http_t_{}_{}_{}",
            std::process::id(),
            TELLER.fetch_add(1, Ordering::SeqCst),
            chrono::Utc::now().timestamp_micros() % 1_000_000_000
        );
        let mut c = sqlx::PgConnection::connect(&basis)
            .await
            .expect("connect to SCHAKEL_TEST_PG_URL");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {naam}")))
            .execute(&mut c)
            .await
            .expect("create database");
        c.close().await.ok();
        let mut u = url::Url::parse(&basis).expect("SCHAKEL_TEST_PG_URL is a URL");
        u.set_path(&format!("/{naam}"));
        let paren: Vec<(String, String)> = u
            .query_pairs()
            .filter(|(k, _)| k != "dbname")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if paren.is_empty() {
            u.set_query(None);
        } else {
            u.query_pairs_mut().clear().extend_pairs(paren);
        }
        let url = u.to_string();
        (
            Self {
                basis,
                naam,
                url: url.clone(),
            },
            url,
        )
    }

    async fn weg(&self) {
        if let Ok(mut c) = sqlx::PgConnection::connect(&self.basis).await {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.naam
            )))
            .execute(&mut c)
            .await;
        }
    }
}

enum Opruimen {
    Map(#[allow(dead_code)] tempfile::TempDir),
    Pg(PgDb),
    /// A second instance: the first one's database is cleaned up with it.
    Niets,
}

// --- the app under test --------------------------------------------------------------------

/// What the seed put in the store.
#[derive(Clone)]
struct Wereld {
    regio: i64,
    school_a: i64,
    school_b: i64,
    wijkteam: i64,
    jgz: i64,
    gemeente: i64,
    medewerkers: Vec<(&'static str, i64)>,
}

impl Wereld {
    fn medewerker(&self, email: &str) -> i64 {
        self.medewerkers
            .iter()
            .find(|(e, _)| *e == email)
            .map(|(_, id)| *id)
            .expect("seeded medewerker")
    }
}

const ZC_A: &str = "zc@school-a.test";
const ZC_B: &str = "zc@school-b.test";
const REGISSEUR: &str = "regisseur@wijkteam.test";
const VERWIJZER: &str = "verwijzer@jgz.test";
const BELEID: &str = "beleid@gemeente.test";
const BEHEERDER: &str = "beheer@gemeente.test";
const TOEGANG: &str = "toegang@gemeente.test";
const LANDELIJK: &str = "monitor@landelijk.test";

/// The national monitor (issue 17.5): an organisation in a region of its
/// own that serves no gemeente, with one account in the role
/// `landelijk` ([`LANDELIJK`]); returns the organisation's id.
async fn landelijke_monitor(o: &dyn Opslag) -> i64 {
    let regio = o
        .maak_regio(&schakel_storage::NieuweRegio {
            code: "landelijk".into(),
            naam: "Landelijke organisaties".into(),
        })
        .await
        .expect("regio")
        .id;
    let org = o
        .maak_organisatie(&NieuweOrganisatie {
            regio,
            naam: "Landelijke monitor (fictief)".into(),
            soort: OrganisatieSoort::Gemeente,
            gemeente: None,
            brin: None,
            agb: None,
        })
        .await
        .expect("organisatie")
        .id;
    o.maak_medewerker(&NieuweMedewerker {
        naam: "Landelijke monitor".into(),
        email: LANDELIJK.into(),
        wachtwoord_hash: wachtwoord_hash(),
        demo: true,
        rollen: vec![Roltoewijzing {
            rol: Rol::Landelijk,
            organisatie: org,
        }],
    })
    .await
    .expect("medewerker");
    org
}

async fn seed(o: &dyn Opslag) -> Wereld {
    let regio = o
        .maak_regio(&NieuweRegio {
            code: "almere".into(),
            naam: "Almere".into(),
        })
        .await
        .expect("regio");
    let org = |naam: &str, soort, brin: Option<&str>| NieuweOrganisatie {
        regio: regio.id,
        naam: naam.into(),
        soort,
        gemeente: Some(GemeenteCode::parse("GM0034").expect("gemeentecode")),
        brin: brin.map(|b| Brin::parse(b).expect("BRIN")),
        agb: None,
    };
    let mut ids = Vec::new();
    for n in [
        org(
            "Basisschool De Regenboog",
            OrganisatieSoort::School,
            Some("12AB00"),
        ),
        org(
            "Basisschool Het Anker",
            OrganisatieSoort::School,
            Some("34CD01"),
        ),
        org("Wijkteam Haven", OrganisatieSoort::Wijkteam, None),
        org("JGZ Almere", OrganisatieSoort::Jgz, None),
        org("Gemeente Almere", OrganisatieSoort::Gemeente, None),
    ] {
        ids.push(o.maak_organisatie(&n).await.expect("organisatie").id);
    }
    let [school_a, school_b, wijkteam, jgz, gemeente] = ids[..] else {
        unreachable!()
    };
    let hash = wachtwoord_hash();
    let mut medewerkers = Vec::new();
    for (email, naam, rol, organisatie) in [
        (ZC_A, "Zorgcoördinator A", Rol::Zorgcoordinator, school_a),
        (ZC_B, "Zorgcoördinator B", Rol::Zorgcoordinator, school_b),
        (REGISSEUR, "Casusregisseur", Rol::Casusregisseur, wijkteam),
        (VERWIJZER, "Jeugdarts", Rol::Verwijzer, jgz),
        (BELEID, "Beleidsmedewerker", Rol::Beleid, gemeente),
        (BEHEERDER, "Beheerder", Rol::Beheerder, gemeente),
        (TOEGANG, "Toegangsmedewerker", Rol::Toegang, gemeente),
    ] {
        let m = o
            .maak_medewerker(&NieuweMedewerker {
                naam: naam.into(),
                email: email.into(),
                wachtwoord_hash: hash.clone(),
                demo: true,
                rollen: vec![Roltoewijzing { rol, organisatie }],
            })
            .await
            .expect("medewerker");
        medewerkers.push((email, m.id));
    }
    Wereld {
        regio: regio.id,
        school_a,
        school_b,
        wijkteam,
        jgz,
        gemeente,
        medewerkers,
    }
}

struct App {
    url: String,
    /// The operators' listener with `/metrics` (never on `url`).
    metrics_url: String,
    opslag: Arc<dyn Opslag>,
    w: Wereld,
    /// Next client address: each user logs in from an own 127.0.0.x.
    adres: AtomicU8,
    server: tokio::task::JoinHandle<()>,
    opruimen: Opruimen,
}

impl App {
    async fn sqlite() -> Self {
        Self::sqlite_met(regios()).await
    }

    /// On SQLite, serving `regels` (another region's rule set, or several
    /// regions).
    async fn sqlite_met(regels: impl Into<Regios>) -> Self {
        let map = tempfile::tempdir().expect("tempdir");
        let opslag = schakel_storage_sqlite::SqliteOpslag::open(&map.path().join("schakel.db"))
            .await
            .expect("open SQLite");
        Self::start(Arc::new(opslag), Opruimen::Map(map), regels.into()).await
    }

    async fn postgres() -> Option<Self> {
        let basis = pg_basis_url()?;
        let (db, url) = PgDb::nieuw(basis).await;
        let opslag = schakel_storage_postgres::PgOpslag::connect(&url)
            .await
            .expect("connect and migrate");
        Some(Self::start(Arc::new(opslag), Opruimen::Pg(db), regios()).await)
    }

    /// On PostgreSQL, serving `regios`.
    async fn postgres_met(regios: Regios) -> Option<Self> {
        let basis = pg_basis_url()?;
        let (db, url) = PgDb::nieuw(basis).await;
        let opslag = schakel_storage_postgres::PgOpslag::connect(&url)
            .await
            .expect("connect and migrate");
        Some(Self::start(Arc::new(opslag), Opruimen::Pg(db), regios).await)
    }

    async fn start(opslag: Arc<dyn Opslag>, opruimen: Opruimen, regels: Regios) -> Self {
        logboek();
        let w = seed(opslag.as_ref()).await;
        Self::serveer(opslag, opruimen, w, regels, schakel_http::gids::VERS).await
    }

    /// A second `serve` instance on this app's PostgreSQL database (issue
    /// 15.3): its own connection pool and server, keeping its directory
    /// snapshot for an hour, so only another instance's announcement
    /// refreshes it. None on SQLite.
    async fn tweede_instantie(&self) -> Option<Self> {
        let Opruimen::Pg(db) = &self.opruimen else {
            return None;
        };
        let opslag = schakel_storage_postgres::PgOpslag::connect(&db.url)
            .await
            .expect("connect a second instance");
        Some(
            Self::serveer(
                Arc::new(opslag),
                Opruimen::Niets,
                self.w.clone(),
                regios(),
                std::time::Duration::from_secs(3600),
            )
            .await,
        )
    }

    async fn serveer(
        opslag: Arc<dyn Opslag>,
        opruimen: Opruimen,
        w: Wereld,
        regels: Regios,
        gids_vers: std::time::Duration,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let adres = listener.local_addr().expect("local_addr");
        let state = AppState::new(
            Arc::clone(&opslag),
            regels,
            Instellingen {
                pseudoniem_sleutel: SLEUTEL.to_vec(),
                // The matrix registers many jeugdigen by one account; the
                // limit itself is tested on instances of its own
                // (toegang::bsn_controle).
                bsn_controles_per_uur: 10_000,
                // Single sign-on's redirect URI, and its test provider on
                // loopback (api/sso.rs).
                basis_url: format!("http://{adres}"),
                sso_http_toegestaan: true,
                // TOTP secrets encrypted at rest, as `serve` always does.
                factor_sleutel: Some([42; 32]),
                gids_vers,
                ..Instellingen::default()
            },
            schakel_http::metrics_handle(),
        );
        schakel_http::gids::volg_andere_instanties(state.clone())
            .await
            .expect("follow the other instances");
        let operator = schakel_http::metrics_router(state.metrics.clone());
        let app = schakel_http::router(state);
        let metrics = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let metrics_url = format!("http://{}", metrics.local_addr().expect("local_addr"));
        tokio::spawn(async move {
            axum::serve(metrics, operator).await.expect("serve metrics");
        });
        let server = tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .expect("serve");
        });
        Self {
            url: format!("http://{adres}"),
            metrics_url,
            opslag,
            w,
            adres: AtomicU8::new(10),
            server,
            opruimen,
        }
    }

    async fn klaar(self) {
        self.server.abort();
        let _ = self.server.await;
        if let Opruimen::Pg(db) = &self.opruimen {
            db.weg().await;
        }
    }

    fn volgend_adres(&self) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(
            127,
            0,
            0,
            self.adres.fetch_add(1, Ordering::SeqCst),
        ))
    }

    /// The Prometheus text from the operators' listener.
    async fn metrics(&self) -> String {
        let r = reqwest::get(format!("{}/metrics", self.metrics_url))
            .await
            .expect("GET /metrics");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            content_type(r.headers()).starts_with("text/plain"),
            "{:?}",
            r.headers()
        );
        r.text().await.expect("metrics text")
    }

    /// A client without session, from its own address.
    fn anoniem(&self) -> reqwest::Client {
        client(self.volgend_adres())
    }

    fn u(&self, pad: &str) -> String {
        format!("{}{pad}", self.url)
    }

    /// Logs in from a fresh address; panics unless 201.
    async fn login(&self, email: &str) -> Gebruiker {
        let http = client(self.volgend_adres());
        let r = http
            .post(self.u("/api/v1/sessies"))
            .json(&json!({"email": email, "wachtwoord": WACHTWOORD}))
            .send()
            .await
            .expect("login request");
        let (status, _, body) = lees(r).await;
        assert_eq!(status, StatusCode::CREATED, "login {email}: {body}");
        Gebruiker {
            url: self.url.clone(),
            http,
            csrf: body["csrfToken"].as_str().expect("csrfToken").to_string(),
            bearer: None,
        }
    }

    async fn audit(&self) -> Vec<AuditRecord> {
        let mut alles = Vec::new();
        loop {
            let pagina = self
                .opslag
                .audit_records(alles.len() as i64 + 1, 100)
                .await
                .expect("audit_records");
            if pagina.is_empty() {
                return alles;
            }
            alles.extend(pagina);
        }
    }
}

fn client(adres: IpAddr) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .local_address(adres)
        .build()
        .expect("reqwest client")
}

/// A logged-in user: a session cookie in the client's jar, or a bearer token.
struct Gebruiker {
    url: String,
    http: reqwest::Client,
    csrf: String,
    bearer: Option<String>,
}

impl Gebruiker {
    fn verzoek(&self, methode: Method, pad: &str) -> reqwest::RequestBuilder {
        let mut b = self
            .http
            .request(methode.clone(), format!("{}{pad}", self.url));
        if let Some(t) = &self.bearer {
            b = b.bearer_auth(t);
        } else if methode != Method::GET {
            b = b.header("X-CSRF-Token", &self.csrf);
        }
        b
    }

    async fn get(&self, pad: &str) -> (StatusCode, HeaderMap, Value) {
        lees(self.verzoek(Method::GET, pad).send().await.expect("GET")).await
    }

    async fn post(&self, pad: &str, body: Value) -> (StatusCode, HeaderMap, Value) {
        lees(
            self.verzoek(Method::POST, pad)
                .json(&body)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    async fn put(
        &self,
        pad: &str,
        if_match: Option<&str>,
        body: Value,
    ) -> (StatusCode, HeaderMap, Value) {
        let mut b = self.verzoek(Method::PUT, pad).json(&body);
        if let Some(e) = if_match {
            b = b.header(header::IF_MATCH, e);
        }
        lees(b.send().await.expect("PUT")).await
    }
}

/// Status, headers and body (JSON, or a string for other bodies; null when
/// empty). Every response carries `API-Version: 1.0.0`.
async fn lees(r: reqwest::Response) -> (StatusCode, HeaderMap, Value) {
    let status = r.status();
    let headers = r.headers().clone();
    assert_eq!(
        headers.get("api-version").map(|v| v.to_str().unwrap_or("")),
        Some("1.0.0"),
        "API-Version on {} {status}",
        r.url()
    );
    let tekst = r.text().await.expect("body");
    let body = if tekst.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&tekst).unwrap_or(Value::String(tekst))
    };
    (status, headers, body)
}

fn content_type(h: &HeaderMap) -> &str {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Asserts a problem+json answer of this status and kind; returns the body.
fn probleem(antwoord: &(StatusCode, HeaderMap, Value), status: StatusCode, soort: &str) -> Value {
    let (s, h, body) = antwoord;
    assert_eq!(*s, status, "{body}");
    assert_eq!(content_type(h), "application/problem+json", "{body}");
    assert_eq!(
        body["type"],
        format!("urn:schakel:probleem:{soort}"),
        "{body}"
    );
    assert_eq!(body["status"], status.as_u16(), "{body}");
    assert!(
        body["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    assert!(
        body["detail"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    body.clone()
}

/// A 400 answer; returns the names in invalidParams, in order.
fn ongeldig(antwoord: &(StatusCode, HeaderMap, Value)) -> Vec<String> {
    let body = probleem(antwoord, StatusCode::BAD_REQUEST, "ongeldige-invoer");
    assert_eq!(body["title"], "Ongeldige invoer");
    let velden = body["invalidParams"].as_array().expect("invalidParams");
    assert_eq!(
        body["detail"],
        format!("{} veld(en) voldoen niet aan de afspraken", velden.len())
    );
    velden
        .iter()
        .map(|v| {
            assert!(
                v["reason"].as_str().is_some_and(|r| !r.is_empty()),
                "every invalid param says why: {v}"
            );
            v["name"].as_str().expect("name").to_string()
        })
        .collect()
}

fn etag(h: &HeaderMap) -> &str {
    h.get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

// --- a dossier: household, jeugdige at school A, open question ---------------------------------

const ADVIES: &str = r#"{"geboortedatum": "2016-05-12", "peildatum": "2026-11-23",
 "onderwijssituatie": "volledig_onderwijs", "school": null, "tlv": false, "schooldagdelen": 0}"#;

fn jeugdige_invoer(huishouden: i64, bsn: &str, school: Option<i64>) -> Value {
    json!({
        "huishouden": huishouden,
        "bsn": bsn,
        "geboortedatum": "2016-05-12",
        "voornaam": VOORNAAM,
        "achternaam": ACHTERNAAM,
        "postcode": "1315 ab",
        "huisnummer": 12,
        "toevoeging": "A",
        "school": school,
    })
}

struct Dossier {
    huishouden: i64,
    jeugdige: i64,
    hulpvraag: i64,
}

/// Zorgcoördinator A registers a household and a pupil and opens a
/// hulpvraag, asserting each answer.
async fn dossier(app: &App, zc: &Gebruiker, bsn: &str) -> Dossier {
    let (s, h, body) = zc
        .post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": OUDER, "relatie": "ouder"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!(content_type(&h), "application/json");
    let huishouden = body["id"].as_i64().expect("huishouden id");
    assert_eq!(
        body["vertegenwoordigers"],
        json!([{"naam": OUDER, "relatie": "ouder"}])
    );
    assert_eq!(body["jeugdigen"], json!([]));
    assert!(
        body["bewarenTot"].is_string(),
        "camelCase, as everywhere: {body}"
    );
    assert!(body.get("bewaren_tot").is_none(), "{body}");

    let (s, h, body) = zc
        .post(
            "/api/v1/jeugdigen",
            jeugdige_invoer(huishouden, bsn, Some(app.w.school_a)),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!(etag(&h), "\"1\"");
    let jeugdige = body["id"].as_i64().expect("jeugdige id");
    assert_eq!(
        h.get(header::LOCATION).and_then(|v| v.to_str().ok()),
        Some(format!("/api/v1/jeugdigen/{jeugdige}").as_str())
    );
    let bewaren_tot = body["bewarenTot"].as_str().expect("bewarenTot").to_string();
    assert_eq!(
        body,
        json!({
            "id": jeugdige, "huishouden": huishouden, "bsn": bsn,
            "voornaam": VOORNAAM, "achternaam": ACHTERNAAM, "geboortedatum": "2016-05-12",
            "postcode": "1315AB", "huisnummer": 12, "toevoeging": "A",
            "school": app.w.school_a, "versie": 1, "bewarenTot": bewaren_tot,
        })
    );
    let over_20_jaar = chrono::Utc::now().date_naive() + chrono::Months::new(12 * 20);
    assert!(
        (over_20_jaar - NaiveDate::parse_from_str(&bewaren_tot, "%Y-%m-%d").expect("date"))
            .num_days()
            .abs()
            <= 1,
        "kept 20 years after the last change: {bewaren_tot}"
    );

    let (s, _, body) = zc
        .post(
            "/api/v1/hulpvragen",
            json!({"jeugdige": jeugdige, "omschrijving": "Zit vaak thuis; ouders vragen hulp."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!(body["jeugdige"], jeugdige);
    assert_eq!(body["organisatie"], app.w.school_a);
    assert_eq!(body["behandelaar"], app.w.school_a);
    assert_eq!(body["triage"], json!(null));
    assert_eq!(body["open"], true);
    Dossier {
        huishouden,
        jeugdige,
        hulpvraag: body["id"].as_i64().expect("hulpvraag id"),
    }
}

// --- 1. health, version header, OpenAPI, metrics, unknown paths --------------------------------

async fn gezondheid_openapi_metrics(app: &App) {
    let http = app.anoniem();
    let r = http
        .get(app.u("/api/v1/gezondheid"))
        .send()
        .await
        .expect("GET");
    let (s, h, mut body) = lees(r).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(content_type(&h), "application/json");
    let almere = json!({"regio": "almere", "route": "oja", "gemeenten": ["GM0034"], "versies": ["2025.1"],
                        "vingerafdruk": regels().vingerafdruk().expect("loaded from files")});
    let mut regios = body["regios"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        regios.len(),
        std::fs::read_dir(data_map().join("regio"))
            .expect("regio")
            .count(),
        "one entry per region directory: {body}"
    );
    // Every region with its rules' fingerprint; Zeewolde has none.
    regios.retain(|r| r["regio"] == "almere" || r["regio"] == "zeewolde");
    assert_eq!(
        regios,
        vec![
            almere.clone(),
            json!({"regio": "zeewolde", "route": "regulier", "gemeenten": ["GM0050"],
                   "versies": [], "vingerafdruk": null})
        ]
    );
    body.as_object_mut().expect("object").remove("regios");
    assert_eq!(
        body,
        json!({"status": "ok", "database": app.opslag.backend(), "versie": env!("CARGO_PKG_VERSION"),
               "regels": almere})
    );
    for (kop, waarde) in [
        ("x-content-type-options", "nosniff"),
        ("cache-control", "no-store"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
    ] {
        assert_eq!(
            h.get(kop).and_then(|v| v.to_str().ok()),
            Some(waarde),
            "{kop}"
        );
    }

    let (s, h, spec) = lees(
        http.get(app.u("/api/v1/openapi.json"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(content_type(&h), "application/json");
    assert!(
        spec["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.")),
        "OpenAPI 3: {}",
        spec["openapi"]
    );
    assert_eq!(spec["info"]["version"], "1.0.0");
    // One server, with the major version in its URI; paths relative to it.
    assert_eq!(spec["servers"][0]["url"], "/api/v1");
    assert_eq!(spec["servers"].as_array().map(Vec::len), Some(1));
    let paden: Vec<&str> = spec["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .map(String::as_str)
        .collect();
    for pad in [
        "/gezondheid",
        "/openapi.json",
        "/normenkader/adviezen",
        "/normenkader/toetsingen",
        "/normenkader/reikwijdtes/{school}",
        "/sessies",
        "/sessies/huidige",
        "/api-tokens",
        "/organisaties",
        "/huishoudens",
        "/jeugdigen",
        "/jeugdigen/{id}",
        "/hulpvragen",
        "/casussen",
        "/verwijzingen",
    ] {
        assert!(paden.contains(&pad), "{pad} in the spec: {paden:?}");
    }
    for pad in &paden {
        assert!(!pad.starts_with("/api/"), "{pad} is relative to the server");
        // kebab-case, plural nouns, numeric ids only: never a BSN or a name
        // in a URL. A search is a last segment `_zoek` (the ADR's own form).
        let zonder_parameters = pad
            .replace("/_zoek", "")
            .replace("{id}", "")
            .replace("{levering}", "")
            .replace("{school}", "")
            .replace("openapi.json", "");
        assert!(
            zonder_parameters
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '/' || c == '-'),
            "{pad}"
        );
        assert!(!pad.contains("bsn") && !pad.contains("naam"), "{pad}");
    }
    // Every list is paginated with camelCase query parameters.
    let lijst = &spec["paths"]["/jeugdigen"]["get"]["parameters"];
    let namen: Vec<&str> = lijst
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(namen, ["pagina", "perPagina", "school", "sorteer"]);

    let (s, h, body) = lees(
        http.get(app.u("/api/v1/bestaat-niet"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    let body = probleem(&(s, h, body), StatusCode::NOT_FOUND, "niet-gevonden");
    assert_eq!(
        body,
        json!({"type": "urn:schakel:probleem:niet-gevonden", "title": "Niet gevonden",
               "status": 404, "detail": "De gevraagde bron bestaat niet."})
    );
    // Outside /api an unknown path is a page of the web application.
    let r = http.get(app.u("/nergens")).send().await.expect("GET");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(
        content_type(r.headers()).starts_with("text/html"),
        "{:?}",
        r.headers()
    );
    // A known path with a method it does not have: 405, also as problem+json.
    let antwoord = lees(
        http.delete(app.u("/api/v1/gezondheid"))
            .send()
            .await
            .expect("DELETE"),
    )
    .await;
    probleem(
        &antwoord,
        StatusCode::METHOD_NOT_ALLOWED,
        "methode-niet-toegestaan",
    );
    assert_eq!(
        antwoord.1.get(header::ALLOW).and_then(|v| v.to_str().ok()),
        Some("GET,HEAD")
    );

    let tekst = app.metrics().await;
    assert!(tekst.contains("schakel_http_verzoeken_totaal"), "{tekst}");
    assert!(
        tekst.contains(r#"route="/api/v1/gezondheid""#) && tekst.contains(r#"status="404""#),
        "{tekst}"
    );
    assert!(tekst.contains("schakel_http_duur_seconden"), "{tekst}");
}

// --- 2. the normenkader, without login ---------------------------------------------------------

async fn normenkader(app: &App) {
    let http = app.anoniem();
    let post = |pad: &str, body: &str| {
        http.post(app.u(pad))
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .send()
    };
    let (s, h, advies) = lees(
        post("/api/v1/normenkader/adviezen", ADVIES)
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{advies}");
    assert_eq!(content_type(&h), "application/json");
    // Exactly what `schakel advies` prints for the same input.
    let r = regels();
    let invoer: Value = serde_json::from_str(ADVIES).expect("json");
    let vandaag = chrono::Utc::now().date_naive();
    let cli = serde_json::to_value(
        r.advies(&AdviesVraag::uit_json(&invoer, vandaag, r.situaties()).expect("vraag"))
            .expect("advies"),
    )
    .expect("json");
    assert_eq!(advies, cli);
    assert_eq!(advies["situatie"], "volledig_onderwijs");
    assert_eq!(advies["opties"][0]["einddatum"], "2027-07-31");
    assert_eq!(advies["opties"][0]["budget"]["uren_per_schoolweek"], 3.71);
    assert_eq!(advies["leeftijd"], 10);
    assert_eq!(advies["normenkader"]["versie"], "2025.1");

    // Bad input names its field.
    let antwoord = lees(
        post(
            "/api/v1/normenkader/adviezen",
            r#"{"geboortedatum": "2016-05-12", "peildatum": "2015-01-01", "onderwijssituatie": "volledig_onderwijs"}"#,
        )
        .await
        .expect("POST"),
    )
    .await;
    let body = probleem(&antwoord, StatusCode::BAD_REQUEST, "ongeldige-invoer");
    assert_eq!(
        body,
        json!({
            "type": "urn:schakel:probleem:ongeldige-invoer", "title": "Ongeldige invoer",
            "status": 400, "detail": "1 veld(en) voldoen niet aan de afspraken",
            "invalidParams": [{"name": "peildatum",
                "reason": "1 januari 2015 ligt vóór de geboortedatum 12 mei 2016; toegestaan: een datum op of na de geboortedatum"}],
        })
    );
    let antwoord = lees(
        post(
            "/api/v1/normenkader/adviezen",
            r#"{"geboortedatum": "2016-05-12", "onderwijssituatie": "thuis"}"#,
        )
        .await
        .expect("POST"),
    )
    .await;
    assert_eq!(ongeldig(&antwoord), ["onderwijssituatie"]);
    let antwoord = lees(
        post(
            "/api/v1/normenkader/adviezen",
            r#"{"geboortedatum": "2016-05-12", "onderwijssituatie": "volledig_onderwijs", "tvl": true}"#,
        )
        .await
        .expect("POST"),
    )
    .await;
    assert_eq!(ongeldig(&antwoord), ["tvl"], "{}", antwoord.2);
    // Malformed JSON.
    let antwoord = lees(
        post(
            "/api/v1/normenkader/adviezen",
            r#"{"geboortedatum": "2016-05-12""#,
        )
        .await
        .expect("POST"),
    )
    .await;
    assert_eq!(ongeldig(&antwoord), ["body"]);
    // Without Content-Type, and with another one.
    let antwoord = lees(
        http.post(app.u("/api/v1/normenkader/adviezen"))
            .body(ADVIES)
            .send()
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(ongeldig(&antwoord), ["Content-Type"]);
    let antwoord = lees(
        http.post(app.u("/api/v1/normenkader/adviezen"))
            .header(header::CONTENT_TYPE, "text/plain")
            .body(ADVIES)
            .send()
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(ongeldig(&antwoord), ["Content-Type"]);
    // Media types are case-insensitive and may carry parameters.
    let (s, _, body) = lees(
        http.post(app.u("/api/v1/normenkader/adviezen"))
            .header(header::CONTENT_TYPE, "Application/JSON; charset=utf-8")
            .body(ADVIES)
            .send()
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{body}");

    // A body past the server's limit (2 MiB). From a client of its own: the
    // server answers before reading the rest and then drops the connection,
    // which a pooled client would try to reuse.
    let groot = format!(
        r#"{{"geboortedatum": "{}"}}"#,
        "x".repeat((2 << 20) + (64 << 10))
    );
    let antwoord = lees(
        app.anoniem()
            .post(app.u("/api/v1/normenkader/adviezen"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(groot)
            .send()
            .await
            .expect("POST"),
    )
    .await;
    probleem(&antwoord, StatusCode::PAYLOAD_TOO_LARGE, "te-groot");

    // Toetsing: within and outside the norms.
    let toets = |volume: f64| {
        json!({
            "situatie": invoer.clone(),
            "verwijzing": {"product": "begeleiding_individueel_basis", "volume": volume,
                           "eenheid": "uur", "per": "week",
                           "ingangsdatum": "2026-11-23", "einddatum": "2027-07-31"},
        })
    };
    for (volume, binnen) in [(3.0, true), (5.0, false)] {
        let vraag = toets(volume);
        let (s, _, body) = lees(
            post("/api/v1/normenkader/toetsingen", &vraag.to_string())
                .await
                .expect("POST"),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{body}");
        assert_eq!(body["binnen_normen"], binnen, "{body}");
        let cli = serde_json::to_value(
            r.toets(&ToetsVraag::uit_json(&vraag, vandaag, r.situaties()).expect("vraag"))
                .expect("toets"),
        )
        .expect("json");
        assert_eq!(body, cli);
        assert_eq!(body["optie"], "almere.rij.volledig_onderwijs.optie.1");
        if !binnen {
            assert!(
                !body["bevindingen"]
                    .as_array()
                    .expect("bevindingen")
                    .is_empty()
            );
        }
    }
    let mut zonder_product = toets(3.0);
    zonder_product["verwijzing"]
        .as_object_mut()
        .expect("object")
        .remove("product");
    let antwoord = lees(
        post(
            "/api/v1/normenkader/toetsingen",
            &zonder_product.to_string(),
        )
        .await
        .expect("POST"),
    )
    .await;
    assert_eq!(ongeldig(&antwoord), ["verwijzing.product"]);

    // Reikwijdte of an OJA school: the 13 services.
    let (s, _, body) = lees(
        http.get(app.u("/api/v1/normenkader/reikwijdtes/Watertuin"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["school"], "Watertuin");
    let diensten = body["reikwijdte"].as_object().expect("reikwijdte");
    let mut sleutels: Vec<&str> = diensten.keys().map(String::as_str).collect();
    sleutels.sort_unstable();
    assert_eq!(
        sleutels,
        [
            "begeleiding_ouders_systeem",
            "begeleiding_thuis_na_schooltijd",
            "deeltijdpleegzorg",
            "diagnostiek",
            "groepsbegeleiding_schooltijd",
            "individuele_begeleiding_school",
            "individuele_behandeling_lvb",
            "jggz",
            "kortdurend_verblijf",
            "niet_naar_oja_school",
            "persoonlijke_verzorging_school",
            "pgb",
            "verblijf",
        ]
    );
    assert!(diensten.values().all(|v| v == "OJA" || v == "V"), "{body}");
    // The schema's qualifiers travel with the answer (seed 004: "PGB
    // (indien na onderzoek OJA niet in OJA blijkt onder te brengen)").
    assert_eq!(
        body["voorwaarden"]["pgb"]["tekst"],
        "PGB (indien na onderzoek OJA niet in OJA blijkt onder te brengen)",
        "{body}"
    );
    let voorwaarden: Vec<&str> = body["voorwaarden"]
        .as_object()
        .expect("voorwaarden")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(voorwaarden, ["deeltijdpleegzorg", "diagnostiek", "pgb"]);
    // A JGGZ referral for a pupil of Watertuin ("JGGZ*VVVV") is a separate,
    // regular referral.
    let jggz = json!({
        "situatie": {"geboortedatum": "2016-05-12", "peildatum": "2026-11-23",
                     "onderwijssituatie": "oja", "school": "Watertuin"},
        "verwijzing": {"product": "behandeling_specialistisch_psychiatrie", "volume": 2,
                       "eenheid": "uur", "per": "week", "ingangsdatum": "2026-11-23",
                       "einddatum": "2027-07-31", "dienst": "jggz"},
    });
    let (s, _, body) = lees(
        post("/api/v1/normenkader/toetsingen", &jggz.to_string())
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(
        (&body["binnen_normen"], &body["dekking"]),
        (&json!(true), &json!("V")),
        "{body}"
    );
    assert_eq!(body["bevindingen"][0]["regel"], "almere.reikwijdte.jggz");
    let antwoord = lees(
        http.get(app.u("/api/v1/normenkader/reikwijdtes/Nergens"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    probleem(&antwoord, StatusCode::NOT_FOUND, "niet-gevonden");
}

// --- 3. logging in and out --------------------------------------------------------------------

async fn inloggen(app: &App) {
    let adres = app.volgend_adres();
    let http = client(adres);
    let inlog = |email: &str, wachtwoord: &str| {
        http.post(app.u("/api/v1/sessies"))
            .json(&json!({"email": email, "wachtwoord": wachtwoord}))
            .send()
    };
    let niet_ingelogd = json!({
        "type": "urn:schakel:probleem:niet-ingelogd", "title": "Niet ingelogd", "status": 401,
        "detail": "Log in of gebruik een geldig API-token.",
    });
    // 1: wrong password; 2: unknown account: the same answer.
    let antwoord = lees(inlog(ZC_A, "fout wachtwoord").await.expect("POST")).await;
    assert_eq!(
        probleem(&antwoord, StatusCode::UNAUTHORIZED, "niet-ingelogd"),
        niet_ingelogd
    );
    let antwoord = lees(
        inlog("niemand@nergens.test", WACHTWOORD)
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(
        probleem(&antwoord, StatusCode::UNAUTHORIZED, "niet-ingelogd"),
        niet_ingelogd
    );

    // 3: the right password (e-mail addresses are case-insensitive).
    let r = inlog(&ZC_A.to_uppercase(), WACHTWOORD).await.expect("POST");
    let (s, h, body) = lees(r).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let cookie = h
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("Set-Cookie")
        .to_string();
    let delen: Vec<&str> = cookie.split(';').map(str::trim).collect();
    let (naam, waarde) = delen[0].split_once('=').expect("name=value");
    assert_eq!(naam, "schakel_sessie");
    assert_eq!(waarde.len(), 64, "256 random bits, hex");
    assert!(delen.contains(&"HttpOnly"), "{cookie}");
    assert!(delen.contains(&"SameSite=Strict"), "{cookie}");
    assert!(delen.contains(&"Path=/"), "{cookie}");
    assert!(
        !delen.contains(&"Secure"),
        "plain http in the test: {cookie}"
    );
    let csrf = body["csrfToken"].as_str().expect("csrfToken").to_string();
    assert_eq!(csrf.len(), 64);
    assert_eq!(body["medewerker"], app.w.medewerker(ZC_A));
    assert_eq!(body["naam"], "Zorgcoördinator A");
    assert_eq!(body["rol"], "zorgcoordinator");
    assert_eq!(body["organisatie"], app.w.school_a);
    assert!(body["verloopt"].is_string());
    assert!(
        !body.to_string().contains(waarde),
        "the session id only in the cookie"
    );

    let (s, _, body) = lees(
        http.get(app.u("/api/v1/sessies/huidige"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"medewerker": app.w.medewerker(ZC_A), "naam": "Zorgcoördinator A",
               "rol": "zorgcoordinator", "organisatie": app.w.school_a,
               "rollen": [{"rol": "zorgcoordinator", "organisatie": app.w.school_a}]})
    );

    // Unsafe requests with the cookie need the CSRF token.
    let huishouden = json!({"vertegenwoordigers": []});
    for token in [None, Some("0".repeat(64))] {
        let mut b = http.post(app.u("/api/v1/huishoudens")).json(&huishouden);
        if let Some(t) = &token {
            b = b.header("X-CSRF-Token", t);
        }
        let antwoord = lees(b.send().await.expect("POST")).await;
        let body = probleem(&antwoord, StatusCode::FORBIDDEN, "csrf");
        assert_eq!(body["title"], "CSRF-token ontbreekt of klopt niet");
    }
    let antwoord = lees(
        http.delete(app.u("/api/v1/sessies/huidige"))
            .send()
            .await
            .expect("DELETE"),
    )
    .await;
    probleem(&antwoord, StatusCode::FORBIDDEN, "csrf");
    let (s, _, body) = lees(
        http.post(app.u("/api/v1/huishoudens"))
            .header("X-CSRF-Token", &csrf)
            .json(&huishouden)
            .send()
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");

    // Logging out ends the session on the server and clears the cookie.
    let (s, h, body) = lees(
        http.delete(app.u("/api/v1/sessies/huidige"))
            .header("X-CSRF-Token", &csrf)
            .send()
            .await
            .expect("DELETE"),
    )
    .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(body, Value::Null);
    let gewist = h
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("Set-Cookie clears the cookie");
    assert!(gewist.starts_with("schakel_sessie=;"), "{gewist}");
    assert!(gewist.contains("Max-Age=0"), "{gewist}");
    let antwoord = lees(
        http.get(app.u("/api/v1/sessies/huidige"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    probleem(&antwoord, StatusCode::UNAUTHORIZED, "niet-ingelogd");
    // The old cookie, sent by hand from a client that kept it, is dead too.
    let antwoord = lees(
        app.anoniem()
            .get(app.u("/api/v1/sessies/huidige"))
            .header(header::COOKIE, format!("schakel_sessie={waarde}"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    probleem(&antwoord, StatusCode::UNAUTHORIZED, "niet-ingelogd");

    // Only failures count, per account and per address separately (issue
    // 12.6). The success (3) cleared the account's count: five more wrong
    // passwords on it block the account, even with the right password and
    // from any address ...
    for _ in 0..5 {
        let antwoord = lees(inlog(ZC_A, "nog steeds fout").await.expect("POST")).await;
        probleem(&antwoord, StatusCode::UNAUTHORIZED, "niet-ingelogd");
    }
    let te_veel = |antwoord: &(StatusCode, HeaderMap, Value)| {
        let body = probleem(antwoord, StatusCode::TOO_MANY_REQUESTS, "te-veel-verzoeken");
        let na: u64 = antwoord
            .1
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("Retry-After in seconds");
        assert!((1..=60).contains(&na), "Retry-After {na}");
        assert_eq!(
            body["detail"],
            format!("Probeer het over {na} seconden opnieuw.")
        );
    };
    for wachtwoord in ["fout", WACHTWOORD] {
        te_veel(&lees(inlog(ZC_A, wachtwoord).await.expect("POST")).await);
    }
    let elders = app.anoniem();
    let vanaf_elders = |email: &str| {
        elders
            .post(app.u("/api/v1/sessies"))
            .json(&json!({"email": email, "wachtwoord": WACHTWOORD}))
            .send()
    };
    te_veel(&lees(vanaf_elders(ZC_A).await.expect("POST")).await);
    // ... but not a colleague behind the same (school NAT) address.
    let (s, _, body) = lees(inlog(ZC_B, WACHTWOORD).await.expect("POST")).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    // The address itself is blocked at twenty failures (so far 1 + 1 + 5;
    // the refused attempts did not count): a guesser trying many accounts.
    for n in 0..13 {
        let antwoord = lees(
            inlog(&format!("gok{n}@nergens.test"), "fout")
                .await
                .expect("POST"),
        )
        .await;
        probleem(&antwoord, StatusCode::UNAUTHORIZED, "niet-ingelogd");
    }
    te_veel(&lees(inlog(ZC_B, WACHTWOORD).await.expect("POST")).await);
    // Another address is not affected.
    let (s, _, body) = lees(vanaf_elders(ZC_B).await.expect("POST")).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");

    // Every attempt is in the audit log: the account tried (its id when it
    // exists), the address, the outcome; never a password or an unknown
    // e-mail address.
    let records = app.audit().await;
    let pogingen: Vec<&AuditRecord> = records
        .iter()
        .filter(|r| r.record.gebeurtenis == "sessie.inloggen")
        .collect();
    let zc_a = app.w.medewerker(ZC_A);
    let van_a: Vec<(&str, Uitkomst)> = pogingen
        .iter()
        .filter(|r| r.record.gebruiker == Some(zc_a))
        .map(|r| {
            (
                r.record.grond.as_deref().unwrap_or_default(),
                r.record.uitkomst,
            )
        })
        .collect();
    let fout = ("wachtwoord_onjuist", Uitkomst::Geweigerd);
    let blok = ("geblokkeerd_account", Uitkomst::Geweigerd);
    assert_eq!(
        van_a,
        [
            fout,
            ("wachtwoord_juist", Uitkomst::Toegestaan),
            fout,
            fout,
            fout,
            fout,
            fout,
            blok,
            blok,
            blok,
        ]
    );
    let bron = format!("api {adres}");
    assert!(
        pogingen
            .iter()
            .filter(|r| r.record.gebruiker == Some(zc_a))
            .take(9)
            .all(|r| r.record.bron == bron && r.record.object_type == "medewerker")
    );
    let gelukt = pogingen
        .iter()
        .find(|r| r.record.uitkomst == Uitkomst::Toegestaan)
        .expect("the successful login");
    assert_eq!(gelukt.record.rol, Some(Rol::Zorgcoordinator));
    assert_eq!(gelukt.record.organisatie, Some(app.w.school_a));
    let onbekend: Vec<&str> = pogingen
        .iter()
        .filter(|r| r.record.gebruiker.is_none())
        .filter_map(|r| r.record.grond.as_deref())
        .collect();
    assert_eq!(onbekend.len(), 14, "{onbekend:?}");
    assert!(onbekend.iter().all(|g| g.starts_with("onbekend_account ")));
    assert_ne!(
        onbekend[1], onbekend[2],
        "each unknown address its own pseudonym"
    );
    assert!(
        pogingen
            .iter()
            .any(|r| r.record.gebruiker == Some(app.w.medewerker(ZC_B))
                && r.record.grond.as_deref() == Some("geblokkeerd_adres"))
    );
    let alles = serde_json::to_string(&records).expect("json");
    for geheim in [
        WACHTWOORD,
        "nog steeds fout",
        "niemand@nergens.test",
        "gok3@nergens.test",
    ] {
        assert!(!alles.contains(geheim), "{geheim} is in the audit log");
    }
    // Logging out and refused CSRF tokens are logged too.
    let uit: Vec<&AuditRecord> = records
        .iter()
        .filter(|r| r.record.gebeurtenis == "sessie.uitloggen")
        .collect();
    assert_eq!(uit.len(), 1);
    assert_eq!(uit[0].record.gebruiker, Some(zc_a));
    assert_eq!(uit[0].record.uitkomst, Uitkomst::Toegestaan);
    let csrf_records: Vec<&AuditRecord> = records
        .iter()
        .filter(|r| r.record.gebeurtenis == "csrf.geweigerd")
        .collect();
    assert_eq!(
        csrf_records.len(),
        3,
        "two POSTs and a DELETE without the token"
    );
    assert!(csrf_records.iter().all(|r| r.record.gebruiker == Some(zc_a)
        && r.record.uitkomst == Uitkomst::Geweigerd
        && r.record.bron == bron));

    // Bad login input is named per field, and does not reach the password check.
    let antwoord = lees(
        app.anoniem()
            .post(app.u("/api/v1/sessies"))
            .json(&json!({"email": ZC_B}))
            .send()
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(ongeldig(&antwoord), ["wachtwoord"]);
}

// --- 4. API tokens ------------------------------------------------------------------------------

async fn api_tokens(app: &App) {
    let zc = app.login(ZC_A).await;
    let antwoord = zc
        .post(
            "/api/v1/api-tokens",
            json!({"naam": "koppeling", "geldigDagen": 0}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["geldigDagen"]);
    let antwoord = zc
        .post(
            "/api/v1/api-tokens",
            json!({"naam": " ", "geldigDagen": 30}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["naam"]);
    let (s, _, body) = zc
        .post(
            "/api/v1/api-tokens",
            json!({"naam": "koppeling LAS", "geldigDagen": 30}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let token = body["token"].as_str().expect("token").to_string();
    assert_eq!(token.len(), 64);
    let verloopt =
        chrono::DateTime::parse_from_rfc3339(body["verloopt"].as_str().expect("verloopt"))
            .expect("RFC 3339");
    let over_30 = chrono::Utc::now() + chrono::Duration::days(30);
    assert!((over_30 - verloopt.to_utc()).num_seconds().abs() < 60);

    // The token works without cookie and without CSRF token.
    let client = Gebruiker {
        url: app.url.clone(),
        http: app.anoniem(),
        csrf: String::new(),
        bearer: Some(token.clone()),
    };
    let (s, _, body) = client.get("/api/v1/sessies/huidige").await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["medewerker"], app.w.medewerker(ZC_A));
    assert_eq!(body["rol"], "zorgcoordinator");
    let (s, _, body) = client
        .post("/api/v1/huishoudens", json!({"vertegenwoordigers": []}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");

    // The scheme is case-insensitive.
    let (s, _, body) = lees(
        app.anoniem()
            .get(app.u("/api/v1/sessies/huidige"))
            .header(header::AUTHORIZATION, format!("bearer {token}"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{body}");

    for onzin in ["onzin", &"f".repeat(64), ""] {
        let antwoord = lees(
            app.anoniem()
                .get(app.u("/api/v1/sessies/huidige"))
                .header(header::AUTHORIZATION, format!("Bearer {onzin}"))
                .send()
                .await
                .expect("GET"),
        )
        .await;
        probleem(&antwoord, StatusCode::UNAUTHORIZED, "niet-ingelogd");
    }
    // Without anything.
    let antwoord = lees(
        app.anoniem()
            .get(app.u("/api/v1/jeugdigen"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    probleem(&antwoord, StatusCode::UNAUTHORIZED, "niet-ingelogd");
}

// --- issue 16.2: searching the list by name, BSN, school; sorted --------------------------------

/// `POST /jeugdigen/_zoek` finds by part of the name or a whole BSN, only
/// among the jeugdigen this role may see; `GET /jeugdigen` narrows by
/// school and sorts; every wrong field is named with what is allowed; a BSN
/// search that finds no one is logged as refused, with the pseudonym.
async fn jeugdigen_zoeken(app: &App) {
    let zc_a = app.login(ZC_A).await;
    let d1 = dossier(app, &zc_a, BSNS[0]).await;
    let d2 = dossier(app, &zc_a, BSNS[1]).await;
    let ids = |b: &Value| -> Vec<i64> {
        b["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["id"].as_i64())
            .collect()
    };
    // Both have the same name: the whole name in capitals finds both.
    let (s, _, b) = zc_a
        .post(
            "/api/v1/jeugdigen/_zoek",
            json!({"naam": format!(" {} {} ", VOORNAAM.to_uppercase(), &ACHTERNAAM[..5])}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(ids(&b), vec![d1.jeugdige, d2.jeugdige]);
    assert_eq!(b["paginering"]["totaal"], 2);
    let (_, _, b) = zc_a
        .post("/api/v1/jeugdigen/_zoek", json!({"naam": "Niemand"}))
        .await;
    assert_eq!(ids(&b), Vec::<i64>::new());
    let (_, _, b) = zc_a
        .post(
            "/api/v1/jeugdigen/_zoek?perPagina=1&pagina=2",
            json!({"bsn": BSNS[1]}),
        )
        .await;
    assert_eq!(
        b["paginering"],
        json!({"pagina": 2, "perPagina": 1, "totaal": 1, "paginas": 1}),
        "the query string pages the search"
    );
    let (_, _, b) = zc_a
        .post("/api/v1/jeugdigen/_zoek", json!({"bsn": BSNS[1]}))
        .await;
    assert_eq!(ids(&b), vec![d2.jeugdige], "a whole BSN");

    // A BSN outside the own relations (the matrix has another school's
    // pupil): not found, and the attempt is logged.
    let voor = app.audit().await.len();
    let (s, _, b) = zc_a
        .post("/api/v1/jeugdigen/_zoek", json!({"bsn": BSNS[2]}))
        .await;
    assert_eq!((s, ids(&b)), (StatusCode::OK, vec![]), "{b}");
    assert!(!b.to_string().contains(BSNS[2]));
    let records = app.audit().await;
    let nieuw: Vec<_> = records[voor..].iter().collect();
    assert_eq!(nieuw.len(), 1, "one record for the search");
    let r = &nieuw[0].record;
    assert_eq!(
        (r.gebeurtenis.as_str(), r.uitkomst, r.object_id),
        ("jeugdige.zoek_bsn", Uitkomst::Geweigerd, None)
    );
    assert_eq!(
        r.client.as_deref(),
        Some(bsn(BSNS[2]).pseudoniem(SLEUTEL).as_str())
    );

    // The school filter and the order, in the query string.
    let (s, _, b) = zc_a
        .get(&format!(
            "/api/v1/jeugdigen?school={}&sorteer=leeftijd",
            app.w.school_a
        ))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(
        ids(&b),
        vec![d1.jeugdige, d2.jeugdige],
        "same birth date: by id"
    );
    let (_, _, b) = zc_a
        .get(&format!("/api/v1/jeugdigen?school={}", app.w.school_b))
        .await;
    assert_eq!(ids(&b), Vec::<i64>::new(), "no pupils of school B");

    // Every wrong field at once, named with what is allowed.
    let fout = zc_a
        .post(
            "/api/v1/jeugdigen/_zoek",
            json!({"naam": "x".repeat(101), "bsn": "123456789", "sorteer": "lengte"}),
        )
        .await;
    assert_eq!(ongeldig(&fout), ["naam", "bsn", "sorteer"]);
    assert!(!fout.2.to_string().contains("123456789"), "{}", fout.2);
    let fout = zc_a.get("/api/v1/jeugdigen?sorteer=lengte").await;
    assert_eq!(ongeldig(&fout), ["sorteer"]);
    let fout = zc_a
        .post("/api/v1/jeugdigen/_zoek", json!({"bsnnummer": BSNS[0]}))
        .await;
    probleem(&fout, StatusCode::BAD_REQUEST, "ongeldige-invoer");
    // The hulpvragen by where they stand for us.
    let fout = zc_a.get("/api/v1/hulpvragen?stand=ergens").await;
    assert_eq!(ongeldig(&fout), ["stand"]);
    let (s, _, b) = zc_a.get("/api/v1/hulpvragen?stand=overgedragen").await;
    assert_eq!((s, &b["items"]), (StatusCode::OK, &json!([])), "{b}");

    // A role without dossiers: refused, and a BSN it names is logged.
    let beleid = app.login(BELEID).await;
    let voor = app.audit().await.len();
    let fout = beleid
        .post("/api/v1/jeugdigen/_zoek", json!({"bsn": BSNS[0]}))
        .await;
    probleem(&fout, StatusCode::FORBIDDEN, "geen-toegang");
    let records = app.audit().await;
    assert_eq!(
        records[voor..]
            .iter()
            .map(|r| (r.record.gebeurtenis.as_str(), r.record.uitkomst))
            .collect::<Vec<_>>(),
        [("jeugdige.zoek_bsn", Uitkomst::Geweigerd)]
    );
}

// --- 5 and 8. need to know; no BSN or name in logs or URLs ----------------------------------------

async fn need_to_know(app: &App) {
    let zc_a = app.login(ZC_A).await;
    let d = dossier(app, &zc_a, BSNS[0]).await;
    let pad = format!("/api/v1/jeugdigen/{}", d.jeugdige);

    let (s, h, body) = zc_a.get(&pad).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(etag(&h), "\"1\"");
    assert_eq!(body["bsn"], BSNS[0]);
    assert_eq!(body["voornaam"], VOORNAAM);
    let (s, _, lijst) = zc_a.get("/api/v1/jeugdigen").await;
    assert_eq!(s, StatusCode::OK, "{lijst}");
    assert_eq!(
        lijst["paginering"],
        json!({"pagina": 1, "perPagina": 20, "totaal": 1, "paginas": 1})
    );
    assert_eq!(lijst["items"], json!([body]));
    let (s, _, lijst) = zc_a.get("/api/v1/jeugdigen?pagina=2&perPagina=1").await;
    assert_eq!(s, StatusCode::OK, "{lijst}");
    assert_eq!(
        lijst["paginering"],
        json!({"pagina": 2, "perPagina": 1, "totaal": 1, "paginas": 1})
    );
    assert_eq!(lijst["items"], json!([]));

    // Another school: refused, and the refusal is logged.
    let zc_b = app.login(ZC_B).await;
    let geweigerd = zc_b.get(&pad).await;
    let body = probleem(&geweigerd, StatusCode::FORBIDDEN, "geen-toegang");
    for waarde in [BSNS[0], VOORNAAM, ACHTERNAAM] {
        assert!(!body.to_string().contains(waarde), "{body}");
    }
    let records = app.audit().await;
    let weigering = records
        .iter()
        .find(|r| {
            r.record.object_id == Some(d.jeugdige)
                && r.record.gebruiker == Some(app.w.medewerker(ZC_B))
                && r.record.gebeurtenis == "jeugdige.lezen"
        })
        .expect("the refused read is logged");
    assert_eq!(weigering.record.uitkomst, Uitkomst::Geweigerd);
    assert_eq!(weigering.record.actie, Actie::Lezen);
    assert_eq!(weigering.record.grond.as_deref(), Some("geen_relatie"));
    assert_eq!(weigering.record.rol, Some(Rol::Zorgcoordinator));
    assert_eq!(weigering.record.organisatie, Some(app.w.school_b));
    assert_eq!(
        weigering.record.client.as_deref(),
        Some(bsn(BSNS[0]).pseudoniem(SLEUTEL).as_str())
    );
    let (s, _, lijst) = zc_b.get("/api/v1/jeugdigen").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        lijst,
        json!({"items": [], "paginering": {"pagina": 1, "perPagina": 20, "totaal": 0, "paginas": 0}})
    );
    let geweigerd = zc_b
        .post(
            "/api/v1/hulpvragen",
            json!({"jeugdige": d.jeugdige, "omschrijving": "Ook bij ons?"}),
        )
        .await;
    probleem(&geweigerd, StatusCode::FORBIDDEN, "geen-toegang");
    let records = app.audit().await;
    assert!(records.iter().any(|r| {
        r.record.gebeurtenis == "hulpvraag.aanmaken"
            && r.record.object_id == Some(d.jeugdige)
            && r.record.gebruiker == Some(app.w.medewerker(ZC_B))
            && r.record.uitkomst == Uitkomst::Geweigerd
    }));
    // And still no relation: the refused hulpvraag did not create one.
    probleem(&zc_b.get(&pad).await, StatusCode::FORBIDDEN, "geen-toegang");

    // Beleid and beheerder never see personal data, not even with a relation.
    for email in [BELEID, BEHEERDER] {
        let g = app.login(email).await;
        probleem(
            &g.get("/api/v1/jeugdigen").await,
            StatusCode::FORBIDDEN,
            "geen-toegang",
        );
        probleem(&g.get(&pad).await, StatusCode::FORBIDDEN, "geen-toegang");
        let antwoord = g
            .post(
                "/api/v1/jeugdigen",
                jeugdige_invoer(d.huishouden, BSNS[1], None),
            )
            .await;
        probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
    }
    let records = app.audit().await;
    let beleid = records
        .iter()
        .find(|r| {
            r.record.gebruiker == Some(app.w.medewerker(BELEID))
                && r.record.gebeurtenis != "sessie.inloggen"
        })
        .expect("beleid's attempt is logged");
    assert_eq!(
        beleid.record.grond.as_deref(),
        Some("rol_zonder_dossiertoegang")
    );
    assert_eq!(beleid.record.uitkomst, Uitkomst::Geweigerd);

    // The wijkteam: nothing before its case; everything of the household after.
    let regisseur = app.login(REGISSEUR).await;
    probleem(
        &regisseur.get(&pad).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let verwijzer = app.login(VERWIJZER).await;
    probleem(
        &verwijzer.get(&pad).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    // Only a casusregisseur opens a case, and only for a household its
    // wijkteam works with: not for the school's pupil, refused and logged.
    probleem(
        &zc_a
            .post("/api/v1/casussen", json!({"huishouden": d.huishouden}))
            .await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    probleem(
        &regisseur
            .post("/api/v1/casussen", json!({"huishouden": d.huishouden}))
            .await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    assert!(app.audit().await.iter().any(|r| {
        r.record.gebeurtenis == "casus.aanmaken"
            && r.record.gebruiker == Some(app.w.medewerker(REGISSEUR))
            && r.record.uitkomst == Uitkomst::Geweigerd
            && r.record.grond.as_deref() == Some("geen_relatie_met_huishouden")
    }));
    // Triage by the school: both → a joint case of the wijkteam serving the
    // address, with the school and JGZ as parties.
    let triage = format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag);
    let antwoord = zc_a.post(&triage, json!({"uitkomst": "beide"})).await;
    assert_eq!(
        ongeldig(&antwoord),
        ["wijkteam"],
        "the school names the wijkteam"
    );
    let antwoord = zc_a
        .post(&triage, json!({"uitkomst": "beide", "wijkteam": app.w.jgz}))
        .await;
    assert_eq!(ongeldig(&antwoord), ["wijkteam"], "JGZ is no wijkteam");
    let antwoord = zc_a.post(&triage, json!({"uitkomst": "allebei"})).await;
    assert_eq!(ongeldig(&antwoord), ["uitkomst"]);
    probleem(
        &regisseur
            .post(&triage, json!({"uitkomst": "gemeente"}))
            .await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let (s, _, vraag) = zc_a
        .post(
            &triage,
            json!({"uitkomst": "beide", "wijkteam": app.w.wijkteam, "partijen": [app.w.jgz]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{vraag}");
    assert_eq!(vraag["triage"], "beide");
    assert_eq!(vraag["open"], false, "it lives on in the case's plan");
    let casus_id = vraag["casus"].as_i64().expect("a joint case");
    let (s, _, nogmaals) = zc_a.post(&triage, json!({"uitkomst": "onderwijs"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "triaged once: {nogmaals}");
    // The registrant sees where its question went; others do not.
    let (s, _, gelezen) = zc_a
        .get(&format!("/api/v1/hulpvragen/{}", d.hulpvraag))
        .await;
    assert_eq!(s, StatusCode::OK, "{gelezen}");
    assert_eq!(gelezen["casus"], casus_id);
    probleem(
        &zc_b
            .get(&format!("/api/v1/hulpvragen/{}", d.hulpvraag))
            .await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    // One household, one plan: the wijkteam cannot open a second case.
    let (s, _, tweede) = regisseur
        .post("/api/v1/casussen", json!({"huishouden": d.huishouden}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{tweede}");
    assert!(
        tweede["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("één huishouden, één plan"),
        "{tweede}"
    );
    let (s, _, body) = regisseur.get(&pad).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["id"], d.jeugdige);
    // The JGZ's verwijzer, party to the case.
    let (s, _, body) = verwijzer.get(&pad).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, _, lijst) = verwijzer.get("/api/v1/jeugdigen").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(lijst["paginering"]["totaal"], 1);
    // School B still not.
    probleem(&zc_b.get(&pad).await, StatusCode::FORBIDDEN, "geen-toegang");
    // A case for a household that does not exist.
    let antwoord = regisseur
        .post(
            "/api/v1/casussen",
            json!({"huishouden": d.huishouden + 1000}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["huishouden"]);
    let _ = casus_id;

    // A jeugdige that does not exist (answered as one without a relation:
    // ids cannot be probed), and an id that is no number.
    probleem(
        &zc_a
            .get(&format!("/api/v1/jeugdigen/{}", d.jeugdige + 1000))
            .await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let antwoord = zc_a.get("/api/v1/jeugdigen/abc").await;
    assert_eq!(ongeldig(&antwoord), ["id"]);

    // 8. Nothing of the jeugdige in the application's log or in the metrics.
    let log = logtekst();
    assert!(
        log.contains("toegang geweigerd"),
        "the log is captured: {} bytes",
        log.len()
    );
    for geheim in BSNS.iter().chain(NAMEN.iter()) {
        assert!(!log.contains(geheim), "{geheim} in the application log");
    }
    let metrics = app.metrics().await;
    assert!(
        metrics.contains(r#"route="/api/v1/jeugdigen/{id}""#),
        "{metrics}"
    );
    assert!(!metrics.contains(&format!("/api/v1/jeugdigen/{}", d.jeugdige)));
    for geheim in BSNS {
        assert!(!metrics.contains(geheim));
    }
}

// --- 6. ETag and If-Match ---------------------------------------------------------------------------

fn wijziging(voornaam: &str, school: i64) -> Value {
    json!({"voornaam": voornaam, "achternaam": ACHTERNAAM, "postcode": "1315AB",
           "huisnummer": 14, "toevoeging": null, "school": school})
}

async fn etag_if_match(app: &App) {
    let zc = app.login(ZC_A).await;
    let d = dossier(app, &zc, BSNS[1]).await;
    let pad = format!("/api/v1/jeugdigen/{}", d.jeugdige);
    let eerste = wijziging("Quirijn", app.w.school_a);

    let antwoord = zc.put(&pad, None, eerste.clone()).await;
    let body = probleem(
        &antwoord,
        StatusCode::PRECONDITION_REQUIRED,
        "if-match-vereist",
    );
    assert_eq!(body["title"], "If-Match vereist");
    let antwoord = zc.put(&pad, Some("versie 1"), eerste.clone()).await;
    assert_eq!(ongeldig(&antwoord), ["If-Match"]);

    let (s, h, body) = zc.put(&pad, Some("\"1\""), eerste.clone()).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(etag(&h), "\"2\"");
    assert_eq!(body["versie"], 2);
    assert_eq!(body["voornaam"], "Quirijn");
    assert_eq!(body["huisnummer"], 14);
    assert_eq!(body["toevoeging"], Value::Null);

    // A stale write: 412, nothing overwritten.
    let antwoord = zc
        .put(
            &pad,
            Some("\"1\""),
            wijziging("Overschreven", app.w.school_a),
        )
        .await;
    let fout = probleem(
        &antwoord,
        StatusCode::PRECONDITION_FAILED,
        "versie-verouderd",
    );
    assert!(
        fout["detail"].as_str().is_some_and(|d| d.contains("\"2\"")),
        "{fout}"
    );
    let (s, h, body) = zc.get(&pad).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(etag(&h), "\"2\"");
    assert_eq!(body["voornaam"], "Quirijn");
    assert_eq!(body["versie"], 2);

    // Bad data in an update: per field, and nothing changed.
    let mut slecht = eerste.clone();
    slecht["postcode"] = json!("0000XX");
    slecht["voornaam"] = json!(" ");
    let antwoord = zc.put(&pad, Some("\"2\""), slecht).await;
    assert_eq!(ongeldig(&antwoord), ["voornaam", "postcode"]);
    // Another school cannot change it (refused, logged).
    let zc_b = app.login(ZC_B).await;
    let antwoord = zc_b
        .put(&pad, Some("\"2\""), wijziging("Anders", app.w.school_b))
        .await;
    probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
    assert!(app.audit().await.iter().any(|r| {
        r.record.gebeurtenis == "jeugdige.wijzigen"
            && r.record.uitkomst == Uitkomst::Geweigerd
            && r.record.gebruiker == Some(app.w.medewerker(ZC_B))
    }));
    let (_, h, body) = zc.get(&pad).await;
    assert_eq!(etag(&h), "\"2\"");
    assert_eq!(body["voornaam"], "Quirijn");
    // A jeugdige that does not exist.
    let antwoord = zc
        .put(
            &format!("/api/v1/jeugdigen/{}", d.jeugdige + 1000),
            Some("\"1\""),
            eerste,
        )
        .await;
    probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
}

// --- 7. the audit log ---------------------------------------------------------------------------------

async fn auditlog(app: &App) {
    let zc_a = app.login(ZC_A).await;
    let d = dossier(app, &zc_a, BSNS[2]).await;
    let pad = format!("/api/v1/jeugdigen/{}", d.jeugdige);
    let pseudoniem = bsn(BSNS[2]).pseudoniem(SLEUTEL);

    assert_eq!(zc_a.get(&pad).await.0, StatusCode::OK);
    assert_eq!(zc_a.get("/api/v1/jeugdigen").await.0, StatusCode::OK);
    assert_eq!(
        zc_a.put(&pad, Some("\"1\""), wijziging("Quirijn", app.w.school_a))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        zc_a.put(&pad, Some("\"1\""), wijziging("Oud", app.w.school_a))
            .await
            .0,
        StatusCode::PRECONDITION_FAILED
    );
    let zc_b = app.login(ZC_B).await;
    assert_eq!(zc_b.get(&pad).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        zc_b.post(
            "/api/v1/hulpvragen",
            json!({"jeugdige": d.jeugdige, "omschrijving": "x"})
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        zc_b.put(&pad, Some("\"2\""), wijziging("B", app.w.school_b))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let beleid = app.login(BELEID).await;
    assert_eq!(beleid.get(&pad).await.0, StatusCode::FORBIDDEN);

    let records = app.audit().await;
    let over_jeugdige = |gebeurtenis: &str, uitkomst: Uitkomst| {
        records
            .iter()
            .filter(|r| {
                r.record.object_type == "jeugdige"
                    && r.record.object_id == Some(d.jeugdige)
                    && r.record.gebeurtenis == gebeurtenis
                    && r.record.uitkomst == uitkomst
            })
            .count()
    };
    use Uitkomst::{Geweigerd, Toegestaan};
    assert_eq!(over_jeugdige("jeugdige.aanmaken", Toegestaan), 1);
    assert_eq!(
        records
            .iter()
            .filter(|r| r.record.gebeurtenis == "bsn.controle"
                && r.record.client.as_deref() == Some(pseudoniem.as_str())
                && r.record.grond.as_deref() == Some("onbekend"))
            .count(),
        1,
        "the BSN was checked before it was registered"
    );
    assert_eq!(over_jeugdige("jeugdige.lezen", Toegestaan), 1);
    assert_eq!(over_jeugdige("jeugdige.lijst", Toegestaan), 1);
    assert_eq!(over_jeugdige("jeugdige.wijzigen", Toegestaan), 1);
    assert_eq!(
        over_jeugdige("jeugdige.lezen", Geweigerd),
        2,
        "school B and beleid"
    );
    assert_eq!(over_jeugdige("jeugdige.wijzigen", Geweigerd), 1);
    assert_eq!(over_jeugdige("hulpvraag.aanmaken", Geweigerd), 1);
    // The open hulpvraag: a record about the hulpvraag, for the same client.
    let hulpvraag: Vec<&AuditRecord> = records
        .iter()
        .filter(|r| r.record.gebeurtenis == "hulpvraag.aanmaken" && r.record.uitkomst == Toegestaan)
        .collect();
    assert_eq!(hulpvraag.len(), 1);
    assert_eq!(hulpvraag[0].record.object_type, "hulpvraag");
    assert!(hulpvraag[0].record.object_id.is_some());
    // Every access to the child's data, and only those, carry its pseudonym.
    let voor_client: Vec<&AuditRecord> = records
        .iter()
        .filter(|r| r.record.client.as_deref() == Some(pseudoniem.as_str()))
        .collect();
    assert_eq!(voor_client.len(), 10);
    assert_eq!(
        app.opslag
            .audit_voor_client(&pseudoniem)
            .await
            .expect("inzage")
            .len(),
        10
    );
    for r in &voor_client {
        let r = &r.record;
        assert_eq!(r.client_type.as_deref(), Some("bsn-pseudoniem"));
        assert!(r.gebruiker.is_some() && r.rol.is_some() && r.organisatie.is_some());
        assert!(r.bron.starts_with("api 127.0.0."), "{}", r.bron);
        assert_eq!(r.systeem, "schakel");
        assert!(r.grond.is_some());
        let actie = match r.gebeurtenis.as_str() {
            "jeugdige.aanmaken" | "hulpvraag.aanmaken" => Actie::Aanmaken,
            "jeugdige.lezen" | "jeugdige.lijst" | "bsn.controle" => Actie::Lezen,
            "jeugdige.wijzigen" => Actie::Wijzigen,
            anders => panic!("unexpected event {anders}"),
        };
        assert_eq!(r.actie, actie);
    }
    let huishouden = records
        .iter()
        .find(|r| r.record.gebeurtenis == "huishouden.aanmaken")
        .expect("the household's creation is logged");
    assert_eq!(huishouden.record.object_id, Some(d.huishouden));

    // Pseudonyms only: no BSN in any field of any record.
    for r in &records {
        let mut velden = serde_json::to_value(r).expect("json");
        for volledig in BSNS {
            assert!(!velden.to_string().contains(volledig), "{velden}");
        }
        // Hex digests may hold any six digits by chance; the rest may not.
        let velden = velden.as_object_mut().expect("object");
        for hex in ["hash", "vorige_hash", "client"] {
            velden.remove(hex);
        }
        let tekst = Value::Object(velden.clone()).to_string();
        assert!(!tekst.contains("999900"), "{tekst}");
        for naam in NAMEN {
            assert!(!tekst.contains(naam), "{tekst}");
        }
    }

    // The whole chain verifies against its head.
    let mut v = Verificatie::default();
    for r in &records {
        v.controleer(r).expect("chain");
    }
    let kop = app.opslag.audit_kop().await.expect("audit_kop");
    assert_eq!(v.sluit_af(kop), Ok(records.len() as i64));
}

// --- 9. bad input on the dossier endpoints ----------------------------------------------------------

async fn ongeldige_invoer(app: &App) {
    let zc = app.login(ZC_A).await;
    let d = dossier(app, &zc, BSNS[3]).await;
    let maak = |aanpassen: &dyn Fn(&mut Value)| {
        let mut v = jeugdige_invoer(d.huishouden, BSNS[4], Some(app.w.school_a));
        aanpassen(&mut v);
        zc.post("/api/v1/jeugdigen", v)
    };
    let antwoord = maak(&|v| v["bsn"] = json!("123456789")).await;
    let body = probleem(&antwoord, StatusCode::BAD_REQUEST, "ongeldige-invoer");
    assert_eq!(
        body["invalidParams"],
        json!([{"name": "bsn", "reason": "BSN: dit BSN klopt niet, controleer de cijfers"}])
    );
    assert_eq!(
        ongeldig(&maak(&|v| v["bsn"] = json!("12345")).await),
        ["bsn"]
    );
    let antwoord = maak(&|v| v["postcode"] = json!("0000XX")).await;
    assert_eq!(ongeldig(&antwoord), ["postcode"]);
    let antwoord = maak(&|v| {
        v["bsn"] = json!("123456789");
        v["postcode"] = json!("0000XX");
    })
    .await;
    assert_eq!(ongeldig(&antwoord), ["bsn", "postcode"]);
    let antwoord = maak(&|v| {
        v["voornaam"] = json!("");
        v["huisnummer"] = json!(0);
        v["toevoeging"] = json!("ABCDE");
    })
    .await;
    assert_eq!(
        ongeldig(&antwoord),
        ["voornaam", "huisnummer", "toevoeging"]
    );
    // Type errors and missing or unknown fields name the field too.
    assert_eq!(
        ongeldig(&maak(&|v| v["huisnummer"] = json!("twaalf")).await),
        ["huisnummer"]
    );
    assert_eq!(
        ongeldig(&maak(&|v| v["geboortedatum"] = json!("2016-13-01")).await),
        ["geboortedatum"]
    );
    assert_eq!(
        ongeldig(
            &maak(&|v| {
                v.as_object_mut().expect("object").remove("bsn");
            })
            .await
        ),
        ["bsn"]
    );
    assert_eq!(
        ongeldig(&maak(&|v| v["bsnn"] = json!(BSNS[4])).await),
        ["bsnn"]
    );
    assert_eq!(
        ongeldig(&maak(&|v| v["geboortedatum"] = json!("2999-01-01")).await),
        ["geboortedatum"]
    );
    // References to what does not exist.
    assert_eq!(
        ongeldig(&maak(&|v| v["huishouden"] = json!(d.huishouden + 1000)).await),
        ["huishouden"]
    );
    assert_eq!(
        ongeldig(&maak(&|v| v["school"] = json!(app.w.school_a + 1000)).await),
        ["school"]
    );
    // A BSN that is already registered: 409, without echoing it.
    let antwoord = maak(&|v| v["bsn"] = json!(BSNS[3])).await;
    let body = probleem(&antwoord, StatusCode::CONFLICT, "conflict");
    assert!(!body.to_string().contains(BSNS[3]), "{body}");
    // The same BSN written differently (spaces) is the same BSN.
    let antwoord = maak(&|v| v["bsn"] = json!(format!(" {} ", BSNS[3]))).await;
    probleem(&antwoord, StatusCode::CONFLICT, "conflict");
    // Nothing of the refused attempts was stored.
    let (_, _, lijst) = zc.get("/api/v1/jeugdigen").await;
    assert_eq!(lijst["paginering"]["totaal"], 1);

    // Pagination parameters.
    for (vraag, veld) in [
        ("perPagina=500", "perPagina"),
        ("perPagina=0", "perPagina"),
        ("pagina=0", "pagina"),
        ("perPagina=veel", "perPagina"),
        ("pagina=-1", "pagina"),
        ("pagina=99999999999999999", "pagina"),
        ("pagina=", "pagina"),
    ] {
        let antwoord = zc.get(&format!("/api/v1/jeugdigen?{vraag}")).await;
        assert_eq!(ongeldig(&antwoord), [veld], "{vraag}");
    }
    let antwoord = zc.get("/api/v1/organisaties?perPagina=101").await;
    assert_eq!(ongeldig(&antwoord), ["perPagina"]);
    let (s, _, body) = zc.get("/api/v1/organisaties?perPagina=100").await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["paginering"]["totaal"], 5);

    // Households and help questions.
    let antwoord = zc
        .post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": "", "relatie": "ouder"}, {"naam": OUDER, "relatie": " "}]}),
        )
        .await;
    assert_eq!(
        ongeldig(&antwoord),
        [
            "vertegenwoordigers[0].naam",
            "vertegenwoordigers[1].relatie"
        ]
    );
    let antwoord = zc
        .post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": OUDER}]}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["vertegenwoordigers[0].relatie"]);
    let antwoord = lees(
        zc.verzoek(Method::POST, "/api/v1/huishoudens")
            .header(header::CONTENT_TYPE, "application/json")
            .body(r#"{"vertegenwoordigers": []} {"nog": "een"}"#)
            .send()
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(ongeldig(&antwoord), ["body"]);
    let antwoord = zc
        .post(
            "/api/v1/hulpvragen",
            json!({"jeugdige": d.jeugdige, "omschrijving": " "}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["omschrijving"]);
    let antwoord = zc
        .post(
            "/api/v1/hulpvragen",
            json!({"jeugdige": d.jeugdige + 1000, "omschrijving": "?"}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["jeugdige"]);

    // Cases: parties that do not exist are named as the client knows them;
    // a party named twice, or the wijkteam itself, is one party.
    // The wijkteam's own household (one it registered).
    let regisseur = app.login(REGISSEUR).await;
    let (s, _, eigen) = regisseur
        .post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": OUDER, "relatie": "ouder"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{eigen}");
    let d = Dossier {
        huishouden: eigen["id"].as_i64().expect("id"),
        ..d
    };
    let antwoord = regisseur
        .post(
            "/api/v1/casussen",
            json!({"huishouden": d.huishouden, "partijen": [app.w.jgz, app.w.jgz + 1000]}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["partijen[1]"]);
    let antwoord = regisseur
        .post(
            "/api/v1/casussen",
            json!({"huishouden": d.huishouden, "partijen": "JGZ"}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["partijen"]);
    // School A teaches no jeugdige of this household: no party.
    let antwoord = regisseur
        .post(
            "/api/v1/casussen",
            json!({"huishouden": d.huishouden,
                   "partijen": [app.w.jgz, app.w.school_a, app.w.gemeente]}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["partijen[1]", "partijen[2]"]);
    let (s, _, casus) = regisseur
        .post(
            "/api/v1/casussen",
            json!({"huishouden": d.huishouden,
                   "partijen": [app.w.jgz, app.w.jgz, app.w.wijkteam]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{casus}");
    assert_eq!(casus["partijen"], json!([app.w.jgz]));
}

// --- organisations: reading for everyone, registering for the beheerder --------------------------------

async fn organisaties(app: &App) {
    let zc = app.login(ZC_A).await;
    let (s, _, body) = zc.get("/api/v1/organisaties?perPagina=2").await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(
        body["paginering"],
        json!({"pagina": 1, "perPagina": 2, "totaal": 5, "paginas": 3})
    );
    assert_eq!(body["items"][0]["id"], app.w.school_a);
    assert_eq!(body["items"][0]["brin"], "12AB00");
    assert_eq!(body["items"][0]["gemeente"], "GM0034");
    let regio = app.w.regio;
    let nieuw =
        json!({"regio": regio, "naam": "Zorg B.V.", "soort": "aanbieder", "agb": "12345678"});
    probleem(
        &zc.post("/api/v1/organisaties", nieuw.clone()).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let beheer = app.login(BEHEERDER).await;
    let antwoord = beheer
        .post(
            "/api/v1/organisaties",
            json!({"regio": regio, "naam": "School", "soort": "school", "agb": "1"}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["agb", "brin"]);
    let antwoord = beheer
        .post(
            "/api/v1/organisaties",
            json!({"regio": regio, "naam": "Iets", "soort": "winkel"}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["soort"]);
    let (s, _, body) = beheer.post("/api/v1/organisaties", nieuw).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!(body["agb"], "12345678");
    assert_eq!(body["soort"], "aanbieder");
    // Every kind the issue names, leerplicht/RMC included (issue 13.5).
    let (s, _, body) = beheer
        .post(
            "/api/v1/organisaties",
            json!({"regio": regio, "naam": "Leerplicht en RMC Almere", "soort": "leerplicht"}),
        )
        .await;
    assert_eq!(
        (s, body["soort"].clone()),
        (StatusCode::CREATED, json!("leerplicht")),
        "{body}"
    );
    let (_, _, alle) = zc.get("/api/v1/organisaties?perPagina=100").await;
    assert!(
        alle["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|o| o["soort"] == "leerplicht" && o["naam"] == "Leerplicht en RMC Almere"),
        "{alle}"
    );
    let _ = (app.w.gemeente, app.w.school_b);
}

// --- a joint case: a school party sees its own pupil, not the sibling ------------------------------

async fn broers_en_zussen(app: &App) {
    let zc_a = app.login(ZC_A).await;
    let d = dossier(app, &zc_a, BSNS[0]).await;
    // A sibling at school B, in the same household, without a question at A.
    let (s, _, zus) = zc_a
        .post(
            "/api/v1/jeugdigen",
            jeugdige_invoer(d.huishouden, BSNS[1], Some(app.w.school_b)),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{zus}");
    let (s, _, vraag) = zc_a
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
            json!({"uitkomst": "beide", "wijkteam": app.w.wijkteam}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{vraag}");
    // School A is party to the joint case for its pupil; it still does not
    // see the sibling at school B.
    probleem(
        &zc_a.get(&format!("/api/v1/jeugdigen/{}", zus["id"])).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    // The list shows the own pupil only, and counts only what it may show:
    // a total that counts the sibling would tell that it exists, and pages
    // would come out short or empty.
    let (s, _, lijst) = zc_a.get("/api/v1/jeugdigen").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(lijst["items"].as_array().map(Vec::len), Some(1), "{lijst}");
    assert_eq!(lijst["items"][0]["id"], d.jeugdige);
    assert_eq!(lijst["paginering"]["totaal"], 1, "{lijst}");
}

// The OpenAPI document against the router and the server (issue 14).
#[path = "api/openapi.rs"]
mod openapi;
use openapi::openapi_en_server;
// Issue 12: access no one should get (triage, BSN checks, organisation
// fields, access in time).
#[path = "api/toegang.rs"]
mod toegang;
use toegang::{
    bsn_controle, organisatievelden, regisseur_brengt_partij_in, toegang_in_tijd,
    triage_geeft_geen_toegang,
};
// Break-the-glass on a closed case, and its report (issue 12.3).
#[path = "api/noodtoegang.rs"]
mod noodtoegang;
use noodtoegang::{noodtoegang, web_noodtoegang};
// API tokens listed and revoked; deactivation (issue 12.5).
#[path = "api/tokens.rs"]
mod tokens;
use tokens::{api_tokens_beheren, deactiveren_beeindigt_alles, web_api_tokens_beheren};

// An account's life cycle (issue 13.2).
#[path = "api/accounts.rs"]
mod accounts;
use accounts::{accounts_levenscyclus, web_medewerkers};

// The access route of seed 000.
#[path = "api/toegangsroute.rs"]
mod toegangsroute;
use toegangsroute::toegangsroute;

// The municipality's review of maatwerk referrals (issue 14 item 6).
#[path = "api/maatwerk.rs"]
mod maatwerk;
use maatwerk::{maatwerk_matrix, maatwerk_toets, web_maatwerk};

// The region's set-up: an organisation's access-route data (issue 13).
#[path = "api/inrichting.rs"]
mod inrichting;
use inrichting::inrichting;

// The directory's contact persons and expertpool, written (issue 13.5).
#[path = "api/contactpersonen.rs"]
mod contactpersonen;
use contactpersonen::{contactpersonen_beheren, web_contactpersonen};

// Single sign-on against a real OpenID Provider (issue 13.4).
#[path = "api/sso.rs"]
mod sso;
use sso::{sso_herbevestigen, sso_inloggen, sso_instellen, sso_terugkeer_begrensd};
// Multi-factor login: enrolment, the two steps, every refusal (issue 13.3).
#[path = "api/tweedefactor.rs"]
mod tweedefactor;
use tweedefactor::tweede_factor;

// A lost second factor removed by a beheerder (issue 13.3).
#[path = "api/factorherstel.rs"]
mod factorherstel;
use factorherstel::tweede_factor_verwijderen;
// Another region's rule set served with no code of its own (issue 17.1).
#[path = "api/tweede_regelset.rs"]
mod tweede_regelset;

// Several regions in one server; the pupil's gemeente decides (issue 17.2-3).
#[path = "api/regios.rs"]
mod regios;

// The advisor and the check for one jeugdige on the web (issue 17.3).
#[path = "api/web_advies.rs"]
mod web_advies;

// The referral takes the child's situation from the dossier (issue 14.5).
#[path = "api/onderwijssituatie.rs"]
mod onderwijssituatie;
use onderwijssituatie::{onderwijssituatie_in_dossier, web_verwijzing_uit_dossier};

// Interventie-afspraken and the toets of footnote *** (issue 14.2).
#[path = "api/interventie.rs"]
mod interventie;
use interventie::{interventie_afspraak, web_interventie_afspraken};

// The last list filters of issue 16.2: referrals and hulpvragen.
#[path = "api/lijstfilters.rs"]
mod lijstfilters;
use lijstfilters::lijstfilters_api;

// The source's words on the web pages (issue 14.8).
#[path = "api/bronwoorden.rs"]
mod bronwoorden;
use bronwoorden::web_reikwijdte_met_bronwoorden;

// --- one test per scenario and backend -------------------------------------------------------------------

macro_rules! per_backend {
    ($($(#[$attr:meta])* $scenario:ident),* $(,)?) => {
        mod sqlite {
            $(
                $(#[$attr])*
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    let app = super::App::sqlite().await;
                    super::$scenario(&app).await;
                    app.klaar().await;
                }
            )*
        }
        mod postgres {
            $(
                $(#[$attr])*
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    let Some(app) = super::App::postgres().await else {
                        return;
                    };
                    super::$scenario(&app).await;
                    app.klaar().await;
                }
            )*
        }
    };
}

per_backend!(
    lijstfilters_api,
    gezondheid_openapi_metrics,
    openapi_en_server,
    metrics_apart_en_begrensd,
    begrensde_invoer,
    begrensde_formulieren,
    extreme_datums,
    normenkader,
    inloggen,
    api_tokens,
    api_tokens_beheren,
    deactiveren_beeindigt_alles,
    need_to_know,
    jeugdigen_zoeken,
    etag_if_match,
    auditlog,
    ongeldige_invoer,
    organisaties,
    broers_en_zussen,
    toegangsroute,
    inrichting,
    contactpersonen_beheren,
    web_contactpersonen,
    autorisatiematrix,
    regio_isolatie,
    matrix_in_tijd,
    steunroute,
    monitoring,
    monitoring_per_regio,
    landelijke_rol_alleen_door_de_installatie,
    web_landelijk_alleen_de_landelijke_cijfers,
    web_geen_dossierpaginas_zonder_dossierrol,
    adresgids,
    twee_instanties_een_gids,
    web_inloggen_en_beveiliging,
    web_logt_zoals_de_api,
    web_rol_kiezen,
    web_jeugdige_registreren,
    web_gids,
    web_gezin,
    web_formulier_na_verlopen_sessie,
    web_inrichting,
    web_casus_veiligheid_en_afsluiten,
    web_partij_toevoegen,
    web_casus_inkoop_en_onderwijs,
    web_api_token,
    triage_geeft_geen_toegang,
    regisseur_brengt_partij_in,
    bsn_controle,
    organisatievelden,
    toegang_in_tijd,
    web_api_tokens_beheren,
    maatwerk_toets,
    maatwerk_matrix,
    web_maatwerk,
    noodtoegang,
    web_noodtoegang,
    tweede_factor,
    tweede_factor_verwijderen,
    accounts_levenscyclus,
    web_medewerkers,
    sso_instellen,
    sso_inloggen,
    sso_terugkeer_begrensd,
    sso_herbevestigen,
    onderwijssituatie_in_dossier,
    interventie_afspraak,
    web_interventie_afspraken,
    web_verwijzing_uit_dossier,
    web_reikwijdte_met_bronwoorden,
    berichten_met_nederlandse_datums,
);
