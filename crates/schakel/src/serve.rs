//! `schakel serve`: the web application and API.

use std::net::SocketAddr;
use std::path::Path;

use clap::Args;
use schakel_http::{AppState, Instellingen};
use schakel_rules::Regios;
use schakel_storage::Opslag;

use crate::opslag::{OpenFout, OpslagOpties};

#[derive(Args, Debug)]
pub struct ServeOpties {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Address for Prometheus metrics (`GET /metrics`), apart from the
    /// public listener; keep it on loopback or an operators' network.
    #[arg(long, env = "SCHAKEL_METRICS_LISTEN", default_value = "127.0.0.1:9464")]
    pub metrics_listen: SocketAddr,
    #[command(flatten)]
    pub opslag: OpslagOpties,
    /// Start with fresh demo regions Almere and Achterhoek (its own SQLite file in the data
    /// directory) and print an account for every role.
    #[arg(long)]
    pub demo: bool,
    /// The day the demo starts on (YYYY-MM-DD, default today): its named
    /// households are stamped that day and its year of history lies in the
    /// eleven months before. For training on a fixed day, and for tests
    /// that check the history as of any month.
    #[arg(long, requires = "demo", value_parser = demo_datum)]
    pub demo_datum: Option<chrono::NaiveDate>,
    /// How many BSN checks (registering a jeugdige) one account may make
    /// per hour before it gets 429: a guard against using registration as
    /// a BSN oracle. Raise it for a bulk intake.
    #[arg(long, env = "SCHAKEL_BSN_CONTROLES_PER_UUR", default_value_t = 20,
          value_parser = clap::value_parser!(i64).range(1..=1_000_000))]
    pub bsn_controles_per_uur: i64,
    /// Months a provider keeps reading a jeugdige after the last day of its
    /// last referral for them, for its final declaration.
    #[arg(long, env = "SCHAKEL_NAWERKING_VERWIJZING_MAANDEN", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=24))]
    pub nawerking_verwijzing_maanden: u32,
    /// Months after a case closed during which the wijkteam that ran it may
    /// still open it by break-the-glass (noodtoegang: a stated reason, one
    /// hour at a time, shown to the region's beheerder).
    #[arg(long, env = "SCHAKEL_INZAGE_GESLOTEN_MAANDEN", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(0..=120))]
    pub inzage_gesloten_maanden: u32,
    /// Weeks the gemeente has to decide on a maatwerk referral (its action's
    /// due date).
    #[arg(long, env = "SCHAKEL_TOETSTERMIJN_WEKEN", default_value_t = 8,
          value_parser = clap::value_parser!(u64).range(1..=52))]
    pub toetstermijn_weken: u64,
    /// Seconds without activity after which a session ends (default 30
    /// minutes). Pages warn two minutes before and offer "Blijf ingelogd";
    /// a form sent later is kept through the new login.
    #[arg(long, env = "SCHAKEL_SESSIE_INACTIEF_SECONDEN", default_value_t = 1800,
          value_parser = clap::value_parser!(i64).range(10..=43_200))]
    pub sessie_inactief_seconden: i64,
    /// Mark cookies Secure: set this when Schakel runs behind TLS.
    #[arg(long, env = "SCHAKEL_VEILIGE_COOKIES")]
    pub veilige_cookies: bool,
    /// The address users open Schakel at (e.g. https://schakel.gemeente.nl):
    /// the origin and relying-party id of passkeys. Default: --basis-url;
    /// without either, on a loopback --listen http://localhost:PORT;
    /// elsewhere none, and then passkeys are not offered (the
    /// authenticator app is).
    #[arg(long, env = "SCHAKEL_PUBLIEKE_URL")]
    pub publieke_url: Option<url::Url>,
    /// An SMTP relay for activation and reset links (smtp://host:port,
    /// plain SMTP on the own network); without it the links are only
    /// shown to the one who made them.
    #[arg(long, env = "SCHAKEL_SMTP_URL", requires = "smtp_afzender")]
    pub smtp_url: Option<String>,
    /// The sender of those e-mails, e.g. "Schakel <schakel@gemeente.nl>".
    #[arg(long, env = "SCHAKEL_SMTP_AFZENDER", requires = "smtp_url")]
    pub smtp_afzender: Option<String>,
    /// The web application's styles and script, built by scripts/web-build
    /// (default: ./web/dist, else the repository's web/dist).
    #[arg(long, env = "SCHAKEL_WEB_DIR")]
    pub web_dir: Option<std::path::PathBuf>,
    /// The address people reach Schakel at (https://schakel.regio.nl):
    /// activation and reset links and single sign-on's redirect URI start
    /// with it; default: http:// and the address it listens on.
    #[arg(long, env = "SCHAKEL_BASIS_URL")]
    pub basis_url: Option<String>,
    /// Accept an http:// single sign-on issuer on a loopback address (a test
    /// provider); never needed in production.
    #[arg(long, env = "SCHAKEL_SSO_HTTP_TOESTAAN")]
    pub sso_http_toestaan: bool,
    #[command(flatten)]
    pub audit: crate::auditlog::AuditOpties,
    /// Seconds between signed checkpoints of the audit log (written only
    /// when records came since the last one, and once more on shutdown).
    #[arg(long, env = "SCHAKEL_AUDIT_CHECKPOINT_INTERVAL", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub audit_checkpoint_interval: u64,
}

/// The demo's day, within the range of every other period date.
fn demo_datum(tekst: &str) -> Result<chrono::NaiveDate, String> {
    let dag = schakel_rules::datum::parse_datum(tekst)
        .ok_or_else(|| format!("'{tekst}' is geen datum; toegestaan: JJJJ-MM-DD"))?;
    schakel_domain::grens::Datumsoort::Periode.controleer(dag)
}

/// Nine in the morning, Dutch winter time, on the demo's day.
fn demo_moment(dag: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    dag.and_hms_opt(8, 0, 0).unwrap_or_default().and_utc()
}

/// Where the built styles are: the option, else `web/dist` here, else the
/// repository's. Without them the pages still work, unstyled; the log says
/// how to build them.
fn web_map(gekozen: Option<&Path>) -> Option<std::path::PathBuf> {
    let kandidaten = match gekozen {
        Some(p) => vec![p.to_path_buf()],
        None => vec![
            std::path::PathBuf::from("web/dist"),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/dist"),
        ],
    };
    let gevonden = kandidaten
        .into_iter()
        .find(|p| p.join("schakel.css").is_file());
    if gevonden.is_none() {
        tracing::warn!(
            "geen opgemaakte stijlen gevonden (schakel.css); voer scripts/web-build uit of geef --web-dir"
        );
    }
    gevonden
}

/// Serves every region of `regios` (all of `data/regio/`).
pub async fn serve(opties: &ServeOpties, regios: Regios, data: &Path) -> Result<(), OpenFout> {
    let sleutel = opties.opslag.pseudoniem_sleutel()?;
    // Checked before anything starts: a wrong --smtp-url stops the start.
    let post = match (&opties.smtp_url, &opties.smtp_afzender) {
        (Some(url), Some(afzender)) => {
            Some(schakel_http::post::Post::new(url, afzender).map_err(OpenFout)?)
        }
        _ => None,
    };
    let (opslag, accounts) = if opties.demo {
        if opties.opslag.database_url.is_some() {
            return Err(OpenFout(
                "--demo gebruikt een eigen SQLite-bestand; laat --database-url weg".into(),
            ));
        }
        let pad = opties.opslag.data_dir.join("demo.db");
        // The database and its audit file, each with its WAL and index.
        for bestand in [pad.clone(), schakel_storage_sqlite::auditbestand(&pad)]
            .iter()
            .flat_map(|b| schakel_storage_sqlite::met_wal(b))
        {
            let _ = std::fs::remove_file(bestand);
        }
        let demo_opties = OpslagOpties {
            data_dir: opties.opslag.data_dir.clone(),
            database_url: Some(format!("sqlite://{}", pad.display())),
        };
        let opslag = demo_opties.open().await?;
        let demo = data.join("demo");
        let (almere, achterhoek, landelijk, historie) = (
            demo.join("almere.toml"),
            demo.join("achterhoek.toml"),
            demo.join("landelijk.toml"),
            demo.join("almere-historie.toml"),
        );
        let bestanden = [almere.as_path(), &achterhoek, &landelijk];
        let vul = crate::demo::vul(
            opslag.clone(),
            &bestanden,
            Some(&historie),
            &sleutel,
            &regios,
        );
        let accounts = match opties.demo_datum {
            Some(dag) => schakel_storage::klok::op(demo_moment(dag), vul).await,
            None => vul.await,
        }
        .map_err(OpenFout)?;
        for regio in ["almere", "achterhoek"] {
            crate::gids::vul_demo(opslag.as_ref(), &data.join("gids").join(regio), regio)
                .await
                .map_err(OpenFout)?;
        }
        (opslag, accounts)
    } else {
        (opties.opslag.open().await?, Vec::new())
    };
    // Before anything is served: this instance's rules and calendar must
    // be the ones every instance on this database serves.
    schakel_http::regelversies::controleer_bij_start(opslag.as_ref(), &regios)
        .await
        .map_err(|e| OpenFout(e.to_string()))?;
    let listener = tokio::net::TcpListener::bind(opties.listen)
        .await
        .map_err(|e| OpenFout(format!("--listen {}: {e}", opties.listen)))?;
    let adres = listener.local_addr().map_err(|e| OpenFout(e.to_string()))?;
    let metrics = tokio::net::TcpListener::bind(opties.metrics_listen)
        .await
        .map_err(|e| OpenFout(format!("--metrics-listen {}: {e}", opties.metrics_listen)))?;
    let metrics_adres = metrics.local_addr().map_err(|e| OpenFout(e.to_string()))?;
    print_welkom(adres, metrics_adres, opslag.as_ref(), &accounts);
    let instellingen = Instellingen {
        factor_sleutel: Some(opties.opslag.factor_sleutel()?),
        publieke_url: publieke_url(
            opties.publieke_url.clone().or_else(|| {
                let b = opties.basis_url.as_deref()?;
                url::Url::parse(b).ok()
            }),
            adres,
        ),
        veilige_cookies: opties.veilige_cookies,
        sessie_inactief: chrono::Duration::seconds(opties.sessie_inactief_seconden),
        pseudoniem_sleutel: sleutel,
        web_map: web_map(opties.web_dir.as_deref()),
        bsn_controles_per_uur: opties.bsn_controles_per_uur,
        termijnen: schakel_domain::toegang::Termijnen {
            nawerking_verwijzing: chrono::Months::new(opties.nawerking_verwijzing_maanden),
            inzage_gesloten_casus: chrono::Months::new(opties.inzage_gesloten_maanden),
        },
        toetstermijn_dagen: opties.toetstermijn_weken * 7,
        basis_url: opties
            .basis_url
            .clone()
            .unwrap_or_else(|| format!("http://{adres}")),
        post,
        sso_http_toegestaan: opties.sso_http_toestaan,
        ..Instellingen::default()
    };
    let checkpointer = std::sync::Arc::new(crate::auditlog::Checkpointer {
        opslag: opslag.clone(),
        sleutel: opties.audit.sleutel(&opties.opslag)?,
        bestand: opties.audit.checkpoints_pad(&opties.opslag),
    });
    let taak = checkpointer.clone().start(std::time::Duration::from_secs(
        opties.audit_checkpoint_interval,
    ));
    let state = AppState::new(opslag, regios, instellingen, schakel_http::metrics_handle());
    schakel_http::gids::volg_andere_instanties(state.clone())
        .await
        .map_err(|e| OpenFout(format!("gidswijzigingen volgen: {e}")))?;
    schakel_http::regelversies::volg_publicaties(state.clone())
        .await
        .map_err(|e| OpenFout(format!("regelpublicaties volgen: {e}")))?;
    let uitslag = schakel_http::serve(listener, metrics, state)
        .await
        .map_err(|e| OpenFout(e.to_string()));
    // On shutdown: sign what the last interval left.
    taak.abort();
    if let Err(e) = checkpointer.eens().await {
        tracing::error!("auditlog: checkpoint bij het stoppen niet geschreven: {e}");
    }
    uitslag
}

/// The public URL: as given (or --basis-url), else `http://localhost:PORT` when Schakel
/// listens on loopback (a browser's WebAuthn takes no IP address as the
/// relying party), else none.
fn publieke_url(gegeven: Option<url::Url>, adres: SocketAddr) -> Option<url::Url> {
    match gegeven {
        Some(u) => Some(u),
        None if adres.ip().is_loopback() => {
            url::Url::parse(&format!("http://localhost:{}", adres.port())).ok()
        }
        None => None,
    }
}

fn print_welkom(
    adres: SocketAddr,
    metrics: SocketAddr,
    opslag: &dyn Opslag,
    accounts: &[crate::demo::DemoAccount],
) {
    println!(
        "Schakel luistert op http://{adres} (database: {})",
        opslag.backend()
    );
    println!("  Web:      http://{adres}/");
    println!("  API:      http://{adres}/api/v1/openapi.json");
    println!("  Metrics:  http://{metrics}/metrics");
    println!("  Gezond:   http://{adres}/api/v1/gezondheid");
    if !accounts.is_empty() {
        println!();
        println!(
            "Demo-accounts (wachtwoorden gelden alleen voor deze start; demo-accounts loggen in zonder tweede factor):"
        );
        for a in accounts {
            println!(
                "  {:<34} {:<20} {:<45} wachtwoord: {}",
                a.email,
                a.rol.naam(),
                a.organisatie,
                a.wachtwoord
            );
        }
    }
}
