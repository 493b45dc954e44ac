//! The advice engine: from an [`AdviesVraag`] to what may be referred, with
//! dates, amounts, budgets, obligations, reikwijdte and the rule ids used.
//! All norms come from the loaded [`Normenkader`]; this module only knows the
//! semantics of its fields (periods, naar rato, budgets, repetition).

use schakel_domain::grens::nl_datum;
use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use crate::budget::{self, Budget};
use crate::datum::{Periode, Schooljaar, leeftijd, min_dagen, plus_dagen, plus_maanden};
use crate::fout::InvoerFout;
use crate::hoeveelheid::Hoeveelheid;
use crate::ijw::{Eenheid, Per};
use crate::kalender::Kalender;
use crate::normenkader::{
    BronRef, Dekking, InzetRegel, Normenkader, Optie, PeriodeRegel, Rij, Uitleg, Verplichting,
    Voorwaarde,
};
use crate::situatie::{Arrangement, Situatie};
use crate::vraag::AdviesVraag;

/// A school's reikwijdte, its toelichting and the ids it relies on.
pub type SchoolReikwijdte<'r> = (Reikwijdte<'r>, Vec<Cow<'r, str>>, Vec<&'r str>);

#[derive(Debug, Clone, Serialize)]
pub struct Advies<'r> {
    /// The onderwijssituatie of the matched row, or `None` when no row applies.
    pub situatie: Option<&'r Situatie>,
    /// Whether jeugdhulp during school time needs a beschikking; false when
    /// no row applies.
    pub beschikking_nodig: bool,
    pub regie: Option<&'r str>,
    pub opties: Vec<AdviesOptie<'r>>,
    pub verplichtingen: Vec<AdviesVerplichting<'r>>,
    /// For oja and joa only.
    pub reikwijdte: Option<Reikwijdte<'r>>,
    /// Per service of `reikwijdte` that the source qualifies: its words
    /// and what they mean. Absent where `reikwijdte` is null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reikwijdte_voorwaarden: Option<ReikwijdteVoorwaarden<'r>>,
    pub toelichting: Vec<Cow<'r, str>>,
    /// Ids of every rule, footnote and interpretation the advice relies on.
    pub bronnen: Vec<&'r str>,
    pub school: Option<&'r str>,
    pub leeftijd: u32,
    pub peildatum: NaiveDate,
    pub normenkader: Versie<'r>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Versie<'r> {
    pub regio: &'r str,
    pub versie: &'r str,
    pub geldig_vanaf: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdviesOptie<'r> {
    pub id: &'r str,
    pub omschrijving: &'r str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programma: Option<&'r str>,
    pub ingangsdatum: NaiveDate,
    /// Latest allowed end, inclusive; `None` where the source sets no term.
    pub einddatum: Option<NaiveDate>,
    pub inzet: Vec<Inzet<'r>>,
    /// Where hours per week apply and the calendar covers part of the period.
    pub budget: Option<Budget>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inzet<'r> {
    pub product: &'r str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    pub max: u32,
    pub eenheid: Eenheid,
    pub per: Per,
    pub ijw: IjwOmvang,
}

/// The iJw 3.2 codes for this amount (Omvang: Eenheid, Frequentie).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IjwOmvang {
    pub eenheid: &'static str,
    pub frequentie: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdviesVerplichting<'r> {
    pub id: &'r str,
    pub wat: &'r str,
    pub uiterlijk: NaiveDate,
}

/// Per service: covered by the arrangement, separate referral, or not
/// possible. Borrows the table computed at load; serializes as a map.
#[derive(Debug, Clone)]
pub struct Reikwijdte<'r> {
    pub school: &'r str,
    kader: &'r Normenkader,
    cellen: &'r [(usize, Dekking)],
    voorwaarden: &'r [(usize, Voorwaarde)],
    regels: &'r [(usize, BronRef)],
}

/// The qualifiers of a [`Reikwijdte`]; serializes as a map from service to
/// `{tekst, voorwaarde}`.
#[derive(Debug, Clone, Copy)]
pub struct ReikwijdteVoorwaarden<'r> {
    kader: &'r Normenkader,
    voorwaarden: &'r [(usize, Voorwaarde)],
}

impl<'r> ReikwijdteVoorwaarden<'r> {
    pub fn iter(&self) -> impl Iterator<Item = (&'r str, &'r Voorwaarde)> + '_ {
        self.voorwaarden
            .iter()
            .map(|(rij, w)| (self.kader.reikwijdte[*rij].dienst.as_str(), w))
    }
}

impl Serialize for ReikwijdteVoorwaarden<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl Serialize for Reikwijdte<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.diensten())
    }
}

impl<'r> Reikwijdte<'r> {
    /// (service key, coverage) in the schema's order.
    pub fn diensten(&self) -> impl Iterator<Item = (&'r str, Dekking)> + '_ {
        self.cellen
            .iter()
            .map(|&(rij, d)| (self.kader.reikwijdte[rij].dienst.as_str(), d))
    }

    pub fn len(&self) -> usize {
        self.cellen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cellen.is_empty()
    }

    pub fn get(&self, dienst: &str) -> Option<Dekking> {
        self.diensten().find(|(k, _)| *k == dienst).map(|(_, d)| d)
    }

    pub fn voorwaarden(&self) -> ReikwijdteVoorwaarden<'r> {
        ReikwijdteVoorwaarden {
            kader: self.kader,
            voorwaarden: self.voorwaarden,
        }
    }

    /// The qualifier the source attaches to `dienst` here, if any.
    pub fn voorwaarde(&self, dienst: &str) -> Option<&'r Voorwaarde> {
        self.voorwaarden()
            .iter()
            .find(|(k, _)| *k == dienst)
            .map(|(_, w)| w)
    }

    /// The id of the rule that sets the cell of `dienst` (the schema's row
    /// for an OJA school, the JOA note for a group).
    pub fn regel(&self, dienst: &str) -> Option<&'r str> {
        let kader = self.kader;
        self.regels
            .iter()
            .find(|(rij, _)| kader.reikwijdte[*rij].dienst == dienst)
            .map(|(_, b)| kader.bron_id(*b))
    }

    /// The schema's wording of `dienst`.
    pub fn omschrijving(&self, dienst: &str) -> Option<&'r str> {
        let kader = self.kader;
        kader
            .reikwijdte
            .iter()
            .find(|r| r.dienst == dienst)
            .map(|r| r.omschrijving.as_str())
    }
}

impl<'r> Advies<'r> {
    fn leeg(
        kader: &'r Normenkader,
        peildatum: NaiveDate,
        leeftijd: u32,
        school: Option<usize>,
    ) -> Self {
        Self {
            situatie: None,
            beschikking_nodig: false,
            regie: None,
            opties: Vec::new(),
            verplichtingen: Vec::new(),
            reikwijdte: None,
            reikwijdte_voorwaarden: None,
            toelichting: Vec::with_capacity(12),
            bronnen: Vec::with_capacity(24),
            school: school.map(|i| kader.scholen[i].naam.as_str()),
            leeftijd,
            peildatum,
            normenkader: Versie {
                regio: &kader.regio,
                versie: &kader.versie,
                geldig_vanaf: kader.geldig_vanaf,
            },
        }
    }

    /// Ids all point into the loaded rule set, so identity is address
    /// equality: the advice is built on the hot path.
    fn bron(&mut self, id: &'r str) {
        if !self.bronnen.iter().any(|b| std::ptr::eq(*b, id)) {
            self.bronnen.push(id);
        }
    }

    fn uitleg(&mut self, tekst: impl Into<Cow<'r, str>>) {
        let tekst = tekst.into();
        let al_gezegd = self.toelichting.iter().any(|t| match (t, &tekst) {
            (Cow::Borrowed(a), Cow::Borrowed(b)) => std::ptr::eq(*a, *b),
            (a, b) => a == b,
        });
        if !al_gezegd {
            self.toelichting.push(tekst);
        }
    }
}

impl Normenkader {
    /// What may be referred for the child in `vraag`. Errors are input errors
    /// that depend on the rules (an unknown school, `oja` at a school without
    /// an OJA); a valid situation to which no row applies is an advice with
    /// `situatie: None` and the reason in `toelichting`.
    pub fn advies<'r>(&'r self, vraag: &AdviesVraag) -> Result<Advies<'r>, InvoerFout> {
        let leeftijd = leeftijd(vraag.geboortedatum, vraag.peildatum);
        let school = self.school_voor(vraag)?;
        let mut advies = Advies::leeg(self, vraag.peildatum, leeftijd, school);
        let rijen = || self.rijen.iter().filter(|r| r.situatie == vraag.situatie);
        match rijen().find(|r| r.past(leeftijd, vraag.tlv, vraag.schooldagdelen)) {
            Some(rij) => self.vul_advies(&mut advies, rij, vraag, school),
            None => self.geen_rij(&mut advies, rijen(), vraag),
        }
        Ok(advies)
    }

    /// Resolves the school; required and checked for situations whose row
    /// belongs to an arrangement (oja, joa).
    fn school_voor(&self, vraag: &AdviesVraag) -> Result<Option<usize>, InvoerFout> {
        let arrangement = self
            .rijen
            .iter()
            .filter(|r| r.situatie == vraag.situatie)
            .find_map(|r| r.arrangement);
        let Some(arrangement) = arrangement else {
            return self.bekende_school(vraag);
        };
        let toegestaan: Vec<&str> = self
            .scholen_met(arrangement)
            .map(|s| s.naam.as_str())
            .collect();
        let toegestaan = toegestaan.join(", ");
        let situatie = vraag.situatie.naam();
        let naam = vraag.school.as_deref().ok_or_else(|| {
            InvoerFout::new(
                "school",
                format!("verplicht bij onderwijssituatie {situatie}; toegestaan: {toegestaan}"),
            )
        })?;
        let i = self.school(naam).ok_or_else(|| {
            InvoerFout::new(
                "school",
                format!("onbekende school '{naam}'; toegestaan bij {situatie}: {toegestaan}"),
            )
        })?;
        let school = &self.scholen[i];
        if school.arrangement == Some(arrangement) {
            return Ok(Some(i));
        }
        let melding = match arrangement {
            Arrangement::Joa if !school.joa_groepen.is_empty() => format!(
                "{} heeft de JOA-groepen {}: noem de groep als school",
                school.naam,
                school.joa_groepen.join(" en ")
            ),
            Arrangement::Joa => format!(
                "{} heeft geen JOA-groep; toegestaan bij joa: {toegestaan}",
                school.naam
            ),
            Arrangement::Oja => format!(
                "{} heeft geen OJA; toegestaan bij oja: {toegestaan}",
                school.naam
            ),
        };
        Err(InvoerFout::new("school", melding))
    }

    /// A school named for a situation without an arrangement must be one the
    /// normenkader knows: a typo ("Kolibri") would silently switch the
    /// calendar, the budget and the OJA warning off.
    fn bekende_school(&self, vraag: &AdviesVraag) -> Result<Option<usize>, InvoerFout> {
        let Some(naam) = vraag.school.as_deref().filter(|s| !s.trim().is_empty()) else {
            return Ok(None);
        };
        self.school(naam).map(Some).ok_or_else(|| {
            let bekend: Vec<&str> = self.scholen.iter().map(|s| s.naam.as_str()).collect();
            InvoerFout::new(
                "school",
                format!(
                    "onbekende school '{naam}'; toegestaan: {} (laat het veld leeg voor een andere school)",
                    bekend.join(", ")
                ),
            )
        })
    }

    /// Seed 000: "Heeft een school een onderwijs-jeugdhulparrangement, dan
    /// krijgen jeugdigen … jeugdhulp zonder beschikking": a referral for a
    /// pupil of an OJA school risks financing the same help twice.
    pub(crate) fn oja_waarschuwing(
        &self,
        rij: &Rij,
        school: Option<&str>,
    ) -> Option<(&str, String)> {
        let school = &self.scholen[self.school(school?)?];
        if !rij.waarschuw_bij_oja_school || school.arrangement != Some(Arrangement::Oja) {
            return None;
        }
        let oja = self
            .rijen
            .iter()
            .find(|r| r.arrangement == Some(Arrangement::Oja))?;
        Some((
            oja.id.as_str(),
            format!(
                "Let op, dubbele financiering: {} heeft een onderwijs-jeugdhulparrangement (OJA). Leerlingen van die school krijgen jeugdhulp zonder beschikking via de hoofdaanbieder; verwijs alleen voor wat volgens de reikwijdte een aparte verwijzing (V) vraagt.",
                school.naam
            ),
        ))
    }

    fn cite_uitleg<'r>(&'r self, advies: &mut Advies<'r>, onderwerp: Uitleg) {
        if let Some(id) = self.uitleg_id(onderwerp) {
            advies.bron(id);
        }
    }

    fn geen_rij<'r>(
        &'r self,
        advies: &mut Advies<'r>,
        rijen: impl Iterator<Item = &'r Rij>,
        vraag: &AdviesVraag,
    ) {
        let mut gevonden = false;
        for rij in rijen {
            gevonden = true;
            advies.bron(&rij.id);
            if !rij.leeftijd.past(advies.leeftijd) {
                self.cite_uitleg(advies, Uitleg::Leeftijd);
                advies.uitleg(format!(
                    "{}; het kind is {} jaar op de peildatum.",
                    rij.melding_leeftijd, advies.leeftijd
                ));
            }
            if rij.tlv_vereist && !vraag.tlv {
                advies.uitleg(rij.melding_tlv.as_str());
            }
            if !rij.schooldagdelen.past(u32::from(vraag.schooldagdelen)) {
                advies.uitleg(format!(
                    "{}; het kind gaat {} dagdelen per week naar school.",
                    rij.melding_schooldagdelen, vraag.schooldagdelen
                ));
            }
        }
        if !gevonden {
            advies.uitleg(format!(
                "Dit normenkader ({} {}) kent geen rij voor {}.",
                self.regio, self.versie, vraag.situatie
            ));
        }
    }

    fn vul_advies<'r>(
        &'r self,
        advies: &mut Advies<'r>,
        rij: &'r Rij,
        vraag: &AdviesVraag,
        school: Option<usize>,
    ) {
        advies.situatie = Some(&rij.situatie);
        advies.beschikking_nodig = rij.beschikking_nodig;
        advies.regie = rij.regie.as_deref();
        advies.bron(&rij.id);
        if rij.leeftijd.is_begrensd() {
            self.cite_uitleg(advies, Uitleg::Leeftijd);
        }
        for id in &rij.interpretaties {
            advies.bron(id);
        }
        for t in &rij.toelichting {
            advies.uitleg(t.as_str());
        }
        self.voetnoten(advies, &rij.voetnoten);
        if let Some((id, melding)) = self.oja_waarschuwing(rij, advies.school) {
            advies.bron(id);
            advies.uitleg(melding);
        }
        // A row tied to a school's calendar (a school in another holiday
        // region) follows it whatever school the input names.
        let kalender = self.kalender_voor(rij.kalender_school.or(school));
        let leeftijd = advies.leeftijd;
        advies.opties.reserve_exact(rij.opties.len());
        for optie in rij.opties.iter().filter(|o| o.leeftijd.past(leeftijd)) {
            let o = self.optie(advies, optie, vraag, kalender);
            advies.opties.push(o);
        }
        for v in &rij.verplichtingen {
            self.verplichting(advies, v, vraag.peildatum);
        }
        if let (Some(_), Some(i)) = (rij.arrangement, school) {
            advies.reikwijdte = self.reikwijdte_voor(advies, i);
            advies.reikwijdte_voorwaarden = advies.reikwijdte.as_ref().map(Reikwijdte::voorwaarden);
        }
    }

    fn voetnoten<'r>(&'r self, advies: &mut Advies<'r>, voetnoten: &[usize]) {
        for &i in voetnoten {
            let v = &self.voetnoten[i];
            advies.bron(&v.id);
            advies.uitleg(v.toelichting.as_str());
        }
    }

    fn optie<'r>(
        &'r self,
        advies: &mut Advies<'r>,
        optie: &'r Optie,
        vraag: &AdviesVraag,
        kalender: &Kalender,
    ) -> AdviesOptie<'r> {
        advies.bron(&optie.id);
        self.voetnoten(advies, &optie.voetnoten);
        for t in &optie.toelichting {
            advies.uitleg(t.as_str());
        }
        let (ingangsdatum, einddatum) =
            self.periode(advies, optie.periode, vraag.peildatum, kalender);
        let inzet: Vec<Inzet<'r>> = optie
            .inzet
            .iter()
            .filter_map(|r| self.inzet(advies, r, vraag.schooldagdelen))
            .collect();
        let uren_per_week: u32 = inzet
            .iter()
            .filter(|i| i.eenheid == Eenheid::Uur && i.per == Per::Week)
            .map(|i| i.max)
            .sum();
        let budget = match (einddatum, &optie.gespaard) {
            (Some(tot), Some(_)) if uren_per_week > 0 => self.budget(
                advies,
                optie,
                Periode {
                    van: ingangsdatum,
                    tot,
                },
                uren_per_week,
                kalender,
            ),
            _ => None,
        };
        AdviesOptie {
            id: &optie.id,
            omschrijving: &optie.omschrijving,
            programma: optie.programma.as_deref(),
            ingangsdatum,
            einddatum,
            inzet,
            budget,
        }
    }

    fn periode<'r>(
        &'r self,
        advies: &mut Advies<'r>,
        regel: PeriodeRegel,
        peildatum: NaiveDate,
        kalender: &Kalender,
    ) -> (NaiveDate, Option<NaiveDate>) {
        match regel {
            PeriodeRegel::Schooljaar => {
                self.cite_uitleg(advies, Uitleg::Schooljaar);
                let jaar = self.schooljaar_voor(advies, peildatum, kalender);
                let p = jaar.periode();
                (peildatum.max(p.van), Some(p.tot))
            }
            PeriodeRegel::Maanden { aantal, na } => {
                self.cite_uitleg(advies, Uitleg::Periode);
                (
                    plus_maanden(peildatum, na),
                    Some(min_dagen(plus_maanden(peildatum, na + aantal), 1)),
                )
            }
            PeriodeRegel::Weken { aantal } => {
                self.cite_uitleg(advies, Uitleg::Periode);
                (
                    peildatum,
                    Some(plus_dagen(peildatum, 7 * u64::from(aantal) - 1)),
                )
            }
            PeriodeRegel::Kalenderjaar => {
                self.cite_uitleg(advies, Uitleg::Periode);
                let eind = NaiveDate::from_ymd_opt(peildatum.year(), 12, 31);
                (peildatum, eind)
            }
            PeriodeRegel::Onbepaald => (peildatum, None),
        }
    }

    /// The school year containing the peildatum, or the next one when the
    /// peildatum lies after that year's last school day.
    fn schooljaar_voor<'r>(
        &'r self,
        advies: &mut Advies<'r>,
        peildatum: NaiveDate,
        kalender: &Kalender,
    ) -> Schooljaar {
        let jaar = Schooljaar::van_datum(peildatum);
        match kalender.laatste_schooldag(jaar) {
            Some(laatste) if peildatum > laatste => {
                let volgend = jaar.volgende();
                advies.uitleg(format!(
                    "De peildatum valt na de laatste schooldag van schooljaar {jaar} ({}); opties voor de duur van het schooljaar gelden voor schooljaar {volgend}.",
                    nl_datum(laatste)
                ));
                volgend
            }
            _ => jaar,
        }
    }

    fn inzet<'r>(
        &'r self,
        advies: &mut Advies<'r>,
        regel: &'r InzetRegel,
        schooldagdelen: u8,
    ) -> Option<Inzet<'r>> {
        let (mut min, mut max) = (regel.min, regel.max);
        if regel.naar_rato && schooldagdelen > 0 {
            let sd = u32::from(schooldagdelen);
            min = min.map(|m| m.saturating_sub(sd));
            max = max.saturating_sub(sd);
            self.cite_uitleg(advies, Uitleg::NaarRato);
            let product = self.productnaam(&regel.product);
            advies.uitleg(if max == 0 {
                format!("Dagdelen naar rato: het kind gaat {sd} dagdelen per week naar school; er blijft geen ruimte voor {product}.")
            } else {
                format!(
                    "Dagdelen naar rato: het kind gaat {sd} dagdelen per week naar school, dus {product} {} tot {max} dagdelen per week.",
                    min.unwrap_or(0)
                )
            });
        }
        (max > 0).then_some(Inzet {
            product: &regel.product,
            min,
            max,
            eenheid: regel.eenheid,
            per: regel.per,
            ijw: IjwOmvang {
                eenheid: regel.eenheid.ijw_code(),
                frequentie: regel.per.ijw_code(),
            },
        })
    }

    pub fn productnaam<'r>(&'r self, product: &'r str) -> &'r str {
        self.producten
            .iter()
            .find(|(k, _)| k == product)
            .map_or(product, |(_, naam)| naam.as_str())
    }

    fn budget<'r>(
        &'r self,
        advies: &mut Advies<'r>,
        optie: &Optie,
        periode: Periode,
        uren_per_week: u32,
        kalender: &Kalender,
    ) -> Option<Budget> {
        self.cite_uitleg(advies, Uitleg::Budget);
        let regio = kalender.regio.naam();
        let Some(mut b) = budget::bereken(
            periode,
            Hoeveelheid::eenheden(i64::from(uren_per_week)),
            kalender,
        ) else {
            advies.uitleg(format!(
                "Geen urenbudget voor '{}': de schoolkalender (regio {regio}) is niet bekend voor {} t/m {}. Laad de schoolvakanties met 'schakel kalender importeer'.",
                optie.omschrijving,
                nl_datum(periode.van),
                nl_datum(periode.tot)
            ));
            return None;
        };
        if !b.volledig {
            advies.uitleg(format!(
                "Urenbudget voor '{}' berekend over {} t/m {}, het deel van de periode {} t/m {} waarvoor de schoolkalender (regio {regio}) bekend is.",
                optie.omschrijving,
                nl_datum(b.van),
                nl_datum(b.tot),
                nl_datum(periode.van),
                nl_datum(periode.tot)
            ));
        }
        if let Some(g) = &optie.gespaard {
            let max = Hoeveelheid::eenheden(i64::from(g.max_per_schoolweek));
            if let Some(berekend) = b.begrens(max) {
                advies.uitleg(format!(
                    "Urenbudget voor '{}': {} t/m {} is grotendeels vakantie (schooldagen: {}). Rekenkundig zou dat {berekend} uur per schoolweek zijn, meer dan wat het normenkader zelf inzetbaar noemt (\"{}\"). Gespaarde uren worden in schoolweken ingezet; het budget is daarom begrensd op {max} uur per schoolweek, {} uur in totaal.",
                    optie.omschrijving,
                    nl_datum(b.van),
                    nl_datum(b.tot),
                    b.schooldagen,
                    g.tekst,
                    b.totaal_uren
                ));
            }
        }
        if b.uren_per_schoolweek.is_none() {
            advies.uitleg(format!("'{}': in {} t/m {} vallen geen schooldagen; uren per schoolweek zijn niet te berekenen.", optie.omschrijving, nl_datum(b.van), nl_datum(b.tot)));
        }
        let geteld = Periode {
            van: b.van,
            tot: b.tot,
        };
        if let Some(v) = kalender.vakanties_in(geteld).find(|v| !v.geverifieerd) {
            advies.uitleg(format!(
                "Let op: de vakantiedata van regio {regio} voor schooljaar {} zijn niet geverifieerd (onder meer de {}vakantie); controleer het urenbudget.",
                v.schooljaar,
                v.soort.naam()
            ));
        }
        Some(b)
    }

    fn verplichting<'r>(
        &'r self,
        advies: &mut Advies<'r>,
        v: &'r Verplichting,
        peildatum: NaiveDate,
    ) {
        advies.bron(&v.id);
        self.cite_uitleg(advies, Uitleg::Verplichtingen);
        let tot = v.herhalen_tot_maanden.unwrap_or(v.termijn_maanden);
        let mut maanden = v.termijn_maanden;
        while maanden <= tot {
            advies.verplichtingen.push(AdviesVerplichting {
                id: &v.id,
                wat: &v.wat,
                uiterlijk: min_dagen(plus_maanden(peildatum, maanden), 1),
            });
            maanden += v.termijn_maanden;
        }
    }

    /// Copies the reikwijdte computed at load (see `SchoolReikwijdte`).
    fn reikwijdte_voor<'r>(
        &'r self,
        advies: &mut Advies<'r>,
        school: usize,
    ) -> Option<Reikwijdte<'r>> {
        let r = self.reikwijdtes[school].as_ref()?;
        // These ids occur nowhere else in an advice: no need to deduplicate.
        advies
            .bronnen
            .extend(r.bronnen.iter().map(|b| self.bron_id(*b)));
        for &v in &r.voetnoten {
            advies.uitleg(self.reikwijdte_voetnoten[v].toelichting.as_str());
        }
        Some(Reikwijdte {
            school: &self.scholen[school].naam,
            kader: self,
            cellen: &r.diensten,
            voorwaarden: &r.voorwaarden,
            regels: &r.regels,
        })
    }

    /// The reikwijdte of one school on its own (`schakel reikwijdte`), with
    /// its toelichting and bronnen.
    pub fn reikwijdte_school<'r>(&'r self, naam: &str) -> Result<SchoolReikwijdte<'r>, InvoerFout> {
        let scholen: Vec<&str> = self
            .scholen
            .iter()
            .filter(|s| s.arrangement.is_some())
            .map(|s| s.naam.as_str())
            .collect();
        let fout = || {
            InvoerFout::new(
                "school",
                format!(
                    "onbekende school '{naam}'; toegestaan: {}",
                    scholen.join(", ")
                ),
            )
        };
        let i = self.school(naam).ok_or_else(fout)?;
        self.scholen[i].arrangement.ok_or_else(fout)?;
        let mut advies = Advies::leeg(self, self.geldig_vanaf, 0, Some(i));
        let reikwijdte = self.reikwijdte_voor(&mut advies, i).ok_or_else(|| {
            InvoerFout::new(
                "school",
                format!(
                    "{} heeft geen reikwijdte in dit normenkader",
                    self.scholen[i].naam
                ),
            )
        })?;
        Ok((reikwijdte, advies.toelichting, advies.bronnen))
    }
}
