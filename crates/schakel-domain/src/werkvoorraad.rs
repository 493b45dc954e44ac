//! What waits for an organisation (issue 16.1): the *werkvoorraad* on a
//! role's start page. This module decides, without storage or pages, which
//! facts of a case, a hulpvraag or an action are work for now, of which
//! kind, and in which order: most urgent first (unsafety and overdue
//! deadlines), then by date. The caller gathers the facts the organisation
//! may see (its actions, its hulpvragen, the cases it works in) and gives
//! each item its link.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use crate::rol::OrganisatieSoort;
use crate::verloop::{Id, Toestand};

/// How far ahead a deadline is work for now.
pub const TERMIJN_VOORUIT: Days = Days::new(14);
/// How far ahead an expiring TLV is (issue 16.1: three months).
pub const TLV_VOORUIT: Months = Months::new(3);
/// A case with an agreed plan is evaluated at least every three months:
/// a Schakel choice (the demo's history evaluates about that often), not a
/// rule of the sources.
pub const EVALUATIE_NA: Months = Months::new(3);

/// The kinds of work, in order of urgency: the first kinds come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    /// An open unsafety melding in a case.
    Veiligheid,
    /// A deadline that has passed.
    TermijnVerlopen,
    /// A hulpvraag of the own organisation, not yet triaged.
    Trieren,
    /// A hulpvraag handed over to the own organisation.
    Oppakken,
    /// An open case without a plan yet.
    Plan,
    /// The consent of the parents (plan) or the school (inkoop) awaited.
    Toestemming,
    /// A maatwerk referral awaiting the municipality's review.
    Maatwerk,
    /// An evaluation that is due.
    Evaluatie,
    /// A deadline within [`TERMIJN_VOORUIT`].
    Termijn,
    /// A TLV ending within [`TLV_VOORUIT`].
    Tlv,
    /// A referral ending within [`TERMIJN_VOORUIT`].
    VerwijzingLooptAf,
}

impl Soort {
    pub const ALLE: [Self; 11] = [
        Self::Veiligheid,
        Self::TermijnVerlopen,
        Self::Trieren,
        Self::Oppakken,
        Self::Plan,
        Self::Toestemming,
        Self::Maatwerk,
        Self::Evaluatie,
        Self::Termijn,
        Self::Tlv,
        Self::VerwijzingLooptAf,
    ];

    /// The kind's name in the API (`snake_case`) and in the page's ids.
    pub fn naam(self) -> &'static str {
        match self {
            Self::Veiligheid => "veiligheid",
            Self::TermijnVerlopen => "termijn_verlopen",
            Self::Trieren => "trieren",
            Self::Oppakken => "oppakken",
            Self::Plan => "plan",
            Self::Toestemming => "toestemming",
            Self::Maatwerk => "maatwerk",
            Self::Evaluatie => "evaluatie",
            Self::Termijn => "termijn",
            Self::Tlv => "tlv",
            Self::VerwijzingLooptAf => "verwijzing_loopt_af",
        }
    }

    /// The heading of the kind on the page (B1 Dutch).
    pub fn kop(self) -> &'static str {
        match self {
            Self::Veiligheid => "Zorgen over veiligheid",
            Self::TermijnVerlopen => "Termijn verlopen",
            Self::Trieren => "Hulpvraag triëren",
            Self::Oppakken => "Overgedragen hulpvraag oppakken",
            Self::Plan => "Plan opstellen",
            Self::Toestemming => "Toestemming nodig",
            Self::Maatwerk => "Maatwerk beoordelen",
            Self::Evaluatie => "Evaluatie nodig",
            Self::Termijn => "Termijn binnen 14 dagen",
            Self::Tlv => "TLV loopt binnen 3 maanden af",
            Self::VerwijzingLooptAf => "Verwijzing loopt binnen 14 dagen af",
        }
    }
}

/// One item of work: its kind, the day it is due (if any) and what the
/// caller attaches (a text and a link).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Werkpunt<T> {
    pub soort: Soort,
    pub datum: Option<NaiveDate>,
    pub wat: T,
}

/// Whether an open action due on `uiterlijk`, from rule or text `bron`, is
/// work for now, and of which kind. Overdue is overdue whatever its
/// source; a maatwerk review always waits; a TLV counts three months
/// ahead, anything else 14 days.
pub fn actie(bron: &str, uiterlijk: NaiveDate, vandaag: NaiveDate) -> Option<Soort> {
    let binnen = |vooruit: NaiveDate| uiterlijk <= vooruit;
    if bron == MAATWERK_BRON {
        return Some(Soort::Maatwerk);
    }
    if uiterlijk < vandaag {
        return Some(Soort::TermijnVerlopen);
    }
    let over_14 = vandaag + TERMIJN_VOORUIT;
    match bron {
        "tlv.geldig_tot" => binnen(vandaag + TLV_VOORUIT).then_some(Soort::Tlv),
        "verwijzing.einddatum" => binnen(over_14).then_some(Soort::VerwijzingLooptAf),
        _ => binnen(over_14).then_some(Soort::Termijn),
    }
}

/// Whether a running referral ending on `einddatum` is work for its
/// provider now: it ends within [`TERMIJN_VOORUIT`] (an ended one is not).
pub fn verwijzing(einddatum: NaiveDate, vandaag: NaiveDate) -> Option<Soort> {
    (vandaag <= einddatum && einddatum <= vandaag + TERMIJN_VOORUIT)
        .then_some(Soort::VerwijzingLooptAf)
}

/// The source of a maatwerk referral's review action (the gemeentelijke
/// toets).
pub const MAATWERK_BRON: &str = "gemeentelijke_toets";

/// What waits in one open case for organisation `eigen` (of kind `soort`):
/// an unsafety melding; a plan to draw up and the parents' agreement to a plan (for the
/// regisseur, or the wijkteam while there is none); the school's consent
/// to an inkoop (for a school); an evaluation due within
/// [`TERMIJN_VOORUIT`] (for the regisseur or wijkteam).
pub fn casus(
    t: &Toestand,
    wijkteam: Id,
    eigen: Id,
    soort: OrganisatieSoort,
    vandaag: NaiveDate,
) -> Vec<Werkpunt<&'static str>> {
    let mut uit = Vec::new();
    if !t.open {
        return uit;
    }
    if t.veiligheid.is_some() {
        uit.push(punt(Soort::Veiligheid, None, "Melding over veiligheid"));
    }
    let regie = t.regisseur.map_or(wijkteam, |r| r.organisatie) == eigen;
    if regie && t.plan.is_none() {
        uit.push(punt(Soort::Plan, None, "Integraal plan opstellen"));
    }
    if regie && t.plan.is_some() && t.akkoord.is_none() {
        uit.push(punt(
            Soort::Toestemming,
            None,
            "Akkoord van de ouders op het plan",
        ));
    }
    if soort == OrganisatieSoort::School && t.inkopen.iter().any(|i| i.toestemming_school.is_none())
    {
        uit.push(punt(
            Soort::Toestemming,
            None,
            "Toestemming van school voor inkoop",
        ));
    }
    if regie
        && let Some(d) = evaluatie_uiterlijk(t)
        && d <= vandaag + TERMIJN_VOORUIT
    {
        uit.push(punt(Soort::Evaluatie, Some(d), "Plan evalueren"));
    }
    uit
}

/// When an agreed plan is next to be evaluated: three months after the
/// agreement or the last evaluation, whichever is later.
pub fn evaluatie_uiterlijk(t: &Toestand) -> Option<NaiveDate> {
    let akkoord = t.akkoord.as_ref()?.datum;
    let laatst = t
        .laatste_evaluatie
        .as_ref()
        .map_or(akkoord, |e| e.datum.max(akkoord));
    laatst.checked_add_months(EVALUATIE_NA)
}

fn punt(soort: Soort, datum: Option<NaiveDate>, wat: &'static str) -> Werkpunt<&'static str> {
    Werkpunt { soort, datum, wat }
}

/// Most urgent first: by kind, then the earliest date (undated last within
/// a kind), stable otherwise.
pub fn orden<T>(punten: &mut [Werkpunt<T>]) {
    punten.sort_by_key(|p| (p.soort, p.datum.is_none(), p.datum));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Stem;
    use crate::verloop::{Akkoord, Evaluatie, Regie, Regisseur};

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("datum")
    }

    #[test]
    fn een_actie_is_werk_naar_soort_en_termijn() {
        let v = d("2026-12-04");
        assert_eq!(
            actie("plan.doel.deadline", d("2026-12-03"), v),
            Some(Soort::TermijnVerlopen)
        );
        assert_eq!(
            actie("plan.doel.deadline", d("2026-12-04"), v),
            Some(Soort::Termijn),
            "today is not overdue"
        );
        assert_eq!(
            actie("plan.doel.deadline", d("2026-12-18"), v),
            Some(Soort::Termijn),
            "14 days ahead"
        );
        assert_eq!(
            actie("plan.doel.deadline", d("2026-12-19"), v),
            None,
            "15 days ahead"
        );
        assert_eq!(
            actie("tlv.geldig_tot", d("2027-03-04"), v),
            Some(Soort::Tlv),
            "three months ahead"
        );
        assert_eq!(actie("tlv.geldig_tot", d("2027-03-05"), v), None);
        assert_eq!(
            actie("tlv.geldig_tot", d("2026-12-01"), v),
            Some(Soort::TermijnVerlopen)
        );
        assert_eq!(
            actie("verwijzing.einddatum", d("2026-12-10"), v),
            Some(Soort::VerwijzingLooptAf)
        );
        assert_eq!(
            actie(MAATWERK_BRON, d("2027-06-01"), v),
            Some(Soort::Maatwerk),
            "a review always waits"
        );
        assert_eq!(
            verwijzing(d("2026-12-04"), v),
            Some(Soort::VerwijzingLooptAf),
            "its last day"
        );
        assert_eq!(
            verwijzing(d("2026-12-18"), v),
            Some(Soort::VerwijzingLooptAf)
        );
        assert_eq!(verwijzing(d("2026-12-19"), v), None);
        assert_eq!(verwijzing(d("2026-12-03"), v), None, "ended already");
    }

    fn toestand() -> Toestand {
        let mut t = Toestand::default();
        t.plan = Some(crate::plan::Plan {
            toekomstperspectief: "x".into(),
            doelen: Vec::new(),
            stem_jeugdige: None,
        });
        t
    }

    #[test]
    fn een_casus_wacht_op_akkoord_evaluatie_en_veiligheid() {
        let (wijkteam, school, v) = (1, 2, d("2026-12-04"));
        let wat = |t: &Toestand, org, soort| -> Vec<Soort> {
            casus(t, wijkteam, org, soort, v)
                .iter()
                .map(|p| p.soort)
                .collect()
        };
        assert_eq!(
            wat(&Toestand::default(), wijkteam, OrganisatieSoort::Wijkteam),
            [Soort::Plan]
        );
        let mut t = toestand();
        assert_eq!(
            wat(&t, wijkteam, OrganisatieSoort::Wijkteam),
            [Soort::Toestemming]
        );
        assert_eq!(
            wat(&t, school, OrganisatieSoort::School),
            [],
            "the school has no regie"
        );
        t.akkoord = Some(Akkoord {
            vertegenwoordiger: "A".into(),
            datum: d("2026-09-18"),
        });
        assert_eq!(evaluatie_uiterlijk(&t), Some(d("2026-12-18")));
        assert_eq!(
            wat(&t, wijkteam, OrganisatieSoort::Wijkteam),
            [Soort::Evaluatie],
            "due in 14 days"
        );
        t.laatste_evaluatie = Some(Evaluatie {
            datum: d("2026-10-01"),
            scores: Vec::new(),
            stem_jeugdige: Stem::NietGehoord {
                reden: "ziek".into(),
            },
            tevredenheid_jeugdige: None,
            tevredenheid_ouders: None,
        });
        assert_eq!(
            wat(&t, wijkteam, OrganisatieSoort::Wijkteam),
            [],
            "evaluated since"
        );
        t.regisseur = Some(Regisseur {
            regie: Regie::Perspectiefregie,
            organisatie: 3,
        });
        t.veiligheid = Some(crate::verloop::Veiligheidsmelding {
            melding: crate::verloop::Veiligheidssoort::Crisis,
            toelichting: "zorg".into(),
            door: school,
        });
        assert_eq!(
            wat(&t, wijkteam, OrganisatieSoort::Wijkteam),
            [Soort::Veiligheid]
        );
        t.open = false;
        assert_eq!(
            wat(&t, wijkteam, OrganisatieSoort::Wijkteam),
            [],
            "a closed case waits for nobody"
        );
    }

    #[test]
    fn het_dringendste_eerst() {
        let p = |soort, datum: Option<&str>| Werkpunt {
            soort,
            datum: datum.map(d),
            wat: (),
        };
        let mut punten = vec![
            p(Soort::Termijn, Some("2026-12-10")),
            p(Soort::TermijnVerlopen, Some("2026-11-01")),
            p(Soort::Termijn, Some("2026-12-05")),
            p(Soort::Veiligheid, None),
            p(Soort::TermijnVerlopen, Some("2026-06-03")),
        ];
        orden(&mut punten);
        let volgorde: Vec<_> = punten.iter().map(|p| (p.soort, p.datum)).collect();
        assert_eq!(
            volgorde,
            [
                (Soort::Veiligheid, None),
                (Soort::TermijnVerlopen, Some(d("2026-06-03"))),
                (Soort::TermijnVerlopen, Some(d("2026-11-01"))),
                (Soort::Termijn, Some(d("2026-12-05"))),
                (Soort::Termijn, Some(d("2026-12-10"))),
            ]
        );
    }
}
