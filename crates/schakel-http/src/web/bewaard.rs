//! Work that survives the session's time-out (issue 16.7). A form sent
//! after the session ended is not carried out; its fields are kept here,
//! in this process's memory (never in a URL, a log or the database), for
//! the account whose session it was, and only when the form's CSRF token
//! is that session's. A random key in a cookie points to them. After the
//! new login (password, second factor or single sign-on all end at
//! `/start`) the user lands on the page that holds the form, refilled,
//! with a message to check it and send it again: the new session's CSRF
//! token is then in the form, and nothing is sent on the user's behalf.
//!
//! Bounded: at most [`MAX_BYTES`] of fields per form, [`MAX_AANTAL`] kept
//! forms, each for [`BEWAARTIJD`]; passwords and codes are never kept.
//! A restart forgets them (the login page says the form is kept, not
//! saved).

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::{DateTime, Utc};
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use schakel_storage::{Id, Sessie};

use super::formulier::Velden;
use crate::auth::{self, SESSIE_COOKIE};
use crate::state::AppState;

/// The cookie with the key of a kept form.
pub const COOKIE: &str = "schakel_bewaard";
/// A form larger than this is not kept (the login page says so).
pub const MAX_BYTES: usize = 64 * 1024;
/// Forms kept at once, over all accounts.
pub const MAX_AANTAL: usize = 200;
/// How long a kept form waits for its new login.
pub const BEWAARTIJD: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// The message above a refilled form.
pub const MELDING: &str = "Uw sessie was verlopen; controleer en verstuur opnieuw. Het formulier is weer ingevuld met wat u verstuurde, maar nog niet opgeslagen.";
/// The message when the page no longer holds that form.
pub const MELDING_NIET_TERUG: &str = "Uw sessie was verlopen. Wat u verstuurde is niet opgeslagen en past niet meer op deze pagina. Vul het opnieuw in.";

struct Bewaard {
    medewerker: Id,
    /// Where the form was sent.
    actie: String,
    /// The page that holds the form.
    pagina: String,
    velden: Velden,
    tot: DateTime<Utc>,
}

/// The kept forms, by the hash of their cookie's key.
#[derive(Default)]
pub struct Bewaarplaats(Mutex<HashMap<String, Bewaard>>);

impl Bewaarplaats {
    fn met<T>(&self, f: impl FnOnce(&mut HashMap<String, Bewaard>) -> T) -> T {
        let mut kaart = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let nu = Utc::now();
        kaart.retain(|_, b| b.tot > nu);
        f(&mut kaart)
    }

    /// Keeps `b`; its cookie's key, or none when the store is full.
    fn bewaar(&self, b: Bewaard) -> Option<String> {
        self.met(|kaart| {
            if kaart.len() >= MAX_AANTAL {
                return None;
            }
            let sleutel = auth::nieuw_geheim();
            kaart.insert(auth::hash_geheim(&sleutel), b);
            Some(sleutel)
        })
    }

    /// The page of the form kept under `sleutel` for `medewerker`.
    pub fn pagina(&self, sleutel: &str, medewerker: Id) -> Option<String> {
        self.met(|kaart| {
            kaart
                .get(&auth::hash_geheim(sleutel))
                .filter(|b| b.medewerker == medewerker)
                .map(|b| b.pagina.clone())
        })
    }

    /// Takes the form kept for `medewerker` on `pagina` out of the store.
    fn neem(&self, sleutel: &str, medewerker: Id, pagina: &str) -> Option<Bewaard> {
        self.met(|kaart| {
            let hash = auth::hash_geheim(sleutel);
            let past = kaart
                .get(&hash)
                .is_some_and(|b| b.medewerker == medewerker && b.pagina == pagina);
            if past { kaart.remove(&hash) } else { None }
        })
    }
}

/// Whether a form sent to `actie` may be kept: not a login, a password,
/// a second factor or a token, and not logging out.
fn bewaarbaar(actie: &str) -> bool {
    const NOOIT: [&str; 6] = [
        "/uitloggen",
        "/sessie/",
        "/inloggen",
        "/account/",
        "/api-token",
        "/activeren/",
    ];
    // An organisation's single sign-on holds its client secret.
    !NOOIT.iter().any(|n| actie.starts_with(n)) && !actie.ends_with("/sso")
}

/// The page that holds the form sent to `actie` (most forms are sent to
/// their own page).
pub fn pagina_van(actie: &str) -> String {
    let delen: Vec<&str> = actie.trim_start_matches('/').split('/').collect();
    let id = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match delen.as_slice() {
        ["hulpvragen", i, "triage"] if id(i) => format!("/hulpvragen/{i}"),
        ["verwijzingen", i, "leveringen" | "correcties"]
        | ["verwijzingen", i, "leveringen", "week"]
            if id(i) =>
        {
            format!("/verwijzingen/{i}")
        }
        ["casussen", i, "gebeurtenissen" | "inzage-gesloten"] if id(i) => format!("/casussen/{i}"),
        ["acties", i, "afronding"] if id(i) => "/acties".into(),
        ["maatwerk", i] if id(i) => "/maatwerk".into(),
        ["beheer", "medewerkers", i, _] if id(i) => format!("/beheer/medewerkers/{i}"),
        ["beheer", "contactpersonen", i, _] if id(i) => format!("/beheer/contactpersonen/{i}"),
        ["beheer", "medewerkers"] => "/beheer/medewerkers/nieuw".into(),
        ["beheer", "organisaties"] => "/beheer/organisaties/nieuw".into(),
        _ => actie.into(),
    }
}

/// Keeps a form sent to `actie` after `sessie` expired, when it is that
/// session's own form (its CSRF token) and within bounds: the key for the
/// cookie, or none.
pub fn houd_vast(
    state: &AppState,
    actie: &str,
    velden: &Velden,
    sessie: &Sessie,
) -> Option<String> {
    let csrf = super::sessie::veld(velden, "csrf");
    if !bewaarbaar(actie) || !auth::csrf_klopt(&csrf, sessie) {
        return None;
    }
    let velden: Velden = velden
        .iter()
        .filter(|(k, _)| {
            k != "csrf"
                && !["wachtwoord", "code", "geheim"]
                    .iter()
                    .any(|g| k.contains(g))
        })
        .cloned()
        .collect();
    let grootte: usize = velden.iter().map(|(k, v)| k.len() + v.len()).sum();
    if grootte > MAX_BYTES || velden.is_empty() {
        return None;
    }
    state.bewaard.bewaar(Bewaard {
        medewerker: sessie.medewerker,
        actie: actie.into(),
        pagina: pagina_van(actie),
        velden,
        tot: Utc::now() + BEWAARTIJD,
    })
}

pub fn cookie(state: &AppState, sleutel: String) -> Cookie<'static> {
    Cookie::build((COOKIE, sleutel))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.instellingen.veilige_cookies)
        .path("/")
        .build()
}

/// The kept form's page for this user, if any (for `/start`).
pub fn pagina_voor(state: &AppState, jar: &CookieJar, medewerker: Id) -> Option<String> {
    let sleutel = jar.get(COOKIE)?.value();
    state.bewaard.pagina(sleutel, medewerker)
}

/// Middleware: the page of a kept form, for its own account, comes back
/// with the form refilled and the message above it; the form is then
/// forgotten (and its cookie removed).
pub async fn zet_terug(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    let Some(sleutel) = jar.get(COOKIE).map(|c| c.value().to_string()) else {
        return next.run(req).await;
    };
    let sessie = match jar.get(SESSIE_COOKIE) {
        Some(c) if req.method() == Method::GET => {
            auth::geldige_sessie(&state, c.value()).await.ok()
        }
        _ => None,
    };
    let pad = req.uri().path().to_string();
    let Some(b) = sessie.and_then(|s| state.bewaard.neem(&sleutel, s.medewerker, &pad)) else {
        return next.run(req).await;
    };
    let antwoord = next.run(req).await;
    let html = antwoord
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if !antwoord.status().is_success() || !html {
        return antwoord;
    }
    let (mut delen, body) = antwoord.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 16 << 20).await else {
        return Response::from_parts(delen, Body::empty());
    };
    let pagina = String::from_utf8_lossy(&bytes);
    let nieuw = vul_in(&pagina, &b.actie, &b.velden).unwrap_or_else(|| pagina.into_owned());
    delen.headers.remove(header::CONTENT_LENGTH);
    delen.headers.append(
        header::SET_COOKIE,
        header::HeaderValue::from_static(
            "schakel_bewaard=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict",
        ),
    );
    // The refilled page holds what was typed: never from a cache.
    delen.headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Response::from_parts(delen, Body::from(nieuw))
}

/// `html` with the forms sent to `actie` refilled from `velden` (hidden
/// fields keep the page's values: its new CSRF token and versions) and the
/// message on top of the page's content. None when the HTML does not parse.
pub fn vul_in(html: &str, actie: &str, velden: &Velden) -> Option<String> {
    // The action is a path of our own router; anything else is not a
    // selector we build.
    if !actie
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'-')
    {
        return None;
    }
    let waarden = |naam: &str| -> Vec<&str> {
        velden
            .iter()
            .filter(|(k, _)| k == naam)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let gevuld = std::cell::Cell::new(0usize);
    let volgende: std::cell::RefCell<HashMap<String, usize>> = Default::default();
    let keuze: std::cell::RefCell<Option<String>> = Default::default();
    let formulier = format!("form[action=\"{actie}\"]");
    let ingevuld = rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!(format!("{formulier} input[name]"), |el| {
                let naam = el.get_attribute("name").unwrap_or_default();
                let soort = el.get_attribute("type").unwrap_or_default();
                match soort.as_str() {
                    "hidden" | "password" | "submit" | "button" | "file" => {}
                    "checkbox" | "radio" => {
                        let waarde = el.get_attribute("value").unwrap_or_else(|| "on".into());
                        if waarden(&naam).contains(&waarde.as_str()) {
                            el.set_attribute("checked", "")?;
                            gevuld.set(gevuld.get() + 1);
                        } else {
                            el.remove_attribute("checked");
                        }
                    }
                    _ => {
                        let mut teller = volgende.borrow_mut();
                        let n = teller.entry(naam.clone()).or_default();
                        if let Some(w) = waarden(&naam).get(*n) {
                            // lol_html escapes `"` only; `&` is ours.
                            el.set_attribute("value", &w.replace('&', "&amp;"))?;
                            gevuld.set(gevuld.get() + 1);
                        }
                        *n += 1;
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(element!(format!("{formulier} textarea[name]"), |el| {
                let naam = el.get_attribute("name").unwrap_or_default();
                let mut teller = volgende.borrow_mut();
                let n = teller.entry(naam.clone()).or_default();
                if let Some(w) = waarden(&naam).get(*n) {
                    el.set_inner_content(w, ContentType::Text);
                    gevuld.set(gevuld.get() + 1);
                }
                *n += 1;
                Ok(())
            }))
            .append_element_content_handler(element!(format!("{formulier} select[name]"), |el| {
                *keuze.borrow_mut() = el.get_attribute("name");
                Ok(())
            }))
            .append_element_content_handler(element!(
                format!("{formulier} select[name] option"),
                |el| {
                    let Some(naam) = keuze.borrow().clone() else {
                        return Ok(());
                    };
                    let waarde = el.get_attribute("value").unwrap_or_default();
                    if waarden(&naam).contains(&waarde.as_str()) {
                        el.set_attribute("selected", "")?;
                        gevuld.set(gevuld.get() + 1);
                    } else {
                        el.remove_attribute("selected");
                    }
                    Ok(())
                }
            )),
    )
    .ok()?;
    let melding = if gevuld.get() > 0 {
        MELDING
    } else {
        MELDING_NIET_TERUG
    };
    rewrite_str(
        &ingevuld,
        RewriteStrSettings::new().append_element_content_handler(element!("main#inhoud > div", |el| {
                el.prepend(
                    &format!(
                        r#"<div class="utrecht-alert utrecht-alert--warning" role="alert" id="sessie-hervat"><p>{}</p></div>"#,
                        super::grafiek::esc(melding)
                    ),
                    ContentType::Html,
                );
                Ok(())
            })),
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn velden(v: &[(&str, &str)]) -> Velden {
        v.iter()
            .map(|(k, w)| (k.to_string(), w.to_string()))
            .collect()
    }

    #[test]
    fn vult_alleen_het_formulier_van_de_actie_in() {
        let html = r#"<main id="inhoud"><div><h1>Plan</h1>
<form method="post" action="/casussen/7/plan"><input type="hidden" name="csrf" value="nieuw">
<input type="text" name="doel" value=""><textarea name="toelichting">oud</textarea>
<select name="domein"><option value="a" selected>A</option><option value="b">B</option></select>
<input type="checkbox" name="partij" value="1"><input type="checkbox" name="partij" value="2" checked>
<input type="password" name="wachtwoord"></form>
<form method="post" action="/uitloggen"><input type="text" name="doel" value="anders"></form></div></main>"#;
        let uit = vul_in(
            html,
            "/casussen/7/plan",
            &velden(&[
                ("csrf", "oud-token"),
                ("doel", "Naar school \"elke\" dag <b> &amp; meer"),
                ("toelichting", "Met <script>"),
                ("domein", "b"),
                ("partij", "1"),
            ]),
        )
        .expect("rewritten");
        assert!(
            uit.contains(r#"value="nieuw""#),
            "the new CSRF token stays: {uit}"
        );
        assert!(!uit.contains("oud-token"), "{uit}");
        assert!(
            uit.contains(
                r#"name="doel" value="Naar school &quot;elke&quot; dag <b> &amp;amp; meer""#
            ),
            "{uit}"
        );
        assert!(
            uit.contains("<textarea name=\"toelichting\">Met &lt;script&gt;</textarea>"),
            "{uit}"
        );
        assert!(
            uit.contains(r#"<option value="a">A</option><option value="b" selected="">B</option>"#),
            "{uit}"
        );
        assert!(uit.contains(r#"value="1" checked="">"#), "{uit}");
        assert!(uit.contains(r#"name="partij" value="2">"#), "{uit}");
        assert!(
            uit.contains(r#"name="doel" value="anders""#),
            "another form untouched: {uit}"
        );
        assert!(uit.contains(MELDING), "{uit}");
    }

    #[test]
    fn een_pagina_zonder_het_formulier_zegt_dat() {
        let html = r#"<main id="inhoud"><div><p>Niets</p></div></main>"#;
        let uit = vul_in(html, "/acties/3/afronding", &velden(&[("x", "y")])).expect("rewritten");
        assert!(uit.contains(MELDING_NIET_TERUG), "{uit}");
    }

    #[test]
    fn pagina_van_een_formulier() {
        assert_eq!(pagina_van("/casussen/12/plan"), "/casussen/12/plan");
        assert_eq!(pagina_van("/casussen/12/gebeurtenissen"), "/casussen/12");
        assert_eq!(pagina_van("/hulpvragen/4/triage"), "/hulpvragen/4");
        assert_eq!(pagina_van("/acties/9/afronding"), "/acties");
        assert_eq!(
            pagina_van("/beheer/medewerkers"),
            "/beheer/medewerkers/nieuw"
        );
        assert!(!bewaarbaar("/uitloggen"));
        assert!(!bewaarbaar("/account/wachtwoord"));
        assert!(!bewaarbaar("/api-token"));
        assert!(!bewaarbaar("/beheer/organisaties/3/sso"));
        assert!(bewaarbaar("/casussen/12/plan"));
    }
}
