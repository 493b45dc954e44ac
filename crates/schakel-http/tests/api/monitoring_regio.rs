//! Monitoring per region, per gemeente of residence and for the country
//! (issue 17.5): a beleid user sees its own region only (and its
//! gemeenten, with complementary suppression); the national role
//! (landelijke monitoring) sees every region's totals and their sum, and
//! no region's own dashboard.

use super::*;
use schakel_domain::gids::{Buurtcode, postcode_getal};
use schakel_domain::{Huisnummer, Postcode};
use schakel_storage::{JeugdigeWijziging, NieuwHuishouden, NieuweCasus, NieuweJeugdige};

const BELEID_B: &str = "beleid@achterhoek.test";

/// An organisation of region `regio`.
async fn organisatie(
    o: &dyn Opslag,
    regio: i64,
    naam: &str,
    soort: OrganisatieSoort,
    gemeente: Option<&str>,
) -> i64 {
    o.maak_organisatie(&NieuweOrganisatie {
        regio,
        naam: naam.into(),
        soort,
        gemeente: gemeente.map(|g| GemeenteCode::parse(g).expect("gemeente")),
        brin: None,
        agb: None,
    })
    .await
    .expect("organisatie")
    .id
}

async fn regio(o: &dyn Opslag, code: &str, naam: &str) -> i64 {
    o.maak_regio(&NieuweRegio {
        code: code.into(),
        naam: naam.into(),
    })
    .await
    .expect("regio")
    .id
}

async fn beleid(o: &dyn Opslag, email: &str, organisatie: i64) {
    o.maak_medewerker(&NieuweMedewerker {
        naam: "Beleidsmedewerker".into(),
        email: email.into(),
        wachtwoord_hash: wachtwoord_hash(),
        demo: true,
        rollen: vec![Roltoewijzing {
            rol: Rol::Beleid,
            organisatie,
        }],
    })
    .await
    .expect("medewerker");
}

/// `n` open cases of `wijkteam`, each a household with one jeugdige
/// living at `postcode` (house numbers 1..=n); BSNs from `bsns`.
async fn casussen(
    o: &dyn Opslag,
    wijkteam: i64,
    postcode: &str,
    n: u32,
    bsns: &mut impl Iterator<Item = Bsn>,
) {
    for nr in 1..=n {
        let h = o
            .maak_huishouden(
                &NieuwHuishouden {
                    vertegenwoordigers: vec![],
                    aangemaakt_door: Some(wijkteam),
                },
                &opzet_record("huishouden"),
            )
            .await
            .expect("huishouden");
        o.maak_jeugdige(
            &NieuweJeugdige {
                huishouden: h.id,
                bsn: bsns.next().expect("bsn"),
                geboortedatum: NaiveDate::from_ymd_opt(2014, 3, 1).expect("date"),
                gegevens: JeugdigeWijziging {
                    voornaam: "Test".into(),
                    achternaam: "Regio".into(),
                    postcode: Postcode::parse(postcode).expect("postcode"),
                    huisnummer: Huisnummer::new(nr).expect("huisnummer"),
                    toevoeging: None,
                    school: None,
                },
            },
            &opzet_record("jeugdige"),
        )
        .await
        .expect("jeugdige");
        o.maak_casus(
            &NieuweCasus {
                huishouden: h.id,
                wijkteam,
                partijen: vec![],
            },
            &opzet_record("casus"),
            &[],
        )
        .await
        .expect("casus");
    }
}

/// The addresses of the test: postcode → buurt, house numbers 1..=20.
async fn adressen(o: &dyn Opslag) {
    let mut import = o.begin_adresimport().await.expect("begin");
    let mut rijen = Vec::new();
    for (pc, buurt) in [
        ("1354AB", 340101),
        ("7002BC", 2220201),
        ("7121BB", 1970101),
        ("7101CB", 2940102),
    ] {
        for nr in 1..=20 {
            rijen.push(schakel_storage::Adresrij {
                postcode: postcode_getal(&Postcode::parse(pc).expect("postcode")),
                huisnummer: nr,
                buurt: Buurtcode::uit_getal(buurt).expect("buurt"),
            });
        }
    }
    import.voeg_toe(&rijen).await.expect("voeg_toe");
    import
        .voltooi("test.csv", Some(2025))
        .await
        .expect("voltooi");
}

/// This month's open cases in a monitoring answer's months.
fn open(maanden: &Value) -> Value {
    maanden
        .as_array()
        .and_then(|m| m.last())
        .map(|m| m["aantallen"]["openCasussen"].clone())
        .expect("this month")
}

pub async fn monitoring_per_regio(app: &App) {
    let o = app.opslag.as_ref();
    let w = &app.w;
    adressen(o).await;
    // Region B, the Achterhoek: three gemeenten, a wijkteam in each.
    let b = regio(o, "achterhoek", "Achterhoek").await;
    let doetinchem = organisatie(
        o,
        b,
        "Gemeente Doetinchem",
        OrganisatieSoort::Gemeente,
        Some("GM0222"),
    )
    .await;
    organisatie(
        o,
        b,
        "Gemeente Aalten",
        OrganisatieSoort::Gemeente,
        Some("GM0197"),
    )
    .await;
    let wt_doetinchem = organisatie(
        o,
        b,
        "Sociaal team Doetinchem",
        OrganisatieSoort::Wijkteam,
        Some("GM0222"),
    )
    .await;
    let wt_aalten = organisatie(
        o,
        b,
        "Sociaal team Aalten",
        OrganisatieSoort::Wijkteam,
        Some("GM0197"),
    )
    .await;
    let wt_winterswijk = organisatie(
        o,
        b,
        "Sociaal team Winterswijk",
        OrganisatieSoort::Wijkteam,
        Some("GM0294"),
    )
    .await;
    let school_b = organisatie(
        o,
        b,
        "Voorbeeldschool voor VSO",
        OrganisatieSoort::School,
        Some("GM0222"),
    )
    .await;
    beleid(o, BELEID_B, doetinchem).await;
    // A small third region, and the national organisation: registered in
    // a region of its own that serves no gemeente, so not in the view.
    let c = regio(o, "klein", "Kleine regio").await;
    let wt_c = organisatie(
        o,
        c,
        "Wijkteam Klein",
        OrganisatieSoort::Wijkteam,
        Some("GM0050"),
    )
    .await;
    landelijke_monitor(o).await;

    let mut bsns = (999_940_000u32..)
        .map(|x| format!("{x:09}"))
        .filter_map(|s| Bsn::parse(&s).ok());
    casussen(o, w.wijkteam, "1354AB", 6, &mut bsns).await;
    casussen(o, wt_doetinchem, "7002BC", 7, &mut bsns).await;
    casussen(o, wt_aalten, "7121BB", 3, &mut bsns).await;
    casussen(o, wt_winterswijk, "7101CB", 6, &mut bsns).await;
    casussen(o, wt_c, "1354AB", 2, &mut bsns).await;

    // Each beleid user its own region: Almere 6, the Achterhoek 16.
    let beleid_a = app.login(BELEID).await;
    let beleid_b = app.login(BELEID_B).await;
    let (s, _, m) = beleid_a.get("/api/v1/monitoring").await;
    assert_eq!(s, StatusCode::OK, "{m}");
    assert_eq!(
        (m["regio"].clone(), open(&m["maanden"])),
        (json!(w.regio), json!(6))
    );
    let (s, _, m) = beleid_b.get("/api/v1/monitoring").await;
    assert_eq!(s, StatusCode::OK, "{m}");
    assert_eq!(
        (m["regio"].clone(), open(&m["maanden"])),
        (json!(b), json!(16))
    );

    // Per gemeente of residence: Doetinchem 7 shown; Aalten's 3 is "<5",
    // and Winterswijk's 6 "verborgen" — else 16 − 7 − 6 would give Aalten's 3.
    for (gemeente, verwacht) in [
        ("GM0222", json!(7)),
        ("GM0197", json!("<5")),
        ("GM0294", json!("verborgen")),
    ] {
        let (s, _, m) = beleid_b
            .get(&format!("/api/v1/monitoring?gemeente={gemeente}"))
            .await;
        assert_eq!(s, StatusCode::OK, "{m}");
        assert_eq!(m["gemeente"], gemeente);
        assert_eq!(open(&m["maanden"]), verwacht, "{gemeente}");
    }
    // Almere's one gemeente equals its region: nothing to hide.
    let (_, _, m) = beleid_a.get("/api/v1/monitoring?gemeente=GM0034").await;
    assert_eq!(open(&m["maanden"]), json!(6));
    // A school of the region, with no pupils in a case: "<5".
    let (s, _, m) = beleid_b
        .get(&format!("/api/v1/monitoring?school={school_b}"))
        .await;
    assert_eq!((s, open(&m["maanden"])), (StatusCode::OK, json!("<5")));

    // Region isolation: nothing of another region, by school or gemeente.
    let antwoord = beleid_b
        .get(&format!("/api/v1/monitoring?school={}", w.school_a))
        .await;
    assert_eq!(ongeldig(&antwoord), ["school"]);
    let antwoord = beleid_b.get("/api/v1/monitoring?gemeente=GM0034").await;
    assert_eq!(ongeldig(&antwoord), ["gemeente"]);
    let antwoord = beleid_a.get("/api/v1/monitoring?gemeente=GM0222").await;
    assert_eq!(ongeldig(&antwoord), ["gemeente"]);
    let antwoord = beleid_a
        .get("/api/v1/monitoring?gemeente=GM0034&school=1")
        .await;
    assert_eq!(ongeldig(&antwoord), ["gemeente"]);
    let antwoord = beleid_a.get("/api/v1/monitoring?gemeente=Almere").await;
    assert_eq!(ongeldig(&antwoord), ["gemeente"]);
    // The CSV of one gemeente: the same figures.
    let (s, koppen, csv) = beleid_b
        .get("/api/v1/monitoring/tabel?gemeente=GM0222")
        .await;
    assert_eq!(s, StatusCode::OK, "{csv}");
    assert!(
        koppen["content-disposition"]
            .to_str()
            .is_ok_and(|d| d.contains("monitoring-gemeente-GM0222-")),
        "{koppen:?}"
    );

    // The national view: only the national role; every region that
    // serves a gemeente side by side, and their sum. A region's beleid is
    // refused, as is everyone else.
    for gebruiker in [&beleid_a, &beleid_b, &app.login(ZC_A).await] {
        probleem(
            &gebruiker.get("/api/v1/monitoring/regios").await,
            StatusCode::FORBIDDEN,
            "geen-toegang",
        );
    }
    let geweigerd = app
        .audit()
        .await
        .into_iter()
        .filter(|r| {
            r.record.gebeurtenis == "monitoring.landelijk"
                && r.record.uitkomst == Uitkomst::Geweigerd
        })
        .count();
    assert_eq!(geweigerd, 3, "every refusal logged");
    let landelijk = app.login(LANDELIJK).await;
    // The national role sees no region's own dashboard (schools,
    // gemeenten), and that refusal is logged too.
    for pad in ["/api/v1/monitoring", "/api/v1/monitoring/tabel"] {
        probleem(
            &landelijk.get(pad).await,
            StatusCode::FORBIDDEN,
            "geen-toegang",
        );
    }
    let (s, _, m) = landelijk.get("/api/v1/monitoring/regios").await;
    assert_eq!(s, StatusCode::OK, "{m}");
    let regios: Vec<(Value, Value)> = m["regios"]
        .as_array()
        .expect("regios")
        .iter()
        .map(|r| (r["naam"].clone(), open(&r["maanden"])))
        .collect();
    // Kleine regio's 2 is hidden, and with it the smallest other (Almere's
    // 6); the country's 24 is the sum of 6, 16 and 2.
    assert_eq!(
        regios,
        [
            (json!("Almere"), json!("verborgen")),
            (json!("Achterhoek"), json!(16)),
            (json!("Kleine regio"), json!("<5")),
        ]
    );
    assert_eq!(open(&m["land"]), json!(6 + 16 + 2));
    let nieuw = |maanden: &Value| {
        maanden
            .as_array()
            .and_then(|m| m.last())
            .map(|m| m["aantallen"]["nieuweCasussen"].clone())
    };
    assert_eq!(nieuw(&m["land"]), Some(json!(24)));
    assert!(
        !m.to_string().contains("Test") && m.get("scholen").is_none(),
        "aggregated only: {m}"
    );
}

/// The national role is the installation's to give (issue 17.5): no
/// region's beheerder grants it, by invitation or by a change of roles,
/// and none reaches an account that holds it — even one at an
/// organisation of the own region (404, as an account elsewhere). Every
/// refused grant is in the audit log.
pub async fn landelijke_rol_alleen_door_de_installatie(app: &App) {
    let o = app.opslag.as_ref();
    landelijke_monitor(o).await;
    let beheer = app.login(BEHEERDER).await;
    let zc = app.w.medewerker(ZC_A);
    let landelijk = json!({"rol": "landelijk", "organisatie": app.w.gemeente});
    let antwoord = beheer
        .put(
            &format!("/api/v1/medewerkers/{zc}/rollen"),
            None,
            json!({"rollen": [{"rol": "zorgcoordinator", "organisatie": app.w.school_a}, landelijk]}),
        )
        .await;
    let p = probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
    assert!(
        p["detail"]
            .as_str()
            .is_some_and(|d| d.contains("installatie")),
        "{p}"
    );
    let antwoord = beheer
        .post(
            "/api/v1/medewerkers",
            json!({"naam": "Nora Landelijk", "email": "nora@gemeente.test",
                   "rol": "landelijk", "organisatie": app.w.gemeente}),
        )
        .await;
    probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
    let (s, _, m) = beheer.get(&format!("/api/v1/medewerkers/{zc}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(m["rollen"].as_array().map(Vec::len), Some(1), "unchanged");
    assert!(
        o.medewerker_op_email("nora@gemeente.test")
            .await
            .expect("lookup")
            .is_none(),
        "not invited"
    );
    let geweigerd = app
        .audit()
        .await
        .into_iter()
        .filter(|r| {
            r.record.uitkomst == Uitkomst::Geweigerd
                && r.record.grond.as_deref() == Some("rol_landelijk_alleen_installatie")
        })
        .map(|r| r.record.gebeurtenis)
        .collect::<Vec<_>>();
    assert_eq!(geweigerd, ["account.rollen", "account.uitnodigen"]);

    // An account with the role at an organisation of the region itself:
    // out of the beheerder's reach all the same.
    let binnen = o
        .maak_medewerker(&NieuweMedewerker {
            naam: "Landelijk in Almere".into(),
            email: "landelijk@gemeente.test".into(),
            wachtwoord_hash: wachtwoord_hash(),
            demo: true,
            rollen: vec![Roltoewijzing {
                rol: Rol::Landelijk,
                organisatie: app.w.gemeente,
            }],
        })
        .await
        .expect("medewerker")
        .id;
    let nationaal = o
        .medewerker_op_email(LANDELIJK)
        .await
        .expect("lookup")
        .expect("seeded")
        .0
        .id;
    for id in [binnen, nationaal] {
        let (s, _, _) = beheer.get(&format!("/api/v1/medewerkers/{id}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "account {id}");
        let (s, _, _) = beheer
            .put(
                &format!("/api/v1/medewerkers/{id}/actief"),
                None,
                json!({"actief": false}),
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "account {id}");
    }
    let (s, _, lijst) = beheer.get("/api/v1/medewerkers").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        !lijst.to_string().contains("landelijk@gemeente.test"),
        "not on the region's list: {lijst}"
    );
}

/// The national role's web pages (issue 17.5): its start page is the
/// national dashboard; every page of a region's work — dossiers, cases,
/// referrals, deadlines, the directory, beheer, accounts — is refused.
pub async fn web_landelijk_alleen_de_landelijke_cijfers(app: &App) {
    landelijke_monitor(app.opslag.as_ref()).await;
    let b = super::web::Browser::nieuw(app);
    b.inloggen(LANDELIJK).await;
    let mut fout = Vec::new();
    for (pad, verwacht) in [
        ("/start", 303),
        ("/dashboard", 200),
        ("/advies", 200),
        ("/toets", 200),
        ("/reikwijdte", 200),
        ("/api-token", 200),
        ("/account/tweede-factor", 200),
    ] {
        let p = b.get(pad).await;
        if p.status.as_u16() != verwacht {
            fout.push(format!("{pad}: {} (expected {verwacht})", p.status));
        }
    }
    let dashboard = b.get("/dashboard").await;
    assert!(
        dashboard.html.contains("Landelijke cijfers"),
        "{}",
        dashboard.html
    );
    let voor = app.audit().await.len();
    let geweigerd = [
        "/werk",
        "/jeugdigen",
        "/jeugdigen/nieuw",
        "/hulpvragen",
        "/hulpvragen/nieuw",
        "/verwijzingen",
        "/verwijzingen/nieuw",
        "/casussen",
        "/casussen/nieuw",
        "/acties",
        "/maatwerk",
        "/gids",
        "/gids/wijkteams",
        "/gids/contacten",
        "/beheer",
        "/beheer/noodtoegang",
        "/beheer/interventie-afspraken",
        "/beheer/medewerkers",
        "/beheer/medewerkers/nieuw",
        "/beheer/contactpersonen",
        "/beheer/organisaties/nieuw",
    ];
    for pad in geweigerd {
        let p = b.get(pad).await;
        if p.status != StatusCode::FORBIDDEN || !p.html.contains("Geen toegang") {
            fout.push(format!("{pad}: {} (expected 403)", p.status));
        }
    }
    assert!(fout.is_empty(), "{}", fout.join("\n"));
    let gelogd = app
        .audit()
        .await
        .into_iter()
        .skip(voor)
        .filter(|r| {
            r.record.gebeurtenis == "pagina.landelijk" && r.record.uitkomst == Uitkomst::Geweigerd
        })
        .count();
    assert_eq!(gelogd, geweigerd.len(), "every refused page logged");
}

/// Roles that never see a dossier (beleid, beheerder, toegang) open their
/// own pages, and are refused the dossier pages before any handler runs —
/// no empty case list, no registration form — each refusal logged.
pub async fn web_geen_dossierpaginas_zonder_dossierrol(app: &App) {
    let dossierpaginas = [
        "/jeugdigen",
        "/jeugdigen/nieuw",
        "/jeugdigen/1",
        "/hulpvragen",
        "/casussen",
        "/casussen/nieuw",
    ];
    let mut fout = Vec::new();
    for (email, eigen) in [
        (BELEID, "/dashboard"),
        (BEHEERDER, "/beheer"),
        (TOEGANG, "/maatwerk"),
        (TOEGANG, "/acties"),
    ] {
        let b = super::web::Browser::nieuw(app);
        b.inloggen(email).await;
        let p = b.get(eigen).await;
        if p.status != StatusCode::OK {
            fout.push(format!("{email} {eigen}: {} (expected 200)", p.status));
        }
        let voor = app.audit().await.len();
        for pad in dossierpaginas {
            let p = b.get(pad).await;
            if p.status != StatusCode::FORBIDDEN || !p.html.contains("Geen toegang") {
                fout.push(format!("{email} {pad}: {} (expected 403)", p.status));
            }
        }
        let gelogd = app
            .audit()
            .await
            .into_iter()
            .skip(voor)
            .filter(|r| {
                r.record.gebeurtenis == "pagina.geen_dossierrol"
                    && r.record.uitkomst == Uitkomst::Geweigerd
            })
            .count();
        if gelogd != dossierpaginas.len() {
            fout.push(format!("{email}: {gelogd} refusals logged"));
        }
    }
    assert!(fout.is_empty(), "{}", fout.join("\n"));
}
