//! One set of rules for every instance on a database (issue 15.3).
//!
//! Each `schakel serve` loads the rule and calendar files of its own data
//! directory. At start it compares them, region by region, with the
//! fingerprints recorded in the database ([`controleer_bij_start`]): the
//! first instance records its own; on PostgreSQL an instance whose files
//! differ refuses to start, naming the region and both fingerprints. A new
//! version is rolled out deliberately with `schakel regels publiceer`
//! ([`publiceer`]), which records the new fingerprints (audited) and
//! announces them; instances still running the old files then report
//! "verouderd" in the health endpoint and log it, until they are restarted
//! with the new files. On SQLite one instance owns the file: a start with
//! changed files records them as a publication.

use schakel_rules::Regios;
use schakel_storage::audit::Actie;
use schakel_storage::{
    NieuwAuditRecord, Opslag, OpslagFout, Regelversie, VastgelegdeRegelversie, Vastlegging,
};

use crate::state::AppState;

/// What this instance loaded: every region with its rule fingerprint, by
/// code.
pub fn geladen(regios: &Regios) -> Vec<Regelversie> {
    let mut versies: Vec<Regelversie> = regios
        .vingerafdrukken()
        .into_iter()
        .map(|(regio, vinger)| Regelversie {
            regio: regio.to_string(),
            vingerafdruk: vinger.map(str::to_string),
        })
        .collect();
    versies.sort_by(|a, b| a.regio.cmp(&b.regio));
    versies
}

/// A region where what this instance loaded and what the database records
/// differ. `None`: not there at all (a region of one side only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verschil {
    pub regio: String,
    pub hier: Option<Option<String>>,
    pub database: Option<Option<String>>,
}

impl std::fmt::Display for Verschil {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn tekst(v: &Option<Option<String>>) -> &str {
            match v {
                None => "(regio ontbreekt)",
                Some(None) => "(geen normenkader)",
                Some(Some(s)) => s,
            }
        }
        write!(
            f,
            "regio {}: deze instantie {}, de database {}",
            self.regio,
            tekst(&self.hier),
            tekst(&self.database)
        )
    }
}

/// Every region where `geladen` and `vastgelegd` differ, by code; empty when
/// they agree (or nothing is recorded).
pub fn verschillen(
    geladen: &[Regelversie],
    vastgelegd: &[VastgelegdeRegelversie],
) -> Vec<Verschil> {
    if vastgelegd.is_empty() {
        return Vec::new();
    }
    let hier: std::collections::BTreeMap<&str, &Option<String>> = geladen
        .iter()
        .map(|v| (v.regio.as_str(), &v.vingerafdruk))
        .collect();
    let daar: std::collections::BTreeMap<&str, &Option<String>> = vastgelegd
        .iter()
        .map(|v| (v.versie.regio.as_str(), &v.versie.vingerafdruk))
        .collect();
    let regios: std::collections::BTreeSet<&str> =
        hier.keys().chain(daar.keys()).copied().collect();
    regios
        .into_iter()
        .filter_map(|regio| {
            let (h, d) = (hier.get(regio), daar.get(regio));
            (h != d).then(|| Verschil {
                regio: regio.to_string(),
                hier: h.map(|v| (*v).clone()),
                database: d.map(|v| (*v).clone()),
            })
        })
        .collect()
}

fn record(gebeurtenis: &str, grond: &str, bron: &str) -> NieuwAuditRecord {
    NieuwAuditRecord::door_systeem(
        gebeurtenis,
        Actie::Wijzigen,
        "regelversie",
        grond,
        bron,
        "schakel",
    )
}

/// Why `serve` does not start.
#[derive(Debug)]
pub enum StartFout {
    Opslag(OpslagFout),
    /// The files differ from what the database records (PostgreSQL).
    Afwijkend(Vec<Verschil>),
}

impl std::fmt::Display for StartFout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Opslag(e) => write!(f, "regelversies vastleggen: {e}"),
            Self::Afwijkend(v) => {
                let regels: Vec<String> = v.iter().map(Verschil::to_string).collect();
                write!(
                    f,
                    "de regels of schoolkalender van deze instantie wijken af van wat de database \
                     vastlegt, dus zouden instanties verschillend beslissen; {}. Start elke \
                     instantie met dezelfde bestanden (data/regio, data/kalender), of zet een \
                     nieuwe versie bewust door met 'schakel regels publiceer' (met de nieuwe \
                     bestanden, dezelfde --database-url) en herstart daarna elke instantie",
                    regels.join("; ")
                )
            }
        }
    }
}

/// At `serve`'s start: records what this instance loaded when nothing is
/// recorded yet, and refuses (PostgreSQL) when it differs from what is.
/// Returns what is recorded then.
pub async fn controleer_bij_start(
    opslag: &dyn Opslag,
    regios: &Regios,
) -> Result<Vec<VastgelegdeRegelversie>, StartFout> {
    let versies = geladen(regios);
    let vastgelegd = opslag
        .leg_regelversies_vast(
            &versies,
            Vastlegging::Eerste,
            &record("regels.vastleggen", "eerste_start", "serve"),
        )
        .await
        .map_err(StartFout::Opslag)?;
    let afwijkend = verschillen(&versies, &vastgelegd);
    if afwijkend.is_empty() {
        return Ok(vastgelegd);
    }
    // SQLite: one process owns the file, no other instance serves it, and
    // the changed files are this instance's new version.
    if opslag.backend() != "sqlite" {
        return Err(StartFout::Afwijkend(afwijkend));
    }
    for v in &afwijkend {
        tracing::info!("nieuwe regelversie vastgelegd: {v}");
    }
    publiceer(opslag, regios, "serve")
        .await
        .map_err(StartFout::Opslag)
}

/// Records the rules of `regios` as what every instance must serve, audited,
/// and announces it to the running instances.
pub async fn publiceer(
    opslag: &dyn Opslag,
    regios: &Regios,
    bron: &str,
) -> Result<Vec<VastgelegdeRegelversie>, OpslagFout> {
    opslag
        .leg_regelversies_vast(
            &geladen(regios),
            Vastlegging::Publicatie,
            &record("regels.publiceren", "nieuwe_regelversie", bron),
        )
        .await
}

/// Logs, on every publication by another instance, whether this one now
/// serves rules that are out of date (the health endpoint says so too).
pub async fn volg_publicaties(state: AppState) -> Result<(), OpslagFout> {
    let Some(mut publicaties) = state.opslag.volg_regelpublicaties().await? else {
        return Ok(());
    };
    tokio::spawn(async move {
        while publicaties.recv().await.is_some() {
            match state.opslag.regelversies().await {
                Ok(vastgelegd) => {
                    for v in verschillen(&geladen(&state.regios), &vastgelegd) {
                        tracing::error!(
                            "nieuwe regels gepubliceerd; deze instantie is verouderd ({v}): \
                             herstart haar met de gepubliceerde bestanden"
                        );
                    }
                }
                Err(e) => tracing::warn!("regelversies lezen na een publicatie: {e}"),
            }
        }
    });
    Ok(())
}
