//! Charts as server-rendered SVG: no script, no inline style (colours come
//! from classes in the stylesheet), a title and description for assistive
//! technology, and always a table beside them as the text alternative.

use std::fmt::Write;

/// A bar's value: a number, or a count suppressed below the threshold
/// (drawn as a hollow marker on the axis, labelled "<5" where it fits —
/// never as a bar, whose height would claim a number it does not know).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Waarde {
    Getal(f64),
    Onder(f64),
    /// Not small itself, hidden beside a small one (complementary
    /// suppression): no bar, a marker labelled "verborgen".
    Verborgen,
}

impl Waarde {
    /// The height of its bar: none for a suppressed count.
    fn hoogte(self) -> Option<f64> {
        match self {
            Waarde::Getal(x) => Some(x),
            Waarde::Onder(_) | Waarde::Verborgen => None,
        }
    }

    pub fn tekst(self) -> String {
        match self {
            Waarde::Getal(x) => super::opmaak::getal(x),
            Waarde::Onder(x) => format!("<{}", super::opmaak::getal(x)),
            Waarde::Verborgen => "verborgen".into(),
        }
    }
}

pub struct Reeks<T> {
    pub naam: String,
    pub waarden: Vec<Option<T>>,
}

const BREEDTE: f64 = 640.0;
const HOOGTE: f64 = 260.0;
const LINKS: f64 = 92.0;
const RECHTS: f64 = 12.0;
const BOVEN: f64 = 12.0;
const ONDER: f64 = 40.0;

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round upper bound for the y axis, and its step.
fn schaal(max: f64) -> (f64, f64) {
    let max = max.max(1.0);
    let ruw = max / 4.0;
    let macht = 10f64.powf(ruw.log10().floor());
    let stap = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|f| f * macht)
        .find(|s| *s >= ruw)
        .unwrap_or(ruw);
    ((max / stap).ceil() * stap, stap)
}

fn kop(id: &str, titel: &str, beschrijving: &str) -> String {
    format!(
        r#"<svg viewBox="0 0 {BREEDTE} {HOOGTE}" role="img" aria-labelledby="{id}-titel {id}-beschrijving" focusable="false"><title id="{id}-titel">{}</title><desc id="{id}-beschrijving">{}</desc>"#,
        esc(titel),
        esc(beschrijving)
    )
}

/// The y axis with grid lines; `labels` replaces the numbers (e.g. scores).
fn y_as(svg: &mut String, max: f64, stap: f64, labels: &[(f64, &str)]) {
    let binnen = HOOGTE - BOVEN - ONDER;
    let y = |v: f64| BOVEN + binnen - v / max * binnen;
    let mut v = 0.0;
    let mut streepjes: Vec<(f64, String)> = Vec::new();
    if labels.is_empty() {
        while v <= max + 1e-9 {
            streepjes.push((v, super::opmaak::getal(v)));
            v += stap;
        }
    } else {
        streepjes = labels.iter().map(|(v, l)| (*v, l.to_string())).collect();
    }
    for (v, l) in streepjes {
        let _ = write!(
            svg,
            r#"<line class="raster" x1="{LINKS}" x2="{}" y1="{:.1}" y2="{:.1}"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            BREEDTE - RECHTS,
            y(v),
            y(v),
            LINKS - 6.0,
            y(v) + 4.0,
            esc(&l)
        );
    }
    let _ = write!(
        svg,
        r#"<line class="as" x1="{LINKS}" x2="{}" y1="{}" y2="{}"/>"#,
        BREEDTE - RECHTS,
        HOOGTE - ONDER,
        HOOGTE - ONDER
    );
}

fn x_labels(svg: &mut String, categorieen: &[String], midden: impl Fn(usize) -> f64) {
    // Every label when they fit, else every other one.
    let elke = if categorieen.len() > 8 { 2 } else { 1 };
    for (i, c) in categorieen.iter().enumerate() {
        if i % elke == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                midden(i),
                HOOGTE - ONDER + 18.0,
                esc(c)
            );
        }
    }
}

/// Grouped bars: per category one bar per series.
pub fn staven(
    id: &str,
    titel: &str,
    beschrijving: &str,
    categorieen: &[String],
    reeksen: &[Reeks<Waarde>],
) -> String {
    let max = reeksen
        .iter()
        .flat_map(|r| r.waarden.iter().flatten())
        .filter_map(|w| w.hoogte())
        .fold(0.0, f64::max);
    let (max, stap) = schaal(max);
    let mut svg = kop(id, titel, beschrijving);
    y_as(&mut svg, max, stap, &[]);
    let n = categorieen.len().max(1) as f64;
    let vak = (BREEDTE - LINKS - RECHTS) / n;
    let staaf = (vak * 0.8) / reeksen.len().max(1) as f64;
    let binnen = HOOGTE - BOVEN - ONDER;
    for (ri, r) in reeksen.iter().enumerate() {
        for (ci, w) in r.waarden.iter().enumerate() {
            let Some(w) = w else { continue };
            let x = LINKS + ci as f64 * vak + vak * 0.1 + ri as f64 * staaf;
            let titel = format!(
                "<title>{}: {} {}</title>",
                esc(&r.naam),
                esc(&categorieen[ci]),
                esc(&w.tekst())
            );
            match w.hoogte() {
                Some(hoogte) => {
                    let h = hoogte / max * binnen;
                    let _ = write!(
                        svg,
                        r#"<rect class="reeks-{}" x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}">{titel}</rect>"#,
                        ri % 4,
                        BOVEN + binnen - h,
                        (staaf - 1.0).max(1.0),
                    );
                }
                None => onderdrukt(&mut svg, ri, x + staaf / 2.0, staaf, &w.tekst(), &titel),
            }
        }
    }
    x_labels(&mut svg, categorieen, |i| LINKS + (i as f64 + 0.5) * vak);
    svg.push_str("</svg>");
    svg
}

/// A suppressed count: a hollow diamond in the series' colour on the axis,
/// with "<5" above it when the bar's slot is wide enough for the text (the
/// legend and the table say it otherwise).
fn onderdrukt(svg: &mut String, reeks: usize, midden: f64, breedte: f64, tekst: &str, titel: &str) {
    // Half its width: within the bar's slot, so neighbours do not overlap.
    let r = (breedte / 2.0 - 0.5).clamp(2.5, 5.0);
    let midden_y = HOOGTE - ONDER - r - 3.0;
    let _ = write!(
        svg,
        r#"<g class="reeks-{} onderdrukt"><path d="M{:.1},{midden_y:.1} l{r:.1},-{r:.1} l{r:.1},{r:.1} l-{r:.1},{r:.1} z"/>"#,
        reeks % 4,
        midden - r,
    );
    if breedte >= 16.0 {
        let _ = write!(
            svg,
            r#"<text x="{midden:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            midden_y - 10.0,
            esc(tekst)
        );
    }
    let _ = write!(svg, "{titel}</g>");
}

/// Lines with points: per series a value per category (gaps allowed).
/// `labels` names the y values (a score scale) instead of numbers.
pub fn lijnen(
    id: &str,
    titel: &str,
    beschrijving: &str,
    categorieen: &[String],
    reeksen: &[Reeks<f64>],
    max: Option<f64>,
    labels: &[(f64, &str)],
) -> String {
    let hoogste = reeksen
        .iter()
        .flat_map(|r| r.waarden.iter().flatten())
        .copied()
        .fold(0.0, f64::max);
    let (max, stap) = match max {
        Some(m) => (m, m / 4.0),
        None => schaal(hoogste),
    };
    let mut svg = kop(id, titel, beschrijving);
    y_as(&mut svg, max, stap, labels);
    let n = categorieen.len().max(1) as f64;
    let vak = (BREEDTE - LINKS - RECHTS) / n;
    let binnen = HOOGTE - BOVEN - ONDER;
    let x = |i: usize| LINKS + (i as f64 + 0.5) * vak;
    let y = |v: f64| BOVEN + binnen - v / max * binnen;
    if reeksen
        .iter()
        .all(|r| r.waarden.iter().all(Option::is_none))
    {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">Te weinig gegevens om te tonen</text>"#,
            LINKS + (BREEDTE - LINKS - RECHTS) / 2.0,
            BOVEN + binnen / 2.0
        );
    }
    for (ri, r) in reeksen.iter().enumerate() {
        let klasse = format!("reeks-{}", ri % 4);
        let punten: Vec<(usize, f64)> = r
            .waarden
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        if punten.len() > 1 {
            let pad: Vec<String> = punten
                .iter()
                .map(|(i, v)| format!("{:.1},{:.1}", x(*i), y(*v)))
                .collect();
            let _ = write!(
                svg,
                r#"<polyline class="{klasse} lijn" points="{}"/>"#,
                pad.join(" ")
            );
        }
        for (i, v) in punten {
            let _ = write!(
                svg,
                r#"<circle class="{klasse}" cx="{:.1}" cy="{:.1}" r="5"><title>{}: {} {}</title></circle>"#,
                x(i),
                y(v),
                esc(&r.naam),
                esc(&categorieen[i]),
                super::opmaak::getal(v)
            );
        }
    }
    x_labels(&mut svg, categorieen, x);
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staven_tekenen_kleine_aantallen_als_markering_en_escapen() {
        let svg = staven(
            "t",
            "Open <casussen>",
            "per maand",
            &["jan".into(), "feb".into()],
            &[Reeks {
                naam: "Open".into(),
                waarden: vec![Some(Waarde::Onder(5.0)), Some(Waarde::Getal(12.0))],
            }],
        );
        assert!(svg.contains("Open &lt;casussen&gt;"), "{svg}");
        // One bar, for the 12; the suppressed count is a marker with its
        // label, not a bar up to 5.
        assert_eq!(svg.matches("<rect").count(), 1, "{svg}");
        assert!(svg.contains(r#"<rect class="reeks-0""#), "{svg}");
        assert!(
            svg.contains(r#"<g class="reeks-0 onderdrukt"><path"#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"text-anchor="middle">&lt;5</text><title>Open: jan &lt;5</title></g>"#),
            "{svg}"
        );
        // The axis follows the numbers only: 12 on a scale to 15.
        assert!(!svg.contains("style="), "no inline style (CSP)");
        assert_eq!(schaal(12.0), (15.0, 5.0));
    }

    #[test]
    fn lijnen_met_benoemde_schaal() {
        let svg = lijnen(
            "d",
            "Voortgang",
            "scores",
            &["1 nov".into(), "20 nov".into()],
            &[Reeks {
                naam: "Doel 1".into(),
                waarden: vec![Some(1.0), Some(2.0)],
            }],
            Some(3.0),
            &[(1.0, "onvoldoende"), (2.0, "voldoende"), (3.0, "behaald")],
        );
        assert!(svg.contains("polyline"), "{svg}");
        assert!(svg.contains(">voldoende<"), "{svg}");
    }
}
