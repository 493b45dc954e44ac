//! Lists at real volume (issue 16.2): the open cases an organisation works
//! in, searched, filtered, sorted and paged in SQL on both engines.

use chrono::{DateTime, NaiveDate, Utc};

use crate::Id;
use crate::verloop::CasusGebeurtenis;

/// The order of [`CasusFilter`]'s list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CasusSortering {
    /// The last change first (the default).
    #[default]
    Gewijzigd,
    /// The earliest open deadline of the organisation first; none last.
    Termijn,
    /// By the household's first jeugdige's surname and first name.
    Naam,
}

impl CasusSortering {
    pub const ALLE: [Self; 3] = [Self::Gewijzigd, Self::Termijn, Self::Naam];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Gewijzigd => "gewijzigd",
            Self::Termijn => "termijn",
            Self::Naam => "naam",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.naam() == s)
    }
}

/// Which open cases to list: those where `organisatie` is the wijkteam or
/// a party.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CasusFilter {
    pub organisatie: Id,
    /// Part of a jeugdige's name ("voornaam achternaam"), any case.
    pub zoek: Option<String>,
    /// Only households with a jeugdige at this school.
    pub school: Option<Id>,
    /// Only cases in this phase of the support route (the last escalation
    /// step decides it, as [`schakel_domain::verloop`] folds it).
    pub fase: Option<schakel_domain::verloop::Fase>,
    /// Only cases last changed at or after this moment.
    pub gewijzigd_vanaf: Option<DateTime<Utc>>,
    /// Only cases last changed before this moment (a case at rest).
    pub gewijzigd_voor: Option<DateTime<Utc>>,
    pub sortering: CasusSortering,
}

/// One open case in the list, with what the list decides on.
#[derive(Debug, Clone, PartialEq)]
pub struct CasusOverzicht {
    pub casus: Id,
    pub huishouden: Id,
    pub wijkteam: Id,
    /// The last event's time, or the opening.
    pub gewijzigd: DateTime<Utc>,
    /// The earliest open deadline of the organisation in this case.
    pub termijn: Option<NaiveDate>,
}

/// The longest search by name, in characters.
pub const ZOEK_MAX: usize = 100;

/// A search by part of a name, checked alike for every list on the web and
/// in the API: none when empty; a longer one than [`ZOEK_MAX`] is refused
/// with what is allowed (in Dutch, for the field).
pub fn zoekterm(zoek: &str) -> Result<Option<String>, String> {
    let z = zoek.trim();
    if z.is_empty() {
        Ok(None)
    } else if z.chars().count() > ZOEK_MAX {
        Err(format!("gebruik ten hoogste {ZOEK_MAX} tekens"))
    } else {
        Ok(Some(z.to_string()))
    }
}

/// A search by a whole BSN, checked alike on the web and in the API: none
/// when empty; a wrong one refused in words (for the field "BSN").
pub fn zoek_bsn(bsn: &str) -> Result<Option<schakel_domain::Bsn>, String> {
    let b = bsn.trim();
    if b.is_empty() {
        return Ok(None);
    }
    schakel_domain::Bsn::parse(b)
        .map(Some)
        .map_err(|e| e.0.trim_start_matches("BSN: ").to_string())
}

/// The `LIKE` pattern of a search by name: lower case, wildcards of the
/// input taken literally (escape character `\`).
fn zoekpatroon(zoek: Option<&String>) -> Option<String> {
    zoek.map(|z| {
        let z = z
            .trim()
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{z}%")
    })
}

/// A period counted back from now, one choice on every list that has one
/// (a case's last change, a hulpvraag's registration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Periode {
    /// Within the last 7 days.
    Week,
    /// Within the last 30 days.
    Maand,
    /// 30 days ago or longer.
    Ouder,
}

impl Periode {
    pub const ALLE: [Self; 3] = [Self::Week, Self::Maand, Self::Ouder];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Week => "week",
            Self::Maand => "maand",
            Self::Ouder => "ouder",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.naam() == s)
    }

    /// (from, before), counted back from `nu`.
    pub fn grenzen(self, nu: DateTime<Utc>) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let dagen = |n| nu - chrono::Duration::days(n);
        match self {
            Self::Week => (Some(dagen(7)), None),
            Self::Maand => (Some(dagen(30)), None),
            Self::Ouder => (None, Some(dagen(30))),
        }
    }
}

impl CasusFilter {
    /// The `LIKE` pattern of the search (see [`zoekpatroon`]).
    pub fn patroon(&self) -> Option<String> {
        zoekpatroon(self.zoek.as_ref())
    }

    /// The SQL `ORDER BY` of the sorting (the columns `gewijzigd`,
    /// `termijn`, `naam` and `id` of the list's query); never input.
    pub fn volgorde(&self) -> &'static str {
        match self.sortering {
            CasusSortering::Gewijzigd => "gewijzigd DESC, id DESC",
            CasusSortering::Termijn => "termijn IS NULL, termijn, id",
            CasusSortering::Naam => "naam, id",
        }
    }
}

/// An open case of an organisation with its whole course, read in bulk:
/// what the worklist folds to decide what waits (issue 16.1), without a
/// read per case.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenCasusVerloop {
    pub casus: Id,
    pub huishouden: Id,
    pub wijkteam: Id,
    /// In order of `volgnummer`.
    pub gebeurtenissen: Vec<CasusGebeurtenis>,
}

impl OpenCasusVerloop {
    /// Puts each event (with its case id) with its case; `casussen` and
    /// `gebeurtenissen` both ordered by case id, as the queries give them.
    pub fn groepeer(
        casussen: Vec<(Id, Id, Id)>,
        gebeurtenissen: Vec<(Id, CasusGebeurtenis)>,
    ) -> Vec<Self> {
        let mut events = gebeurtenissen.into_iter().peekable();
        casussen
            .into_iter()
            .map(|(casus, huishouden, wijkteam)| {
                while events.next_if(|(c, _)| *c < casus).is_some() {}
                let mut eigen = Vec::new();
                while let Some((_, g)) = events.next_if(|(c, _)| *c == casus) {
                    eigen.push(g);
                }
                Self {
                    casus,
                    huishouden,
                    wijkteam,
                    gebeurtenissen: eigen,
                }
            })
            .collect()
    }
}

/// The order of [`JeugdigenFilter`]'s list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JeugdigenSortering {
    /// In the order they were registered (the default: the list's page is
    /// then cut from the access index alone).
    #[default]
    Registratie,
    /// By surname, then first name.
    Naam,
    /// The youngest first.
    Leeftijd,
}

impl JeugdigenSortering {
    pub const ALLE: [Self; 3] = [Self::Registratie, Self::Naam, Self::Leeftijd];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Registratie => "registratie",
            Self::Naam => "naam",
            Self::Leeftijd => "leeftijd",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.naam() == s)
    }
}

/// Which of the jeugdigen an organisation may see to list: all, or those
/// matching a part of the name, one BSN or one school.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JeugdigenFilter {
    /// Part of the name ("voornaam achternaam"), any case.
    pub zoek: Option<String>,
    /// A whole BSN.
    pub bsn: Option<schakel_domain::Bsn>,
    pub school: Option<Id>,
    pub sortering: JeugdigenSortering,
}

impl JeugdigenFilter {
    /// The `LIKE` pattern of the search by name.
    pub fn patroon(&self) -> Option<String> {
        zoekpatroon(self.zoek.as_ref())
    }

    /// Whether the list is every visible jeugdige in registration order,
    /// which the access index alone can page.
    pub fn is_alles(&self) -> bool {
        self.zoek.is_none()
            && self.bsn.is_none()
            && self.school.is_none()
            && self.sortering == JeugdigenSortering::Registratie
    }

    /// The SQL `ORDER BY` over the jeugdige `j` (never input).
    pub fn volgorde(&self) -> &'static str {
        match self.sortering {
            JeugdigenSortering::Registratie => "j.id",
            JeugdigenSortering::Naam => "lower(j.achternaam), lower(j.voornaam), j.id",
            JeugdigenSortering::Leeftijd => "j.geboortedatum DESC, j.id",
        }
    }
}

/// Whose referrals a list holds, of the jeugdigen an organisation may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VerwijzingenVan {
    /// Every referral of those jeugdigen.
    #[default]
    Alle,
    /// Those to this provider.
    Aanbieder(Id),
    /// Those made by this organisation's verwijzers.
    Verwijzer(Id),
}

/// Running or ended on a day, and the order that goes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VerwijzingStand {
    /// Every referral, the newest first.
    #[default]
    Alle,
    /// Its last day is `vanaf` or later (and `tot` or earlier, if given);
    /// the first to end first.
    Lopend {
        vanaf: NaiveDate,
        tot: Option<NaiveDate>,
    },
    /// Its last day lies before this day; the last to end first.
    Afgelopen(NaiveDate),
}

/// A referral's period as a choice on the list: counted from `vandaag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerwijzingPeriode {
    /// Started within the last 30 days (up to today).
    Gestart,
    /// Running, its last day within the next 30 days.
    Eindigt,
    /// Its last day lies before today.
    Afgelopen,
}

impl VerwijzingPeriode {
    pub const ALLE: [Self; 3] = [Self::Gestart, Self::Eindigt, Self::Afgelopen];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Gestart => "gestart",
            Self::Eindigt => "eindigt",
            Self::Afgelopen => "afgelopen",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.naam() == s)
    }

    /// `filter` narrowed to this period; `None` when nothing of its stand
    /// can lie in it (the ended ones never end within the next 30 days).
    pub fn toegepast(
        self,
        filter: VerwijzingenFilter,
        vandaag: NaiveDate,
    ) -> Option<VerwijzingenFilter> {
        let over30 = vandaag + chrono::Days::new(30);
        let stand = match (self, filter.stand) {
            (Self::Gestart, s) => s,
            (Self::Eindigt, VerwijzingStand::Afgelopen(_)) => return None,
            (Self::Eindigt, VerwijzingStand::Alle) => VerwijzingStand::Lopend {
                vanaf: vandaag,
                tot: Some(over30),
            },
            (Self::Eindigt, VerwijzingStand::Lopend { vanaf, tot }) => VerwijzingStand::Lopend {
                vanaf: vanaf.max(vandaag),
                tot: Some(tot.map_or(over30, |t| t.min(over30))),
            },
            (Self::Afgelopen, VerwijzingStand::Lopend { .. }) => return None,
            (Self::Afgelopen, VerwijzingStand::Alle) => VerwijzingStand::Afgelopen(vandaag),
            (Self::Afgelopen, VerwijzingStand::Afgelopen(d)) => {
                VerwijzingStand::Afgelopen(d.min(vandaag))
            }
        };
        let (ingang_vanaf, ingang_tot) = match self {
            Self::Gestart => (Some(vandaag - chrono::Days::new(30)), Some(vandaag)),
            _ => (filter.ingang_vanaf, filter.ingang_tot),
        };
        Some(VerwijzingenFilter {
            stand,
            ingang_vanaf,
            ingang_tot,
            ..filter
        })
    }
}

/// The order of [`VerwijzingenFilter`]'s list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VerwijzingSortering {
    /// As the stand has it: all the newest first, running the first to
    /// end first, ended the last to end first.
    #[default]
    Standaard,
    /// The latest start first.
    Ingangsdatum,
    /// By the last day: the first to end first (ended: the last first).
    Einddatum,
}

impl VerwijzingSortering {
    /// The orders one can choose by name.
    pub const KEUZES: [Self; 2] = [Self::Ingangsdatum, Self::Einddatum];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Standaard => "standaard",
            Self::Ingangsdatum => "ingangsdatum",
            Self::Einddatum => "einddatum",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::KEUZES.into_iter().find(|x| x.naam() == s)
    }
}

/// Which referrals to list (issue 16.2), each with its jeugdige.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerwijzingenFilter {
    pub van: VerwijzingenVan,
    /// Part of the jeugdige's name ("voornaam achternaam"), any case.
    pub zoek: Option<String>,
    pub stand: VerwijzingStand,
    /// Only the jeugdigen at this school.
    pub school: Option<Id>,
    /// Only this product (its key in the normenkader).
    pub product: Option<String>,
    /// Only those starting on or after this day.
    pub ingang_vanaf: Option<NaiveDate>,
    /// Only those starting on or before this day.
    pub ingang_tot: Option<NaiveDate>,
    pub sortering: VerwijzingSortering,
}

impl VerwijzingenFilter {
    /// The `LIKE` pattern of the search by name.
    pub fn patroon(&self) -> Option<String> {
        zoekpatroon(self.zoek.as_ref())
    }

    /// (provider, referring organisation) to narrow to.
    pub fn partijen(&self) -> (Option<Id>, Option<Id>) {
        match self.van {
            VerwijzingenVan::Alle => (None, None),
            VerwijzingenVan::Aanbieder(a) => (Some(a), None),
            VerwijzingenVan::Verwijzer(o) => (None, Some(o)),
        }
    }

    /// The bounds on the last day: (from, to, before).
    pub fn einddatum(&self) -> (Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>) {
        match self.stand {
            VerwijzingStand::Alle => (None, None, None),
            VerwijzingStand::Lopend { vanaf, tot } => (Some(vanaf), tot, None),
            VerwijzingStand::Afgelopen(d) => (None, None, Some(d)),
        }
    }

    /// The SQL `ORDER BY` over the referral `v` (never input).
    pub fn volgorde(&self) -> &'static str {
        match (self.sortering, self.stand) {
            (VerwijzingSortering::Ingangsdatum, _) => "v.ingangsdatum DESC, v.id DESC",
            (VerwijzingSortering::Standaard, VerwijzingStand::Alle) => "v.id DESC",
            (_, VerwijzingStand::Afgelopen(_)) => "v.einddatum DESC, v.id",
            _ => "v.einddatum, v.id",
        }
    }
}

/// Where a hulpvraag stands for the organisation that lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HulpvraagStand {
    /// Not triaged yet, and the organisation triages it.
    TeTrieren,
    /// Handed over to the organisation by another, with no case yet: to
    /// take on.
    Oppakken,
    /// Triaged and handled by the organisation.
    BijOns,
    /// Handed over by the organisation to another.
    Overgedragen,
}

impl HulpvraagStand {
    pub const ALLE: [Self; 4] = [
        Self::TeTrieren,
        Self::Oppakken,
        Self::BijOns,
        Self::Overgedragen,
    ];

    pub fn naam(self) -> &'static str {
        match self {
            Self::TeTrieren => "te_trieren",
            Self::Oppakken => "oppakken",
            Self::BijOns => "bij_ons",
            Self::Overgedragen => "overgedragen",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.naam() == s)
    }

    /// The condition on hulpvraag `h` for organisation `$1` (never input).
    pub fn sql(self) -> &'static str {
        match self {
            Self::TeTrieren => "h.triage IS NULL AND h.behandelaar = $1",
            Self::Oppakken => {
                "h.triage IS NOT NULL AND h.behandelaar = $1 AND h.organisatie <> $1 AND h.casus IS NULL"
            }
            Self::BijOns => {
                "h.triage IS NOT NULL AND h.behandelaar = $1 AND (h.organisatie = $1 OR h.casus IS NOT NULL)"
            }
            Self::Overgedragen => "h.triage IS NOT NULL AND h.behandelaar <> $1",
        }
    }
}

/// The order of [`HulpvragenFilter`]'s list, by when a question was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HulpvragenSortering {
    #[default]
    Nieuwste,
    Oudste,
}

impl HulpvragenSortering {
    pub const ALLE: [Self; 2] = [Self::Nieuwste, Self::Oudste];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Nieuwste => "nieuwste",
            Self::Oudste => "oudste",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.naam() == s)
    }
}

/// Which hulpvragen of an organisation to list: those it registered or
/// handles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HulpvragenFilter {
    pub organisatie: Id,
    /// The open ones only.
    pub alleen_open: bool,
    pub stand: Option<HulpvraagStand>,
    /// Part of the jeugdige's name ("voornaam achternaam"), any case.
    pub zoek: Option<String>,
    /// Only those about a pupil of this school.
    pub school: Option<Id>,
    /// Only those registered at or after this moment.
    pub aangemaakt_vanaf: Option<DateTime<Utc>>,
    /// Only those registered before this moment.
    pub aangemaakt_voor: Option<DateTime<Utc>>,
    pub sortering: HulpvragenSortering,
}

impl HulpvragenFilter {
    /// The `LIKE` pattern of the search by name.
    pub fn patroon(&self) -> Option<String> {
        zoekpatroon(self.zoek.as_ref())
    }

    /// The SQL `ORDER BY` over the hulpvraag `h` (never input).
    pub fn volgorde(&self) -> &'static str {
        match self.sortering {
            HulpvragenSortering::Nieuwste => "h.aangemaakt DESC, h.id DESC",
            HulpvragenSortering::Oudste => "h.aangemaakt, h.id",
        }
    }
}
