//! `/activeren/<secret>`: an invited person sets a password (issue 13.1).
//! The link's secret is the proof: whoever holds it may set the password,
//! once, within 72 hours. The form needs no CSRF field (there is no
//! session; a page elsewhere does not know the secret).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;

use super::formulier::Fouten;
use super::{Kop, WebResultaat, naar, pagina_met};
use crate::account::{self, MINIMALE_LENGTE};
use crate::auth::{Herkomst, hash_geheim};
use crate::fout::ApiFout;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "activeren.html")]
struct Activeren {
    kop: Kop,
    fouten: Fouten,
    geheim: String,
    email: String,
    verloopt: String,
    minimaal: usize,
    /// Why the link cannot be used, if so.
    onbruikbaar: Option<String>,
}

async fn scherm(state: &AppState, geheim: String, fouten: Fouten) -> WebResultaat {
    let mut pagina = Activeren {
        kop: Kop::openbaar("Account activeren", ""),
        fouten,
        geheim: String::new(),
        email: String::new(),
        verloopt: String::new(),
        minimaal: MINIMALE_LENGTE,
        onbruikbaar: None,
    };
    let status = match state.opslag.activatie(&hash_geheim(&geheim)).await? {
        None => {
            pagina.onbruikbaar = Some("Deze activeringslink bestaat niet.".into());
            StatusCode::NOT_FOUND
        }
        Some(a) => match schakel_storage::eis_bruikbaar(&a, chrono::Utc::now()) {
            Err(f) => {
                pagina.onbruikbaar = Some(super::formulier::hoofdletter(&f.to_string()));
                StatusCode::GONE
            }
            Ok(()) => {
                let m = state.opslag.medewerker(a.medewerker).await?;
                pagina.email = m.map(|m| m.email).unwrap_or_default();
                pagina.verloopt = super::opmaak::moment(a.verloopt);
                pagina.geheim = geheim;
                pagina.fouten.status()
            }
        },
    };
    let mut antwoord = pagina_met(status, &pagina)?;
    // The page carries the link's secret: never cached, never sent on.
    antwoord.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(antwoord)
}

pub async fn activeerscherm(
    State(state): State<AppState>,
    Path(geheim): Path<String>,
) -> WebResultaat {
    scherm(&state, geheim, Fouten::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActiveerInvoer {
    wachtwoord: String,
    herhaling: String,
}

pub async fn activeer(
    State(state): State<AppState>,
    Path(geheim): Path<String>,
    Herkomst(herkomst): Herkomst,
    jar: axum_extra::extract::CookieJar,
    axum::Form(i): axum::Form<ActiveerInvoer>,
) -> WebResultaat {
    let mut fouten = Fouten::default();
    if i.wachtwoord != i.herhaling {
        fouten.veld(
            "herhaling",
            "Herhaal het wachtwoord",
            "De twee wachtwoorden zijn niet gelijk.",
        );
        return scherm(&state, geheim, fouten).await;
    }
    match account::activeer(state.opslag.as_ref(), &geheim, &i.wachtwoord, &herkomst).await {
        // Next, before anything else: the second factor, unless the
        // account has one (a reset link).
        Ok(m)
            if crate::tweedefactor::verplicht(&m)
                && state.opslag.tweede_factoren(m.id).await?.is_empty() =>
        {
            let (geheim, _) = crate::tweedefactor::wacht_op_tweede_factor(
                &state,
                m.id,
                None,
                schakel_storage::AanmeldDoel::Inschrijven,
            )
            .await?;
            let jar = jar.add(crate::api::sessies::aanmeld_cookie(&state, geheim));
            Ok((jar, naar("/account/tweede-factor")).into_response())
        }
        Ok(_) => Ok(naar("/inloggen?geactiveerd=1").into_response()),
        Err(ApiFout::Ongeldig(v)) => {
            fouten.uit_api(&v, &[("wachtwoord", "wachtwoord", "Nieuw wachtwoord")]);
            scherm(&state, geheim, fouten).await
        }
        // An unknown, used or expired link: the page says which.
        Err(ApiFout::NietGevonden | ApiFout::Conflict(_)) => scherm(&state, geheim, fouten).await,
        Err(f) => Err(f.into()),
    }
}
