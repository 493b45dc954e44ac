//! The directory's contact persons as the region's beheerder maintains
//! them (issue 13.5): a contact person of an organisation of the region, or
//! of the region's expertpool, added, changed or removed one by one. One
//! door for the API and the beheer page: the access check (refusals
//! audited), the checks of every field (each named), the change stored
//! with its audit record (`gids.contactpersoon`) in one transaction. The
//! directory's pages and `GET /api/v1/contactpersonen` read the stored
//! list on every request, so a change shows at once.
//!
//! Only the beheerder of the region: the accountbeheerder manages accounts,
//! not the region's set-up (as for the access-route data in
//! [`crate::inrichting`]).

use schakel_domain::{Rol, grens};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{Gidscontact, Id};

use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::inrichting::{eis_beheerder_van, regio_van};
use crate::invoer::Controle;

/// The audit event of every change (and refused attempt) here.
pub const GEBEURTENIS: &str = "gids.contactpersoon";
/// The longest function ("zorgcoördinator", "vast contactpunt", …).
pub const MAX_FUNCTIE: usize = 100;
/// The longest e-mail address (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;

/// A contact person as typed: text still unchecked.
#[derive(Debug, Clone, Default)]
pub struct Contactaanvraag {
    /// An organisation of the beheerder's region; `None`: the region's
    /// expertpool.
    pub organisatie: Option<Id>,
    pub functie: String,
    pub naam: String,
    pub telefoon: Option<String>,
    pub email: Option<String>,
}

fn leeg(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A Dutch or international phone number: digits, spaces, `+`, `-` and
/// brackets, with 10 to 15 digits, or a municipality's 14-number
/// (`14 036`).
fn telefoon(t: &str) -> Result<String, String> {
    let cijfers = t.chars().filter(char::is_ascii_digit).count();
    let tekens = t.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let veertien = cijfers == 5 && t.trim_start().starts_with("14");
    if tekens && ((10..=15).contains(&cijfers) || veertien) {
        Ok(t.to_string())
    } else {
        Err(
            "verwacht een telefoonnummer: cijfers, spaties, +, - en haakjes; \
             10 tot 15 cijfers (zoals 036-5399999), of een 14-nummer (14 036)"
                .into(),
        )
    }
}

fn email(e: &str) -> Result<String, String> {
    grens::tekst(e, MAX_EMAIL)?;
    e.parse::<lettre::Address>()
        .map(|_| e.to_string())
        .map_err(|_| "verwacht een e-mailadres (naam@organisatie.nl)".to_string())
}

/// Checks `a` for the region `regio`, each problem named by its API field.
/// An organisation outside the region is checked by the access check.
pub fn controleer(a: &Contactaanvraag, regio: Id) -> ApiResultaat<Gidscontact> {
    let mut c = Controle::default();
    let naam = c.naam("naam", &a.naam);
    let functie = a.functie.trim();
    c.eis("functie", !functie.is_empty(), "verplicht");
    c.veld("functie", grens::tekst(functie, MAX_FUNCTIE));
    let telefoon = leeg(&a.telefoon).and_then(|t| c.veld("telefoon", telefoon(t)));
    let email = leeg(&a.email).and_then(|e| c.veld("email", email(e)));
    c.eis(
        "telefoon",
        leeg(&a.telefoon).is_some() || leeg(&a.email).is_some(),
        "vul een telefoonnummer of een e-mailadres in (of allebei)",
    );
    c.klaar()?;
    Ok(Gidscontact {
        id: 0,
        regio,
        organisatie: a.organisatie,
        functie: functie.into(),
        naam: naam.unwrap_or_default(),
        telefoon,
        email,
        gewijzigd: None,
    })
}

/// Refuses (audited, logged) anyone but a beheerder.
async fn eis_beheerder(dossier: &Dossier<'_>, actie: Actie, id: Option<Id>) -> ApiResultaat<()> {
    if dossier.actor.rol.rol == Rol::Beheerder {
        return Ok(());
    }
    weiger(dossier, actie, id, "rol_geen_beheerder").await
}

async fn weiger(
    dossier: &Dossier<'_>,
    actie: Actie,
    id: Option<Id>,
    grond: &'static str,
) -> ApiResultaat<()> {
    let record = dossier.record(
        GEBEURTENIS,
        actie,
        None,
        ("contactpersoon", id),
        Uitkomst::Geweigerd,
        Some(grond),
    );
    dossier.state.opslag.schrijf_audit(&record).await?;
    dossier.log_weigering("contactpersoon", id.unwrap_or_default(), grond);
    Err(ApiFout::Geweigerd(
        "De contactpersonen van de regio beheert de beheerder van die regio; de poging is gelogd."
            .into(),
    ))
}

/// The stored contact `id`, when the actor is the beheerder of its region:
/// anyone else is refused before the id is looked up (so nobody learns
/// which ids exist); an unknown id is 404 for the beheerder.
async fn bestaand(dossier: &Dossier<'_>, actie: Actie, id: Id) -> ApiResultaat<Gidscontact> {
    eis_beheerder(dossier, actie, Some(id)).await?;
    let c = dossier
        .state
        .opslag
        .contact(id)
        .await?
        .ok_or(ApiFout::NietGevonden)?;
    if c.regio != regio_van(dossier.state.opslag.as_ref(), dossier.actor).await? {
        weiger(dossier, actie, Some(id), "andere_regio").await?;
    }
    Ok(c)
}

/// Adds (`id` `None`) or changes a contact person: beheerder of the
/// region (and of the organisation's region), checked, stored with its
/// audit record. Returns what is stored.
pub async fn bewaar(
    dossier: &Dossier<'_>,
    id: Option<Id>,
    a: &Contactaanvraag,
) -> ApiResultaat<Gidscontact> {
    let actie = if id.is_some() {
        Actie::Wijzigen
    } else {
        Actie::Aanmaken
    };
    match id {
        Some(id) => drop(bestaand(dossier, actie, id).await?),
        None => eis_beheerder(dossier, actie, None).await?,
    }
    if let Some(o) = a.organisatie {
        // The same refusal (audited) for an organisation of another region.
        match eis_beheerder_van(dossier, o, GEBEURTENIS).await {
            Err(ApiFout::NietGevonden) => {
                return Err(ApiFout::veld("organisatie", "onbekende organisatie"));
            }
            uit => drop(uit?),
        }
    }
    let regio = regio_van(dossier.state.opslag.as_ref(), dossier.actor).await?;
    let contact = controleer(a, regio)?;
    let record = dossier.record(
        GEBEURTENIS,
        actie,
        None,
        ("contactpersoon", id),
        Uitkomst::Toegestaan,
        Some("beheerder"),
    );
    Ok(dossier
        .state
        .opslag
        .bewaar_contact(id, &contact, &record)
        .await?)
}

/// Removes a contact person: beheerder of its region, audited.
pub async fn verwijder(dossier: &Dossier<'_>, id: Id) -> ApiResultaat<()> {
    bestaand(dossier, Actie::Verwijderen, id).await?;
    let record = dossier.record(
        GEBEURTENIS,
        Actie::Verwijderen,
        None,
        ("contactpersoon", Some(id)),
        Uitkomst::Toegestaan,
        Some("beheerder"),
    );
    Ok(dossier.state.opslag.verwijder_contact(id, &record).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aanvraag(telefoon: &str, email: &str) -> Contactaanvraag {
        Contactaanvraag {
            organisatie: None,
            functie: "expertpool".into(),
            naam: "Regionale expertpool".into(),
            telefoon: Some(telefoon.into()),
            email: Some(email.into()),
        }
    }

    fn velden(a: &Contactaanvraag) -> Vec<String> {
        match controleer(a, 1) {
            Ok(_) => vec![],
            Err(ApiFout::Ongeldig(v)) => v.into_iter().map(|f| f.name).collect(),
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn telefoon_en_email_worden_gecontroleerd() {
        assert!(velden(&aanvraag("036-5399999", "")).is_empty());
        assert!(velden(&aanvraag("14 036", "")).is_empty());
        assert!(velden(&aanvraag("+31 (0)36 539 9999", "pool@regio.nl")).is_empty());
        assert!(velden(&aanvraag("", "pool@regio.nl")).is_empty());
        assert_eq!(velden(&aanvraag("0365", "")), ["telefoon"]);
        assert_eq!(velden(&aanvraag("036-539999x", "")), ["telefoon"]);
        assert_eq!(velden(&aanvraag("", "geen-adres")), ["email"]);
        assert_eq!(velden(&aanvraag(" ", " ")), ["telefoon"]);
        let lang = format!("{}@regio.nl", "a".repeat(250));
        assert_eq!(velden(&aanvraag("", &lang)), ["email"]);
        let a = Contactaanvraag {
            functie: "f".repeat(MAX_FUNCTIE + 1),
            naam: " ".into(),
            ..aanvraag("036-5399999", "")
        };
        assert_eq!(velden(&a), ["naam", "functie"]);
    }

    #[test]
    fn bewaard_zoals_getrimd() {
        let c = controleer(&aanvraag("036-5399999", "  "), 7).expect("geldig");
        assert_eq!(
            (c.regio, c.naam.as_str(), c.telefoon.as_deref(), c.email),
            (7, "Regionale expertpool", Some("036-5399999"), None)
        );
    }
}
