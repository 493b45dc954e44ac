//! Whose rules apply to a jeugdige (issue 17.3): the woonplaatsbeginsel
//! (Jeugdwet art. 1.1) makes the gemeente where the jeugdige lives
//! responsible, whatever school it attends. Its address, through the
//! directory's CBS file, gives that gemeente; the gemeente picks the region
//! and its normenkader ([`schakel_rules::Regios::kies`]). The school's own
//! calendar still decides its school days.

use schakel_rules::{Keuze, Regelset};
use schakel_storage::Jeugdige;

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
/// address the directory does not know keeps the server's default region,
/// as before there were several; a gemeente no region of this installation
/// holds is refused, never judged by another region's rules.
pub async fn keuze_voor<'s>(state: &'s AppState, j: &Jeugdige) -> ApiResultaat<Keuze<'s>> {
    let gemeente = woongemeente(state, j).await?;
    state
        .regios
        .kies(gemeente.as_deref(), "jeugdige")
        .map_err(|_| {
            ApiFout::veld(
                "jeugdige",
                format!(
                    "woont in gemeente {}, die bij geen regio van deze installatie hoort; Schakel kent haar regels niet",
                    gemeente.unwrap_or_default()
                ),
            )
        })
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
