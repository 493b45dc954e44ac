//! Issue 14, item 8: the web application shows the source's own words
//! (item 1: "Qualifiers the source attaches are part of the answer … in
//! `reikwijdte` output (CLI, API, web)"). The rules crate
//! (`normenkader_randen.rs`), the CLI (`cli.rs`) and the API (`api.rs`)
//! assert the same cells; this is the web page's part.

use super::*;

/// Seed 004, "Schema reikwijdte OJA's": the cells "(handelingsgerichte)
/// diagnostiek (tenzij (een vermoeden van) psychiatrie voorliggend is)" —
/// OJA at PrO —, "deeltijdpleegzorg (max 3 etmalen pw)" and "PGB (indien
/// na onderzoek OJA niet in OJA blijkt onder te brengen)", each on the
/// reikwijdte page with the source's words.
pub async fn web_reikwijdte_met_bronwoorden(app: &App) {
    use super::web::Browser;
    let zc = Browser::nieuw(app);
    zc.inloggen(ZC_A).await;
    let pro = zc.get("/reikwijdte?school=PrO").await;
    assert_eq!(pro.status, StatusCode::OK, "{}", pro.html);
    assert!(
        pro.html.contains(
            "\u{201c}(handelingsgerichte) diagnostiek (tenzij (een vermoeden van) psychiatrie voorliggend is)\u{201d}"
        ),
        "{}",
        pro.html
    );
    let mut alle = String::new();
    for school in ["Watertuin", "Bombardon", "OPDC", "PrO"] {
        let p = zc.get(&format!("/reikwijdte?school={school}")).await;
        assert_eq!(p.status, StatusCode::OK, "{school}");
        alle.push_str(&p.html);
    }
    for woorden in [
        "\u{201c}deeltijdpleegzorg (max 3 etmalen pw)\u{201d}",
        "\u{201c}PGB (indien na onderzoek OJA niet in OJA blijkt onder te brengen)\u{201d}",
    ] {
        assert!(alle.contains(woorden), "{woorden}");
    }
}
