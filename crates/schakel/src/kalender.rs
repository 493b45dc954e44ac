//! `schakel kalender`: load later school years from the Rijksoverheid feed
//! instead of typing them, and show which periods the calendar covers.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use schakel_rules::kalender::import::importeer_rijksoverheid;
use schakel_rules::{InvoerFout, LaadFout, Schoolkalender, Vakantieregio};

use crate::{Fout, lees_invoer, schrijf};

#[derive(Subcommand)]
pub enum KalenderOpdracht {
    /// Imports the Rijksoverheid school-holiday JSON (FILE or '-') into data/kalender/schoolvakanties/.
    Importeer {
        bestand: PathBuf,
        /// Where the source came from, recorded in the data file (default: FILE).
        #[arg(long)]
        bron: Option<String>,
    },
    /// Per region, the date ranges whose holidays are fully known.
    Dekking,
}

pub fn voer_uit(opdracht: &KalenderOpdracht, data: &Path) -> Result<(), Fout> {
    let map = data.join("kalender").join("schoolvakanties");
    match opdracht {
        KalenderOpdracht::Importeer { bestand, bron } => importeer(bestand, bron.as_deref(), &map),
        KalenderOpdracht::Dekking => {
            let kalender = Schoolkalender::laad(&map)?;
            let dekking: serde_json::Map<String, serde_json::Value> = Vakantieregio::ALLE
                .iter()
                .map(|r| {
                    (
                        r.naam().to_string(),
                        serde_json::json!(kalender.regio(*r).dekking()),
                    )
                })
                .collect();
            schrijf(&dekking);
            Ok(())
        }
    }
}

/// Writes each imported school year only after the whole calendar, with the
/// new files in place, loads without error: a bad feed never leaves a
/// half-written or inconsistent calendar behind.
fn importeer(bestand: &Path, bron: Option<&str>, map: &Path) -> Result<(), Fout> {
    let json = lees_invoer(bestand)?;
    let bron = bron.map_or_else(|| bestand.display().to_string(), String::from);
    let jaren =
        importeer_rijksoverheid(&json, &bron).map_err(|e| InvoerFout::new(e.plaats, e.melding))?;
    let proef = tempfile::tempdir().map_err(|e| io_fout(map, e))?;
    for pad in std::fs::read_dir(map)
        .map_err(|e| io_fout(map, e))?
        .flatten()
        .map(|e| e.path())
    {
        if pad.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&pad, proef.path().join(pad.file_name().unwrap_or_default()))
                .map_err(|e| io_fout(&pad, e))?;
        }
    }
    let mut nieuw = Vec::new();
    for jaar in &jaren {
        let naam = format!("{}.toml", jaar.schooljaar);
        let tekst = jaar.naar_toml().map_err(|e| {
            InvoerFout::new(
                "content",
                format!(
                    "kan schooljaar {} niet als TOML schrijven: {e}",
                    jaar.schooljaar
                ),
            )
        })?;
        std::fs::write(proef.path().join(&naam), &tekst).map_err(|e| io_fout(map, e))?;
        nieuw.push((naam, tekst, jaar));
    }
    // A feed that conflicts with the calendar on file is bad input: say
    // what conflicts, without naming the scratch copy.
    Schoolkalender::laad(proef.path()).map_err(|e| {
        InvoerFout::new(
            "content",
            format!(
                "past niet in de schoolkalender, niets geschreven: {}",
                e.melding
            ),
        )
    })?;
    let mut verslag = Vec::new();
    for (naam, tekst, jaar) in nieuw {
        let doel = map.join(&naam);
        let tijdelijk = map.join(format!(".{naam}.tmp"));
        std::fs::write(&tijdelijk, tekst).map_err(|e| io_fout(&tijdelijk, e))?;
        std::fs::rename(&tijdelijk, &doel).map_err(|e| io_fout(&doel, e))?;
        for w in &jaar.waarschuwingen {
            eprintln!("waarschuwing: {w}");
        }
        verslag.push(serde_json::json!({
            "schooljaar": jaar.schooljaar.to_string(),
            "bestand": doel,
            "vakanties": jaar.vakanties.len(),
            "waarschuwingen": jaar.waarschuwingen,
        }));
    }
    schrijf(&serde_json::json!({ "geimporteerd": verslag }));
    Ok(())
}

fn io_fout(pad: &Path, e: std::io::Error) -> Fout {
    Fout::Laden(LaadFout {
        bestand: pad.to_path_buf(),
        regel: None,
        melding: e.to_string(),
    })
}
