//! Issue 12, item 8: the metrics are an operators' endpoint on a listener
//! of their own, and no client can grow their label set.

use reqwest::{Method, StatusCode};

use super::App;

/// The values of one label in the Prometheus text.
fn labelwaarden(tekst: &str, label: &str) -> std::collections::BTreeSet<String> {
    let begin = format!("{label}=\"");
    tekst
        .lines()
        .filter(|r| !r.starts_with('#'))
        .flat_map(|r| r.split(&begin).skip(1))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

pub async fn metrics_apart_en_begrensd(app: &App) {
    let http = app.anoniem();
    // Not on the public listener: a page like any unknown path.
    let r = http.get(app.u("/metrics")).send().await.expect("GET");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let tekst = r.text().await.expect("body");
    assert!(!tekst.contains("schakel_http_verzoeken_totaal"), "{tekst}");

    // Made-up methods, unmatched paths and a matched path with an id.
    for i in 0..40 {
        let methode = Method::from_bytes(format!("RAAR{i}X").as_bytes()).expect("method");
        let r = http
            .request(methode, app.u("/api/v1/gezondheid"))
            .send()
            .await
            .expect("request");
        assert!(r.status().is_client_error(), "{}", r.status());
    }
    for i in 0..20 {
        for pad in [format!("/api/v1/zoek-{i}x/7"), format!("/willekeurig-{i}x")] {
            let r = http.get(app.u(&pad)).send().await.expect("GET");
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{pad}");
        }
    }
    let r = http
        .get(app.u("/api/v1/jeugdigen/987654"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let tekst = app.metrics().await;
    let methoden = labelwaarden(&tekst, "methode");
    let bekend = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "overig"];
    assert!(
        methoden.iter().all(|m| bekend.contains(&m.as_str())),
        "{methoden:?}"
    );
    assert!(methoden.contains("overig"), "{methoden:?}");
    assert!(!tekst.contains("RAAR"), "a raw method became a label");
    let routes = labelwaarden(&tekst, "route");
    assert!(routes.contains("onbekend"), "{routes:?}");
    assert!(routes.contains("/api/v1/jeugdigen/{id}"), "{routes:?}");
    for r in &routes {
        assert!(
            !r.contains("zoek-") && !r.contains("willekeurig-") && !r.contains("987654"),
            "a raw path became a label: {r}"
        );
    }
}
