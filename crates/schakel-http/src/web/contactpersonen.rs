//! The directory's contact persons and the region's expertpool on the
//! beheer pages (issue 13.5): the list with a form to add one, and per
//! contact a page to change or remove it. Through the same door as the API
//! (`crate::contactbeheer`): the same checks, the same audit records; the
//! directory's pages show a change at once.

use std::collections::HashMap;

use askama::Template;
use schakel_domain::Rol;
use schakel_storage::{Gidscontact, Id};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze, Path, Query};
use super::sessie::{Formulier, Ingelogd};
use super::{Kop, WebResultaat, naar, opmaak, pagina_met};
use crate::contactbeheer::{self, Contactaanvraag};
use crate::inrichting::regio_van;

/// API field → (form id, label), for errors beside their field.
const VELDEN: [(&str, &str, &str); 5] = [
    ("organisatie", "organisatie", "Organisatie"),
    ("functie", "functie", "Functie"),
    ("naam", "naam", "Naam"),
    ("telefoon", "telefoon", "Telefoon"),
    ("email", "email", "E-mailadres"),
];

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ContactFormulier {
    /// The organisation's id; empty: the region's expertpool.
    organisatie: String,
    functie: String,
    naam: String,
    telefoon: String,
    email: String,
}

impl ContactFormulier {
    fn van(c: &Gidscontact) -> Self {
        Self {
            organisatie: c.organisatie.map(|o| o.to_string()).unwrap_or_default(),
            functie: c.functie.clone(),
            naam: c.naam.clone(),
            telefoon: c.telefoon.clone().unwrap_or_default(),
            email: c.email.clone().unwrap_or_default(),
        }
    }

    /// The form as a request; an organisation that is no number is named.
    fn aanvraag(&self, fouten: &mut Fouten) -> Contactaanvraag {
        let organisatie = match self.organisatie.trim() {
            "" => None,
            o => {
                let id = o.parse().ok();
                if id.is_none() {
                    fouten.veld(
                        "organisatie",
                        "Organisatie",
                        "Kies een organisatie uit de lijst.",
                    );
                }
                id
            }
        };
        let tekst = |s: &str| Some(s.to_string());
        Contactaanvraag {
            organisatie,
            functie: self.functie.clone(),
            naam: self.naam.clone(),
            telefoon: tekst(&self.telefoon),
            email: tekst(&self.email),
        }
    }
}

#[derive(Deserialize)]
pub struct Melding {
    gelukt: Option<String>,
}

/// One contact person as the list shows it.
pub struct Regel {
    id: Id,
    organisatie: String,
    functie: String,
    naam: String,
    telefoon: String,
    email: String,
    gewijzigd: String,
}

#[derive(Template)]
#[template(path = "beheer_contactpersonen.html")]
struct Lijstpagina {
    kop: Kop,
    fouten: Fouten,
    melding: Option<&'static str>,
    contacten: Vec<Regel>,
    invoer: ContactFormulier,
    organisaties: Vec<Keuze>,
}

#[derive(Template)]
#[template(path = "beheer_contactpersoon.html")]
struct Contactpagina {
    kop: Kop,
    fouten: Fouten,
    id: Id,
    invoer: ContactFormulier,
    organisaties: Vec<Keuze>,
}

const POOL: &str = "Expertpool van de regio";

/// The organisations of the beheerder's region by id, and as choices
/// (the expertpool first).
async fn keuzes(wie: &Ingelogd) -> Result<(HashMap<Id, String>, Vec<Keuze>), crate::fout::ApiFout> {
    let regio = regio_van(wie.state.opslag.as_ref(), &wie.actor).await?;
    let mut eigen: Vec<_> = crate::api::organisaties::alle(&wie.state)
        .await?
        .into_iter()
        .filter(|o| o.regio == regio)
        .collect();
    eigen.sort_by(|a, b| a.naam.cmp(&b.naam));
    let namen = eigen.iter().map(|o| (o.id, o.naam.clone())).collect();
    let keuzes = std::iter::once(Keuze::new("", POOL))
        .chain(
            eigen
                .into_iter()
                .map(|o| Keuze::new(o.id.to_string(), o.naam)),
        )
        .collect();
    Ok((namen, keuzes))
}

fn regel(c: Gidscontact, namen: &HashMap<Id, String>) -> Regel {
    Regel {
        id: c.id,
        organisatie: c
            .organisatie
            .and_then(|o| namen.get(&o).cloned())
            .unwrap_or_else(|| POOL.into()),
        functie: c.functie,
        naam: c.naam,
        telefoon: c.telefoon.unwrap_or_default(),
        email: c.email.unwrap_or_default(),
        gewijzigd: c
            .gewijzigd
            .map(|t| opmaak::datum(schakel_domain::grens::dag_van(t)))
            .unwrap_or_default(),
    }
}

async fn lijstpagina(
    wie: &Ingelogd,
    fouten: Fouten,
    invoer: ContactFormulier,
    melding: Option<&'static str>,
) -> WebResultaat {
    wie.dossier()
        .eis_rol(&[Rol::Beheerder], "contactpersonen beheren")?;
    let (namen, organisaties) = keuzes(wie).await?;
    let regio = regio_van(wie.state.opslag.as_ref(), &wie.actor).await?;
    let mut contacten: Vec<Regel> = wie
        .state
        .opslag
        .contacten(Some(regio))
        .await?
        .into_iter()
        .map(|c| regel(c, &namen))
        .collect();
    // The expertpool first, then by organisation and name.
    contacten.sort_by(|a, b| {
        (a.organisatie != POOL, &a.organisatie, &a.naam).cmp(&(
            b.organisatie != POOL,
            &b.organisatie,
            &b.naam,
        ))
    });
    let status = fouten.status();
    pagina_met(
        status,
        &Lijstpagina {
            kop: Kop::voor(wie, "Contactpersonen en expertpool", "/beheer").await?,
            fouten,
            melding,
            contacten,
            invoer,
            organisaties,
        },
    )
}

pub async fn lijst(wie: Ingelogd, Query(m): Query<Melding>) -> WebResultaat {
    let melding = match m.gelukt.as_deref() {
        Some("toegevoegd") => Some("De contactpersoon is toegevoegd. De gids toont dit meteen."),
        Some("gewijzigd") => Some("De contactpersoon is gewijzigd. De gids toont dit meteen."),
        Some("verwijderd") => Some("De contactpersoon is verwijderd."),
        _ => None,
    };
    lijstpagina(
        &wie,
        Fouten::default(),
        ContactFormulier::default(),
        melding,
    )
    .await
}

/// Adds one; on a mistake the list again with the form and the message.
pub async fn voeg_toe(f: Formulier<ContactFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let a = invoer.aanvraag(&mut fouten);
    if fouten.is_leeg() {
        match contactbeheer::bewaar(&wie.dossier(), None, &a).await {
            Ok(_) => return Ok(naar("/beheer/contactpersonen?gelukt=toegevoegd")),
            Err(e) => fouten.uit(e, &VELDEN)?,
        }
    }
    fouten.op_volgorde(&VELDEN);
    lijstpagina(&wie, fouten, invoer, None).await
}

async fn contactpagina(
    wie: &Ingelogd,
    id: Id,
    fouten: Fouten,
    invoer: ContactFormulier,
) -> WebResultaat {
    let (_, organisaties) = keuzes(wie).await?;
    let status = fouten.status();
    pagina_met(
        status,
        &Contactpagina {
            kop: Kop::voor(wie, "Contactpersoon wijzigen", "/beheer").await?,
            fouten,
            id,
            invoer,
            organisaties,
        },
    )
}

/// The change form, filled with what is stored: for the region's
/// beheerder; a contact of another region is not found.
pub async fn contact(wie: Ingelogd, Path(id): Path<Id>) -> WebResultaat {
    wie.dossier()
        .eis_rol(&[Rol::Beheerder], "contactpersonen beheren")?;
    let regio = regio_van(wie.state.opslag.as_ref(), &wie.actor).await?;
    let c = wie
        .state
        .opslag
        .contact(id)
        .await?
        .filter(|c| c.regio == regio)
        .ok_or(crate::fout::ApiFout::NietGevonden)?;
    contactpagina(&wie, id, Fouten::default(), ContactFormulier::van(&c)).await
}

pub async fn wijzig(Path(id): Path<Id>, f: Formulier<ContactFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let a = invoer.aanvraag(&mut fouten);
    if fouten.is_leeg() {
        match contactbeheer::bewaar(&wie.dossier(), Some(id), &a).await {
            Ok(_) => return Ok(naar("/beheer/contactpersonen?gelukt=gewijzigd")),
            Err(e) => fouten.uit(e, &VELDEN)?,
        }
    }
    fouten.op_volgorde(&VELDEN);
    contactpagina(&wie, id, fouten, invoer).await
}

#[derive(Deserialize)]
pub struct Leeg {}

pub async fn verwijder(Path(id): Path<Id>, f: Formulier<Leeg>) -> WebResultaat {
    contactbeheer::verwijder(&f.wie.dossier(), id).await?;
    Ok(naar("/beheer/contactpersonen?gelukt=verwijderd"))
}
