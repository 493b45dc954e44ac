//! Address routing of the regional directory (issue 5; seeds 002, 003):
//! which wijkteam serves an address. A wijkteam's werkgebied is a set of
//! areas — CBS buurten, postcode ranges, or house-number ranges within one
//! postcode — and the most specific area that covers an address wins. An
//! address no area covers, or that two wijkteams cover at the same level,
//! is reported as such: never a silent guess.

use std::collections::HashMap;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::id::{GemeenteCode, IdFout, Postcode};

pub type Id = i64;

fn fout(m: impl Into<String>) -> IdFout {
    IdFout(m.into())
}

/// Eight digits, optionally behind a prefix: "BU03630000" or "03630000".
fn cijfers(s: &str, prefix: &str, n: usize, wat: &str) -> Result<u32, IdFout> {
    let s = s.trim().to_uppercase();
    let c = s.strip_prefix(prefix).unwrap_or(&s);
    if c.len() == n && c.bytes().all(|b| b.is_ascii_digit()) {
        c.parse().map_err(|_| fout(wat.to_string()))
    } else {
        Err(fout(wat.to_string()))
    }
}

/// A CBS buurt code: "BU" + gemeente (4 digits) + wijk (2) + buurt (2), so
/// the wijk and gemeente are part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Buurtcode(u32);

impl Buurtcode {
    pub fn parse(s: &str) -> Result<Self, IdFout> {
        cijfers(
            s,
            "BU",
            8,
            "buurtcode: verwacht BU en 8 cijfers, bijvoorbeeld BU00340101",
        )
        .map(Self)
    }

    pub fn uit_getal(n: u32) -> Result<Self, IdFout> {
        if n <= 99_999_999 {
            Ok(Self(n))
        } else {
            Err(fout("buurtcode: ten hoogste 8 cijfers"))
        }
    }

    pub fn getal(self) -> u32 {
        self.0
    }

    pub fn wijk(self) -> Wijkcode {
        Wijkcode(self.0 / 100)
    }

    pub fn gemeente(self) -> GemeenteCode {
        GemeenteCode::parse(&format!("{:04}", self.0 / 10_000))
            .unwrap_or_else(|_| unreachable!("four digits are a gemeente code"))
    }
}

impl fmt::Display for Buurtcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BU{:08}", self.0)
    }
}

/// A CBS wijk code: "WK" + gemeente (4 digits) + wijk (2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Wijkcode(u32);

impl Wijkcode {
    pub fn parse(s: &str) -> Result<Self, IdFout> {
        cijfers(
            s,
            "WK",
            6,
            "wijkcode: verwacht WK en 6 cijfers, bijvoorbeeld WK003401",
        )
        .map(Self)
    }
}

impl fmt::Display for Wijkcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WK{:06}", self.0)
    }
}

/// The kind of a CBS area: gemeente, wijk or buurt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gebiedsoort {
    Gemeente,
    Wijk,
    Buurt,
}

impl Gebiedsoort {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Gemeente => "gemeente",
            Self::Wijk => "wijk",
            Self::Buurt => "buurt",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Gemeente, Self::Wijk, Self::Buurt]
            .into_iter()
            .find(|g| g.naam() == s)
    }

    fn prefix_en_cijfers(self) -> (&'static str, usize) {
        match self {
            Self::Gemeente => ("GM", 4),
            Self::Wijk => ("WK", 6),
            Self::Buurt => ("BU", 8),
        }
    }
}

/// A CBS area code as CBS writes it in its Wijk- en buurtkaart: GM and 4
/// digits, WK and 6, or BU and 8 (issue 16.3: the names of these areas).
/// The prefix is required, so the kind is never guessed from the length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gebiedcode {
    soort: Gebiedsoort,
    getal: u32,
}

impl Gebiedcode {
    pub fn parse(s: &str) -> Result<Self, IdFout> {
        let s = s.trim().to_uppercase();
        for soort in [Gebiedsoort::Gemeente, Gebiedsoort::Wijk, Gebiedsoort::Buurt] {
            let (prefix, n) = soort.prefix_en_cijfers();
            if let Some(c) = s.strip_prefix(prefix)
                && c.len() == n
                && c.bytes().all(|b| b.is_ascii_digit())
            {
                let getal = c.parse().map_err(|_| fout("code"))?;
                return Ok(Self { soort, getal });
            }
        }
        Err(fout(
            "code: verwacht GM en 4 cijfers, WK en 6 of BU en 8, bijvoorbeeld GM0034, WK003401 of BU00340101",
        ))
    }

    pub fn soort(self) -> Gebiedsoort {
        self.soort
    }

    /// The gemeente's CBS number (`GM0034` → 34).
    pub fn gemeentegetal(self) -> u32 {
        match self.soort {
            Gebiedsoort::Gemeente => self.getal,
            Gebiedsoort::Wijk => self.getal / 100,
            Gebiedsoort::Buurt => self.getal / 10_000,
        }
    }

    /// The area this one lies in: a buurt's wijk, a wijk's gemeente.
    pub fn ouder(self) -> Option<Self> {
        let (soort, getal) = match self.soort {
            Gebiedsoort::Gemeente => return None,
            Gebiedsoort::Wijk => (Gebiedsoort::Gemeente, self.getal / 100),
            Gebiedsoort::Buurt => (Gebiedsoort::Wijk, self.getal / 100),
        };
        Some(Self { soort, getal })
    }
}

impl fmt::Display for Gebiedcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (prefix, n) = self.soort.prefix_en_cijfers();
        write!(f, "{prefix}{:0n$}", self.getal)
    }
}

macro_rules! als_tekst {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )*};
}
als_tekst!(Buurtcode, Wijkcode, Gebiedcode);

/// The kind of school, as the directory records it (seed 002: the
/// zorgcoördinator of a v(s)o or mbo school deals with many wijkteams).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Schooltype {
    Po,
    Sbo,
    So,
    Vso,
    Vo,
    Pro,
    Mbo,
}

impl Schooltype {
    pub const ALLE: [Self; 7] = [
        Self::Po,
        Self::Sbo,
        Self::So,
        Self::Vso,
        Self::Vo,
        Self::Pro,
        Self::Mbo,
    ];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Po => "po",
            Self::Sbo => "sbo",
            Self::So => "so",
            Self::Vso => "vso",
            Self::Vo => "vo",
            Self::Pro => "pro",
            Self::Mbo => "mbo",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|t| t.naam() == s)
    }

    /// DUO's wording in its school files: `SOORT PO` (Bao, SBO, SO, VSO,
    /// (V)SO) or `ONDERWIJSSTRUCTUUR` (VMBO/HAVO/VWO, PRO, VSO, MBO …).
    pub fn uit_duo(s: &str) -> Option<Self> {
        let s = s.trim().to_uppercase();
        Some(match s.as_str() {
            "BAO" | "BO" | "PO" | "BASISONDERWIJS" => Self::Po,
            "SBO" | "SBAO" => Self::Sbo,
            "SO" | "(V)SO" => Self::So,
            "VSO" => Self::Vso,
            "PRO" | "PRAKTIJKONDERWIJS" => Self::Pro,
            "MBO" => Self::Mbo,
            _ if ["VMBO", "HAVO", "VWO", "VO"].iter().any(|v| s.contains(v)) => Self::Vo,
            _ => return None,
        })
    }
}

/// A postcode as a number that sorts as the postcode does: the four digits
/// × 676 + the two letters (A = 0). Compact for 10 million addresses.
pub fn postcode_getal(p: &Postcode) -> u32 {
    let b = p.als_tekst().as_bytes();
    u32::from(p.cijfers()) * 676 + u32::from(b[4] - b'A') * 26 + u32::from(b[5] - b'A')
}

pub fn postcode_uit_getal(n: u32) -> Result<Postcode, IdFout> {
    let (cijfers, letters) = (n / 676, n % 676);
    let l = |x: u32| char::from(b'A' + x as u8);
    Postcode::parse(&format!(
        "{cijfers:04}{}{}",
        l(letters / 26),
        l(letters % 26)
    ))
}

/// One area of a wijkteam's werkgebied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gebied {
    Buurt(Buurtcode),
    /// Every postcode from `van` to `tot`, inclusive ("1354AA-1354ZZ" is a
    /// PC4 area).
    Postcodes {
        van: Postcode,
        tot: Postcode,
    },
    /// House numbers `van` to `tot` (inclusive) of one postcode.
    Adressen {
        postcode: Postcode,
        van: u32,
        tot: u32,
    },
}

/// How an address was matched; more specific beats less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Niveau {
    Buurt,
    Postcode,
    Adres,
}

impl Gebied {
    /// Parses the area notation of the wijkteam CSV: `BU00340101`,
    /// `1354AA-1354ZZ` (or one postcode), `1315AB 10-20` (or one number).
    pub fn parse(s: &str) -> Result<Self, IdFout> {
        let s = s.trim();
        if s.to_uppercase().starts_with("BU") {
            return Buurtcode::parse(s).map(Self::Buurt);
        }
        let uitleg = "gebied: verwacht een buurtcode (BU00340101), postcodes (1354AA-1354ZZ) of \
                      een postcode met huisnummers (1315AB 10-20)";
        if let Some((pc, nummers)) = s.split_once(' ') {
            let postcode = Postcode::parse(pc).map_err(|e| fout(format!("gebied: {e}")))?;
            let (van, tot) = nummers.trim().split_once('-').unwrap_or((nummers, nummers));
            let getal = |t: &str| t.trim().parse::<u32>().map_err(|_| fout(uitleg));
            let (van, tot) = (getal(van)?, getal(tot)?);
            if van == 0 || tot < van {
                return Err(fout(
                    "gebied: huisnummers van 1 en oplopend, bijvoorbeeld 10-20",
                ));
            }
            return Ok(Self::Adressen { postcode, van, tot });
        }
        let (van, tot) = s.split_once('-').unwrap_or((s, s));
        let pc = |t: &str| Postcode::parse(t).map_err(|e| fout(format!("gebied: {e}")));
        let (van, tot) = (pc(van)?, pc(tot)?);
        if postcode_getal(&tot) < postcode_getal(&van) {
            return Err(fout("gebied: de eerste postcode komt vóór de tweede"));
        }
        Ok(Self::Postcodes { van, tot })
    }

    pub fn niveau(&self) -> Niveau {
        match self {
            Self::Buurt(_) => Niveau::Buurt,
            Self::Postcodes { .. } => Niveau::Postcode,
            Self::Adressen { .. } => Niveau::Adres,
        }
    }
}

impl fmt::Display for Gebied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Buurt(b) => write!(f, "{b}"),
            Self::Postcodes { van, tot } if van == tot => write!(f, "{}", van.als_tekst()),
            Self::Postcodes { van, tot } => write!(f, "{}-{}", van.als_tekst(), tot.als_tekst()),
            Self::Adressen { postcode, van, tot } if van == tot => {
                write!(f, "{} {van}", postcode.als_tekst())
            }
            Self::Adressen { postcode, van, tot } => {
                write!(f, "{} {van}-{tot}", postcode.als_tekst())
            }
        }
    }
}

/// Which wijkteam serves an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "uitkomst")]
pub enum Toewijzing {
    Wijkteam {
        wijkteam: Id,
        niveau: Niveau,
    },
    /// No area of any wijkteam covers the address.
    Buiten,
    /// Areas of several wijkteams cover it at the most specific level that
    /// matches: the directory must be corrected.
    Overlap {
        wijkteams: Vec<Id>,
        niveau: Niveau,
    },
}

/// The werkgebieden of all wijkteams, indexed for lookup.
#[derive(Debug, Clone, Default)]
pub struct Werkgebieden {
    buurten: HashMap<u32, Vec<Id>>,
    /// (from, to, wijkteam), by `from`.
    postcodes: Vec<(u32, u32, Id)>,
    /// Per postcode: (from, to, wijkteam).
    adressen: HashMap<u32, Vec<(u32, u32, Id)>>,
}

impl Werkgebieden {
    pub fn nieuw<'a>(gebieden: impl IntoIterator<Item = (Id, &'a Gebied)>) -> Self {
        let mut w = Self::default();
        for (wijkteam, g) in gebieden {
            match g {
                Gebied::Buurt(b) => w.buurten.entry(b.0).or_default().push(wijkteam),
                Gebied::Postcodes { van, tot } => {
                    w.postcodes
                        .push((postcode_getal(van), postcode_getal(tot), wijkteam))
                }
                Gebied::Adressen { postcode, van, tot } => w
                    .adressen
                    .entry(postcode_getal(postcode))
                    .or_default()
                    .push((*van, *tot, wijkteam)),
            }
        }
        w.postcodes.sort_unstable();
        w
    }

    /// The wijkteam of the address `postcode`, `huisnummer` in `buurt`
    /// (when the address is known): the most specific level with a match
    /// decides.
    pub fn wijs_toe(&self, postcode: u32, huisnummer: u32, buurt: Option<Buurtcode>) -> Toewijzing {
        let adres = self.adressen.get(&postcode).map(|r| {
            r.iter()
                .filter(|(van, tot, _)| (*van..=*tot).contains(&huisnummer))
                .map(|x| x.2)
                .collect::<Vec<_>>()
        });
        let postcodes = || {
            // Ranges are few (a wijkteam has a handful); those starting after
            // the postcode cannot hold it.
            let tot = self
                .postcodes
                .partition_point(|(van, _, _)| *van <= postcode);
            self.postcodes[..tot]
                .iter()
                .filter(|(_, t, _)| *t >= postcode)
                .map(|x| x.2)
                .collect::<Vec<_>>()
        };
        let buurt = || {
            buurt
                .and_then(|b| self.buurten.get(&b.0))
                .cloned()
                .unwrap_or_default()
        };
        for (niveau, kandidaten) in [
            (Niveau::Adres, adres.unwrap_or_default()),
            (Niveau::Postcode, postcodes()),
            (Niveau::Buurt, buurt()),
        ] {
            let mut teams = kandidaten;
            teams.sort_unstable();
            teams.dedup();
            match teams.as_slice() {
                [] => continue,
                [wijkteam] => {
                    return Toewijzing::Wijkteam {
                        wijkteam: *wijkteam,
                        niveau,
                    };
                }
                _ => {
                    return Toewijzing::Overlap {
                        wijkteams: teams,
                        niveau,
                    };
                }
            }
        }
        Toewijzing::Buiten
    }

    /// Areas of different wijkteams that cover the same addresses at the
    /// same level, for the beheerder to correct: (level, wijkteam, wijkteam).
    pub fn overlappen(&self) -> Vec<(Niveau, Id, Id)> {
        let mut uit = Vec::new();
        for teams in self.buurten.values() {
            paren(teams, Niveau::Buurt, &mut uit);
        }
        for (i, a) in self.postcodes.iter().enumerate() {
            for b in &self.postcodes[i + 1..] {
                if b.0 > a.1 {
                    break;
                }
                if a.2 != b.2 {
                    uit.push((Niveau::Postcode, a.2.min(b.2), a.2.max(b.2)));
                }
            }
        }
        for bereiken in self.adressen.values() {
            for (i, a) in bereiken.iter().enumerate() {
                for b in &bereiken[i + 1..] {
                    if a.2 != b.2 && a.0 <= b.1 && b.0 <= a.1 {
                        uit.push((Niveau::Adres, a.2.min(b.2), a.2.max(b.2)));
                    }
                }
            }
        }
        uit.sort_unstable();
        uit.dedup();
        uit
    }
}

fn paren(teams: &[Id], niveau: Niveau, uit: &mut Vec<(Niveau, Id, Id)>) {
    for (i, a) in teams.iter().enumerate() {
        for b in &teams[i + 1..] {
            if a != b {
                uit.push((niveau, *a.min(b), *a.max(b)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gebiedcode_vraagt_prefix_en_het_juiste_aantal_cijfers() {
        let c = |s| Gebiedcode::parse(s).map(|c| (c.soort(), c.to_string()));
        assert_eq!(
            c("GM0034").ok(),
            Some((Gebiedsoort::Gemeente, "GM0034".into()))
        );
        assert_eq!(
            c(" wk003401 ").ok(),
            Some((Gebiedsoort::Wijk, "WK003401".into()))
        );
        assert_eq!(
            c("BU00340101").ok(),
            Some((Gebiedsoort::Buurt, "BU00340101".into()))
        );
        for fout in [
            "0034",
            "GM034",
            "WK0034011",
            "BU0034010",
            "XX0034",
            "GM00a4",
            "",
        ] {
            assert!(c(fout).is_err(), "{fout} is geen gebiedcode");
        }
        let buurt = Gebiedcode::parse("BU18590302").expect("buurt");
        assert_eq!(buurt.gemeentegetal(), 1859);
        let wijk = buurt.ouder().expect("wijk");
        assert_eq!(wijk.to_string(), "WK185903");
        let gemeente = wijk.ouder().expect("gemeente");
        assert_eq!(gemeente.to_string(), "GM1859");
        assert_eq!(gemeente.ouder(), None);
    }

    fn pc(s: &str) -> u32 {
        postcode_getal(&Postcode::parse(s).expect("postcode"))
    }

    fn gebied(s: &str) -> Gebied {
        Gebied::parse(s).expect("gebied")
    }

    #[test]
    fn codes_en_wat_erin_zit() {
        let b = Buurtcode::parse("BU00340101").expect("buurt");
        assert_eq!(b, Buurtcode::parse("00340101").expect("zonder BU"));
        assert_eq!(b.to_string(), "BU00340101");
        assert_eq!(b.wijk().to_string(), "WK003401");
        assert_eq!(b.gemeente().cbs(), "GM0034");
        assert!(Buurtcode::parse("BU0034010").is_err());
        assert!(Wijkcode::parse("WK00340").is_err());
        for p in ["1000AA", "1315AB", "9999ZZ"] {
            let postcode = Postcode::parse(p).expect("postcode");
            assert_eq!(
                postcode_uit_getal(postcode_getal(&postcode)).expect("terug"),
                postcode
            );
        }
        assert!(pc("1315AB") < pc("1315AC") && pc("1315ZZ") < pc("1316AA"));
    }

    #[test]
    fn schooltypen_van_duo() {
        assert_eq!(Schooltype::uit_duo("Bao"), Some(Schooltype::Po));
        assert_eq!(Schooltype::uit_duo(" sbo "), Some(Schooltype::Sbo));
        assert_eq!(Schooltype::uit_duo("VMBO/HAVO/VWO"), Some(Schooltype::Vo));
        assert_eq!(Schooltype::uit_duo("PRO"), Some(Schooltype::Pro));
        assert_eq!(Schooltype::uit_duo("VSO"), Some(Schooltype::Vso));
        assert_eq!(Schooltype::uit_duo("MBO"), Some(Schooltype::Mbo));
        assert_eq!(Schooltype::uit_duo("Kinderopvang"), None);
        for t in Schooltype::ALLE {
            assert_eq!(Schooltype::parse(t.naam()), Some(t));
        }
    }

    #[test]
    fn gebieden_lezen() {
        assert_eq!(gebied(" bu00340101 "), Gebied::Buurt(Buurtcode(340101)));
        assert_eq!(gebied("1354AA-1354ZZ").to_string(), "1354AA-1354ZZ");
        assert_eq!(gebied("1315AB 10-20").to_string(), "1315AB 10-20");
        assert_eq!(gebied("1315AB 12").to_string(), "1315AB 12");
        assert_eq!(gebied("1315AB").niveau(), Niveau::Postcode);
        for fout in [
            "1354ZZ-1354AA",
            "1315AB 20-10",
            "1315AB x",
            "Haven",
            "BU123",
        ] {
            assert!(Gebied::parse(fout).is_err(), "{fout}");
        }
    }

    #[test]
    fn meest_specifieke_gebied_wint() {
        let buurt = Buurtcode::parse("BU00340101").expect("buurt");
        let gebieden = [
            (1, gebied("BU00340101")),
            (2, gebied("1315AA-1315ZZ")),
            (3, gebied("1315AB 10-20")),
        ];
        let w = Werkgebieden::nieuw(gebieden.iter().map(|(t, g)| (*t, g)));
        let wijkteam = |t, niveau| Toewijzing::Wijkteam {
            wijkteam: t,
            niveau,
        };
        assert_eq!(
            w.wijs_toe(pc("1315AB"), 12, Some(buurt)),
            wijkteam(3, Niveau::Adres)
        );
        assert_eq!(
            w.wijs_toe(pc("1315AB"), 21, Some(buurt)),
            wijkteam(2, Niveau::Postcode)
        );
        assert_eq!(
            w.wijs_toe(pc("1316AB"), 21, Some(buurt)),
            wijkteam(1, Niveau::Buurt)
        );
        assert_eq!(w.wijs_toe(pc("1316AB"), 21, None), Toewijzing::Buiten);
        assert!(w.overlappen().is_empty());
    }

    #[test]
    fn overlap_wordt_gemeld() {
        let gebieden = [
            (1, gebied("1315AA-1315KZ")),
            (2, gebied("1315KA-1315ZZ")),
            (1, gebied("1316AA 1-10")),
            (3, gebied("1316AA 10-20")),
            (4, gebied("BU00340101")),
            (5, gebied("BU00340101")),
        ];
        let w = Werkgebieden::nieuw(gebieden.iter().map(|(t, g)| (*t, g)));
        assert_eq!(
            w.wijs_toe(pc("1315KB"), 1, None),
            Toewijzing::Overlap {
                wijkteams: vec![1, 2],
                niveau: Niveau::Postcode
            }
        );
        assert_eq!(
            w.wijs_toe(pc("1316AA"), 10, None),
            Toewijzing::Overlap {
                wijkteams: vec![1, 3],
                niveau: Niveau::Adres
            }
        );
        assert_eq!(
            w.wijs_toe(pc("1316AA"), 11, None),
            Toewijzing::Wijkteam {
                wijkteam: 3,
                niveau: Niveau::Adres
            }
        );
        assert_eq!(
            w.overlappen(),
            [
                (Niveau::Buurt, 4, 5),
                (Niveau::Postcode, 1, 2),
                (Niveau::Adres, 1, 3)
            ]
        );
    }
}
