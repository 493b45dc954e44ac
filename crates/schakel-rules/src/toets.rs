//! Checking a proposed referral against the norms: it is within the norms
//! when one advised option allows its product, amount, unit and dates.

use serde::Serialize;

use crate::advies::{Advies, AdviesOptie, Inzet, Versie};
use crate::datum::Periode;
use crate::fout::InvoerFout;
use crate::hoeveelheid::Hoeveelheid;
use crate::ijw::Per;
use crate::normenkader::Normenkader;
use crate::vraag::{ToetsVraag, Verwijzing};

#[derive(Debug, Clone, Serialize)]
pub struct Toetsing<'r> {
    pub binnen_normen: bool,
    /// Why the referral is outside the norms; for an option whose volume the
    /// normenkader leaves to another norm, a note saying so.
    pub bevindingen: Vec<Bevinding<'r>>,
    /// The option the referral fits, or else the closest one.
    pub optie: Option<&'r str>,
    pub bronnen: Vec<&'r str>,
    pub normenkader: Versie<'r>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bevinding<'r> {
    /// Id of the rule the finding is about.
    pub regel: &'r str,
    pub melding: String,
}

impl Normenkader {
    pub fn toets<'r>(&'r self, vraag: &ToetsVraag) -> Result<Toetsing<'r>, InvoerFout> {
        let v = &vraag.verwijzing;
        if !self.product_bekend(&v.product) {
            let bekend: Vec<&str> = self.producten.iter().map(|(k, _)| k.as_str()).collect();
            return Err(InvoerFout::new(
                "verwijzing.product",
                format!(
                    "onbekend product '{}'; toegestaan: {}",
                    v.product,
                    bekend.join(", ")
                ),
            ));
        }
        let advies = self
            .advies(&vraag.situatie)
            .map_err(|e| e.onder("situatie"))?;
        let mut toetsing = Toetsing {
            binnen_normen: false,
            bevindingen: Vec::new(),
            optie: None,
            bronnen: advies.bronnen.clone(),
            normenkader: advies.normenkader,
        };
        let rij = advies
            .bronnen
            .first()
            .copied()
            .unwrap_or(self.regio.as_str());
        if advies.situatie.is_none() {
            toetsing.bevindingen.push(Bevinding {
                regel: rij,
                melding: advies.toelichting.join(" "),
            });
        } else if !advies.beschikking_nodig {
            toetsing.bevindingen.push(Bevinding {
                regel: rij,
                melding: "Voor deze situatie gaat jeugdhulp tijdens schooltijd zonder beschikking, via het arrangement van de school; zie de reikwijdte. Een aparte verwijzing valt buiten dit normenkader.".into(),
            });
        } else {
            self.kies_optie(&advies, v, &mut toetsing);
        }
        Ok(toetsing)
    }

    fn kies_optie<'r>(&'r self, advies: &Advies<'r>, v: &Verwijzing, toetsing: &mut Toetsing<'r>) {
        let mut beste: Option<(&AdviesOptie<'r>, Vec<Bevinding<'r>>)> = None;
        for optie in advies
            .opties
            .iter()
            .filter(|o| o.inzet.iter().any(|i| i.product == v.product))
        {
            let bevindingen = self.toets_optie(optie, v);
            if bevindingen.is_empty() {
                toetsing.binnen_normen = true;
                toetsing.optie = Some(optie.id);
                return;
            }
            if beste
                .as_ref()
                .is_none_or(|(_, b)| bevindingen.len() < b.len())
            {
                beste = Some((optie, bevindingen));
            }
        }
        // Options whose volume another norm sets ("volgens het reguliere
        // normenkader") accept any product; only their term is checked here.
        for optie in advies
            .opties
            .iter()
            .filter(|o| o.inzet.is_empty() && o.programma.is_none())
        {
            if datum_bevindingen(optie, v).is_empty() {
                toetsing.binnen_normen = true;
                toetsing.optie = Some(optie.id);
                toetsing.bevindingen.push(Bevinding {
                    regel: optie.id,
                    melding: format!("Alleen de termijn is getoetst: de omvang volgt een ander normenkader ({}).", optie.omschrijving),
                });
                return;
            }
        }
        match beste {
            Some((optie, bevindingen)) => {
                toetsing.optie = Some(optie.id);
                toetsing.bevindingen = bevindingen;
            }
            None => {
                let mut producten: Vec<&str> = advies
                    .opties
                    .iter()
                    .flat_map(|o| o.inzet.iter().map(|i| self.productnaam(i.product)))
                    .collect();
                producten.dedup();
                let rij = advies
                    .bronnen
                    .first()
                    .copied()
                    .unwrap_or(self.regio.as_str());
                let toegestaan = if producten.is_empty() {
                    "geen product met een omvang uit dit normenkader".to_string()
                } else {
                    producten.join(", ")
                };
                toetsing.bevindingen.push(Bevinding {
                    regel: rij,
                    melding: format!(
                        "{} komt in geen optie voor deze situatie voor; toegestaan: {toegestaan}.",
                        self.productnaam(&v.product)
                    ),
                });
            }
        }
    }

    fn toets_optie<'r>(&'r self, optie: &AdviesOptie<'r>, v: &Verwijzing) -> Vec<Bevinding<'r>> {
        let mut bevindingen = datum_bevindingen(optie, v);
        if let Some(inzet) = optie.inzet.iter().find(|i| i.product == v.product) {
            bevindingen.extend(
                self.omvang_bevinding(optie, inzet, v)
                    .map(|melding| Bevinding {
                        regel: optie.id,
                        melding,
                    }),
            );
        }
        bevindingen
    }

    fn omvang_bevinding(
        &self,
        optie: &AdviesOptie<'_>,
        inzet: &Inzet<'_>,
        v: &Verwijzing,
    ) -> Option<String> {
        let product = self.productnaam(inzet.product);
        if inzet.eenheid != v.eenheid {
            return Some(format!(
                "eenheid: {product} wordt in deze optie in {} verwezen, niet in {}",
                inzet.eenheid.meervoud(),
                v.eenheid.meervoud()
            ));
        }
        let eenheid = inzet.eenheid.meervoud();
        // Weeks of the referral that fall inside the option's period.
        let optie_periode = Periode {
            van: optie.ingangsdatum,
            tot: optie.einddatum.unwrap_or(v.einddatum),
        };
        let dagen = Periode {
            van: v.ingangsdatum,
            tot: v.einddatum,
        }
        .doorsnede(&optie_periode)
        .map_or(0, |p| p.dagen());
        let weken = dagen as f64 / 7.0;
        // Compare in the referral's own terms, against limits computed as
        // the advice computes its budget (exact hundredths), so the advised
        // total itself is always accepted.
        let wk = inzet.per.naam();
        let eenheden = |n: u32| Hoeveelheid::eenheden(i64::from(n));
        let over_periode = |h: Hoeveelheid| h.over_dagen(dagen).unwrap_or(h);
        let (volume, min, max, volume_tekst, grens) = match (v.per, inzet.per) {
            (Per::Totaal, Per::Week) => (
                v.volume,
                inzet.min.map(|m| over_periode(eenheden(m))),
                over_periode(eenheden(inzet.max)),
                format!("{} {eenheid} in totaal", v.volume),
                format!(
                    " {eenheid} in totaal ({} {eenheid} per week × {weken:.2} weken)",
                    inzet.max
                ),
            ),
            (Per::Week, Per::Totaal) => (
                over_periode(v.volume),
                inzet.min.map(eenheden),
                eenheden(inzet.max),
                format!(
                    "{} {eenheid} per week ({} in totaal)",
                    v.volume,
                    over_periode(v.volume)
                ),
                format!(" {eenheid} in totaal"),
            ),
            _ => (
                v.volume,
                inzet.min.map(eenheden),
                eenheden(inzet.max),
                format!("{} {eenheid} per {wk}", v.volume),
                format!(" {eenheid} per {wk}"),
            ),
        };
        if volume > max {
            return Some(format!(
                "volume: {volume_tekst} is meer dan het maximum van {max}{grens} voor {product}"
            ));
        }
        match min {
            Some(min) if volume < min => Some(format!(
                "volume: {volume_tekst} is minder dan het minimum van {min}{grens} voor {product}"
            )),
            _ => None,
        }
    }
}


fn datum_bevindingen<'r>(optie: &AdviesOptie<'r>, v: &Verwijzing) -> Vec<Bevinding<'r>> {
    let mut bevindingen = Vec::new();
    if v.ingangsdatum < optie.ingangsdatum {
        bevindingen.push(Bevinding {
            regel: optie.id,
            melding: format!(
                "ingangsdatum: {} ligt vóór {}, de vroegste ingangsdatum van deze optie",
                v.ingangsdatum, optie.ingangsdatum
            ),
        });
    }
    if let Some(eind) = optie.einddatum
        && v.einddatum > eind
    {
        bevindingen.push(Bevinding {
            regel: optie.id,
            melding: format!(
                "einddatum: {} ligt na {}, de laatste toegestane einddatum van deze optie",
                v.einddatum, eind
            ),
        });
    }
    bevindingen
}
