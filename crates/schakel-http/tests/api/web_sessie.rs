//! Issue 16.7: a form sent after the session's idle time-out is not
//! carried out but kept — only when its CSRF token is the expired
//! session's — and after the new login the form's page comes back filled
//! in, once, with the message; the new session's token is in it.

use super::web::Browser;
use super::*;

/// A session of `email` idle for 31 minutes (the time-out is 30): its
/// secret and CSRF token.
async fn verlopen_sessie(app: &App, email: &str) -> (String, String) {
    super::tokens::sessie_met(app, email, 40, 31).await
}

/// A browser whose cookie jar holds the session `geheim`.
fn browser_met(app: &App, geheim: &str) -> Browser {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str(
        &format!("schakel_sessie={geheim}; Path=/"),
        &app.url.parse().expect("url"),
    );
    Browser::met_jar(app, jar)
}

fn bewaard_cookie(p: &super::web::Pagina) -> Option<String> {
    p.koppen
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("schakel_bewaard="))
        .map(str::to_string)
}

pub async fn web_formulier_na_verlopen_sessie(app: &App) {
    const TEKST: &str = "Bewaard na de time-out: \"moeder\" & <vader>";
    let (geheim, csrf) = verlopen_sessie(app, ZC_A).await;
    let b = browser_met(app, &geheim);
    let p = b
        .post(
            "/hulpvragen/nieuw",
            &[("csrf", &csrf), ("jeugdige", ""), ("omschrijving", TEKST)],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), "/inloggen?verlopen=1&bewaard=1");
    let cookie = bewaard_cookie(&p).expect("the kept form's cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let scherm = b.get("/inloggen?verlopen=1&bewaard=1").await;
    assert!(
        scherm.html.contains("We hebben het wel bewaard"),
        "{}",
        scherm.html
    );
    // Nothing was carried out.
    assert!(
        !app.audit()
            .await
            .iter()
            .any(|r| r.record.gebeurtenis == "hulpvraag.aanmaken"),
        "the expired session registered nothing"
    );

    // The new login leads to the form's page, once, filled in again.
    b.inloggen(ZC_A).await;
    assert_eq!(b.get("/start").await.naar(), "/hulpvragen/nieuw");
    let p = b.get("/hulpvragen/nieuw").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.html
            .contains("Uw sessie was verlopen; controleer en verstuur opnieuw."),
        "{}",
        p.html
    );
    assert!(
        p.html
            .contains("Bewaard na de time-out: \"moeder\" &amp; &lt;vader&gt;</textarea>"),
        "{}",
        p.html
    );
    assert!(!p.html.contains(&csrf), "the old CSRF token is not reused");
    assert_eq!(p.koppen[header::CACHE_CONTROL], "no-store");
    let weer = b.get("/hulpvragen/nieuw").await;
    assert!(!weer.html.contains("Uw sessie was verlopen"), "kept once");
    assert_eq!(b.get("/start").await.naar(), "/werk");

    // A form whose token is not the expired session's is not kept.
    let (geheim, _) = verlopen_sessie(app, ZC_A).await;
    let b = browser_met(app, &geheim);
    let p = b
        .post(
            "/hulpvragen/nieuw",
            &[("csrf", "van-elders"), ("omschrijving", TEKST)],
        )
        .await;
    assert_eq!(p.naar(), "/inloggen?verlopen=1");
    assert_eq!(bewaard_cookie(&p), None);
    // Nor is a password form.
    let (geheim, csrf) = verlopen_sessie(app, ZC_A).await;
    let b = browser_met(app, &geheim);
    let p = b
        .post(
            "/account/wachtwoord",
            &[("csrf", &csrf), ("huidig", WACHTWOORD), ("nieuw", "x")],
        )
        .await;
    assert_eq!(p.naar(), "/inloggen?verlopen=1");
    assert_eq!(bewaard_cookie(&p), None);
}
