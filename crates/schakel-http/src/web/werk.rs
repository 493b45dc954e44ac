//! The start page of every role that sees personal data: what waits for
//! the own organisation (issue 16.1), grouped by kind, most urgent first,
//! each item with the names it is about and a link to where it is done.
//! What waits is decided in [`crate::api::werkvoorraad`] and
//! [`schakel_domain::werkvoorraad`]; this page only shows it.

use askama::Template;
use schakel_domain::werkvoorraad::Soort;

use super::sessie::Ingelogd;
use super::{Kop, WebResultaat, opmaak, pagina};
use crate::api::werkvoorraad::{benoem, werkvoorraad_voor};

/// At most this many items per kind on the page; the rest is one link on.
const PER_SOORT: usize = 10;

pub struct Regel {
    pub wat: String,
    pub wie: String,
    pub pad: String,
    /// The day with what it means ("Uiterlijk 4 december 2026").
    pub datum: Option<String>,
    pub verlopen: bool,
}

/// What an item's day means, by kind.
fn datum_label(s: Soort) -> &'static str {
    match s {
        Soort::TermijnVerlopen => "Verlopen sinds",
        Soort::Trieren | Soort::Oppakken => "Geregistreerd op",
        _ => "Uiterlijk",
    }
}

pub struct Groep {
    pub id: &'static str,
    pub kop: &'static str,
    pub aantal: usize,
    pub regels: Vec<Regel>,
    /// Where the whole kind is listed, when the page shows part of it.
    pub meer: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "werk.html")]
struct Werkvoorraad {
    kop: Kop,
    groepen: Vec<Groep>,
    totaal: usize,
}

/// Where every item of a kind is listed.
fn overzicht(s: Soort) -> &'static str {
    match s {
        Soort::TermijnVerlopen => "/acties?verlopen=1",
        Soort::Maatwerk => "/maatwerk",
        Soort::Trieren | Soort::Oppakken => "/jeugdigen",
        Soort::Veiligheid | Soort::Plan | Soort::Toestemming | Soort::Evaluatie => "/casussen",
        Soort::Termijn | Soort::Tlv | Soort::VerwijzingLooptAf => "/acties",
    }
}

pub async fn werkvoorraad(wie: Ingelogd) -> WebResultaat {
    let dossier = wie.dossier();
    let punten = werkvoorraad_voor(&dossier).await?;
    let totaal = punten.len();
    let mut aantallen = [0usize; Soort::ALLE.len()];
    let mut getoond = Vec::new();
    for p in punten {
        let n = &mut aantallen[Soort::ALLE.iter().position(|s| *s == p.soort).unwrap_or(0)];
        *n += 1;
        if *n <= PER_SOORT {
            getoond.push(p);
        }
    }
    // Only what is shown names a jeugdige, and only that is logged as read.
    let getoond = benoem(&dossier, getoond).await?;
    let groepen = Soort::ALLE
        .iter()
        .zip(aantallen)
        .filter(|(_, aantal)| *aantal > 0)
        .map(|(&s, aantal)| Groep {
            id: s.naam(),
            kop: s.kop(),
            aantal,
            meer: (aantal > PER_SOORT).then(|| overzicht(s)),
            regels: getoond
                .iter()
                .filter(|p| p.soort == s)
                .map(|p| Regel {
                    wat: p.wat.wat.clone(),
                    wie: p.wat.wie.clone(),
                    pad: p.wat.pad.clone(),
                    datum: p
                        .datum
                        .map(|d| format!("{} {}", datum_label(s), opmaak::datum(d))),
                    verlopen: s == Soort::TermijnVerlopen,
                })
                .collect(),
        })
        .collect();
    pagina(&Werkvoorraad {
        kop: Kop::voor(&wie, "Wat wacht", "/werk").await?,
        groepen,
        totaal,
    })
}
