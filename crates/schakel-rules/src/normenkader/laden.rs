//! From a normenkader file to a validated [`Normenkader`], or a [`LaadFout`]
//! naming file, line and problem. Nothing half-checked gets through: unknown
//! products, dangling footnotes, rows that match the same situation twice and
//! rules without a citation are all refused.

use std::collections::HashSet;
use std::path::Path;

use toml::Spanned;

use super::bestand::*;
use super::*;
use crate::datum::Schooljaar;
use crate::fout::{Bron, LaadFout, lees_bestand};
use crate::kalender::{Schoolkalender, lees_vakantie, toml_datum};
use crate::situatie::SituatieDefinitie;

pub(crate) fn laad_bestand(pad: &Path, kalender: &Schoolkalender) -> Result<Normenkader, LaadFout> {
    let tekst = lees_bestand(pad)?;
    Lader::new(Bron { pad, tekst: &tekst }).laad(kalender)
}

/// Loads from text; `pad` is only used in messages. For tests and tools.
pub fn laad_tekst(
    pad: &Path,
    tekst: &str,
    kalender: &Schoolkalender,
) -> Result<Normenkader, LaadFout> {
    Lader::new(Bron { pad, tekst }).laad(kalender)
}

struct Lader<'a> {
    bron: Bron<'a>,
    ids: HashSet<String>,
}

impl<'a> Lader<'a> {
    fn new(bron: Bron<'a>) -> Self {
        Self {
            bron,
            ids: HashSet::new(),
        }
    }

    fn laad(mut self, kalender: &Schoolkalender) -> Result<Normenkader, LaadFout> {
        let b: NormenkaderBestand = self.bron.parse()?;
        let versie = self.niet_leeg(&b.versie, "versie")?;
        let regio = self.niet_leeg(&b.regio, "regio")?;
        let geldig_vanaf = toml_datum(&self.bron, &b.geldig_vanaf)?;
        let bron = self.citaat(b.bron.as_deref(), &b.versie, "het normenkader")?;
        let vakantieregio = self.regio(&b.vakantieregio)?;
        if b.producten.get_ref().is_empty() {
            return Err(self.bron.fout_bij(
                &b.producten,
                "[producten] is leeg: noem de producten die verwezen mogen worden",
            ));
        }
        let producten: Vec<(String, String)> = b
            .producten
            .get_ref()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let situaties = self.situaties(&b.situatie)?;
        let scholen = self.scholen(&b.school, vakantieregio)?;
        let voetnoten = self.voetnoten(&b.voetnoot, &producten)?;
        let interpretaties = self.interpretaties(&b.interpretatie)?;
        let mut kader = Normenkader {
            regio,
            versie,
            geldig_vanaf,
            titel: b.titel.clone(),
            bron,
            bestand: self.bron.pad.to_path_buf(),
            vakantieregio,
            producten,
            situaties,
            scholen,
            voetnoten,
            rijen: Vec::new(),
            reikwijdte: Vec::new(),
            reikwijdte_voetnoten: self.voetnoten(&b.reikwijdte_voetnoot, &[])?,
            joa_regels: Vec::new(),
            interpretaties,
            kalender: kalender.regio(vakantieregio).clone(),
            school_kalenders: Vec::new(),
            uitleg: [None; Uitleg::ALLE.len()],
            reikwijdtes: Vec::new(),
        };
        kader.uitleg = Uitleg::ALLE.map(|u| {
            let id = format!("{}.interpretatie.{}", kader.regio, u.onderwerp());
            kader.interpretaties.iter().position(|i| i.id == id)
        });
        kader.school_kalenders = self.school_kalenders(&b.school, &kader, kalender)?;
        for rij in &b.rij {
            let rij = self.rij(rij, &kader)?;
            kader.rijen.push(rij);
        }
        self.geen_dubbele_rijen(&b.rij, &kader.rijen)?;
        self.elke_situatie_een_rij(&b.situatie, &kader)?;
        for r in &b.reikwijdte {
            let r = self.reikwijdte_rij(r, &kader)?;
            kader.reikwijdte.push(r);
        }
        for r in &b.joa_regel {
            let r = self.joa_regel(r, &kader)?;
            kader.joa_regels.push(r);
        }
        self.geen_tegenstrijdige_joa_regels(&b.joa_regel, &kader)?;
        kader.reikwijdtes = (0..kader.scholen.len())
            .map(|i| kader.bereken_reikwijdte(i))
            .collect();
        Ok(kader)
    }

    fn niet_leeg(&self, waarde: &Spanned<String>, veld: &str) -> Result<String, LaadFout> {
        let s = waarde.get_ref().trim();
        if s.is_empty() {
            return Err(self.bron.fout_bij(waarde, format!("{veld} is leeg")));
        }
        Ok(s.to_string())
    }

    /// Every rule must cite the place in the source it implements.
    fn citaat<T>(
        &self,
        bron: Option<&str>,
        plek: &Spanned<T>,
        wat: &str,
    ) -> Result<String, LaadFout> {
        match bron.map(str::trim) {
            Some(b) if !b.is_empty() => Ok(b.to_string()),
            _ => Err(self.bron.fout_bij(
                plek,
                format!("bron ontbreekt voor {wat}: elke regel citeert zijn plek in de brontekst"),
            )),
        }
    }

    fn nieuw_id(&mut self, id: &Spanned<String>) -> Result<String, LaadFout> {
        let s = self.niet_leeg(id, "id")?;
        if !self.ids.insert(s.clone()) {
            return Err(self.bron.fout_bij(
                id,
                format!("id '{s}' komt twee keer voor; ids zijn uniek en stabiel"),
            ));
        }
        Ok(s)
    }

    fn regio(&self, regio: &Spanned<String>) -> Result<Vakantieregio, LaadFout> {
        Vakantieregio::parse(regio.get_ref()).ok_or_else(|| {
            self.bron.fout_bij(
                regio,
                format!(
                    "onbekende vakantieregio '{}': noord, midden of zuid",
                    regio.get_ref()
                ),
            )
        })
    }

    /// `[[situatie]]`: keys that JSON, the database and URLs can carry as
    /// they are, each once, each with a label for the UI.
    fn situaties(&self, lijst: &Spanned<Vec<SituatieBestand>>) -> Result<Situaties, LaadFout> {
        if lijst.get_ref().is_empty() {
            return Err(self.bron.fout_bij(
                lijst,
                "[[situatie]] ontbreekt: noem de onderwijssituaties waarvoor de rijen gelden",
            ));
        }
        let mut uit: Vec<SituatieDefinitie> = Vec::new();
        for s in lijst.get_ref() {
            let sleutel = s.sleutel.get_ref().trim();
            if !Situatie::geldige_sleutel(sleutel) {
                return Err(self.bron.fout_bij(
                    &s.sleutel,
                    format!("sleutel '{sleutel}': gebruik kleine letters, cijfers en _ (begin met een letter, ten hoogste 64 tekens)"),
                ));
            }
            if uit.iter().any(|d| d.situatie.naam() == sleutel) {
                return Err(self.bron.fout_bij(
                    &s.sleutel,
                    format!("situatie '{sleutel}' komt twee keer voor"),
                ));
            }
            uit.push(SituatieDefinitie {
                situatie: Situatie::nieuw(sleutel),
                naam: self.niet_leeg(&s.naam, "naam")?,
                omschrijving: s.omschrijving.clone(),
            });
        }
        Ok(Situaties::new(uit))
    }

    /// A situation the UI offers must lead to a row.
    fn elke_situatie_een_rij(
        &self,
        bestand: &Spanned<Vec<SituatieBestand>>,
        kader: &Normenkader,
    ) -> Result<(), LaadFout> {
        for (s, d) in bestand.get_ref().iter().zip(kader.situaties.iter()) {
            if !kader.rijen.iter().any(|r| r.situatie == d.situatie) {
                return Err(self.bron.fout_bij(
                    &s.sleutel,
                    format!("situatie '{}' heeft geen [[rij]]", d.situatie),
                ));
            }
        }
        Ok(())
    }

    fn scholen(
        &self,
        scholen: &[SchoolBestand],
        standaard: Vakantieregio,
    ) -> Result<Vec<School>, LaadFout> {
        let mut uit: Vec<School> = Vec::new();
        for s in scholen {
            let naam = self.niet_leeg(&s.naam, "naam")?;
            if uit.iter().any(|u| u.naam.eq_ignore_ascii_case(&naam)) {
                return Err(self
                    .bron
                    .fout_bij(&s.naam, format!("school '{naam}' komt twee keer voor")));
            }
            let arrangement = match &s.arrangement {
                None => None,
                Some(a) => Some(Arrangement::parse(a.get_ref()).ok_or_else(|| {
                    self.bron.fout_bij(
                        a,
                        format!("onbekend arrangement '{}': oja of joa", a.get_ref()),
                    )
                })?),
            };
            let vakantieregio = match &s.vakantieregio {
                Some(r) => self.regio(r)?,
                None => standaard,
            };
            uit.push(School {
                naam,
                soort: s.soort.clone(),
                arrangement,
                joa_groepen: s.joa_groepen.iter().map(|g| g.get_ref().clone()).collect(),
                locatie: s.locatie.clone(),
                plaats: s.plaats.clone(),
                vakantieregio,
                bron: self.citaat(s.bron.as_deref(), &s.naam, "deze school")?,
            });
        }
        for s in scholen {
            for groep in &s.joa_groepen {
                let bekend = uit.iter().any(|u| {
                    u.naam.eq_ignore_ascii_case(groep.get_ref())
                        && u.arrangement == Some(Arrangement::Joa)
                });
                if !bekend {
                    return Err(self.bron.fout_bij(
                        groep,
                        format!(
                            "JOA-groep '{}' is geen school met arrangement = \"joa\"",
                            groep.get_ref()
                        ),
                    ));
                }
            }
        }
        Ok(uit)
    }

    fn school_kalenders(
        &self,
        scholen: &[SchoolBestand],
        kader: &Normenkader,
        kalender: &Schoolkalender,
    ) -> Result<Vec<Kalender>, LaadFout> {
        scholen
            .iter()
            .zip(&kader.scholen)
            .map(|(bestand, school)| {
                let regio = kalender.regio(school.vakantieregio);
                let afwijkingen = bestand
                    .afwijking
                    .iter()
                    .map(|a| {
                        let jaar = a.schooljaar.as_ref().ok_or_else(|| {
                            self.bron.fout_bij(&a.soort, "schooljaar ontbreekt bij de afwijking (bijvoorbeeld \"2026-2027\")")
                        })?;
                        let schooljaar = Schooljaar::parse(jaar.get_ref())
                            .ok_or_else(|| self.bron.fout_bij(jaar, "schooljaar: verwacht de vorm 2026-2027"))?;
                        lees_vakantie(&self.bron, a, school.vakantieregio, schooljaar)
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(if afwijkingen.is_empty() { regio.clone() } else { regio.met_afwijkingen(&afwijkingen) })
            })
            .collect()
    }

    /// `producten`: those a footnote may name in `voorwaarde_voor` (none
    /// for the reikwijdte's footnotes).
    fn voetnoten(
        &mut self,
        voetnoten: &[VoetnootBestand],
        producten: &[(String, String)],
    ) -> Result<Vec<Voetnoot>, LaadFout> {
        let mut uit: Vec<Voetnoot> = Vec::new();
        for v in voetnoten {
            if let Some(p) = v
                .voorwaarde_voor
                .iter()
                .find(|p| !producten.iter().any(|(k, _)| k == p.get_ref()))
            {
                return Err(self.bron.fout_bij(
                    p,
                    format!("voorwaarde_voor: onbekend product '{}'", p.get_ref()),
                ));
            }
            let teken = self.niet_leeg(&v.teken, "teken")?;
            if uit.iter().any(|u| u.teken == teken) {
                return Err(self
                    .bron
                    .fout_bij(&v.teken, format!("voetnoot '{teken}' komt twee keer voor")));
            }
            uit.push(Voetnoot {
                id: self.nieuw_id(&v.id)?,
                teken,
                bron: self.citaat(v.bron.as_deref(), &v.id, "deze voetnoot")?,
                tekst: v.tekst.clone(),
                toelichting: v.toelichting.clone(),
                voorwaarde_voor: v
                    .voorwaarde_voor
                    .iter()
                    .map(|p| p.get_ref().clone())
                    .collect(),
            });
        }
        Ok(uit)
    }

    fn interpretaties(
        &mut self,
        lijst: &[InterpretatieBestand],
    ) -> Result<Vec<Interpretatie>, LaadFout> {
        lijst
            .iter()
            .map(|i| {
                Ok(Interpretatie {
                    id: self.nieuw_id(&i.id)?,
                    onderwerp: i.onderwerp.clone(),
                    tekst: i.tekst.clone(),
                })
            })
            .collect()
    }

    fn voetnoot_refs(
        &self,
        refs: &[Spanned<String>],
        voetnoten: &[Voetnoot],
    ) -> Result<Vec<usize>, LaadFout> {
        refs.iter()
            .map(|r| {
                voetnoten
                    .iter()
                    .position(|v| &v.teken == r.get_ref())
                    .ok_or_else(|| {
                        let bekend: Vec<&str> =
                            voetnoten.iter().map(|v| v.teken.as_str()).collect();
                        self.bron.fout_bij(
                            r,
                            format!(
                                "onbekende voetnoot '{}'; bekend: {}",
                                r.get_ref(),
                                bekend.join(", ")
                            ),
                        )
                    })
            })
            .collect()
    }

    fn interpretatie_refs(
        &self,
        refs: &[Spanned<String>],
        kader: &Normenkader,
    ) -> Result<Vec<String>, LaadFout> {
        refs.iter()
            .map(|r| match kader.interpretatie(r.get_ref()) {
                Some(i) => Ok(i.id.clone()),
                None => Err(self
                    .bron
                    .fout_bij(r, format!("onbekende interpretatie '{}'", r.get_ref()))),
            })
            .collect()
    }

    fn leeftijd(&self, l: Option<&Spanned<GrensBestand>>) -> Result<Leeftijdsgrens, LaadFout> {
        self.grens(l, "leeftijd")
    }

    /// Bounds `vanaf` (inclusive) to `tot` (exclusive), of an age or of
    /// dagdelen at school.
    fn grens(
        &self,
        l: Option<&Spanned<GrensBestand>>,
        veld: &str,
    ) -> Result<Leeftijdsgrens, LaadFout> {
        let Some(l) = l else {
            return Ok(Leeftijdsgrens::default());
        };
        let grens = Leeftijdsgrens {
            vanaf: l.get_ref().vanaf,
            tot: l.get_ref().tot,
        };
        if let (Some(v), Some(t)) = (grens.vanaf, grens.tot)
            && v >= t
        {
            return Err(self.bron.fout_bij(
                l,
                format!("{veld}: vanaf ({v}) moet kleiner zijn dan tot ({t})"),
            ));
        }
        Ok(grens)
    }

    /// Dagdelen at school run from 0 to the dagdelen of a school week.
    fn schooldagdelen(
        &self,
        l: Option<&Spanned<GrensBestand>>,
    ) -> Result<Leeftijdsgrens, LaadFout> {
        let grens = self.grens(l, "schooldagdelen")?;
        let max = u32::from(crate::vraag::DAGDELEN_PER_SCHOOLWEEK);
        if let Some(l) = l
            && (grens.vanaf.is_some_and(|v| v > max) || grens.tot.is_some_and(|t| t > max + 1))
        {
            return Err(self.bron.fout_bij(
                l,
                format!("schooldagdelen: vanaf en tot liggen tussen 0 en {} (een schoolweek heeft {max} dagdelen)", max + 1),
            ));
        }
        Ok(grens)
    }

    fn rij(&mut self, r: &RijBestand, kader: &Normenkader) -> Result<Rij, LaadFout> {
        let id = self.nieuw_id(&r.id)?;
        let situatie = kader.situaties.parse(r.situatie.get_ref()).ok_or_else(|| {
            self.bron.fout_bij(
                &r.situatie,
                format!(
                    "onbekende situatie '{}'; toegestaan: {} (de sleutels uit [[situatie]])",
                    r.situatie.get_ref(),
                    kader.situaties.toegestaan()
                ),
            )
        })?;
        let arrangement = match &r.arrangement {
            None => None,
            Some(a) => Some(Arrangement::parse(a.get_ref()).ok_or_else(|| {
                self.bron.fout_bij(
                    a,
                    format!("onbekend arrangement '{}': oja of joa", a.get_ref()),
                )
            })?),
        };
        let kalender_school = match &r.kalender_school {
            None => None,
            Some(s) => Some(kader.school(s.get_ref()).ok_or_else(|| {
                self.bron.fout_bij(
                    s,
                    format!(
                        "kalender_school '{}' staat niet bij [[school]]",
                        s.get_ref()
                    ),
                )
            })?),
        };
        let mut opties = Vec::new();
        for o in &r.optie {
            opties.push(self.optie(o, kader)?);
        }
        let mut verplichtingen = Vec::new();
        for v in &r.verplichting {
            verplichtingen.push(self.verplichting(v)?);
        }
        let leeftijd = self.leeftijd(r.leeftijd.as_ref())?;
        let schooldagdelen = self.schooldagdelen(r.schooldagdelen.as_ref())?;
        Ok(Rij {
            melding_schooldagdelen: format!(
                "Geen rij van toepassing: {situatie} geldt bij {} per week op school",
                schooldagdelen.beschrijving_dagdelen()
            ),
            melding_leeftijd: format!(
                "Geen rij van toepassing: {} geldt voor kinderen {}",
                situatie,
                leeftijd.beschrijving()
            ),
            melding_tlv: format!(
                "Geen rij van toepassing: {} vereist een TLV (toelaatbaarheidsverklaring van het samenwerkingsverband); tlv is false.",
                situatie
            ),
            bron: self.citaat(r.bron.as_deref(), &r.id, &format!("rij {id}"))?,
            id,
            situatie,
            tekst: r.tekst.clone(),
            leeftijd,
            tlv_vereist: r.tlv_vereist,
            schooldagdelen,
            arrangement,
            waarschuw_bij_oja_school: r.waarschuw_bij_oja_school,
            kalender_school,
            beschikking_nodig: r.beschikking_nodig,
            regie: r.regie.clone(),
            interpretaties: self.interpretatie_refs(&r.interpretaties, kader)?,
            voetnoten: self.voetnoot_refs(&r.voetnoten, &kader.voetnoten)?,
            toelichting: r.toelichting.clone(),
            verplichtingen,
            opties,
        })
    }

    fn optie(&mut self, o: &OptieBestand, kader: &Normenkader) -> Result<Optie, LaadFout> {
        let id = self.nieuw_id(&o.id)?;
        let inzet = o
            .inzet
            .iter()
            .map(|i| self.inzet(i, kader))
            .collect::<Result<Vec<_>, _>>()?;
        let periode = match *o.periode.get_ref() {
            PeriodeBestand::Schooljaar => PeriodeRegel::Schooljaar,
            PeriodeBestand::Maanden { aantal, na_maanden } => PeriodeRegel::Maanden {
                aantal,
                na: na_maanden,
            },
            PeriodeBestand::Weken { aantal } => PeriodeRegel::Weken { aantal },
            PeriodeBestand::Kalenderjaar => PeriodeRegel::Kalenderjaar,
            PeriodeBestand::Onbepaald => PeriodeRegel::Onbepaald,
        };
        if matches!(
            periode,
            PeriodeRegel::Maanden { aantal: 0, .. } | PeriodeRegel::Weken { aantal: 0 }
        ) {
            return Err(self
                .bron
                .fout_bij(&o.periode, "periode: aantal moet groter dan 0 zijn"));
        }
        Ok(Optie {
            bron: self.citaat(o.bron.as_deref(), &o.id, &format!("optie {id}"))?,
            id,
            omschrijving: o.omschrijving.clone(),
            programma: o.programma.clone(),
            tekst: o.tekst.clone(),
            leeftijd: self.leeftijd(o.leeftijd.as_ref())?,
            periode,
            voetnoten: self.voetnoot_refs(&o.voetnoten, &kader.voetnoten)?,
            toelichting: o.toelichting.clone(),
            gespaard: self.gespaard(o, &inzet)?,
            inzet,
        })
    }

    /// Saved-up hours need hours per week to save.
    fn gespaard(
        &self,
        o: &OptieBestand,
        inzet: &[InzetRegel],
    ) -> Result<Option<Gespaard>, LaadFout> {
        let Some(g) = &o.gespaard else {
            return Ok(None);
        };
        let per_week: u32 = inzet
            .iter()
            .filter(|i| i.eenheid == Eenheid::Uur && i.per == Per::Week)
            .map(|i| i.max)
            .sum();
        if per_week == 0 || g.get_ref().max_per_schoolweek < per_week {
            return Err(self.bron.fout_bij(
                g,
                format!("gespaard: alleen bij uren per week, en max_per_schoolweek niet onder de {per_week} uur per week"),
            ));
        }
        Ok(Some(Gespaard {
            max_per_schoolweek: g.get_ref().max_per_schoolweek,
            tekst: g.get_ref().tekst.clone(),
        }))
    }

    fn inzet(&self, i: &InzetBestand, kader: &Normenkader) -> Result<InzetRegel, LaadFout> {
        let product = i.product.get_ref();
        if !kader.product_bekend(product) {
            let bekend: Vec<&str> = kader.producten.iter().map(|(k, _)| k.as_str()).collect();
            return Err(self.bron.fout_bij(
                &i.product,
                format!(
                    "onbekend product '{product}'; bekend: {}",
                    bekend.join(", ")
                ),
            ));
        }
        let max = *i.max.get_ref();
        if max == 0 || i.min.is_some_and(|m| m > max) {
            return Err(self
                .bron
                .fout_bij(&i.max, "max moet groter dan 0 zijn en niet kleiner dan min"));
        }
        Ok(InzetRegel {
            product: product.clone(),
            min: i.min,
            max,
            eenheid: i.eenheid,
            per: i.per,
            naar_rato: i.naar_rato,
        })
    }

    fn verplichting(&mut self, v: &VerplichtingBestand) -> Result<Verplichting, LaadFout> {
        let id = self.nieuw_id(&v.id)?;
        let termijn = *v.termijn_maanden.get_ref();
        if termijn == 0 || v.herhalen_tot_maanden.is_some_and(|h| h < termijn) {
            return Err(self.bron.fout_bij(
                &v.termijn_maanden,
                "termijn_maanden moet groter dan 0 zijn en niet groter dan herhalen_tot_maanden",
            ));
        }
        Ok(Verplichting {
            bron: self.citaat(v.bron.as_deref(), &v.id, &format!("verplichting {id}"))?,
            id,
            wat: v.wat.clone(),
            tekst: v.tekst.clone(),
            termijn_maanden: termijn,
            herhalen_tot_maanden: v.herhalen_tot_maanden,
        })
    }

    /// Two rows for the same situation must not both apply to one child.
    fn geen_dubbele_rijen(&self, bestand: &[RijBestand], rijen: &[Rij]) -> Result<(), LaadFout> {
        for (i, a) in rijen.iter().enumerate() {
            for (j, b) in rijen.iter().enumerate().skip(i + 1) {
                let zelfde_groep =
                    a.tlv_vereist == b.tlv_vereist || !a.tlv_vereist || !b.tlv_vereist;
                if a.situatie == b.situatie
                    && a.leeftijd.overlapt(&b.leeftijd)
                    && a.schooldagdelen.overlapt(&b.schooldagdelen)
                    && zelfde_groep
                {
                    return Err(self.bron.fout_bij(
                        &bestand[j].situatie,
                        format!(
                            "rij {} en rij {} gelden allebei voor situatie {} ({} en {}): maak de leeftijden of de schooldagdelen disjunct",
                            a.id, b.id, a.situatie, a.leeftijd.beschrijving(), b.leeftijd.beschrijving()
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn dekking(
        &self,
        waarde: &Spanned<String>,
        toegestaan: &[Dekking],
    ) -> Result<Dekking, LaadFout> {
        Dekking::parse(waarde.get_ref())
            .filter(|d| toegestaan.contains(d))
            .ok_or_else(|| {
                let namen: Vec<&str> = toegestaan.iter().map(|d| d.naam()).collect();
                self.bron.fout_bij(
                    waarde,
                    format!(
                        "ongeldige waarde '{}'; toegestaan: {}",
                        waarde.get_ref(),
                        namen.join(", ")
                    ),
                )
            })
    }

    fn reikwijdte_rij(
        &mut self,
        r: &ReikwijdteBestand,
        kader: &Normenkader,
    ) -> Result<ReikwijdteRij, LaadFout> {
        let dienst = self.niet_leeg(&r.dienst, "dienst")?;
        let id = format!("{}.reikwijdte.{dienst}", kader.regio);
        if !self.ids.insert(id.clone()) {
            return Err(self.bron.fout_bij(
                &r.dienst,
                format!("dienst '{dienst}' komt twee keer voor in de reikwijdte"),
            ));
        }
        let mut waarden = Vec::new();
        for (school, waarde) in &r.waarden {
            let i = kader
                .school(school)
                .filter(|i| kader.scholen[*i].arrangement == Some(Arrangement::Oja))
                .ok_or_else(|| {
                    self.bron.fout_bij(
                        waarde,
                        format!("'{school}' is geen OJA-school uit [[school]]"),
                    )
                })?;
            waarden.push((i, self.dekking(waarde, &[Dekking::Oja, Dekking::V])?));
        }
        waarden.sort_by_key(|(i, _)| *i);
        if let Some(ontbreekt) = kader
            .scholen_met(Arrangement::Oja)
            .find(|s| !r.waarden.keys().any(|k| k.eq_ignore_ascii_case(&s.naam)))
        {
            return Err(self.bron.fout_bij(
                &r.dienst,
                format!(
                    "reikwijdte van '{dienst}' mist OJA-school {}",
                    ontbreekt.naam
                ),
            ));
        }
        let voetnoot = match &r.voetnoot {
            None => None,
            Some(v) => {
                Some(self.voetnoot_refs(std::slice::from_ref(v), &kader.reikwijdte_voetnoten)?[0])
            }
        };
        Ok(ReikwijdteRij {
            bron: self.citaat(
                r.bron.as_deref(),
                &r.dienst,
                &format!("reikwijdte {dienst}"),
            )?,
            id,
            dienst,
            omschrijving: r.omschrijving.clone(),
            waarden,
            voetnoot,
            voorwaarde: r.voorwaarde.as_ref().map(voorwaarde),
        })
    }

    fn joa_regel(
        &mut self,
        r: &JoaRegelBestand,
        kader: &Normenkader,
    ) -> Result<JoaRegel, LaadFout> {
        let id = self.nieuw_id(&r.id)?;
        let scholen = r
            .scholen
            .iter()
            .map(|s| {
                kader
                    .school(s.get_ref())
                    .filter(|i| kader.scholen[*i].arrangement == Some(Arrangement::Joa))
                    .ok_or_else(|| {
                        self.bron.fout_bij(
                            s,
                            format!("'{}' is geen JOA-groep uit [[school]]", s.get_ref()),
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut waarden = Vec::new();
        for (dienst, waarde) in &r.waarden {
            if !kader.reikwijdte.iter().any(|rr| &rr.dienst == dienst) {
                return Err(self.bron.fout_bij(
                    waarde,
                    format!("onbekende dienst '{dienst}': gebruik een dienst uit [[reikwijdte]]"),
                ));
            }
            waarden.push((
                dienst.clone(),
                self.dekking(waarde, &[Dekking::Joa, Dekking::V, Dekking::NietMogelijk])?,
            ));
        }
        Ok(JoaRegel {
            bron: self.citaat(r.bron.as_deref(), &r.id, &format!("JOA-regel {id}"))?,
            id,
            tekst: r.tekst.clone(),
            scholen,
            waarden,
            voorwaarde: r.voorwaarde.as_ref().map(voorwaarde),
        })
    }

    /// No two JOA rules may say different things about one service at one group.
    fn geen_tegenstrijdige_joa_regels(
        &self,
        bestand: &[JoaRegelBestand],
        kader: &Normenkader,
    ) -> Result<(), LaadFout> {
        for (j, b) in kader.joa_regels.iter().enumerate() {
            for a in &kader.joa_regels[..j] {
                let gedeelde_school = a.scholen.iter().find(|s| b.scholen.contains(s));
                let gedeelde_dienst = a
                    .waarden
                    .iter()
                    .find(|(d, _)| b.waarden.iter().any(|(e, _)| e == d));
                if let (Some(s), Some((dienst, _))) = (gedeelde_school, gedeelde_dienst) {
                    return Err(self.bron.fout_bij(
                        &bestand[j].id,
                        format!(
                            "JOA-regels {} en {} zeggen allebei iets over {dienst} bij {}",
                            a.id, b.id, kader.scholen[*s].naam
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn voorwaarde(v: &VoorwaardeBestand) -> Voorwaarde {
    Voorwaarde {
        tekst: v.tekst.clone(),
        voorwaarde: v.voorwaarde.clone(),
    }
}
