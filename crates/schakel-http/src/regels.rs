//! Whose rules apply to a jeugdige (issue 17.3): the woonplaatsbeginsel
//! (Jeugdwet art. 1.1) makes the gemeente where the jeugdige lives
//! responsible, whatever school it attends. Its address, through the
//! directory's CBS file, gives that gemeente; the gemeente picks the region
//! and its normenkader ([`schakel_rules::Regios::kies`]). The school's own
//! calendar still decides its school days.

use schakel_rules::{Keuze, Regelset, Regio};
use schakel_storage::{Id, Jeugdige};

use crate::fout::{ApiFout, ApiResultaat};
use crate::state::AppState;

/// The CBS code of the gemeente a jeugdige lives in, or None when the
/// directory's address file does not hold its address.
pub async fn woongemeente(state: &AppState, j: &Jeugdige) -> ApiResultaat<Option<String>> {
    let stand = state.gebieden.stand(state.opslag.as_ref()).await?;
    let buurt = crate::gids::buurt_van(
        state.opslag.as_ref(),
        &stand,
        &j.gegevens.postcode,
        j.gegevens.huisnummer,
    )
    .await?;
    Ok(buurt.map(|b| b.gemeente().cbs()))
}

/// The region (and its rules, if any) of the jeugdige's gemeente. An
/// address the directory does not know takes its school's region, else
/// the server's default region (without either it is refused); a
/// gemeente no region of this installation holds is refused, never judged
/// by another region's rules.
pub async fn keuze_voor<'s>(state: &'s AppState, j: &Jeugdige) -> ApiResultaat<Keuze<'s>> {
    let gemeente = woongemeente(state, j).await?;
    // An address the directory does not hold (yet): the school's region is
    // the best estimate of where the jeugdige lives, as for the access
    // route's verwijzer; then the default region.
    if gemeente.is_none()
        && let Some(school) = j.gegevens.school
        && let Some(r) = regio_van_organisatie(state, school).await?
    {
        return state
            .regios
            .kies_in(None, Some(r), "jeugdige")
            .map_err(ApiFout::from);
    }
    state
        .regios
        .kies(gemeente.as_deref(), "jeugdige")
        .map_err(|_| {
            ApiFout::veld(
                "jeugdige",
                match gemeente {
                    Some(g) => format!(
                        "woont in gemeente {g}, die bij geen regio van deze installatie hoort; Schakel kent haar regels niet"
                    ),
                    None => "het adres van de jeugdige staat niet in het adressenbestand van de organisatiegids, dus Schakel weet niet in welke gemeente zij woont en welke regels gelden".into(),
                },
            )
        })
}

/// The jeugdige's region choice, or None when its gemeente is unknown or
/// belongs to no region here (an input error elsewhere, a fact here).
pub async fn keuze_of_geen<'s>(
    state: &'s AppState,
    j: &Jeugdige,
) -> ApiResultaat<Option<Keuze<'s>>> {
    match keuze_voor(state, j).await {
        Ok(k) => Ok(Some(k)),
        Err(ApiFout::Ongeldig(_)) => Ok(None),
        Err(f) => Err(f),
    }
}

/// The rules for the jeugdige, or an input error naming the route of its
/// gemeente when its region has no normenkader.
pub async fn regels_voor<'s>(state: &'s AppState, j: &Jeugdige) -> ApiResultaat<&'s Regelset> {
    let keuze = keuze_voor(state, j).await?;
    keuze.regels().ok_or_else(|| {
        let waarom = keuze.zonder_regels().map(|g| g.toelichting);
        ApiFout::veld("jeugdige", waarom.unwrap_or_default())
    })
}

/// The rules that apply to a jeugdige, or None when its gemeente's region
/// has no normenkader or belongs to no region here: what a page offers
/// for the jeugdige (situations, products), never another region's.
pub async fn regels_of_geen<'s>(
    state: &'s AppState,
    j: &Jeugdige,
) -> ApiResultaat<Option<&'s Regelset>> {
    Ok(keuze_of_geen(state, j).await?.and_then(|k| k.regels()))
}

/// The region of an organisation (a school's, a beheerder's, the user's
/// own): its region in the database, found by code among this
/// installation's regions. An organisation of a region that has no data
/// here belongs to the default region, when there is one.
pub async fn regio_van_organisatie(
    state: &AppState,
    organisatie: Id,
) -> ApiResultaat<Option<&Regio>> {
    let Some(org) = state.opslag.organisatie(organisatie).await? else {
        return Ok(None);
    };
    let code = state
        .opslag
        .alle_regios()
        .await?
        .into_iter()
        .find(|r| r.id == org.regio)
        .map(|r| r.code);
    Ok(code
        .and_then(|c| state.regios.regio(&c))
        .or_else(|| state.regios.standaard()))
}

/// The rules of an organisation's region; None when it has no normenkader.
pub async fn regels_van_organisatie(
    state: &AppState,
    organisatie: Id,
) -> ApiResultaat<Option<&Regelset>> {
    Ok(regio_van_organisatie(state, organisatie)
        .await?
        .and_then(|r| r.regels.as_ref()))
}
