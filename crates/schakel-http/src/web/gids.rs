//! The regional directory in the browser: "which wijkteam and which contact
//! serve this pupil" by address (posted, so no address ends up in a URL or
//! an access log), the wijkteams with their werkgebied and contact point,
//! the providers with their offer and the region's contact persons. The
//! beheerder edits a wijkteam's werkgebied here. Every page uses the API's
//! own functions (`crate::api::gids`), so checks and audit are the same.

use std::collections::HashMap;

use super::formulier::{Path, Query};
use askama::Template;
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_storage::{Gidscontact, Id, Organisatie};
use serde::Deserialize;

use super::formulier::Fouten;
use super::jeugdigen::{namen, organisaties};
use super::sessie::{Formulier, Ingelogd};
use super::{Kop, WebResultaat, naar, opmaak, pagina, pagina_met};
use crate::api::gids::{
    ContactpuntInvoer, WerkgebiedInvoer, aanbiederlijst, contacten_voor, wijkteamlijst_voor,
    zet_werkgebied_voor, zoek_adres_voor,
};
use crate::fout::ApiFout;
use crate::gids::Adresantwoord;

/// One contact person as the pages show them.
pub struct ContactRegel {
    pub organisatie: String,
    pub functie: String,
    pub naam: String,
    pub telefoon: String,
    pub email: String,
}

fn contact_regel(c: Gidscontact, namen: &HashMap<Id, String>) -> ContactRegel {
    ContactRegel {
        organisatie: c
            .organisatie
            .and_then(|o| namen.get(&o).cloned())
            .unwrap_or_else(|| "Expertpool van de regio".into()),
        functie: c.functie,
        naam: c.naam,
        telefoon: c.telefoon.unwrap_or_default(),
        email: c.email.unwrap_or_default(),
    }
}

/// The answer of a lookup, in words.
pub struct Antwoord {
    pub gevonden: bool,
    pub kopregel: &'static str,
    pub adres: String,
    /// The CBS codes, for the "Bronnen" disclosure.
    pub gemeente: String,
    pub wijk: String,
    pub buurt: String,
    /// The areas by name (CBS's, else the region's gemeente organisation),
    /// each `None` when the address is not in the address file.
    pub gebieden: Vec<(&'static str, String)>,
    pub wijkteam: Option<String>,
    pub contactpunt: Option<(String, String, String)>,
    pub claimers: Vec<String>,
    pub toelichting: String,
    pub contacten: Vec<ContactRegel>,
}

fn antwoord(a: Adresantwoord, orgs: &[Organisatie], contacten: Vec<Gidscontact>) -> Antwoord {
    let namen = &namen(orgs);
    let team = a.wijkteam.as_ref().map(|t| t.id);
    let code = a
        .gemeente
        .as_deref()
        .and_then(|g| schakel_domain::GemeenteCode::parse(g).ok());
    let organisatie = orgs
        .iter()
        .find(|o| o.soort == OrganisatieSoort::Gemeente && code.is_some() && o.gemeente == code)
        .map(|o| o.naam.clone());
    let benoem = |naam: Option<String>, code: &Option<String>| {
        naam.or_else(|| {
            code.as_ref()
                .map(|c| format!("CBS-code {c} (naam niet bekend)"))
        })
    };
    let gebieden = [
        (
            "Gemeente",
            benoem(a.gemeentenaam.clone().or(organisatie), &a.gemeente),
        ),
        ("Wijk", benoem(a.wijknaam.clone(), &a.wijk)),
        ("Buurt", benoem(a.buurtnaam.clone(), &a.buurt)),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k, v?)))
    .collect();
    Antwoord {
        gevonden: a.uitkomst == "wijkteam",
        kopregel: match a.uitkomst {
            "wijkteam" => "Dit wijkteam hoort bij het adres",
            "overlap" => "Meerdere wijkteams claimen dit adres",
            "buiten" => "Geen wijkteam voor dit adres",
            _ => "Adres niet gevonden",
        },
        adres: format!("{} {}", a.postcode, a.huisnummer),
        gemeente: a.gemeente.unwrap_or_else(|| "Onbekend".into()),
        gebieden,
        wijk: a.wijk.unwrap_or_else(|| "Onbekend".into()),
        buurt: a.buurt.unwrap_or_else(|| "Onbekend".into()),
        contactpunt: a.wijkteam.as_ref().and_then(|t| {
            t.contactpunt.as_ref().map(|c| {
                (
                    c.naam.clone(),
                    c.telefoon.clone().unwrap_or_default(),
                    c.email.clone().unwrap_or_default(),
                )
            })
        }),
        wijkteam: a.wijkteam.map(|t| t.naam),
        claimers: a
            .wijkteams
            .iter()
            .map(|w| namen.get(w).cloned().unwrap_or_else(|| w.to_string()))
            .collect(),
        toelichting: a.toelichting,
        contacten: contacten
            .into_iter()
            .filter(|c| team.is_some() && c.organisatie == team)
            .map(|c| contact_regel(c, namen))
            .collect(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AdresFormulier {
    postcode: String,
    huisnummer: String,
    /// A jeugdige's id: look up the address on record (read as a logged
    /// access to the jeugdige) instead of the typed one.
    jeugdige: String,
}

#[derive(Template)]
#[template(path = "gids.html")]
struct Zoekpagina {
    kop: Kop,
    deel: &'static str,
    fouten: Fouten,
    invoer: AdresFormulier,
    antwoord: Option<Antwoord>,
    jeugdige: Option<(Id, String)>,
}

async fn zoekpagina(
    wie: &Ingelogd,
    fouten: Fouten,
    invoer: AdresFormulier,
    antwoord: Option<Antwoord>,
    jeugdige: Option<(Id, String)>,
) -> WebResultaat {
    let status = fouten.status();
    pagina_met(
        status,
        &Zoekpagina {
            kop: Kop::voor(wie, "Welk wijkteam en welk contact?", "/gids").await?,
            deel: "zoek",
            fouten,
            invoer,
            antwoord,
            jeugdige,
        },
    )
}

pub async fn zoekscherm(wie: Ingelogd) -> WebResultaat {
    zoekpagina(
        &wie,
        Fouten::default(),
        AdresFormulier::default(),
        None,
        None,
    )
    .await
}

const ADRESVELDEN: [(&str, &str, &str); 2] = [
    ("postcode", "postcode", "Postcode"),
    ("huisnummer", "huisnummer", "Huisnummer"),
];

pub async fn zoek(f: Formulier<AdresFormulier>) -> WebResultaat {
    let Formulier { wie, mut invoer } = f;
    let mut fouten = Fouten::default();
    let mut jeugdige = None;
    if let Ok(id) = invoer.jeugdige.trim().parse::<Id>() {
        let j = wie.dossier().lees(id).await?;
        invoer.postcode = j.gegevens.postcode.als_tekst().to_string();
        invoer.huisnummer = super::formulier::huisnummer_tekst(
            j.gegevens.huisnummer.waarde(),
            j.gegevens.toevoeging.as_deref(),
        );
        jeugdige = Some((j.id, j.naam()));
    }
    // The CBS address file keys on the number; the toevoeging is shown.
    let (huisnummer, toevoeging) = match super::formulier::huisnummer(&invoer.huisnummer, "") {
        Ok(h) => h,
        Err(m) => {
            fouten.veld("huisnummer", "Huisnummer", m);
            return zoekpagina(&wie, fouten, invoer, None, jeugdige).await;
        }
    };
    match zoek_adres_voor(&wie.state, &invoer.postcode, huisnummer).await {
        Ok(a) => {
            let orgs = organisaties(&wie.state).await?;
            let (_, contacten) = contacten_voor(&wie.state, &wie.actor).await?;
            let postcode = a.postcode.clone();
            let mut antwoord = antwoord(a, &orgs, contacten);
            let nummer = super::formulier::huisnummer_tekst(huisnummer, toevoeging.as_deref());
            antwoord.adres = format!("{postcode} {nummer}");
            zoekpagina(&wie, fouten, invoer, Some(antwoord), jeugdige).await
        }
        Err(f) => {
            fouten.uit(f, &ADRESVELDEN)?;
            zoekpagina(&wie, fouten, invoer, None, jeugdige).await
        }
    }
}

pub struct WijkteamRegel {
    pub id: Id,
    pub naam: String,
    /// Each area in words: a buurt by its CBS name, a postcode range as
    /// it is.
    pub gebieden: Vec<String>,
    /// The CBS codes of the buurten, for the "Bronnen" disclosure.
    pub codes: Vec<String>,
    pub contactpunt: String,
}

#[derive(Template)]
#[template(path = "gids_wijkteams.html")]
struct Wijkteampagina {
    kop: Kop,
    deel: &'static str,
    wijkteams: Vec<WijkteamRegel>,
    beheerder: bool,
    melding: Option<&'static str>,
}

#[derive(Deserialize)]
pub struct Gelukt {
    gelukt: Option<String>,
}

pub async fn wijkteams(wie: Ingelogd, Query(g): Query<Gelukt>) -> WebResultaat {
    let wijkteams = wijkteamlijst_voor(&wie.state, &wie.actor)
        .await?
        .into_iter()
        .map(|t| WijkteamRegel {
            id: t.id,
            naam: t.naam,
            gebieden: gebieden_in_woorden(&t.gebieden, &t.gebiedsnamen),
            codes: t
                .gebieden
                .iter()
                .filter(|g| schakel_domain::gids::Gebiedcode::parse(g).is_ok())
                .cloned()
                .collect(),
            contactpunt: t
                .contactpunt
                .map(|c| {
                    [Some(c.naam), c.telefoon, c.email]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_else(|| "Geen vast contactpunt".into()),
        })
        .collect();
    pagina(&Wijkteampagina {
        kop: Kop::voor(&wie, "Wijkteams en werkgebieden", "/gids").await?,
        deel: "wijkteams",
        wijkteams,
        beheerder: wie.rol() == Rol::Beheerder,
        melding: (g.gelukt.as_deref() == Some("werkgebied"))
            .then_some("Het werkgebied is opgeslagen en geldt meteen voor elke zoekvraag."),
    })
}

/// A werkgebied in words: a buurt by its CBS name (else its code, said to
/// be one), a postcode range or address as written.
fn gebieden_in_woorden(
    gebieden: &[String],
    namen: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    gebieden
        .iter()
        .map(
            |g| match (namen.get(g), schakel_domain::gids::Gebiedcode::parse(g)) {
                (Some(n), _) => format!("buurt {n}"),
                (None, Ok(_)) => format!("buurt met CBS-code {g} (naam niet bekend)"),
                (None, Err(_)) if g.contains(' ') => format!("adressen {g}"),
                (None, Err(_)) => format!("postcodes {g}"),
            },
        )
        .collect()
}

pub struct AanbiederRegel {
    pub naam: String,
    pub agb: String,
    pub aanbod: Vec<String>,
}

#[derive(Template)]
#[template(path = "gids_contacten.html")]
struct Contactpagina {
    kop: Kop,
    deel: &'static str,
    aanbieders: Vec<AanbiederRegel>,
    contacten: Vec<ContactRegel>,
}

/// The providers with their offer and the region's contact persons.
pub async fn contacten(wie: Ingelogd) -> WebResultaat {
    let namen = namen(&organisaties(&wie.state).await?);
    let aanbieders = aanbiederlijst(&wie.state)
        .await?
        .into_iter()
        .map(|a| AanbiederRegel {
            naam: a.naam,
            agb: a.agb.unwrap_or_default(),
            aanbod: a
                .aanbod
                .into_iter()
                .map(|r| match r.arrangement {
                    Some(s) => format!("{} (binnen het OJA van {s})", opmaak::product(&r.product)),
                    None => opmaak::product(&r.product),
                })
                .collect(),
        })
        .collect();
    let (_, lijst) = contacten_voor(&wie.state, &wie.actor).await?;
    let mut contacten: Vec<ContactRegel> = lijst
        .into_iter()
        .map(|c| contact_regel(c, &namen))
        .collect();
    contacten.sort_by(|a, b| a.organisatie.cmp(&b.organisatie).then(a.naam.cmp(&b.naam)));
    pagina(&Contactpagina {
        kop: Kop::voor(&wie, "Aanbieders en contactpersonen", "/gids").await?,
        deel: "contacten",
        aanbieders,
        contacten,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WerkgebiedFormulier {
    gebieden: String,
    contactpunt: String,
    telefoon: String,
    email: String,
}

#[derive(Template)]
#[template(path = "gids_werkgebied.html")]
struct Werkgebiedpagina {
    kop: Kop,
    fouten: Fouten,
    id: Id,
    naam: String,
    /// The stored werkgebied in words (buurten by name).
    nu: Vec<String>,
    invoer: WerkgebiedFormulier,
}

async fn werkgebiedpagina(
    wie: &Ingelogd,
    id: Id,
    fouten: Fouten,
    invoer: Option<WerkgebiedFormulier>,
) -> WebResultaat {
    wie.dossier()
        .eis_rol_gelogd(
            &[Rol::Beheerder],
            "werkgebied.lezen",
            schakel_storage::audit::Actie::Lezen,
            "werkgebied",
            "De gids onderhoudt de beheerder.",
        )
        .await?;
    let team = wijkteamlijst_voor(&wie.state, &wie.actor)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(ApiFout::NietGevonden)?;
    let invoer = invoer.unwrap_or_else(|| {
        let c = team
            .contactpunt
            .clone()
            .unwrap_or_else(|| schakel_storage::Contactpunt {
                naam: String::new(),
                telefoon: None,
                email: None,
            });
        WerkgebiedFormulier {
            gebieden: team.gebieden.join("\n"),
            contactpunt: c.naam,
            telefoon: c.telefoon.unwrap_or_default(),
            email: c.email.unwrap_or_default(),
        }
    });
    let status = fouten.status();
    pagina_met(
        status,
        &Werkgebiedpagina {
            kop: Kop::voor(wie, "Werkgebied wijzigen", "/gids").await?,
            fouten,
            id,
            nu: gebieden_in_woorden(&team.gebieden, &team.gebiedsnamen),
            naam: team.naam,
            invoer,
        },
    )
}

pub async fn werkgebied(wie: Ingelogd, Path(id): Path<Id>) -> WebResultaat {
    werkgebiedpagina(&wie, id, Fouten::default(), None).await
}

fn leeg_is_geen(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

pub async fn zet_werkgebied(Path(id): Path<Id>, f: Formulier<WerkgebiedFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let regels: Vec<String> = invoer
        .gebieden
        .lines()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(String::from)
        .collect();
    let i = WerkgebiedInvoer {
        gebieden: regels.clone(),
        contactpunt: leeg_is_geen(&invoer.contactpunt).map(|naam| ContactpuntInvoer {
            naam,
            telefoon: leeg_is_geen(&invoer.telefoon),
            email: leeg_is_geen(&invoer.email),
        }),
    };
    match zet_werkgebied_voor(&wie.state, &wie.actor, id, i).await {
        Ok(_) => Ok(naar("/gids/wijkteams?gelukt=werkgebied")),
        Err(ApiFout::Ongeldig(v)) => {
            let mut fouten = Fouten::default();
            for f in v {
                // `gebieden[n]` is the n-th line of the text area.
                let regel = f
                    .name
                    .strip_prefix("gebieden[")
                    .and_then(|n| n.trim_end_matches(']').parse::<usize>().ok());
                match regel {
                    Some(n) => fouten.veld(
                        "gebieden",
                        "Gebieden",
                        format!(
                            "Regel {} ({}): {}. Toegestaan: een CBS-buurtcode (BU00340101), een postcodereeks (1354AA-1354ZZ) of postcode met huisnummers (1315AB 10-20).",
                            n + 1,
                            regels.get(n).map_or("", String::as_str),
                            f.reason
                        ),
                    ),
                    None => fouten.uit_api(
                        &[f],
                        &[("contactpunt.naam", "contactpunt", "Contactpunt")],
                    ),
                }
            }
            werkgebiedpagina(&wie, id, fouten, Some(invoer)).await
        }
        Err(f) => {
            let mut fouten = Fouten::default();
            fouten.uit(f, &[])?;
            werkgebiedpagina(&wie, id, fouten, Some(invoer)).await
        }
    }
}
