//! How values read in Dutch on a page: dates, numbers, products and
//! situations.

use chrono::NaiveDate;
use schakel_rules::Regelset;

/// "23 november 2026".
pub fn datum(d: NaiveDate) -> String {
    schakel_domain::grens::nl_datum(d)
}

/// The months as Dutch abbreviates them (Taalunie): "mrt", not "maa".
const MAANDEN_KORT: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// "4 december 2026 om 14:05", in Dutch time: a moment as people read it.
pub fn moment(t: chrono::DateTime<chrono::Utc>) -> String {
    let t = t.with_timezone(&chrono_tz::Europe::Amsterdam);
    format!("{} om {}", datum(t.date_naive()), t.format("%H:%M"))
}

/// "nov 2026" from "2026-11", for chart labels.
pub fn maand_kort(maand: &str) -> String {
    let (jaar, m) = maand.split_once('-').unwrap_or((maand, "1"));
    let i = m.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
    format!("{} {jaar}", MAANDEN_KORT[i])
}

/// A number with a decimal comma, without trailing zeros: "3,71", "12".
pub fn getal(x: f64) -> String {
    let s = format!("{:.2}", (x * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

/// An amount of care with a decimal comma, exactly as stored: "3,71", "12".
pub fn hoeveelheid(h: schakel_rules::Hoeveelheid) -> String {
    h.to_string().replace('.', ",")
}

/// The kind of an organisation, as a Dutch reader writes it.
pub fn organisatiesoort(s: schakel_domain::OrganisatieSoort) -> &'static str {
    use schakel_domain::OrganisatieSoort::*;
    match s {
        School => "School",
        Wijkteam => "Wijkteam",
        Jgz => "JGZ",
        Aanbieder => "Jeugdhulpaanbieder",
        Gemeente => "Gemeente",
        Samenwerkingsverband => "Samenwerkingsverband",
        Leerplicht => "Leerplicht en RMC",
    }
}

/// A count with Dutch thousands separators: "10.000.000".
pub fn aantal(n: i64) -> String {
    let cijfers = n.unsigned_abs().to_string();
    let mut uit = String::new();
    for (i, c) in cijfers.chars().enumerate() {
        if i > 0 && (cijfers.len() - i).is_multiple_of(3) {
            uit.push('.');
        }
        uit.push(c);
    }
    if n < 0 { format!("-{uit}") } else { uit }
}

/// "begeleiding_individueel_basis" → "Begeleiding individueel basis".
pub fn product(p: &str) -> String {
    super::formulier::hoofdletter(&p.replace('_', " "))
}

/// A situation's label as the region's normenkader names it; the key
/// itself for one the loaded rules no longer know (an old record).
/// A situation's label in the region's rules; its key when the region
/// has none.
pub fn situatie(regels: Option<&Regelset>, sleutel: &str) -> String {
    regels
        .and_then(|r| r.situaties().label(sleutel))
        .unwrap_or(sleutel)
        .to_string()
}

pub fn ja_nee(b: bool) -> &'static str {
    if b { "Ja" } else { "Nee" }
}

#[cfg(test)]
mod tests {
    #[test]
    fn aantal_met_duizendtallen() {
        assert_eq!(super::aantal(0), "0");
        assert_eq!(super::aantal(999), "999");
        assert_eq!(super::aantal(1000), "1.000");
        assert_eq!(super::aantal(10_000_000), "10.000.000");
        assert_eq!(super::aantal(-12345), "-12.345");
    }

    use super::*;

    #[test]
    fn nederlandse_notatie() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).expect("datum");
        assert_eq!(datum(d), "23 november 2026");
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-04T13:05:00Z")
            .expect("moment")
            .to_utc();
        assert_eq!(moment(t), "4 december 2026 om 14:05");
        assert_eq!(getal(3.714), "3,71");
        assert_eq!(getal(12.0), "12");
        assert_eq!(getal(0.5), "0,5");
        assert_eq!(
            product("begeleiding_individueel_basis"),
            "Begeleiding individueel basis"
        );
        let kort: Vec<String> = (1..=12)
            .map(|m| maand_kort(&format!("2026-{m:02}")))
            .collect();
        assert_eq!(
            kort.join(", "),
            "jan 2026, feb 2026, mrt 2026, apr 2026, mei 2026, jun 2026, jul 2026, \
             aug 2026, sep 2026, okt 2026, nov 2026, dec 2026"
        );
    }
}
