//! `schakel`: the command line of Schakel.
//!
//! Exit codes: 0 success; 2 bad input (one line on stderr naming the field and
//! what is allowed); 1 when the rule or calendar data cannot be loaded.

mod account;
mod auditlog;
mod beheer;
mod demo;
mod gids;
mod inrichting;
mod kalender;
mod opslag;
mod serve;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use schakel_domain::grens::vandaag;
use schakel_rules::vraag::parse_json;
use schakel_rules::{InvoerFout, LaadFout, Regios};
use serde::Serialize;

/// mimalloc instead of glibc's malloc: sqlx decodes rows on its worker
/// threads and they are freed on others, and glibc spent ~36% of `audit
/// verify` in malloc and free (BENCHMARKS.md, "The audit log without one
/// queue"); mimalloc is built for frees from another thread. Built with
/// `no_thp`: mimalloc asks for transparent huge pages, returns freed memory
/// after a few milliseconds and faults it in again, each fault zeroing 2 MiB;
/// with the sequencer's batches that was 12% of the server's CPU and the
/// case list's p99 (154 ms against 40 ms, BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "schakel",
    version,
    about = "Schakel: jeugdhulp rond school, volgens het normenkader"
)]
struct Cli {
    /// Data directory with kalender/ and regio/ (default: $SCHAKEL_DATA, ./data, or the repository's data/).
    #[arg(long, global = true, env = "SCHAKEL_DATA")]
    data: Option<PathBuf>,
    /// The default region (a code of data/regio/): its normenkader answers
    /// questions that name no gemeente, and account and import work in it.
    /// Not needed when the data directory holds one region. `serve` serves
    /// every region all the same and needs none: a "gemeente" in the input
    /// (CBS code) picks that gemeente's region, else the user's own.
    #[arg(long, global = true, env = "SCHAKEL_REGIO")]
    regio: Option<String>,
    #[command(subcommand)]
    opdracht: Opdracht,
}

#[derive(Subcommand)]
enum Opdracht {
    /// What may be referred for a child: reads an advies JSON object from FILE, or stdin with '-'; an optional "gemeente" (GM0034) picks the region.
    Advies { bestand: PathBuf },
    /// Checks a proposed referral against the norms: reads {"gemeente"?, "situatie", "verwijzing"} from FILE or '-'.
    Toets { bestand: PathBuf },
    /// Which services an OJA school's arrangement covers (OJA) and which need a referral (V).
    Reikwijdte {
        #[arg(long)]
        school: String,
    },
    /// Rule set versions and their rules, with ids and citations; `publiceer`: roll out new rule or calendar files to every instance.
    Regels {
        #[command(subcommand)]
        opdracht: Option<RegelsOpdracht>,
    },
    /// School calendar: import the Rijksoverheid feed, show what is covered.
    #[command(subcommand)]
    Kalender(kalender::KalenderOpdracht),
    /// Runs the web application and API.
    Serve(Box<serve::ServeOpties>),
    /// Accounts: invite (one-time activation link), deactivate, reactivate.
    #[command(subcommand)]
    Account(account::AccountOpdracht),
    /// NEN 7513 audit log: verify the hash chain, export one child's accesses.
    #[command(subcommand)]
    Audit(beheer::AuditOpdracht),
    /// A consistent online backup of the case records.
    Backup {
        /// The backup file to create (must not exist).
        #[arg(long)]
        doel: PathBuf,
        #[command(flatten)]
        opslag: opslag::OpslagOpties,
    },
    /// The regional directory: import CBS addresses or wijkteam areas and contact points.
    #[command(subcommand)]
    Import(gids::ImportOpdracht),
    /// Which wijkteam and contact point serve an address.
    Wijkteam {
        /// Postcode, e.g. 1315AB.
        #[arg(long)]
        postcode: String,
        #[arg(long)]
        huisnummer: u32,
        /// Accepted; the CBS file does not tell addresses apart by it.
        #[arg(long)]
        toevoeging: Option<String>,
        #[command(flatten)]
        opslag: opslag::OpslagOpties,
    },
    /// Records past their retention deadline (Jeugdwet art. 7.3.8: 20 years after the last change).
    Retentie {
        /// Date to check against (default: today).
        #[arg(long)]
        peildatum: Option<String>,
        #[command(flatten)]
        opslag: opslag::OpslagOpties,
    },
}

#[derive(Subcommand)]
enum RegelsOpdracht {
    /// Records the rule and calendar files of --data as what every `serve` on this database must load (audited); running instances with other files then report "verouderd" until restarted with these.
    Publiceer {
        #[command(flatten)]
        opslag: opslag::OpslagOpties,
    },
}

enum Fout {
    Invoer(InvoerFout),
    Laden(LaadFout),
    /// The database or the audit chain: operational, not the caller's input.
    Bedrijf(String),
}

impl From<InvoerFout> for Fout {
    fn from(f: InvoerFout) -> Self {
        Self::Invoer(f)
    }
}

impl From<LaadFout> for Fout {
    fn from(f: LaadFout) -> Self {
        Self::Laden(f)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match voer_uit(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fout::Invoer(f)) => {
            eprintln!("fout: {f}");
            ExitCode::from(2)
        }
        Err(Fout::Laden(f)) => {
            eprintln!("fout in de regels of kalender: {f}");
            ExitCode::from(1)
        }
        Err(Fout::Bedrijf(f)) => {
            eprintln!("fout: {f}");
            ExitCode::from(1)
        }
    }
}

fn voer_uit(cli: &Cli) -> Result<(), Fout> {
    let data = datamap(cli.data.as_deref());
    match &cli.opdracht {
        Opdracht::Advies { bestand } => {
            let regios = Regios::laad(&data, cli.regio.as_deref())?;
            let invoer = parse_json(&lees_invoer(bestand)?)?;
            eis_gemeente_of_regio(&regios, &invoer)?;
            schrijf(&regios.advies_json(&invoer, vandaag())?);
        }
        Opdracht::Toets { bestand } => {
            let regios = Regios::laad(&data, cli.regio.as_deref())?;
            let invoer = parse_json(&lees_invoer(bestand)?)?;
            eis_gemeente_of_regio(&regios, &invoer)?;
            schrijf(&regios.toets_json(&invoer, vandaag())?);
        }
        Opdracht::Reikwijdte { school } => {
            let regios = Regios::laad(&data, cli.regio.as_deref())?;
            let regels = standaard_regels(&regios)?;
            let kader = regels.kader_voor(vandaag(), "peildatum")?;
            let (reikwijdte, toelichting, bronnen) = kader.reikwijdte_school(school)?;
            schrijf(&serde_json::json!({
                "school": reikwijdte.school,
                "reikwijdte": reikwijdte,
                "voorwaarden": reikwijdte.voorwaarden(),
                "toelichting": toelichting,
                "bronnen": bronnen,
            }));
        }
        Opdracht::Regels { opdracht: None } => {
            let regios = Regios::laad(&data, cli.regio.as_deref())?;
            schrijf(&regels_overzicht(&regios, standaard_regels(&regios)?))
        }
        Opdracht::Regels {
            opdracht: Some(RegelsOpdracht::Publiceer { opslag }),
        } => {
            let regios = Regios::laad(&data, cli.regio.as_deref())?;
            runtime()?.block_on(publiceer(opslag, &regios))?;
        }
        Opdracht::Kalender(opdracht) => kalender::voer_uit(opdracht, &data)?,
        Opdracht::Serve(opties) => {
            let regios = Regios::laad(&data, cli.regio.as_deref())?;
            start_logging();
            runtime()?
                .block_on(serve::serve(opties, regios, &data))
                .map_err(|e| Fout::Bedrijf(e.0))?;
        }
        Opdracht::Account(opdracht) => {
            let regio = Regiokeuze::van(cli, &data);
            runtime()?.block_on(account::voer_uit(opdracht, &regio))?
        }
        Opdracht::Audit(opdracht) => runtime()?.block_on(beheer::audit(opdracht))?,
        Opdracht::Backup { doel, opslag } => runtime()?.block_on(beheer::backup(opslag, doel))?,
        Opdracht::Import(opdracht) => {
            let regio = Regiokeuze::van(cli, &data);
            runtime()?.block_on(gids::importeer(opdracht, &regio, &data))?
        }
        Opdracht::Wijkteam {
            postcode,
            huisnummer,
            opslag,
            ..
        } => runtime()?.block_on(gids::wijkteam(postcode, *huisnummer, opslag))?,
        Opdracht::Retentie { peildatum, opslag } => {
            let peildatum = match peildatum {
                Some(p) => schakel_rules::datum::parse_datum(p).ok_or_else(|| {
                    InvoerFout::new(
                        "--peildatum",
                        format!("'{p}' is geen datum; verwacht JJJJ-MM-DD"),
                    )
                })?,
                None => vandaag(),
            };
            runtime()?.block_on(beheer::retentie(opslag, peildatum))?;
        }
    }
    Ok(())
}

/// `schakel regels publiceer`: prints what is recorded afterwards.
async fn publiceer(opslag: &opslag::OpslagOpties, regios: &Regios) -> Result<(), Fout> {
    let opslag = opslag.open().await.map_err(|e| Fout::Bedrijf(e.0))?;
    let vastgelegd = schakel_http::regelversies::publiceer(opslag.as_ref(), regios, "cli")
        .await
        .map_err(|e| Fout::Bedrijf(format!("regels publiceren: {e}")))?;
    let lijst: Vec<_> = vastgelegd
        .iter()
        .map(
            |v| serde_json::json!({"regio": v.versie.regio, "vingerafdruk": v.versie.vingerafdruk}),
        )
        .collect();
    schrijf(&serde_json::json!({ "gepubliceerd": lijst }));
    Ok(())
}

fn runtime() -> Result<tokio::runtime::Runtime, Fout> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Fout::Bedrijf(format!("kan runtime niet starten: {e}")))
}

/// Application logs to stderr; `RUST_LOG` tunes them. They never carry a BSN
/// or a name: handlers log ids and outcomes only.
fn start_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn datamap(gekozen: Option<&Path>) -> PathBuf {
    if let Some(p) = gekozen {
        return p.to_path_buf();
    }
    let hier = PathBuf::from("data");
    if hier.join("regio").is_dir() {
        return hier;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// Reads FILE, or stdin when FILE is '-'.
fn lees_invoer(bestand: &Path) -> Result<String, InvoerFout> {
    let mut tekst = String::new();
    let gelezen = if bestand == Path::new("-") {
        std::io::stdin().read_to_string(&mut tekst).map(|_| ())
    } else {
        std::fs::read_to_string(bestand).map(|t| tekst = t)
    };
    gelezen.map_err(|e| {
        InvoerFout::new(
            "FILE",
            format!(
                "kan '{}' niet lezen: {e}; geef een JSON-bestand of '-' voor stdin",
                bestand.display()
            ),
        )
    })?;
    Ok(schakel_rules::tekst::zonder_bom(&tekst).to_owned())
}

pub(crate) fn schrijf(waarde: &impl Serialize) {
    let mut uit = std::io::stdout().lock();
    // Serializing our own output types cannot fail; a closed stdout is not ours to report.
    let _ = serde_json::to_writer_pretty(&mut uit, waarde).map(|_| writeln!(uit));
}

/// The region an account or import command works in, asked only by the
/// commands that need one (an address import does not).
pub(crate) struct Regiokeuze<'a> {
    gekozen: Option<&'a str>,
    data: &'a Path,
}

impl<'a> Regiokeuze<'a> {
    fn van(cli: &'a Cli, data: &'a Path) -> Self {
        Self {
            gekozen: cli.regio.as_deref(),
            data,
        }
    }

    /// `--regio`, or the data directory's only region; with several and
    /// none chosen, an input error naming `--regio` and the codes.
    pub(crate) fn code(&self) -> Result<String, Fout> {
        if let Some(r) = self.gekozen {
            return Ok(r.to_string());
        }
        let regios = Regios::laad(self.data, None)?;
        match regios.alle() {
            [enige] => Ok(enige.code.clone()),
            alle => Err(kies_regio(alle).into()),
        }
    }
}

/// "Choose a region": several regions and no `--regio`.
fn kies_regio(alle: &[schakel_rules::Regio]) -> InvoerFout {
    let codes: Vec<&str> = alle.iter().map(|r| r.code.as_str()).collect();
    InvoerFout::new(
        "--regio",
        format!(
            "de gegevensmap heeft meerdere regio's; kies er één met --regio (of SCHAKEL_REGIO): {}",
            codes.join(", ")
        ),
    )
}

/// The default region's rules, or "choose a region".
fn standaard_regels(regios: &Regios) -> Result<&schakel_rules::Regelset, Fout> {
    regios
        .standaard_regels()
        .ok_or_else(|| kies_regio(regios.alle()).into())
}

/// Advice and toets without a "gemeente" need a default region.
fn eis_gemeente_of_regio(regios: &Regios, invoer: &serde_json::Value) -> Result<(), Fout> {
    let gemeente = invoer.get("gemeente").is_some_and(|g| !g.is_null());
    if gemeente || regios.standaard().is_some() {
        return Ok(());
    }
    Err(kies_regio(regios.alle()).into())
}

/// The default region's rule versions, and every region of the data
/// directory with its gemeenten and route (all of them checked on load).
fn regels_overzicht(regios: &Regios, standaard: &schakel_rules::Regelset) -> serde_json::Value {
    let versies: Vec<_> = standaard
        .kaders()
        .iter()
        .map(|k| {
            let rijen: Vec<_> = k
                .rijen
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "situatie": r.situatie,
                        "bron": r.bron,
                        "opties": r.opties.iter().map(|o| serde_json::json!({"id": o.id, "omschrijving": o.omschrijving, "bron": o.bron})).collect::<Vec<_>>(),
                        "verplichtingen": r.verplichtingen.iter().map(|v| serde_json::json!({"id": v.id, "wat": v.wat, "bron": v.bron})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::json!({
                "regio": k.regio,
                "versie": k.versie,
                "geldig_vanaf": k.geldig_vanaf,
                "bestand": k.bestand,
                "bron": k.bron,
                "situaties": k.situaties.iter().map(|s| serde_json::json!({"sleutel": s.situatie, "naam": s.naam})).collect::<Vec<_>>(),
                "rijen": rijen,
                "voetnoten": k.voetnoten.iter().map(|v| serde_json::json!({"id": v.id, "teken": v.teken, "bron": v.bron})).collect::<Vec<_>>(),
                "reikwijdte": k.reikwijdte.iter().map(|r| serde_json::json!({"id": r.id, "bron": r.bron})).collect::<Vec<_>>(),
                "joa_regels": k.joa_regels.iter().map(|r| serde_json::json!({"id": r.id, "bron": r.bron})).collect::<Vec<_>>(),
                "interpretaties": k.interpretaties.iter().map(|i| serde_json::json!({"id": i.id, "onderwerp": i.onderwerp, "tekst": i.tekst})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let lijst: Vec<_> = regios
        .alle()
        .iter()
        .map(|r| {
            serde_json::json!({
                "code": r.code,
                "naam": r.naam,
                "route": r.route,
                "normenkader": r.regels.as_ref().map(|s| s.kaders().iter().map(|k| &k.versie).collect::<Vec<_>>()),
                "gemeenten": r.gemeenten.iter().map(|g| serde_json::json!({"code": g.code, "naam": g.naam, "kalenderregio": g.kalenderregio.naam()})).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "versies": versies, "regios": lijst })
}
