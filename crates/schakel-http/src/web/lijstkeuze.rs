//! What the lists at real volume (issue 16.2) share: reading the user's
//! choices — page, school, order, a search by name — each checked, a bad
//! one named at its field while the list still shows.

use schakel_domain::OrganisatieSoort;
use schakel_storage::{Id, Organisatie};

use super::formulier::{Fouten, Keuze};

/// The page asked for; page 1 (and a message) for anything but a whole
/// number from 1.
pub fn paginanummer(p: Option<&str>, fouten: &mut Fouten) -> i64 {
    match p.map(str::trim).filter(|p| !p.is_empty()) {
        None => 1,
        Some(p) => match p.parse::<i64>() {
            Ok(n) if n >= 1 => n,
            _ => {
                fouten.algemeen(format!(
                    "Pagina \"{p}\" bestaat niet: een paginanummer is een heel getal vanaf 1. U ziet pagina 1."
                ));
                1
            }
        },
    }
}

/// The number of pages of `totaal` items, at least one.
pub fn paginas(totaal: i64, per_pagina: i64) -> i64 {
    ((totaal + per_pagina - 1) / per_pagina).max(1)
}

/// The last page when `gevraagd` lies beyond it (and a message).
pub fn binnen_bereik(gevraagd: i64, paginas: i64, fouten: &mut Fouten) -> i64 {
    if gevraagd > paginas {
        fouten.algemeen(format!(
            "Pagina {gevraagd} bestaat niet: er zijn {paginas} pagina's. U ziet pagina {paginas}."
        ));
        paginas
    } else {
        gevraagd
    }
}

/// A school of the directory chosen from the list.
pub fn school(s: Option<&str>, orgs: &[Organisatie], fouten: &mut Fouten) -> Option<Id> {
    let s = s.map(str::trim).filter(|s| !s.is_empty())?;
    match s.parse::<Id>() {
        Ok(id)
            if orgs
                .iter()
                .any(|o| o.id == id && o.soort == OrganisatieSoort::School) =>
        {
            Some(id)
        }
        _ => {
            fouten.veld("school", "School", "kies een school uit de lijst");
            None
        }
    }
}

/// The schools to choose from, by name.
pub fn scholen(orgs: &[Organisatie]) -> Vec<Keuze> {
    let mut scholen: Vec<Keuze> = orgs
        .iter()
        .filter(|o| o.soort == OrganisatieSoort::School)
        .map(|o| Keuze::new(o.id.to_string(), o.naam.clone()))
        .collect();
    scholen.sort_by(|a, b| a.label.cmp(&b.label));
    scholen
}

/// An optional choice that `parse` knows; a wrong one is named at `veld`
/// (with `label`) and chooses nothing.
pub fn keuze<T>(
    gekozen: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
    (veld, label): (&str, &str),
    fouten: &mut Fouten,
) -> Option<T> {
    let g = gekozen.map(str::trim).filter(|g| !g.is_empty())?;
    let gevonden = parse(g);
    if gevonden.is_none() {
        fouten.veld(veld, label, "kies een van de mogelijkheden uit de lijst");
    }
    gevonden
}

/// An order from the list `parse` knows, or the default (and a message).
pub fn sortering<T: Default>(
    s: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
    fouten: &mut Fouten,
) -> T {
    keuze(s, parse, ("sorteer", "Sorteren"), fouten).unwrap_or_default()
}

/// A search by part of a name ([`schakel_storage::zoekterm`]): none when
/// empty; too long is named at the field and searches nothing.
pub fn zoekterm(zoek: &str, fouten: &mut Fouten) -> Option<String> {
    schakel_storage::zoekterm(zoek)
        .map_err(|m| fouten.veld("zoek", "Zoek op naam", m))
        .ok()
        .flatten()
}

/// A search by BSN ([`schakel_storage::zoek_bsn`]): none when empty; a
/// wrong one is named at the field and searches nothing.
pub fn bsn(bsn: &str, fouten: &mut Fouten) -> Option<schakel_domain::Bsn> {
    schakel_storage::zoek_bsn(bsn)
        .map_err(|m| fouten.veld("bsn", "BSN", m))
        .ok()
        .flatten()
}

/// The paging `<nav>` of a list (`templates/_paginering.html`, one for
/// every list): links while nothing was searched; otherwise buttons that
/// post the search again, so a name or BSN never goes in a URL.
pub struct Paginering {
    /// The nav's accessible name ("Pagina's van de casussen").
    pub label: &'static str,
    /// The list's path ("/casussen").
    pub pad: &'static str,
    pub pagina: i64,
    pub paginas: i64,
    /// The field that carries the page number ("pagina").
    pub veld: &'static str,
    /// The list's other choices, kept on every page (checked values only).
    pub keuzes: Vec<(&'static str, String)>,
    /// What was searched (posted again); empty when nothing was.
    pub zoek: Vec<(&'static str, String)>,
    /// Where the page lands ("#jeugdigen-kop"), or empty.
    pub anker: &'static str,
    pub csrf: String,
}

impl Paginering {
    /// Paging for `pad` on `pagina` of `paginas`, choices and search to be
    /// added with [`Paginering::met`] and [`Paginering::gezocht_op`].
    pub fn new(label: &'static str, pad: &'static str, (pagina, paginas): (i64, i64)) -> Self {
        Self {
            label,
            pad,
            pagina,
            paginas,
            veld: "pagina",
            keuzes: Vec::new(),
            zoek: Vec::new(),
            anker: "",
            csrf: String::new(),
        }
    }

    /// Keeps the choices that are made (an empty one is left out).
    pub fn met(mut self, keuzes: &[(&'static str, &str)]) -> Self {
        self.keuzes.extend(
            keuzes
                .iter()
                .filter(|(_, w)| !w.is_empty())
                .map(|(n, w)| (*n, w.to_string())),
        );
        self
    }

    /// Posts `zoek` (name/value) again with `csrf` when any was searched.
    pub fn gezocht_op(mut self, zoek: &[(&'static str, &str)], csrf: &str) -> Self {
        if zoek.iter().any(|(_, w)| !w.trim().is_empty()) {
            self.zoek = zoek.iter().map(|(n, w)| (*n, w.to_string())).collect();
        }
        self.csrf = csrf.to_string();
        self
    }

    /// The query string of page `pagina` with the same choices (never a
    /// name: a search pages by posting).
    pub fn naar(&self, pagina: i64) -> String {
        let mut q: String = self
            .keuzes
            .iter()
            .map(|(n, w)| format!("{n}={w}&"))
            .collect();
        q.push_str(&format!("{}={pagina}", self.veld));
        format!("?{q}")
    }
}
