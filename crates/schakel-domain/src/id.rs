//! Identifiers of the Dutch field, each a newtype that only a valid value can
//! construct. Parsing errors say what is allowed; they never echo a BSN.

use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::Sha256;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct IdFout(pub String);

fn fout(m: impl Into<String>) -> IdFout {
    IdFout(m.into())
}

/// Burgerservicenummer: 9 digits passing the 11-proef
/// (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bsn(String);

/// The range of test BSNs: the only ones allowed in tests and demo data.
pub const TEST_BSN_BEREIK: std::ops::RangeInclusive<u32> = 999_900_006..=999_999_990;

impl Bsn {
    pub fn parse(s: &str) -> Result<Self, IdFout> {
        let s = s.trim();
        if s.len() != 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fout("BSN: verwacht 9 cijfers"));
        }
        let som: i64 = s
            .bytes()
            .enumerate()
            .map(|(i, b)| {
                let cijfer = i64::from(b - b'0');
                if i == 8 {
                    -cijfer
                } else {
                    cijfer * (9 - i as i64)
                }
            })
            .sum();
        if som % 11 != 0 || s == "000000000" {
            return Err(fout("BSN: dit BSN klopt niet, controleer de cijfers"));
        }
        Ok(Self(s.to_string()))
    }

    pub fn is_test_bsn(&self) -> bool {
        self.0
            .parse::<u32>()
            .is_ok_and(|n| TEST_BSN_BEREIK.contains(&n))
    }

    /// The digits; only for storage and for authorised display.
    pub fn als_tekst(&self) -> &str {
        &self.0
    }

    /// A keyed pseudonym (HMAC-SHA256), stable per key: what the audit log
    /// and application logs carry instead of the BSN.
    pub fn pseudoniem(&self, sleutel: &[u8]) -> String {
        // HMAC accepts keys of any length, so new_from_slice cannot fail.
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(sleutel).expect("HMAC takes any key length");
        mac.update(self.0.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }
}

/// Never print a BSN by accident: Debug shows only that it is one.
impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Bsn(***)")
    }
}

/// Dutch postcode, normalised to "1315AB".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Postcode(String);

impl Postcode {
    pub fn parse(s: &str) -> Result<Self, IdFout> {
        let schoon: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        let b = schoon.as_bytes();
        let geldig = b.len() == 6
            && (b'1'..=b'9').contains(&b[0])
            && b[1..4].iter().all(u8::is_ascii_digit)
            && b[4..].iter().all(u8::is_ascii_uppercase)
            && !matches!(&schoon[4..], "SA" | "SD" | "SS");
        if !geldig {
            return Err(fout(
                "postcode: verwacht 4 cijfers (niet beginnend met 0) en 2 letters, bijvoorbeeld 1315AB",
            ));
        }
        Ok(Self(schoon))
    }

    pub fn als_tekst(&self) -> &str {
        &self.0
    }

    /// The four digits ("PC4").
    pub fn cijfers(&self) -> u16 {
        self.0[..4].parse().unwrap_or(0)
    }

    /// The postcode area ("PC4") the address lies in.
    pub fn pc4(&self) -> Pc4 {
        // A valid postcode starts with 1000-9999.
        Pc4(self.cijfers())
    }
}

/// A postcode area: the four digits of a postcode (1000-9999), the unit a
/// wijkteam's werkgebied is recorded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct Pc4(u16);

impl Pc4 {
    pub fn new(n: u16) -> Result<Self, IdFout> {
        if (1000..=9999).contains(&n) {
            Ok(Self(n))
        } else {
            Err(fout(
                "pc4: verwacht de 4 cijfers van een postcode, 1000 tot en met 9999",
            ))
        }
    }

    pub fn waarde(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for Pc4 {
    type Error = IdFout;

    fn try_from(n: u16) -> Result<Self, IdFout> {
        Self::new(n)
    }
}

impl From<Pc4> for u16 {
    fn from(p: Pc4) -> u16 {
        p.0
    }
}

impl fmt::Display for Pc4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// House number 1–99999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Huisnummer(u32);

impl Huisnummer {
    pub fn new(n: u32) -> Result<Self, IdFout> {
        if (1..=99_999).contains(&n) {
            Ok(Self(n))
        } else {
            Err(fout(
                "huisnummer: verwacht een heel getal van 1 tot en met 99999",
            ))
        }
    }

    pub fn parse(s: &str) -> Result<Self, IdFout> {
        s.trim()
            .parse()
            .map_err(|_| fout("huisnummer: verwacht een heel getal van 1 tot en met 99999"))
            .and_then(Self::new)
    }

    pub fn waarde(self) -> u32 {
        self.0
    }

    /// A house number as people write it, with its toevoeging: "12",
    /// "12a", "12-2", "12 bis", "12 A". The number is what the CBS address
    /// file keys on (PC6 + huisnummer); the toevoeging (1 to 4 letters or
    /// digits, as the BAG's huisletter and huisnummertoevoeging) is kept
    /// to be stored and shown.
    pub fn met_toevoeging(s: &str) -> Result<(Self, Option<String>), IdFout> {
        const FOUT: &str = "huisnummer: verwacht een getal van 1 tot en met 99999, eventueel met een toevoeging van hoogstens 4 letters of cijfers (12, 12a, 12-2 of 12 bis)";
        let s = s.trim();
        let cijfers = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let (nummer, rest) = s.split_at(cijfers);
        let n = nummer
            .parse()
            .ok()
            .and_then(|n| Self::new(n).ok())
            .ok_or_else(|| fout(FOUT))?;
        let rest = rest.trim_start();
        let (streepje, rest) = match rest.strip_prefix('-') {
            Some(r) => (true, r.trim_start()),
            None => (false, rest),
        };
        if rest.is_empty() && !streepje {
            return Ok((n, None));
        }
        if rest.is_empty() || rest.chars().count() > 4 || !rest.chars().all(|c| c.is_alphanumeric())
        {
            return Err(fout(FOUT));
        }
        Ok((n, Some(rest.to_string())))
    }
}

/// AGB code of a care provider: 8 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Agb(String);

impl Agb {
    pub fn parse(s: &str) -> Result<Self, IdFout> {
        let s = s.trim();
        if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(s.into()))
        } else {
            Err(fout("AGB-code: verwacht 8 cijfers"))
        }
    }

    pub fn als_tekst(&self) -> &str {
        &self.0
    }
}

/// School: BRIN (4 characters: 2 digits, 2 letters) plus a 2-digit vestiging
/// number, e.g. "02QZ00".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Brin(String);

impl Brin {
    pub fn parse(s: &str) -> Result<Self, IdFout> {
        let s = s.trim().to_uppercase();
        let b = s.as_bytes();
        let geldig = b.len() == 6
            && b[..2].iter().all(u8::is_ascii_digit)
            && b[2..4].iter().all(u8::is_ascii_alphanumeric)
            && b[4..].iter().all(u8::is_ascii_digit);
        if geldig {
            Ok(Self(s))
        } else {
            Err(fout(
                "BRIN: verwacht 4 tekens instelling en 2 cijfers vestiging, bijvoorbeeld 02QZ00",
            ))
        }
    }

    pub fn instelling(&self) -> &str {
        &self.0[..4]
    }

    pub fn vestiging(&self) -> &str {
        &self.0[4..]
    }

    pub fn als_tekst(&self) -> &str {
        &self.0
    }
}

/// CBS gemeente code: 4 digits; written "GM0034" by CBS, "0034" by iJw.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GemeenteCode(String);

impl GemeenteCode {
    pub fn parse(s: &str) -> Result<Self, IdFout> {
        let s = s.trim().to_uppercase();
        let cijfers = s.strip_prefix("GM").unwrap_or(&s);
        if cijfers.len() == 4 && cijfers.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(cijfers.into()))
        } else {
            Err(fout(
                "gemeentecode: verwacht 4 cijfers, eventueel met GM ervoor, bijvoorbeeld GM0034",
            ))
        }
    }

    pub fn cbs(&self) -> String {
        format!("GM{}", self.0)
    }

    pub fn als_tekst(&self) -> &str {
        &self.0
    }
}

macro_rules! tekst_serde {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                <$t>::parse(&s).map_err(serde::de::Error::custom)
            }
        }
        impl FromStr for $t {
            type Err = IdFout;
            fn from_str(s: &str) -> Result<Self, IdFout> {
                <$t>::parse(s)
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

tekst_serde!(Bsn, Postcode, Agb, Brin, GemeenteCode);

#[cfg(test)]
mod tests {

    #[test]
    fn huisnummer_met_toevoeging() {
        let h = |s| {
            Huisnummer::met_toevoeging(s)
                .map(|(n, t)| (n.waarde(), t.as_deref().map(str::to_string)))
        };
        assert_eq!(h("12"), Ok((12, None)));
        assert_eq!(h(" 12a "), Ok((12, Some("a".into()))));
        assert_eq!(h("12-2"), Ok((12, Some("2".into()))));
        assert_eq!(h("12 bis"), Ok((12, Some("bis".into()))));
        assert_eq!(h("12 - A"), Ok((12, Some("A".into()))));
        for fout in [
            "",
            "a12",
            "0",
            "100000",
            "12 te veel",
            "12-",
            "12/3",
            "12 a b",
        ] {
            let m = h(fout).expect_err(fout);
            assert!(m.0.contains("12, 12a, 12-2 of 12 bis"), "{fout}: {m:?}");
        }
    }
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bsn_elfproef() {
        assert!(Bsn::parse("999900006").is_ok());
        assert!(Bsn::parse("999999990").is_ok());
        // B1 wording, no jargon (issue 16.6).
        assert_eq!(
            Bsn::parse("999900007").map_err(|e| e.to_string()),
            Err("BSN: dit BSN klopt niet, controleer de cijfers".to_string())
        );
        assert!(Bsn::parse("99990000").is_err());
        assert!(Bsn::parse("000000000").is_err());
        assert!(Bsn::parse("999900006").expect("valid").is_test_bsn());
        // 111222333 passes the 11-proef but is not a test BSN.
        assert!(!Bsn::parse("111222333").expect("valid").is_test_bsn());
        assert_eq!(
            format!("{:?}", Bsn::parse("999900006").expect("valid")),
            "Bsn(***)"
        );
    }

    #[test]
    fn bsn_pseudoniem_is_stabiel_en_sleutelafhankelijk() {
        let b = Bsn::parse("999900006").expect("valid");
        assert_eq!(b.pseudoniem(b"k1"), b.pseudoniem(b"k1"));
        assert_ne!(b.pseudoniem(b"k1"), b.pseudoniem(b"k2"));
        assert!(!b.pseudoniem(b"k1").contains("999900006"));
        assert_eq!(b.pseudoniem(b"k1").len(), 32);
    }

    #[test]
    fn postcode_normaliseert() {
        assert_eq!(
            Postcode::parse("1315 ab").expect("valid").als_tekst(),
            "1315AB"
        );
        assert_eq!(Postcode::parse("1315AB").expect("valid").cijfers(), 1315);
        for fout in ["0315AB", "1315A", "1315SS", "ABCD12", ""] {
            assert!(Postcode::parse(fout).is_err(), "{fout}");
        }
    }

    #[test]
    fn pc4_van_een_postcode() {
        let pc4 = Postcode::parse("1354 ab").expect("valid").pc4();
        assert_eq!(pc4.waarde(), 1354);
        assert_eq!(pc4.to_string(), "1354");
        assert_eq!(Pc4::new(1354), Ok(pc4));
        for fout in [0, 999, 10_000] {
            assert!(Pc4::new(fout).is_err(), "{fout}");
        }
        assert!(serde_json::from_str::<Pc4>("999").is_err());
        assert_eq!(serde_json::to_string(&pc4).expect("json"), "1354");
    }

    #[test]
    fn overige_codes() {
        assert!(Agb::parse("12345678").is_ok());
        assert!(Agb::parse("1234567").is_err());
        let brin = Brin::parse("02qz00").expect("valid");
        assert_eq!((brin.instelling(), brin.vestiging()), ("02QZ", "00"));
        assert!(Brin::parse("02QZ0").is_err());
        assert_eq!(
            GemeenteCode::parse("GM0034").expect("valid").cbs(),
            "GM0034"
        );
        assert_eq!(
            GemeenteCode::parse("0034").expect("valid").als_tekst(),
            "0034"
        );
        assert!(Huisnummer::new(0).is_err());
        assert!(Huisnummer::parse("12").is_ok());
    }

    proptest! {
        #[test]
        fn elke_test_bsn_die_de_elfproef_haalt_wordt_geaccepteerd(n in TEST_BSN_BEREIK) {
            let s = n.to_string();
            let som: i64 = s.bytes().enumerate().map(|(i, b)| { let c = i64::from(b - b'0'); if i == 8 { -c } else { c * (9 - i as i64) } }).sum();
            prop_assert_eq!(Bsn::parse(&s).is_ok(), som % 11 == 0);
        }
    }
}
