//! A malformed or inconsistent rule or calendar file is refused with file,
//! line and problem; the shipped files load.

mod common;

use std::path::Path;

use common::*;
use schakel_rules::{LaadFout, Schoolkalender, laad_tekst};

fn normenkader_tekst() -> String {
    std::fs::read_to_string(data_map().join("regio/almere/normenkader/2025-08-01.toml"))
        .expect("shipped file")
}

fn kalender() -> Schoolkalender {
    Schoolkalender::laad(&data_map().join("kalender/schoolvakanties")).expect("shipped calendar")
}

/// Loads `tekst` as a normenkader; expects an error.
fn fout(tekst: &str) -> LaadFout {
    laad_tekst(Path::new("almere.toml"), tekst, &kalender()).expect_err("must be refused")
}

/// 1-based line of the first occurrence of `naald` in `tekst`.
fn regel_van(tekst: &str, naald: &str) -> usize {
    let pos = tekst
        .find(naald)
        .unwrap_or_else(|| panic!("{naald} not in text"));
    tekst[..pos].matches('\n').count() + 1
}

#[test]
fn geleverde_regels_laden() {
    let r = regels();
    assert_eq!(r.kaders().len(), 1);
    let k = &r.kaders()[0];
    assert_eq!(
        (k.versie.as_str(), k.geldig_vanaf),
        ("2025.1", d("2025-08-01"))
    );
    assert_eq!(k.rijen.len(), 9, "all nine situation rows");
    assert_eq!(k.voetnoten.len(), 4, "footnotes *, **, ***, ****");
    assert_eq!(
        k.reikwijdte.len(),
        13,
        "13 services in the schema reikwijdte"
    );
    assert_eq!(k.reikwijdte_voetnoten.len(), 3);
    assert_eq!(k.joa_regels.len(), 4);
    assert!(
        k.rijen
            .iter()
            .all(|r| !r.bron.is_empty() && r.opties.iter().all(|o| !o.bron.is_empty()))
    );
}

#[test]
fn onbekend_product_noemt_regel() {
    let tekst = normenkader_tekst().replacen(
        r#"{ product = "begeleiding_individueel_basis", max = 3"#,
        r#"{ product = "begeleiding_individueel_baiss", max = 3"#,
        1,
    );
    let f = fout(&tekst);
    assert_eq!(
        f.regel,
        Some(regel_van(&tekst, "begeleiding_individueel_baiss"))
    );
    assert!(
        f.melding
            .contains("onbekend product 'begeleiding_individueel_baiss'"),
        "{f}"
    );
    assert!(f.to_string().starts_with("almere.toml:"), "{f}");
}

#[test]
fn twee_rijen_voor_dezelfde_situatie() {
    let tekst = normenkader_tekst().replacen(
        "id = \"almere.rij.onderwijsperspectief\"\nsituatie = \"onderwijsperspectief\"",
        "id = \"almere.rij.onderwijsperspectief\"\nsituatie = \"volledig_onderwijs\"",
        1,
    );
    let f = fout(&tekst);
    assert!(
        f.melding
            .contains("gelden allebei voor situatie volledig_onderwijs"),
        "{f}"
    );
    assert_eq!(
        f.regel,
        Some(regel_van(
            &tekst,
            "situatie = \"volledig_onderwijs\"\nbron = \"Normenkader, rij 'Kind ouder dan 4 jaar | Onderwijsperspectief'"
        ))
    );
}

#[test]
fn ontbrekend_citaat() {
    let tekst = normenkader_tekst().replacen(
        "bron = \"Normenkader, rij 'Gaat naar Kolibrie', kolommen 'Jeugdhulp' en 'Af te geven verwijzing'\"\n",
        "",
        1,
    );
    let f = fout(&tekst);
    assert!(
        f.melding
            .contains("bron ontbreekt voor optie almere.rij.kolibrie.optie.1"),
        "{f}"
    );
    assert_eq!(
        f.regel,
        Some(regel_van(&tekst, "id = \"almere.rij.kolibrie.optie.1\""))
    );
}

#[test]
fn kapotte_toml_noemt_regel() {
    let tekst =
        normenkader_tekst().replacen("beschikking_nodig = true", "beschikking_nodig = ja", 1);
    let f = fout(&tekst);
    assert_eq!(f.regel, Some(regel_van(&tekst, "beschikking_nodig = ja")));
}

#[test]
fn onbekende_voetnoot_en_situatie_en_dubbel_id() {
    let t = normenkader_tekst().replacen(
        "voetnoten = [\"*\", \"****\"]",
        "voetnoten = [\"*\", \"*****\"]",
        1,
    );
    assert!(fout(&t).melding.contains("onbekende voetnoot '*****'"));
    let t = normenkader_tekst().replacen("situatie = \"kolibrie\"", "situatie = \"kolibri\"", 1);
    let f = fout(&t);
    assert!(f.melding.contains("onbekende situatie 'kolibri'"), "{f}");
    assert_eq!(f.regel, Some(regel_van(&t, "situatie = \"kolibri\"")));
    let t = normenkader_tekst().replacen(
        "id = \"almere.rij.kolibrie.optie.1\"",
        "id = \"almere.rij.kolibrie\"",
        1,
    );
    assert!(
        fout(&t)
            .melding
            .contains("id 'almere.rij.kolibrie' komt twee keer voor")
    );
}

#[test]
fn reikwijdte_moet_elke_oja_school_noemen() {
    let t = normenkader_tekst().replacen(
        r#"waarden = { Watertuin = "V", Bombardon = "V", OPDC = "V", PrO = "OJA" }"#,
        r#"waarden = { Watertuin = "V", Bombardon = "V", OPDC = "V" }"#,
        1,
    );
    assert!(fout(&t).melding.contains("mist OJA-school PrO"));
    let t = normenkader_tekst().replacen(r#"PrO = "OJA" }"#, r#"PrO = "JA" }"#, 1);
    assert!(
        fout(&t)
            .melding
            .contains("ongeldige waarde 'JA'; toegestaan: OJA, V")
    );
}

#[test]
fn tegenstrijdige_joa_regels() {
    let t = normenkader_tekst().replacen(
        r#"scholen = ["Triangel"]"#,
        r#"scholen = ["Triangel", "Tamboerijn"]"#,
        1,
    );
    assert!(
        fout(&t)
            .melding
            .contains("zeggen allebei iets over jggz bij Tamboerijn")
    );
}

fn kalender_fout(bestanden: &[(&str, &str)]) -> LaadFout {
    let map = tempfile::tempdir().expect("tempdir");
    for (naam, tekst) in bestanden {
        std::fs::write(map.path().join(naam), tekst).expect("write");
    }
    Schoolkalender::laad(map.path()).expect_err("must be refused")
}

#[test]
fn kapotte_kalender_wordt_geweigerd() {
    let f = kalender_fout(&[(
        "2030-2031.toml",
        "schooljaar = \"2030-2031\"\nbron = \"test\"\n\n[[vakantie]]\nsoort = \"herfst\"\nregio = \"oost\"\nvan = 2030-10-12\ntot = 2030-10-20\n",
    )]);
    assert_eq!(f.regel, Some(6));
    assert!(f.melding.contains("onbekende regio 'oost'"), "{f}");
    let f = kalender_fout(&[(
        "2030-2031.toml",
        "schooljaar = \"2030-2031\"\nbron = \"test\"\n\n[[vakantie]]\nsoort = \"herfst\"\nregio = \"noord\"\nvan = 2030-10-20\ntot = 2030-10-12\n",
    )]);
    assert_eq!(f.regel, Some(8));
    assert!(f.melding.contains("ligt vóór"), "{f}");
    let f = kalender_fout(&[(
        "2030-2031.toml",
        "schooljaar = \"2030-2031\"\n\n[[vakantie]]\nsoort = \"herfst\"\nregio = \"noord\"\nvan = 2030-10-12\ntot = 2030-10-20\n",
    )]);
    assert!(f.melding.contains("bron ontbreekt"), "{f}");
}

#[test]
fn dekking_van_de_geleverde_kalender() {
    use schakel_rules::Vakantieregio::*;
    let k = kalender();
    let dekking = |r| {
        k.regio(r)
            .dekking()
            .iter()
            .map(|p| (p.van, p.tot))
            .collect::<Vec<_>>()
    };
    // 2024-2025 to 2029-2030 are on file; 2024-2025 itself is not covered,
    // for the summer of 2024 (its first weeks) is not.
    for regio in [Noord, Midden, Zuid] {
        assert_eq!(
            dekking(regio),
            [(d("2025-08-01"), d("2030-07-31"))],
            "{regio:?}"
        );
    }
}

/// A few dates per region and year, exactly as shared/reference/
/// schoolvakanties.md gives them, each confirmed (✓✓) and so not marked
/// unverified.
#[test]
fn vakanties_volgens_de_referentie() {
    use schakel_rules::Vakantieregio::*;
    use schakel_rules::kalender::VakantieSoort::*;
    let k = kalender();
    let verwacht = [
        (Noord, Herfst, "2024-10-26", "2024-11-03"),
        (Zuid, Voorjaar, "2025-02-22", "2025-03-02"),
        (Midden, Zomer, "2025-07-19", "2025-08-31"),
        (Noord, Voorjaar, "2026-02-21", "2026-03-01"),
        (Zuid, Herfst, "2025-10-11", "2025-10-19"),
        (Midden, Zomer, "2027-07-17", "2027-08-29"),
        (Zuid, Voorjaar, "2027-02-13", "2027-02-21"),
        (Zuid, Zomer, "2027-07-24", "2027-09-05"),
        (Midden, Mei, "2027-04-24", "2027-05-02"),
        (Midden, Kerst, "2027-12-25", "2028-01-09"),
        (Noord, Voorjaar, "2028-02-19", "2028-02-27"),
        (Zuid, Zomer, "2028-07-22", "2028-09-03"),
        (Midden, Herfst, "2028-10-21", "2028-10-29"),
        (Zuid, Voorjaar, "2029-02-10", "2029-02-18"),
        (Noord, Zomer, "2029-07-21", "2029-09-02"),
        (Zuid, Herfst, "2029-10-13", "2029-10-21"),
        (Midden, Voorjaar, "2030-02-23", "2030-03-03"),
        (Zuid, Zomer, "2030-07-06", "2030-08-18"),
    ];
    for (regio, soort, van, tot) in verwacht {
        let gevonden: Vec<_> = k
            .regio(regio)
            .vakanties()
            .iter()
            .filter(|v| v.soort == soort && v.periode.van == d(van))
            .collect();
        assert_eq!(gevonden.len(), 1, "{regio:?} {soort:?} {van}");
        assert_eq!(gevonden[0].periode.tot, d(tot), "{regio:?} {soort:?} {van}");
        assert!(gevonden[0].geverifieerd, "{regio:?} {soort:?} {van}");
    }
    // Five holidays per region in each of the six school years, all confirmed.
    for regio in [Noord, Midden, Zuid] {
        let v = k.regio(regio).vakanties();
        assert_eq!(v.len(), 30, "{regio:?}");
        assert!(v.iter().all(|v| v.geverifieerd), "{regio:?}");
    }
}

/// A calendar file saved with a UTF-8 byte-order mark (Windows editors)
/// loads as the same calendar.
#[test]
fn kalenderbestand_met_bom() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bron = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kalender/schoolvakanties");
    for e in std::fs::read_dir(&bron).expect("map") {
        let pad = e.expect("item").path();
        let tekst = std::fs::read_to_string(&pad).expect("lees");
        std::fs::write(
            tmp.path().join(pad.file_name().expect("naam")),
            format!("\u{feff}{tekst}"),
        )
        .expect("schrijf");
    }
    let met_bom = schakel_rules::Schoolkalender::laad(tmp.path()).expect("a BOM is no error");
    let zonder = kalender();
    for regio in schakel_rules::Vakantieregio::ALLE {
        assert_eq!(
            met_bom.regio(regio).vakanties(),
            zonder.regio(regio).vakanties()
        );
    }
}

/// A school that deviates from its region lists its own holidays: here
/// Kolibrie with a second week of meivakantie in 2027 (as many schools
/// have), which changes Kolibrie's budget and nobody else's.
#[test]
fn afwijkende_schoolvakantie_per_school() {
    let tekst = normenkader_tekst().replacen(
        "plaats = \"Soest\"\nvakantieregio = \"midden\"\n",
        "plaats = \"Soest\"\nvakantieregio = \"midden\"\nafwijking = [{ soort = \"mei\", schooljaar = \"2026-2027\", van = 2027-04-24, tot = 2027-05-09 }]\n",
        1,
    );
    let kader = laad_tekst(Path::new("almere.toml"), &tekst, &kalender()).expect("loads");
    let vraag = schakel_rules::AdviesVraag {
        geboortedatum: d("2018-01-01"),
        peildatum: d("2026-08-01"),
        situatie: situatie_van("kolibrie"),
        school: None,
        tlv: true,
        schooldagdelen: 0,
    };
    // 2026-08-01 .. 2028-07-31: 731 days, 1253.14 h. Regio midden: 2026-2027
    // has 205 school days (260 weekdays minus the summer 2026 tail, Aug 3-28:
    // 20, herfst 5, kerst 10, voorjaar 5, mei 5 and the summer 2027 head,
    // Jul 19-30: 10); 2027-2028 has 200 (261 weekdays minus the summer 2027
    // tail 20, herfst 5, kerst 10, voorjaar 5, mei 5, summer 2028 head 16).
    let shipped = regels().advies(&vraag).expect("advice");
    let b = shipped.opties[0].budget.as_ref().expect("budget");
    assert_eq!((b.van, b.tot), (d("2026-08-01"), d("2028-07-31")));
    assert_eq!(b.schooldagen, 405);
    assert_eq!(
        b.uren_per_schoolweek.map(|u| u.to_string()).as_deref(),
        Some("15.47")
    );
    // Kolibrie's second week of mei takes 5 more: 400 days, 80 weeks.
    let a = kader.advies(&vraag).expect("advice");
    let b = a.opties[0].budget.as_ref().expect("budget");
    assert_eq!(b.schooldagen, 400);
    assert_eq!(
        b.uren_per_schoolweek.map(|u| u.to_string()).as_deref(),
        Some("15.66")
    );
    // A deviation needs its school year.
    let zonder_jaar = normenkader_tekst().replacen(
        "plaats = \"Soest\"\nvakantieregio = \"midden\"\n",
        "plaats = \"Soest\"\nvakantieregio = \"midden\"\nafwijking = [{ soort = \"zomer\", van = 2027-07-17, tot = 2027-08-29 }]\n",
        1,
    );
    assert!(fout(&zonder_jaar).melding.contains("schooljaar ontbreekt"));
}

/// Copies the shipped calendar and Almere's normenkader into a fresh data
/// directory.
fn kopie_van_de_regels() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    for deel in ["kalender/schoolvakanties", "regio/almere/normenkader"] {
        let doel = tmp.path().join(deel);
        std::fs::create_dir_all(&doel).expect("map");
        for e in std::fs::read_dir(data_map().join(deel)).expect("read_dir") {
            let pad = e.expect("entry").path();
            std::fs::copy(&pad, doel.join(pad.file_name().expect("naam"))).expect("copy");
        }
    }
    tmp
}

fn vingerafdruk(data: &Path) -> String {
    schakel_rules::Regelset::laad(data, "almere")
        .expect("rules load")
        .vingerafdruk()
        .expect("loaded from files")
        .to_string()
}

#[test]
fn vingerafdruk_volgt_de_bestanden() {
    let origineel = vingerafdruk(&data_map());
    assert_eq!(origineel.len(), 64, "SHA-256 in hex");
    let kopie = kopie_van_de_regels();
    assert_eq!(
        vingerafdruk(kopie.path()),
        origineel,
        "same files, same fingerprint"
    );
    // One byte more in a calendar file (a comment) changes it.
    let kalender = std::fs::read_dir(kopie.path().join("kalender/schoolvakanties"))
        .expect("read_dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "toml"))
        .expect("a calendar file");
    let mut tekst = std::fs::read_to_string(&kalender).expect("read");
    tekst.push_str("\n# gewijzigd\n");
    std::fs::write(&kalender, tekst).expect("write");
    let na_kalender = vingerafdruk(kopie.path());
    assert_ne!(na_kalender, origineel, "a changed calendar file");
    // And so does a changed normenkader file.
    let kader = std::fs::read_dir(kopie.path().join("regio/almere/normenkader"))
        .expect("read_dir")
        .map(|e| e.expect("entry").path())
        .next()
        .expect("a normenkader file");
    let mut tekst = std::fs::read_to_string(&kader).expect("read");
    tekst.push_str("\n# gewijzigd\n");
    std::fs::write(&kader, tekst).expect("write");
    assert_ne!(
        vingerafdruk(kopie.path()),
        na_kalender,
        "a changed normenkader file"
    );
    // A set built in memory has none.
    let r = schakel_rules::Regelset::laad(&data_map(), "almere").expect("rules load");
    let in_geheugen =
        schakel_rules::Regelset::uit_kaders(r.kalender.clone(), r.kaders().to_vec(), data_map())
            .expect("same kaders");
    assert_eq!(in_geheugen.vingerafdruk(), None);
}
