//! Checking a proposed referral against the norms: it is within the norms
//! when one advised option allows its product, amount, unit and dates.

use serde::Serialize;

use crate::advies::{Advies, AdviesOptie, Inzet, Versie};
use crate::datum::{Periode, plus_dagen};
use crate::fout::InvoerFout;
use crate::hoeveelheid::Hoeveelheid;
use crate::ijw::Per;
use crate::normenkader::{Dekking, Normenkader};
use crate::vraag::{ToetsVraag, Verwijzing};

#[derive(Debug, Clone, Serialize)]
pub struct Toetsing<'r> {
    pub binnen_normen: bool,
    /// Why the referral is outside the norms; for an option whose volume the
    /// normenkader leaves to another norm, a note saying so.
    pub bevindingen: Vec<Bevinding<'r>>,
    /// The option the referral fits, or else the closest one.
    pub optie: Option<&'r str>,
    /// For a pupil of an OJA school or JOA group: what the reikwijdte says
    /// about `verwijzing.dienst`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dekking: Option<Dekking>,
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
        if let Some(d) = v.dienst.as_deref()
            && !self.reikwijdte.iter().any(|r| r.dienst == d)
        {
            let bekend: Vec<&str> = self.reikwijdte.iter().map(|r| r.dienst.as_str()).collect();
            return Err(InvoerFout::new(
                "verwijzing.dienst",
                format!("onbekende dienst '{d}'; toegestaan: {}", bekend.join(", ")),
            ));
        }
        let advies = self
            .advies(&vraag.situatie)
            .map_err(|e| e.onder("situatie"))?;
        let mut toetsing = Toetsing {
            binnen_normen: false,
            bevindingen: Vec::new(),
            optie: None,
            dekking: None,
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
            self.toets_arrangement(&advies, v, rij, &mut toetsing);
        } else {
            self.kies_optie(&advies, v, &mut toetsing);
            self.voorwaarden(&advies, v, vraag.interventie_afspraak, &mut toetsing);
        }
        Ok(toetsing)
    }

    /// A pupil of an OJA school or JOA group gets help during school time
    /// from the arrangement; the reikwijdte says per service whether a
    /// separate referral ("V") is needed. This normenkader sets no volume
    /// for those services: a V-service is referred as any regular referral.
    fn toets_arrangement<'r>(
        &'r self,
        advies: &Advies<'r>,
        v: &Verwijzing,
        rij: &'r str,
        toetsing: &mut Toetsing<'r>,
    ) {
        let (Some(r), Some(dienst)) = (&advies.reikwijdte, v.dienst.as_deref()) else {
            let diensten: Vec<&str> = self.reikwijdte.iter().map(|r| r.dienst.as_str()).collect();
            toetsing.bevindingen.push(Bevinding {
                regel: rij,
                melding: format!(
                    "Voor deze situatie gaat jeugdhulp tijdens schooltijd zonder beschikking, via het arrangement van de school; zie de reikwijdte. Noem in verwijzing.dienst waarvoor u verwijst ({}) om te toetsen of een aparte verwijzing nodig is.",
                    diensten.join(", ")
                ),
            });
            return;
        };
        let school = r.school;
        let omschrijving = r.omschrijving(dienst).unwrap_or(dienst);
        let regel = r.regel(dienst).unwrap_or(rij);
        let dekking = r.get(dienst);
        toetsing.dekking = dekking;
        let mut melding = match dekking {
            Some(Dekking::V) => {
                toetsing.binnen_normen = true;
                format!(
                    "Reikwijdte {school}: '{omschrijving}' vraagt een aparte verwijzing (V). Dit normenkader stelt daarvoor geen eigen omvang of termijn; de verwijzing volgt het reguliere normenkader."
                )
            }
            Some(d @ (Dekking::Oja | Dekking::Joa)) => format!(
                "Reikwijdte {school}: '{omschrijving}' valt onder het {} van de school en gaat zonder beschikking. Een aparte verwijzing is niet nodig en zou dezelfde hulp dubbel financieren.",
                d.naam()
            ),
            Some(Dekking::NietMogelijk) => format!(
                "Reikwijdte {school}: voor '{omschrijving}' is naast het arrangement geen aparte verwijzing mogelijk."
            ),
            None => format!(
                "Reikwijdte {school}: de bron zegt niets over '{omschrijving}' bij {school}; overleg met de gemeente (maatwerk)."
            ),
        };
        if let Some(w) = r.voorwaarde(dienst) {
            melding.push_str(&format!(" De bron: \"{}\". {}", w.tekst, w.voorwaarde));
        }
        toetsing.bevindingen.push(Bevinding { regel, melding });
    }

    /// Conditions the source attaches beyond volume and term: a footnote
    /// on the fitting option (*** behandeling only under an
    /// interventie-afspraak), a pupil whose school has an OJA.
    fn voorwaarden<'r>(
        &'r self,
        advies: &Advies<'r>,
        v: &Verwijzing,
        afspraak: Option<bool>,
        toetsing: &mut Toetsing<'r>,
    ) {
        let rij = self
            .rijen
            .iter()
            .find(|r| Some(&r.situatie) == advies.situatie);
        if let Some(optie) = rij.and_then(|r| {
            r.opties
                .iter()
                .find(|o| Some(o.id.as_str()) == toetsing.optie)
        }) {
            for &i in &optie.voetnoten {
                let n = &self.voetnoten[i];
                if n.voorwaarde_voor.contains(&v.product) {
                    let melding = match afspraak {
                        None => format!("Voorwaarde (voetnoot {}): {}", n.teken, n.toelichting),
                        Some(true) => format!(
                            "Voorwaarde (voetnoot {}) vervuld: deze aanbieder heeft een interventie-afspraak met de gemeente die geldt op de ingangsdatum.",
                            n.teken
                        ),
                        Some(false) => {
                            toetsing.binnen_normen = false;
                            format!(
                                "Voorwaarde (voetnoot {}) niet vervuld: deze aanbieder heeft geen interventie-afspraak met de gemeente die geldt op de ingangsdatum. {}",
                                n.teken, n.toelichting
                            )
                        }
                    };
                    toetsing.bevindingen.push(Bevinding {
                        regel: &n.id,
                        melding,
                    });
                }
            }
        }
        if let Some((regel, melding)) = rij.and_then(|r| self.oja_waarschuwing(r, advies.school)) {
            toetsing.bevindingen.push(Bevinding { regel, melding });
        }
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
        if self.past_in_fasen(advies, v, toetsing) {
            return;
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

    /// Phased options ("1e half jaar … 2e halfjaar", op weg naar school): a
    /// weekly volume within the maximum of every phase it spans, over
    /// consecutive phases, is within the norms.
    fn past_in_fasen<'r>(
        &'r self,
        advies: &Advies<'r>,
        v: &Verwijzing,
        toetsing: &mut Toetsing<'r>,
    ) -> bool {
        if v.per != Per::Week {
            return false;
        }
        let met_product = |o: &&AdviesOptie<'r>| o.inzet.iter().any(|i| i.product == v.product);
        let mut fasen: Vec<&AdviesOptie<'r>> = Vec::new();
        let mut dag = v.ingangsdatum;
        while let Some(fase) = advies.opties.iter().filter(met_product).find(|o| {
            o.ingangsdatum <= dag
                && o.einddatum.is_some_and(|e| e >= dag)
                && (fasen.is_empty() || o.ingangsdatum == dag)
        }) {
            fasen.push(fase);
            let Some(eind) = fase.einddatum.filter(|e| *e < v.einddatum) else {
                break;
            };
            dag = plus_dagen(eind, 1);
        }
        let dekt = fasen
            .last()
            .and_then(|f| f.einddatum)
            .is_some_and(|e| e >= v.einddatum);
        if fasen.len() < 2 || !dekt {
            return false;
        }
        let binnen = fasen.iter().all(|f| {
            f.inzet
                .iter()
                .find(|i| i.product == v.product)
                .is_some_and(|i| self.omvang_bevinding(f, i, v).is_none())
        });
        if !binnen {
            return false;
        }
        toetsing.binnen_normen = true;
        toetsing.optie = Some(fasen[0].id);
        let namen: Vec<&str> = fasen.iter().map(|f| f.omschrijving).collect();
        toetsing.bevindingen.push(Bevinding {
            regel: fasen[0].id,
            melding: format!(
                "De verwijzing loopt over {} fasen; {} {} per week past binnen het maximum van elke fase ({}).",
                fasen.len(),
                v.volume,
                v.eenheid.meervoud(),
                namen.join("; ")
            ),
        });
        true
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
        // A budget held to the source's ceiling ("ca 4 uur per school
        // week") bounds a total too: holidays leave no school weeks to
        // spend more in.
        let plafond = optie
            .budget
            .as_ref()
            .filter(|b| b.begrensd)
            .map(|b| b.totaal_uren);
        let (volume, min, max, volume_tekst, grens) = match (v.per, inzet.per) {
            (Per::Totaal, Per::Week) => (
                v.volume,
                inzet.min.map(|m| over_periode(eenheden(m))),
                plafond.map_or(over_periode(eenheden(inzet.max)), |p| {
                    p.min(over_periode(eenheden(inzet.max)))
                }),
                format!("{} {eenheid} in totaal", v.volume),
                match plafond.filter(|p| *p < over_periode(eenheden(inzet.max))) {
                    Some(_) => format!(
                        " {eenheid} in totaal (het urenbudget van deze optie, begrensd op wat in de schoolweken inzetbaar is)"
                    ),
                    None => format!(
                        " {eenheid} in totaal ({} {eenheid} per week × {weken:.2} weken)",
                        inzet.max
                    ),
                },
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
