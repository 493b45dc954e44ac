//! The OpenID Connect protocol, by the `openidconnect` crate: discovery,
//! the authorization code flow with PKCE (S256), state and nonce, and the
//! ID token's validation (signature by the provider's published keys,
//! issuer, audience, expiry, nonce). Its HTTP client follows no redirects
//! (a provider's answer cannot send Schakel elsewhere: SSRF) and speaks TLS
//! through rustls.

use std::time::Duration;

use openidconnect::core::{CoreAuthenticationFlow, CoreClient};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IssuerUrl,
    LogoutRequest, Nonce, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl,
    ProviderMetadataWithLogout, RedirectUrl, Scope, TokenResponse, reqwest,
};
use schakel_storage::{SsoInstelling, SsoPoging};

use super::{Identiteit, Vertrek, Weigering, issuer_fout};
use crate::state::AppState;

/// A client for one login: no redirects, a time limit. Made per login
/// rather than shared, so that no pooled connection outlives the runtime
/// that opened it.
fn http() -> Option<reqwest::Client> {
    reqwest::ClientBuilder::new()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| tracing::error!("sso: HTTP-client: {e}"))
        .ok()
}

/// An error with its causes, for the log.
fn keten(e: &dyn std::error::Error) -> String {
    let mut tekst = e.to_string();
    let mut bron = e.source();
    while let Some(b) = bron {
        tekst.push_str(&format!(": {b}"));
        bron = b.source();
    }
    tekst
}

/// The provider's metadata (discovery), fetched for every login: a
/// provider that rotates its keys is followed at once. The issuer is
/// checked again, as the server's setting may have changed since it was
/// stored.
async fn ontdek(
    state: &AppState,
    i: &SsoInstelling,
) -> Result<ProviderMetadataWithLogout, Weigering> {
    if issuer_fout(&i.issuer, state.instellingen.sso_http_toegestaan).is_some() {
        return Err(Weigering::IdpOnbereikbaar);
    }
    let issuer = IssuerUrl::new(i.issuer.clone()).map_err(|_| Weigering::IdpOnbereikbaar)?;
    let http = http().ok_or(Weigering::IdpOnbereikbaar)?;
    ProviderMetadataWithLogout::discover_async(issuer, &http)
        .await
        .map_err(|e| {
            // The error names the URL and the problem, never the secret.
            let e = keten(&e);
            tracing::warn!(organisatie = i.organisatie, "sso: discovery mislukt: {e}");
            Weigering::IdpOnbereikbaar
        })
}

/// Sends the browser to the provider: the authorization URL with a fresh
/// state, nonce and PKCE challenge, asking for e-mail and name.
/// With `opnieuw` (a re-confirmation) the provider is asked to log the
/// person in anew: `prompt=login` and `max_age=0` (OpenID Connect Core
/// 3.1.2.1), so its own session is not reused.
pub async fn begin(
    state: &AppState,
    i: &SsoInstelling,
    terug: &str,
    opnieuw: bool,
) -> Result<Vertrek, Weigering> {
    let meta = ontdek(state, i).await?;
    let redirect = RedirectUrl::new(terug.to_string()).map_err(|_| Weigering::SsoUit)?;
    let client = CoreClient::from_provider_metadata(
        meta,
        ClientId::new(i.client_id.clone()),
        Some(ClientSecret::new(i.client_secret.clone())),
    )
    .set_redirect_uri(redirect);
    let (uitdaging, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut verzoek = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(uitdaging);
    if opnieuw {
        verzoek = verzoek
            .add_prompt(openidconnect::core::CoreAuthPrompt::Login)
            .set_max_age(std::time::Duration::ZERO);
    }
    let (url, csrf, nonce) = verzoek.url();
    Ok(Vertrek {
        url: url.to_string(),
        state: csrf.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
    })
}

/// Exchanges the code (with the PKCE verifier) and validates the ID token
/// (with the nonce): who logged in, and how.
pub async fn identiteit(
    state: &AppState,
    i: &SsoInstelling,
    terug: &str,
    code: &str,
    p: &SsoPoging,
) -> Result<Identiteit, Weigering> {
    let meta = ontdek(state, i).await?;
    let redirect = RedirectUrl::new(terug.to_string()).map_err(|_| Weigering::SsoUit)?;
    let client = CoreClient::from_provider_metadata(
        meta,
        ClientId::new(i.client_id.clone()),
        Some(ClientSecret::new(i.client_secret.clone())),
    )
    .set_redirect_uri(redirect);
    let http = http().ok_or(Weigering::IdpOnbereikbaar)?;
    let antwoord = client
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .map_err(|_| Weigering::IdpOnbereikbaar)?
        .set_pkce_verifier(PkceCodeVerifier::new(p.pkce_verifier.clone()))
        .request_async(&http)
        .await
        .map_err(|e| {
            tracing::warn!(
                organisatie = i.organisatie,
                "sso: tokenverzoek geweigerd: {e}"
            );
            Weigering::TokenOngeldig
        })?;
    let token = antwoord.id_token().ok_or(Weigering::TokenOngeldig)?;
    let claims = token
        .claims(&client.id_token_verifier(), &Nonce::new(p.nonce.clone()))
        .map_err(|e| {
            tracing::warn!(organisatie = i.organisatie, "sso: ID-token geweigerd: {e}");
            match e {
                ClaimsVerificationError::InvalidNonce(_) => Weigering::NonceOnjuist,
                _ => Weigering::TokenOngeldig,
            }
        })?;
    Ok(Identiteit {
        issuer: claims.issuer().to_string(),
        subject: claims.subject().to_string(),
        email: claims.email().map(|e| e.to_string()),
        email_geverifieerd: claims.email_verified() == Some(true),
        naam: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string()),
        amr: claims
            .auth_method_refs()
            .map(|a| a.iter().map(|m| m.to_string()).collect())
            .unwrap_or_default(),
        acr: claims.auth_context_ref().map(|a| a.to_string()),
        auth_time: claims.auth_time(),
    })
}

/// The provider's end-session URL for this client, back to `na`, when its
/// discovery names an `end_session_endpoint`.
pub async fn uitlog_url(state: &AppState, i: &SsoInstelling, na: &str) -> Option<String> {
    let meta = ontdek(state, i).await.ok()?;
    let eind = meta.additional_metadata().end_session_endpoint.clone()?;
    let na = PostLogoutRedirectUrl::new(na.to_string()).ok()?;
    Some(
        LogoutRequest::from(eind)
            .set_client_id(ClientId::new(i.client_id.clone()))
            .set_post_logout_redirect_uri(na)
            .http_get_url()
            .to_string(),
    )
}
