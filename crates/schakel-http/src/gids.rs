//! "Which wijkteam and which contact serve this pupil?" (issue 5; seeds
//! 002, 003): an address → its gemeente, wijk and buurt (CBS file) → the
//! wijkteam whose most specific area covers it → that wijkteam's fixed
//! contact point. Used by the API and the CLI alike.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use schakel_domain::gids::{Niveau, Toewijzing, Werkgebieden, postcode_getal};
use schakel_domain::{Huisnummer, Postcode};
use schakel_storage::{Contactpunt, Id, Opslag, Resultaat};
use serde::Serialize;

/// The werkgebieden, kept for this long before they are read again: an
/// import by the CLI (another process) shows within this time; a change
/// through the API at once.
pub const VERS: Duration = Duration::from_secs(30);

#[derive(Default)]
pub struct GebiedenCache(Mutex<Option<(Instant, Arc<Werkgebieden>)>>);

impl GebiedenCache {
    pub async fn werkgebieden(&self, opslag: &dyn Opslag) -> Resultaat<Arc<Werkgebieden>> {
        if let Some((t, w)) = self.slot().as_ref()
            && t.elapsed() < VERS
        {
            return Ok(w.clone());
        }
        let gebieden = opslag.gebieden().await?;
        let w = Arc::new(Werkgebieden::nieuw(gebieden.iter().map(|(t, g)| (*t, g))));
        *self.slot() = Some((Instant::now(), w.clone()));
        Ok(w)
    }

    pub fn vergeet(&self) {
        *self.slot() = None;
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<(Instant, Arc<Werkgebieden>)>> {
        self.0.lock().unwrap_or_else(|v| v.into_inner())
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Wijkteam {
    pub id: Id,
    pub naam: String,
    pub contactpunt: Option<Contactpunt>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Adresantwoord {
    pub postcode: String,
    pub huisnummer: u32,
    /// `wijkteam`, `buiten` (no werkgebied covers it), `overlap` (several do)
    /// or `onbekend_adres` (not in the address file, and no area by postcode).
    pub uitkomst: &'static str,
    pub gemeente: Option<String>,
    pub wijk: Option<String>,
    pub buurt: Option<String>,
    pub wijkteam: Option<Wijkteam>,
    /// For `overlap`: every wijkteam that claims the address.
    pub wijkteams: Vec<Id>,
    pub niveau: Option<Niveau>,
    pub toelichting: String,
}

async fn wijkteam(opslag: &dyn Opslag, id: Id) -> Resultaat<Wijkteam> {
    let naam = opslag
        .organisatie(id)
        .await?
        .map_or_else(|| format!("organisatie {id}"), |o| o.naam);
    Ok(Wijkteam {
        id,
        naam,
        contactpunt: opslag.contactpunt(id).await?,
    })
}

/// Looks up an address. The toevoeging does not change the answer: the
/// CBS file lists addresses by postcode and house number.
pub async fn zoek(
    opslag: &dyn Opslag,
    gebieden: &Werkgebieden,
    postcode: &Postcode,
    huisnummer: Huisnummer,
) -> Resultaat<Adresantwoord> {
    let nummer = huisnummer.waarde();
    let buurt = opslag.adres(postcode_getal(postcode), nummer).await?;
    let toewijzing = gebieden.wijs_toe(postcode_getal(postcode), nummer, buurt);
    let mut a = Adresantwoord {
        postcode: postcode.als_tekst().to_string(),
        huisnummer: nummer,
        uitkomst: "wijkteam",
        gemeente: buurt.map(|b| b.gemeente().cbs()),
        wijk: buurt.map(|b| b.wijk().to_string()),
        buurt: buurt.map(|b| b.to_string()),
        wijkteam: None,
        wijkteams: Vec::new(),
        niveau: None,
        toelichting: String::new(),
    };
    let onbekend = if buurt.is_none() {
        " Het adres staat niet in het adressenbestand; alleen gebieden op postcode konden worden getoetst."
    } else {
        ""
    };
    match toewijzing {
        Toewijzing::Wijkteam {
            wijkteam: id,
            niveau,
        } => {
            a.wijkteam = Some(wijkteam(opslag, id).await?);
            a.niveau = Some(niveau);
            a.toelichting = format!(
                "Het meest specifieke werkgebied dat dit adres dekt ({}) wijst het wijkteam aan.{onbekend}",
                niveau_naam(niveau)
            );
        }
        Toewijzing::Overlap { wijkteams, niveau } => {
            a.uitkomst = "overlap";
            a.wijkteams = wijkteams;
            a.niveau = Some(niveau);
            a.toelichting = format!(
                "Meerdere wijkteams claimen dit adres op hetzelfde niveau ({}); de gids moet worden rechtgezet. Er wordt niet gegokt.",
                niveau_naam(niveau)
            );
        }
        Toewijzing::Buiten if buurt.is_none() => {
            a.uitkomst = "onbekend_adres";
            a.toelichting =
                "Dit adres staat niet in het adressenbestand en geen werkgebied dekt de postcode."
                    .into();
        }
        Toewijzing::Buiten => {
            a.uitkomst = "buiten";
            a.toelichting =
                "Geen werkgebied van een wijkteam dekt dit adres; de gids moet worden aangevuld."
                    .into();
        }
    }
    Ok(a)
}

fn niveau_naam(n: Niveau) -> &'static str {
    match n {
        Niveau::Adres => "postcode en huisnummer",
        Niveau::Postcode => "postcodegebied",
        Niveau::Buurt => "CBS-buurt",
    }
}
