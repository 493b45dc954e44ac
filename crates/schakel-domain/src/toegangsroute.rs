//! The access route of seed 000 (Almere, onderwijs-jeugdhulparrangementen,
//! "Hoe verloopt de toegang?"): given a jeugdige and the kind of question,
//! where do the parents go?
//!
//! - a question about upbringing or jeugdhulp, and the pupil's school has an
//!   onderwijs-jeugdhulparrangement (OJA): help via the school's
//!   hoofdaanbieder, without a beschikking;
//! - the same question, and the school has no OJA (or there is no school):
//!   the regular route, through a gemandateerde verwijzer;
//! - a question of the parents not directly about upbringing (debts,
//!   literacy, …): the wijkteam serving their address.
//!
//! The decision is a pure function of what the directory holds, so every
//! case — including the gaps in that directory — is tested here. The
//! explanation quotes the seed, so a professional can check the advice
//! against the municipality's own words.

use serde::{Deserialize, Serialize};

use crate::id::Pc4;

/// A sentence of the source, with a stable id the advice cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bronregel {
    pub id: &'static str,
    pub tekst: &'static str,
}

pub const SCHOOL_VRAGEN: Bronregel = Bronregel {
    id: "toegang.school_vragen",
    tekst: "Heb je in je eigen werk te maken met jeugdigen/gezinnen die behoefte hebben aan \
            jeugdhulp? Vraag dan waar een jeugdige naar school gaat.",
};

pub const OJA_SCHOOL: Bronregel = Bronregel {
    id: "toegang.oja_school",
    tekst: "Gaat het om een school MET een onderwijs-jeugdhulparrangement? Verwijs de \
            ouders/opvoeders dan door naar de school. Via die route is er geen beschikking nodig.",
};

pub const HOOFDAANBIEDER: Bronregel = Bronregel {
    id: "toegang.hoofdaanbieder",
    tekst: "Via een onderwijs-jeugdhulparrangement is jeugdhulp mogelijk op school, na school en \
            thuis. Die jeugdhulp krijgen jeugdigen van één hoofdaanbieder die verbonden is aan de \
            school.",
};

pub const REGIE: Bronregel = Bronregel {
    id: "toegang.regie",
    tekst: "Eén aanbieder heeft de regie óf de medewerker jeugdhulp van de jeugdgezondheidszorg \
            voert perspectiefregie uit. Dit laatste kan bijvoorbeeld als het gaat om een gezin met \
            meervoudige problemen.",
};

pub const ZONDER_OJA: Bronregel = Bronregel {
    id: "toegang.zonder_oja",
    tekst: "Gaat het om een school ZONDER een onderwijs-jeugdhulparrangement? Dan verloopt de \
            inzet van jeugdhulp via de reguliere routes, zoals beschreven onder ‘Hoe verloopt de \
            toegang?’ bij de verschillende vormen van jeugdhulp.",
};

pub const OUDERS_WIJKTEAM: Bronregel = Bronregel {
    id: "toegang.ouders_wijkteam",
    tekst: "Hebben de ouders/opvoeders een hulpvraag die niet direct met opvoeden te maken heeft \
            (bijvoorbeeld over financiële problemen of laaggeletterdheid)? Dan kunnen ze terecht \
            bij het wijkteam. De wijkwerkers denken mee en stemmen af met de \
            jeugdhulpaanbieder(s).",
};

/// Every rule of the route, for documentation and for `bronnen` lookups.
pub const REGELS: [Bronregel; 6] = [
    SCHOOL_VRAGEN,
    OJA_SCHOOL,
    HOOFDAANBIEDER,
    REGIE,
    ZONDER_OJA,
    OUDERS_WIJKTEAM,
];

/// What the question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Vraagsoort {
    /// Upbringing, or jeugdhulp for the jeugdige: the school decides the route.
    #[default]
    Opvoeding,
    /// A question of the parents not directly about upbringing (debts,
    /// literacy, …): the wijkteam, whatever the school.
    Ouders,
}

impl Vraagsoort {
    pub const ALLE: [Self; 2] = [Self::Opvoeding, Self::Ouders];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Opvoeding => "opvoeding",
            Self::Ouders => "ouders",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|v| v.naam() == s)
    }
}

/// The route the parents are sent along.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Jeugdhulp from the hoofdaanbieder of the school's OJA, no beschikking.
    OjaHoofdaanbieder,
    /// The regular route: a gemandateerde verwijzer refers, with a beschikking.
    RegulierVerwijzer,
    /// The wijkteam serving the address.
    Wijkteam,
}

impl Route {
    pub fn naam(self) -> &'static str {
        match self {
            Self::OjaHoofdaanbieder => "oja_hoofdaanbieder",
            Self::RegulierVerwijzer => "regulier_verwijzer",
            Self::Wijkteam => "wijkteam",
        }
    }
}

/// A school's onderwijs-jeugdhulparrangement as the directory records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Oja {
    /// The normenkader's name of the OJA school (its `[[school]]` name).
    pub arrangement: String,
    /// Whether the normenkader in force lists that school with an OJA: the
    /// normenkader, not the directory, says which schools have one.
    pub in_normenkader: bool,
    /// The aanbieder organisation connected to the school, when recorded.
    pub hoofdaanbieder: Option<i64>,
}

/// The pupil's school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct School {
    pub organisatie: i64,
    pub oja: Option<Oja>,
}

/// What the decision needs: the question, and what the directory holds for
/// this jeugdige's school and address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toegangsvraag {
    pub vraag: Vraagsoort,
    /// None when no school is recorded for the jeugdige.
    pub school: Option<School>,
    /// The gemandateerde verwijzer organisation (JGZ) of the region.
    pub verwijzer: Option<i64>,
    /// The postcode area of the address.
    pub pc4: Pc4,
    /// The wijkteam whose werkgebied holds `pc4`.
    pub wijkteam: Option<i64>,
    /// The jeugdige's region takes this route of seed 000 (its gemeente's
    /// own words, Almere's): only then does the advice quote it. Another
    /// region's family gets the route without another gemeente's text.
    pub oja_regio: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toegangsadvies {
    pub route: Route,
    pub beschikking_nodig: bool,
    /// The organisation to go to; None when the directory lacks it (the
    /// toelichting says what is missing).
    pub organisatie: Option<i64>,
    /// Dutch: what applies and why, quoting the source.
    pub toelichting: Vec<String>,
    /// Ids of the [`REGELS`] the advice rests on.
    pub bronnen: Vec<&'static str>,
}

impl Toegangsadvies {
    fn nieuw(route: Route, beschikking_nodig: bool, organisatie: Option<i64>) -> Self {
        Self {
            route,
            beschikking_nodig,
            organisatie,
            toelichting: Vec::new(),
            bronnen: Vec::new(),
        }
    }

    fn uitleg(&mut self, tekst: impl Into<String>) {
        self.toelichting.push(tekst.into());
    }

    /// Quotes a rule of the source and cites it.
    fn citeer(&mut self, regel: Bronregel) {
        self.toelichting.push(format!("“{}”", regel.tekst));
        self.bronnen.push(regel.id);
    }

    /// Drops every quote of seed 000 and its citations.
    fn zonder_citaten(&mut self) {
        let bronnen = std::mem::take(&mut self.bronnen);
        let citaten: Vec<String> = REGELS
            .iter()
            .filter(|r| bronnen.contains(&r.id))
            .map(|r| format!("“{}”", r.tekst))
            .collect();
        self.toelichting.retain(|t| !citaten.contains(t));
    }
}

/// The access route for one question.
pub fn bepaal(v: &Toegangsvraag) -> Toegangsadvies {
    let mut a = bepaal_route(v);
    if !v.oja_regio {
        a.zonder_citaten();
    }
    a
}

fn bepaal_route(v: &Toegangsvraag) -> Toegangsadvies {
    match v.vraag {
        Vraagsoort::Ouders => wijkteam(v),
        Vraagsoort::Opvoeding => match v.school.as_ref() {
            Some(s) => match s.oja.as_ref() {
                Some(oja) if oja.in_normenkader => via_oja(s, oja),
                Some(oja) => regulier(v, Some(buiten_normenkader(oja))),
                None => regulier(v, None),
            },
            None => zonder_school(v),
        },
    }
}

fn wijkteam(v: &Toegangsvraag) -> Toegangsadvies {
    let mut a = Toegangsadvies::nieuw(Route::Wijkteam, false, v.wijkteam);
    a.uitleg(
        "Een hulpvraag van de ouders/opvoeders die niet direct met opvoeden te maken heeft, \
         hoort bij het wijkteam van hun adres, welke school de jeugdige ook heeft; daarvoor is \
         geen beschikking nodig.",
    );
    if v.wijkteam.is_none() {
        a.uitleg(format!(
            "Voor postcodegebied {} is geen wijkteam vastgelegd in de organisatiegids \
             (werkgebied); het advies kan daarom geen wijkteam noemen. Vraag de gemeente welk \
             wijkteam dit adres bedient.",
            v.pc4
        ));
    }
    a.citeer(OUDERS_WIJKTEAM);
    a
}

fn via_oja(s: &School, oja: &Oja) -> Toegangsadvies {
    // The seed sends the parents to the school; the help itself comes from
    // its hoofdaanbieder. Without a recorded hoofdaanbieder the school is
    // the address, as the seed literally says.
    let organisatie = oja.hoofdaanbieder.unwrap_or(s.organisatie);
    let mut a = Toegangsadvies::nieuw(Route::OjaHoofdaanbieder, false, Some(organisatie));
    a.uitleg(format!(
        "De school van de jeugdige heeft een onderwijs-jeugdhulparrangement (OJA {}): de \
         jeugdhulp komt van de hoofdaanbieder van de school, op school en thuis, zonder \
         beschikking.",
        oja.arrangement
    ));
    if oja.hoofdaanbieder.is_none() {
        a.uitleg(
            "Voor deze OJA-school is geen hoofdaanbieder vastgelegd in de organisatiegids; \
             verwijs de ouders/opvoeders door naar de school zelf.",
        );
    }
    a.citeer(OJA_SCHOOL);
    a.citeer(HOOFDAANBIEDER);
    a.citeer(REGIE);
    a
}

fn buiten_normenkader(oja: &Oja) -> String {
    format!(
        "De organisatiegids koppelt de school aan het arrangement '{}', maar het normenkader dat \
         nu geldt noemt die school geen OJA-school; daarom geldt de reguliere route. Laat de \
         organisatiegids nakijken.",
        oja.arrangement
    )
}

fn regulier(v: &Toegangsvraag, reden: Option<String>) -> Toegangsadvies {
    let mut a = Toegangsadvies::nieuw(Route::RegulierVerwijzer, true, v.verwijzer);
    a.uitleg(reden.unwrap_or_else(|| {
        "De school van de jeugdige heeft geen onderwijs-jeugdhulparrangement.".into()
    }));
    a.uitleg(
        "Jeugdhulp verloopt via de reguliere route: een gemandateerde verwijzer verwijst, en de \
         jeugdhulp komt er met een beschikking.",
    );
    geen_verwijzer(v, &mut a);
    a.citeer(ZONDER_OJA);
    a
}

fn zonder_school(v: &Toegangsvraag) -> Toegangsadvies {
    let mut a = Toegangsadvies::nieuw(Route::RegulierVerwijzer, true, v.verwijzer);
    a.uitleg(
        "Er is geen school van de jeugdige vastgelegd. Zonder school met een \
         onderwijs-jeugdhulparrangement verloopt jeugdhulp via de reguliere route: een \
         gemandateerde verwijzer verwijst, met een beschikking. Gaat de jeugdige wel naar een \
         school, leg die dan vast en vraag het advies opnieuw: met een OJA-school is er geen \
         beschikking nodig.",
    );
    geen_verwijzer(v, &mut a);
    a.citeer(SCHOOL_VRAGEN);
    a.citeer(ZONDER_OJA);
    a
}

fn geen_verwijzer(v: &Toegangsvraag, a: &mut Toegangsadvies) {
    if v.verwijzer.is_none() {
        a.uitleg(
            "Voor de regio is geen gemandateerde verwijzer (JGZ) vastgelegd in de \
             organisatiegids; het advies kan daarom geen organisatie noemen.",
        );
    }
}

/// What the advice says when the organisation has no contact person the
/// parents can be pointed to.
pub fn geen_contactpersoon(organisatie: &str) -> String {
    format!(
        "Voor {organisatie} is geen actieve contactpersoon vastgelegd in de organisatiegids; \
         neem contact op met de organisatie zelf."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHOOL: i64 = 1;
    const AANBIEDER: i64 = 2;
    const JGZ: i64 = 3;
    const WIJKTEAM: i64 = 4;

    fn pc4() -> Pc4 {
        Pc4::new(1354).expect("pc4")
    }

    fn oja(in_normenkader: bool, hoofdaanbieder: Option<i64>) -> Option<Oja> {
        Some(Oja {
            arrangement: "Watertuin".into(),
            in_normenkader,
            hoofdaanbieder,
        })
    }

    fn vraag(vraag: Vraagsoort, oja: Option<Oja>) -> Toegangsvraag {
        Toegangsvraag {
            vraag,
            school: Some(School {
                organisatie: SCHOOL,
                oja,
            }),
            verwijzer: Some(JGZ),
            pc4: pc4(),
            wijkteam: Some(WIJKTEAM),
            oja_regio: true,
        }
    }

    /// A family of a region with another route gets the same route for
    /// its question, but no quote of seed 000 (Almere's words) and no
    /// citation of it.
    #[test]
    fn buiten_de_oja_regio_geen_citaat_van_seed_000() {
        for soort in Vraagsoort::ALLE {
            let v = Toegangsvraag {
                oja_regio: false,
                ..vraag(soort, None)
            };
            let a = bepaal(&v);
            assert_eq!(a.route, bepaal(&vraag(soort, None)).route);
            assert!(a.bronnen.is_empty(), "{:?}", a.bronnen);
            assert!(
                !a.toelichting.iter().any(|t| t.starts_with('“')),
                "{:?}",
                a.toelichting
            );
            assert!(!a.toelichting.is_empty());
        }
    }

    fn citeert(a: &Toegangsadvies, regel: Bronregel) -> bool {
        a.bronnen.contains(&regel.id) && a.toelichting.iter().any(|t| t.contains(regel.tekst))
    }

    /// "Gaat het om een school MET een onderwijs-jeugdhulparrangement?
    /// Verwijs de ouders/opvoeders dan door naar de school. Via die route
    /// is er geen beschikking nodig." — and the help comes from "één
    /// hoofdaanbieder die verbonden is aan de school".
    #[test]
    fn school_met_oja_gaat_via_de_hoofdaanbieder_zonder_beschikking() {
        let a = bepaal(&vraag(Vraagsoort::Opvoeding, oja(true, Some(AANBIEDER))));
        assert_eq!(a.route, Route::OjaHoofdaanbieder);
        assert!(!a.beschikking_nodig);
        assert_eq!(a.organisatie, Some(AANBIEDER));
        assert!(citeert(&a, OJA_SCHOOL));
        assert!(citeert(&a, HOOFDAANBIEDER));
        assert!(citeert(&a, REGIE), "one aanbieder has regie, or JGZ");
        assert!(
            a.toelichting[0].contains("OJA Watertuin"),
            "{:?}",
            a.toelichting
        );
    }

    /// "Gaat het om een school ZONDER een onderwijs-jeugdhulparrangement?
    /// Dan verloopt de inzet van jeugdhulp via de reguliere routes".
    #[test]
    fn school_zonder_oja_gaat_via_de_gemandateerde_verwijzer() {
        let a = bepaal(&vraag(Vraagsoort::Opvoeding, None));
        assert_eq!(a.route, Route::RegulierVerwijzer);
        assert!(a.beschikking_nodig);
        assert_eq!(a.organisatie, Some(JGZ));
        assert!(citeert(&a, ZONDER_OJA));
        assert!(!citeert(&a, OJA_SCHOOL));
    }

    /// "Hebben de ouders/opvoeders een hulpvraag die niet direct met
    /// opvoeden te maken heeft (bijvoorbeeld over financiële problemen of
    /// laaggeletterdheid)? Dan kunnen ze terecht bij het wijkteam." — also
    /// when the school has an OJA.
    #[test]
    fn vraag_van_de_ouders_gaat_naar_het_wijkteam_van_het_adres() {
        for school in [oja(true, Some(AANBIEDER)), None] {
            let a = bepaal(&vraag(Vraagsoort::Ouders, school));
            assert_eq!(a.route, Route::Wijkteam);
            assert!(!a.beschikking_nodig);
            assert_eq!(a.organisatie, Some(WIJKTEAM));
            assert!(citeert(&a, OUDERS_WIJKTEAM));
            assert_eq!(a.bronnen, [OUDERS_WIJKTEAM.id]);
        }
    }

    /// "Vraag dan waar een jeugdige naar school gaat": without a school
    /// there is no OJA, so the regular route applies, and the advice says
    /// to record the school.
    #[test]
    fn zonder_school_de_reguliere_route() {
        let v = Toegangsvraag {
            school: None,
            ..vraag(Vraagsoort::Opvoeding, None)
        };
        let a = bepaal(&v);
        assert_eq!(a.route, Route::RegulierVerwijzer);
        assert!(a.beschikking_nodig);
        assert_eq!(a.organisatie, Some(JGZ));
        assert!(
            a.toelichting[0].contains("geen school"),
            "{:?}",
            a.toelichting
        );
        assert!(citeert(&a, SCHOOL_VRAGEN));
        assert!(citeert(&a, ZONDER_OJA));
    }

    /// An OJA school without a recorded hoofdaanbieder: still no
    /// beschikking; the parents go to the school, as the seed says.
    #[test]
    fn oja_school_zonder_hoofdaanbieder_verwijst_naar_de_school() {
        let a = bepaal(&vraag(Vraagsoort::Opvoeding, oja(true, None)));
        assert_eq!(a.route, Route::OjaHoofdaanbieder);
        assert!(!a.beschikking_nodig);
        assert_eq!(a.organisatie, Some(SCHOOL));
        assert!(
            a.toelichting
                .iter()
                .any(|t| t.contains("geen hoofdaanbieder vastgelegd")),
            "{:?}",
            a.toelichting
        );
    }

    /// The normenkader, not the directory, says which schools have an OJA.
    #[test]
    fn arrangement_dat_het_normenkader_niet_kent_geeft_de_reguliere_route() {
        let a = bepaal(&vraag(Vraagsoort::Opvoeding, oja(false, Some(AANBIEDER))));
        assert_eq!(a.route, Route::RegulierVerwijzer);
        assert!(a.beschikking_nodig);
        assert_eq!(a.organisatie, Some(JGZ));
        assert!(
            a.toelichting[0].contains("'Watertuin'"),
            "{:?}",
            a.toelichting
        );
        assert!(a.toelichting[0].contains("normenkader"));
    }

    #[test]
    fn geen_wijkteam_voor_het_adres() {
        let v = Toegangsvraag {
            wijkteam: None,
            ..vraag(Vraagsoort::Ouders, None)
        };
        let a = bepaal(&v);
        assert_eq!(a.route, Route::Wijkteam);
        assert_eq!(a.organisatie, None);
        assert!(
            a.toelichting
                .iter()
                .any(|t| t.contains("postcodegebied 1354") && t.contains("geen wijkteam")),
            "{:?}",
            a.toelichting
        );
    }

    #[test]
    fn geen_verwijzer_in_de_regio() {
        for met_school in [true, false] {
            let mut v = Toegangsvraag {
                verwijzer: None,
                ..vraag(Vraagsoort::Opvoeding, None)
            };
            if !met_school {
                v.school = None;
            }
            let a = bepaal(&v);
            assert_eq!(a.route, Route::RegulierVerwijzer);
            assert_eq!(a.organisatie, None);
            assert!(
                a.toelichting
                    .iter()
                    .any(|t| t.contains("geen gemandateerde verwijzer")),
                "{:?}",
                a.toelichting
            );
        }
    }

    /// The wijkteam and the OJA route do not depend on a verwijzer, nor
    /// the verwijzer route on a wijkteam.
    #[test]
    fn ontbrekende_gegevens_raken_alleen_hun_eigen_route() {
        let leeg = |v: Vraagsoort, o| Toegangsvraag {
            verwijzer: None,
            wijkteam: None,
            ..vraag(v, o)
        };
        let a = bepaal(&leeg(Vraagsoort::Opvoeding, oja(true, Some(AANBIEDER))));
        assert_eq!(a.organisatie, Some(AANBIEDER));
        let v = Toegangsvraag {
            wijkteam: None,
            ..vraag(Vraagsoort::Opvoeding, None)
        };
        assert_eq!(bepaal(&v).organisatie, Some(JGZ));
    }

    #[test]
    fn namen_en_bronnen() {
        for v in Vraagsoort::ALLE {
            assert_eq!(Vraagsoort::parse(v.naam()), Some(v));
        }
        assert_eq!(Vraagsoort::parse("onbekend"), None);
        assert_eq!(Vraagsoort::default(), Vraagsoort::Opvoeding);
        for r in [
            Route::OjaHoofdaanbieder,
            Route::RegulierVerwijzer,
            Route::Wijkteam,
        ] {
            let json = serde_json::to_string(&r).expect("json");
            assert_eq!(json, format!("\"{}\"", r.naam()));
        }
        let mut ids: Vec<_> = REGELS.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), REGELS.len(), "rule ids are unique");
        // Every advice cites only known rules.
        for v in Vraagsoort::ALLE {
            for o in [oja(true, None), oja(false, None), None] {
                for id in bepaal(&vraag(v, o)).bronnen {
                    assert!(REGELS.iter().any(|r| r.id == id), "{id}");
                }
            }
        }
        assert!(geen_contactpersoon("JGZ Almere").contains("JGZ Almere"));
    }
}
