//! A server that loads another region's rules — the fictitious Lindeloo
//! rule set of schakel-rules' fixtures — answers the API and the web
//! advisor with that region's situations, labels, products and periods,
//! with no code of its own (issue 17.1). Public pages only: the rules hold
//! no personal data, so one storage backend is enough.

use super::*;

fn lindeloo() -> (tempfile::TempDir, Regelset) {
    let map = tempfile::tempdir().expect("tempdir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schakel-rules/tests/fixtures/regio/lindeloo/normenkader");
    for (van, naar) in [
        (
            data_map().join("kalender/schoolvakanties"),
            map.path().join("kalender/schoolvakanties"),
        ),
        (fixture, map.path().join("regio/lindeloo/normenkader")),
    ] {
        std::fs::create_dir_all(&naar).expect("mkdir");
        for e in std::fs::read_dir(van).expect("read_dir") {
            let e = e.expect("entry");
            std::fs::copy(e.path(), naar.join(e.file_name())).expect("copy");
        }
    }
    let regels = Regelset::laad(map.path(), "lindeloo").expect("the fixture loads");
    (map, regels)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tweede_regelset_via_api_en_web() {
    let (_map, regels) = lindeloo();
    let app = App::sqlite_met(regels).await;
    let http = app.anoniem();
    let advies = |body: Value| {
        http.post(app.u("/api/v1/normenkader/adviezen"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .send()
    };
    let (s, _, a) = lees(
        advies(
            json!({"geboortedatum": "2016-05-12", "peildatum": "2026-11-23",
                      "onderwijssituatie": "deel_van_de_week", "schooldagdelen": 3}),
        )
        .await
        .expect("POST"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["situatie"], "deel_van_de_week");
    assert_eq!(a["normenkader"]["regio"], "lindeloo");
    assert_eq!(a["opties"][0]["inzet"][0]["product"], "dagbesteding_jeugd");
    assert_eq!(
        (
            a["opties"][0]["inzet"][0]["min"].clone(),
            a["opties"][0]["inzet"][0]["max"].clone()
        ),
        (json!(1), json!(5))
    );
    assert_eq!(a["opties"][0]["einddatum"], "2027-02-22");

    // Almere's situation is no input for this region.
    let antwoord = lees(
        advies(json!({"geboortedatum": "2016-05-12", "onderwijssituatie": "kolibrie"}))
            .await
            .expect("POST"),
    )
    .await;
    let body = probleem(&antwoord, StatusCode::BAD_REQUEST, "ongeldige-invoer");
    assert_eq!(
        body["invalidParams"],
        json!([{"name": "onderwijssituatie",
                "reason": "onbekende waarde 'kolibrie'; toegestaan: hele_week_school | deel_van_de_week | zorgklas | geen_school"}])
    );

    // The advisor offers this region's situations with their labels, the
    // first one chosen, and its school; none of Almere's.
    let r = http
        .get(app.u("/advies"))
        .send()
        .await
        .expect("GET /advies");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("html");
    for keuze in [
        r#"<option value="hele_week_school" selected>Gaat de hele week naar school"#,
        r#"<option value="deel_van_de_week">Gaat een deel van de week naar school"#,
        r#"<option value="zorgklas">Zit in de zorgklas van een school met arrangement"#,
        r#"<option value="geen_school">Gaat niet naar school (thuiszitter)"#,
        r#"<option value="De Linde">De Linde"#,
    ] {
        assert!(html.contains(keuze), "{keuze} missing:\n{html}");
    }
    for almere in ["volledig_onderwijs", "Kolibrie", "Watertuin"] {
        assert!(!html.contains(almere), "{almere} on Lindeloo's advisor");
    }
    app.klaar().await;
}
