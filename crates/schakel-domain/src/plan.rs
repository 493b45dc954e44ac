//! The integral plan of a joint case (seed 003, points 3–5; seed 000 "één
//! huishouden, één plan"): the toekomstperspectief of the jeugdige,
//! measurable goals for jeugdhulp and onderwijsondersteuning, the youth's
//! own voice, and the agreement of the wettelijk vertegenwoordiger.
//!
//! The casusregisseur has regie over the whole plan; "het onderwijs is
//! verantwoordelijk voor de onderwijsondersteuning in het plan" (seed 003,
//! point 5), so a school changes only goals of that domain.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fout::{VeldFout, VeldFouten};

pub type Id = i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Domein {
    Jeugdhulp,
    Onderwijsondersteuning,
}

impl Domein {
    pub const ALLE: [Self; 2] = [Self::Jeugdhulp, Self::Onderwijsondersteuning];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Jeugdhulp => "jeugdhulp",
            Self::Onderwijsondersteuning => "onderwijsondersteuning",
        }
    }
}

/// One measurable goal: where the jeugdige stands (nulmeting), where the
/// plan wants to be (streefwaarde), measured how (indicator), by when and
/// who answers for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Doel {
    /// Stable within the plan; evaluations score goals by this number.
    pub nummer: u32,
    pub domein: Domein,
    pub omschrijving: String,
    pub indicator: String,
    pub nulmeting: String,
    pub streefwaarde: String,
    #[serde(deserialize_with = "crate::grens::periode")]
    pub deadline: NaiveDate,
    /// The organisation responsible; a party to the case.
    pub verantwoordelijke: Id,
}

/// Hoorrecht: what the jeugdige said, or why the jeugdige was not heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "soort")]
pub enum Stem {
    Gehoord { inbreng: String },
    NietGehoord { reden: String },
}

impl Stem {
    fn controleer(&self, veld: &str, fouten: &mut VeldFouten) {
        let (sub, tekst) = match self {
            Self::Gehoord { inbreng } => ("inbreng", inbreng),
            Self::NietGehoord { reden } => ("reden", reden),
        };
        fouten.niet_leeg(&format!("{veld}.{sub}"), tekst);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub toekomstperspectief: String,
    pub doelen: Vec<Doel>,
    /// Without it the plan cannot be agreed.
    pub stem_jeugdige: Option<Stem>,
}

/// A goal as a client sends it: without a number for a new goal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DoelInvoer {
    pub nummer: Option<u32>,
    pub domein: Domein,
    pub omschrijving: String,
    pub indicator: String,
    pub nulmeting: String,
    pub streefwaarde: String,
    #[serde(deserialize_with = "crate::grens::periode")]
    pub deadline: NaiveDate,
    pub verantwoordelijke: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanInvoer {
    pub toekomstperspectief: String,
    pub doelen: Vec<DoelInvoer>,
    pub stem_jeugdige: Option<Stem>,
}

/// Which part of the plan the author may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deel {
    /// The casusregisseur: the whole plan.
    Geheel,
    /// The school: the onderwijsondersteuning goals only.
    Onderwijs,
}

impl PlanInvoer {
    /// Validates the input against the current plan (if any): every goal
    /// complete and measurable, responsible parties among `partijen`, known
    /// goal numbers kept; new goals get the next free numbers.
    pub fn tot_plan(self, huidig: Option<&Plan>, partijen: &[Id]) -> Result<Plan, VeldFouten> {
        let mut fouten = VeldFouten::default();
        fouten.niet_leeg("toekomstperspectief", &self.toekomstperspectief);
        if let Some(stem) = &self.stem_jeugdige {
            stem.controleer("stemJeugdige", &mut fouten);
        }
        let mut volgend = huidig
            .and_then(|p| p.doelen.iter().map(|d| d.nummer).max())
            .unwrap_or(0);
        let mut doelen = Vec::with_capacity(self.doelen.len());
        for (i, d) in self.doelen.into_iter().enumerate() {
            let veld = |v: &str| format!("doelen[{i}].{v}");
            fouten.niet_leeg(&veld("omschrijving"), &d.omschrijving);
            fouten.niet_leeg(&veld("indicator"), &d.indicator);
            fouten.niet_leeg(&veld("nulmeting"), &d.nulmeting);
            fouten.niet_leeg(&veld("streefwaarde"), &d.streefwaarde);
            if !partijen.contains(&d.verantwoordelijke) {
                fouten.voeg_toe(
                    veld("verantwoordelijke"),
                    "moet een organisatie zijn die partij is bij de casus",
                );
            }
            let nummer = match d.nummer {
                Some(n) if huidig.is_some_and(|p| p.doel(n).is_some()) => n,
                Some(n) => {
                    fouten.voeg_toe(
                        veld("nummer"),
                        format!("doel {n} bestaat niet in het plan; laat het nummer weg voor een nieuw doel"),
                    );
                    n
                }
                None => {
                    volgend += 1;
                    volgend
                }
            };
            if doelen.iter().any(|x: &Doel| x.nummer == nummer) {
                fouten.voeg_toe(
                    veld("nummer"),
                    format!("doel {nummer} staat twee keer in het plan"),
                );
            }
            doelen.push(Doel {
                nummer,
                domein: d.domein,
                omschrijving: d.omschrijving,
                indicator: d.indicator,
                nulmeting: d.nulmeting,
                streefwaarde: d.streefwaarde,
                deadline: d.deadline,
                verantwoordelijke: d.verantwoordelijke,
            });
        }
        fouten.resultaat(Plan {
            toekomstperspectief: self.toekomstperspectief,
            doelen,
            stem_jeugdige: self.stem_jeugdige,
        })
    }
}

impl Plan {
    pub fn doel(&self, nummer: u32) -> Option<&Doel> {
        self.doelen.iter().find(|d| d.nummer == nummer)
    }

    fn doelen_van(&self, domein: Domein) -> impl Iterator<Item = &Doel> {
        self.doelen.iter().filter(move |d| d.domein == domein)
    }

    /// `Ok` when `self` differs from `huidig` only in the part `deel` may
    /// change; else the first field outside that part.
    pub fn wijziging_binnen(&self, huidig: Option<&Plan>, deel: Deel) -> Result<(), VeldFout> {
        if deel == Deel::Geheel {
            return Ok(());
        }
        let leeg = Plan {
            toekomstperspectief: String::new(),
            doelen: Vec::new(),
            stem_jeugdige: None,
        };
        let huidig = huidig.unwrap_or(&leeg);
        let buiten = |veld: &str| {
            VeldFout::new(
                veld,
                "de school wijzigt alleen de onderwijsondersteuning in het plan; dit deel is aan de casusregisseur",
            )
        };
        if huidig.doelen.is_empty() && huidig.toekomstperspectief.is_empty() {
            return Err(buiten("plan"));
        }
        if self.toekomstperspectief != huidig.toekomstperspectief {
            return Err(buiten("toekomstperspectief"));
        }
        if self.stem_jeugdige != huidig.stem_jeugdige {
            return Err(buiten("stemJeugdige"));
        }
        let jeugdhulp = |p: &Plan| p.doelen_van(Domein::Jeugdhulp).cloned().collect::<Vec<_>>();
        if jeugdhulp(self) != jeugdhulp(huidig) {
            return Err(buiten("doelen"));
        }
        // A goal may not move from jeugdhulp into the school's part either.
        for d in self.doelen_van(Domein::Onderwijsondersteuning) {
            if huidig.doel(d.nummer).is_some_and(|o| o.domein != d.domein) {
                return Err(buiten("doelen"));
            }
        }
        Ok(())
    }

    /// Why the plan cannot be agreed yet, if so: seed 003 asks for
    /// measurable goals for both jeugdhulp and onderwijsondersteuning, and
    /// the jeugdige must have been heard (or the reason recorded).
    pub fn klaar_voor_akkoord(&self) -> Result<(), VeldFout> {
        if self.stem_jeugdige.is_none() {
            return Err(VeldFout::new(
                "stemJeugdige",
                "de inbreng van de jeugdige (hoorrecht) of de reden waarom die ontbreekt is nodig voor akkoord",
            ));
        }
        for domein in Domein::ALLE {
            if self.doelen_van(domein).next().is_none() {
                return Err(VeldFout::new(
                    "doelen",
                    format!(
                        "het plan heeft nog geen meetbaar doel voor {}; een integraal plan heeft doelen voor jeugdhulp én onderwijsondersteuning",
                        domein.naam()
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIJKTEAM: Id = 4;
    const SCHOOL: Id = 1;

    fn doel(nummer: Option<u32>, domein: Domein, omschrijving: &str) -> DoelInvoer {
        DoelInvoer {
            nummer,
            domein,
            omschrijving: omschrijving.into(),
            indicator: "aantal dagen per week op school".into(),
            nulmeting: "2".into(),
            streefwaarde: "5".into(),
            deadline: NaiveDate::from_ymd_opt(2027, 1, 31).expect("geldig"),
            verantwoordelijke: if domein == Domein::Jeugdhulp {
                WIJKTEAM
            } else {
                SCHOOL
            },
        }
    }

    fn invoer(doelen: Vec<DoelInvoer>) -> PlanInvoer {
        PlanInvoer {
            toekomstperspectief: "Sem gaat weer volledig naar school".into(),
            doelen,
            stem_jeugdige: Some(Stem::Gehoord {
                inbreng: "Ik wil een rustige plek in de klas".into(),
            }),
        }
    }

    fn basis() -> Plan {
        invoer(vec![
            doel(None, Domein::Jeugdhulp, "Rust thuis"),
            doel(None, Domein::Onderwijsondersteuning, "Prikkelarme werkplek"),
        ])
        .tot_plan(None, &[WIJKTEAM, SCHOOL])
        .expect("geldig")
    }

    #[test]
    fn nieuwe_doelen_krijgen_de_volgende_nummers() {
        let p = basis();
        assert_eq!(
            p.doelen.iter().map(|d| d.nummer).collect::<Vec<_>>(),
            [1, 2]
        );
        let mut i = invoer(vec![
            doel(
                Some(2),
                Domein::Onderwijsondersteuning,
                "Prikkelarme werkplek",
            ),
            doel(None, Domein::Onderwijsondersteuning, "Vaste mentor"),
        ]);
        i.doelen
            .insert(0, doel(Some(1), Domein::Jeugdhulp, "Rust thuis"));
        let nieuw = i.tot_plan(Some(&p), &[WIJKTEAM, SCHOOL]).expect("geldig");
        assert_eq!(
            nieuw.doelen.iter().map(|d| d.nummer).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    }

    #[test]
    fn onvolledig_doel_noemt_elk_veld() {
        let mut d = doel(None, Domein::Jeugdhulp, " ");
        d.indicator.clear();
        d.verantwoordelijke = 99;
        let fouten = invoer(vec![d])
            .tot_plan(None, &[WIJKTEAM])
            .expect_err("verwacht een fout");
        let velden: Vec<_> = fouten.0.iter().map(|f| f.veld.as_str()).collect();
        assert_eq!(
            velden,
            [
                "doelen[0].omschrijving",
                "doelen[0].indicator",
                "doelen[0].verantwoordelijke"
            ]
        );
    }

    #[test]
    fn onbekend_doelnummer_geweigerd() {
        let fouten = invoer(vec![doel(Some(7), Domein::Jeugdhulp, "x")])
            .tot_plan(Some(&basis()), &[WIJKTEAM, SCHOOL])
            .expect_err("verwacht een fout");
        assert_eq!(fouten.0[0].veld, "doelen[0].nummer");
    }

    #[test]
    fn school_wijzigt_alleen_onderwijsdeel() {
        let huidig = basis();
        let mut onderwijs = huidig.clone();
        onderwijs.doelen[1].streefwaarde = "6".into();
        assert_eq!(
            onderwijs.wijziging_binnen(Some(&huidig), Deel::Onderwijs),
            Ok(())
        );

        let mut jeugdhulp = huidig.clone();
        jeugdhulp.doelen[0].streefwaarde = "6".into();
        assert_eq!(
            jeugdhulp
                .wijziging_binnen(Some(&huidig), Deel::Onderwijs)
                .expect_err("verwacht een fout")
                .veld,
            "doelen"
        );
        assert_eq!(
            jeugdhulp.wijziging_binnen(Some(&huidig), Deel::Geheel),
            Ok(())
        );

        let mut perspectief = huidig.clone();
        perspectief.toekomstperspectief = "anders".into();
        assert_eq!(
            perspectief
                .wijziging_binnen(Some(&huidig), Deel::Onderwijs)
                .expect_err("verwacht een fout")
                .veld,
            "toekomstperspectief"
        );

        let mut verhuisd = huidig.clone();
        verhuisd.doelen[0].domein = Domein::Onderwijsondersteuning;
        assert!(
            verhuisd
                .wijziging_binnen(Some(&huidig), Deel::Onderwijs)
                .is_err()
        );

        assert_eq!(
            huidig
                .wijziging_binnen(None, Deel::Onderwijs)
                .expect_err("verwacht een fout")
                .veld,
            "plan"
        );
    }

    #[test]
    fn akkoord_vraagt_stem_en_beide_domeinen() {
        let mut p = basis();
        assert_eq!(p.klaar_voor_akkoord(), Ok(()));
        p.doelen.retain(|d| d.domein == Domein::Jeugdhulp);
        assert_eq!(
            p.klaar_voor_akkoord().expect_err("verwacht een fout").veld,
            "doelen"
        );
        let mut p = basis();
        p.stem_jeugdige = None;
        assert_eq!(
            p.klaar_voor_akkoord().expect_err("verwacht een fout").veld,
            "stemJeugdige"
        );
    }
}
