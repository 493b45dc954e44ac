//! The demo's past: `data/demo/almere-historie.toml` states, per school and
//! per month over the year before the demo starts (`maand = -11 .. -1`,
//! relative to the month the demo starts in, so the demo stays current),
//! how many households started a case, how many evaluations (with their
//! satisfaction scores), escalation steps, education outcomes, closures,
//! referrals and deliveries happened. [`speel`] replays that year through
//! the API's own functions, each as the professional who would do it in a
//! real region — the wijkteam's casusregisseur, the JGZ's gemandateerde
//! verwijzer, the provider's medewerker — with the API's checks (the
//! case's rules, need to know, the normenkader's toets) and audit records;
//! each call inside [`klok::op`] at the moment it belongs to, so every
//! stamp falls in its month, the API's today is that day, and the policy
//! dashboard shows a year of figures.
//!
//! The replay is deterministic: the same file gives the same households
//! (generated test BSNs from 999910000 up, fictitious names), the same
//! choice of which case gets which event, and the same times (fixed days of
//! each month). Within a month, per school: referrals start on day 1, new
//! cases open on day 3 (plan and akkoord the same day), evaluations and
//! escalation steps fall on day 10 (an escalation step always right after
//! an insufficient evaluation of the same case: escalaties for cases at
//! expertpool advice, then expertpool advice for cases at a conversation,
//! then conversations), deliveries on day 20, education outcomes on day 22
//! and closures on day 26. A file that asks for what no case can do (an
//! expertpool advice while no case is at the conversation step, a delivery
//! without a referral with hours left) is refused with its school and month.
//!
//! The history's cases are handled by one wijkteam, its referrals go to
//! one provider, each named in the file. Before a case's first referral
//! the casusregisseur records the jeugdige's onderwijssituatie and brings
//! the verwijzer's organisation (the JGZ) in as a party, so the verwijzer
//! may read the dossier; the schools are no party: the demo's named
//! households and what the schools' accounts see stay as they were.
//! The deadlines that agreements set are replayed as actions, as the API
//! records them: the goals of a case opened more than six months ago are
//! overdue on its wijkteam's Termijnen (the actions of closed cases are not
//! listed).

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use schakel_domain::plan::{DoelInvoer, Domein, PlanInvoer, Stem};
use schakel_domain::verloop::{
    DoelScore, Evaluatie, Fase, Gebeurtenis, Onderwijsuitkomst, Score, Stap, Toestand,
};
use schakel_domain::{Bsn, Huisnummer, Postcode, Rol};
use schakel_http::api::casussen::{CasusDossier, leg_gebeurtenis_vast_voor, zet_plan_voor};
use schakel_http::api::onderwijssituatie::{OnderwijssituatieInvoer, leg_situatie_vast};
use schakel_http::api::verwijzingen::{
    LeveringInvoer, VerwijzingInvoer, maak_verwijzing, registreer_levering,
};
use schakel_http::auth::Actor;
use schakel_http::dossier::Dossier;
use schakel_http::fout::ApiFout;
use schakel_rules::Hoeveelheid;
use schakel_storage::{Id, JeugdigeWijziging, Opslag, klok};
use serde::Deserialize;

use super::fout;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Historie {
    pub historie: Instellingen,
    pub school: Vec<SchoolBegin>,
    pub maand: Vec<Maand>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instellingen {
    /// The wijkteam (a `sleutel` of the demo file) whose casusregisseur
    /// handles every case of the history.
    pub wijkteam: String,
    pub casusregisseur: String,
    /// The gemandateerde verwijzer who refers.
    pub verwijzer: String,
    /// The provider (a `sleutel`) and its medewerker who registers hours.
    pub aanbieder: String,
    pub aanbieder_medewerker: String,
    /// The households' postcode, in the wijkteam's area.
    pub postcode: String,
    /// What every referral is: a product for a situation, checked by the
    /// normenkader on its start date.
    pub product: String,
    pub onderwijssituatie: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolBegin {
    pub school: String,
    /// Cases already open when the history begins (opened in month -12).
    pub lopend: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Maand {
    pub school: String,
    /// -11 .. -1: months before the month the demo starts in.
    pub maand: i32,
    #[serde(default)]
    pub nieuw: u32,
    /// One evaluation per pair: [satisfaction of the jeugdige, of the parents].
    #[serde(default)]
    pub tevredenheid: Vec<[u8; 2]>,
    #[serde(default)]
    pub gesprekken: u32,
    #[serde(default)]
    pub expertpool: u32,
    #[serde(default)]
    pub escalaties: u32,
    #[serde(default)]
    pub thuiszitters: u32,
    #[serde(default)]
    pub terugkeer_regulier: u32,
    #[serde(default)]
    pub verwijzing_vso: u32,
    #[serde(default)]
    pub afgesloten: u32,
    /// One referral per value: hours per week, from day 1 for twelve weeks
    /// (at most until 31 July, the end of the school year).
    #[serde(default)]
    pub verwijzingen: Vec<Hoeveelheid>,
    /// Hours delivered on day 20, each under another referral.
    #[serde(default)]
    pub geleverd: Vec<Hoeveelheid>,
}

/// What the replay did.
pub struct Verslag {
    pub huishoudens: usize,
    pub gebeurtenissen: usize,
}

struct HistCasus {
    id: Id,
    jeugdige: Id,
    school: Id,
    /// The day it opened: from then on its onderwijssituatie holds.
    geopend: NaiveDate,
    toestand: Toestand,
    open: bool,
    /// Month index of the last evaluation.
    geevalueerd: i32,
    uitkomst: bool,
    thuiszitter: bool,
    /// Whether the verwijzer's organisation is a party yet (at the first
    /// referral, with the onderwijssituatie recorded).
    verwijzer_partij: bool,
}

struct HistVerwijzing {
    id: Id,
    school: Id,
    casus: usize,
    einde: NaiveDate,
    resterend: Hoeveelheid,
}

const VOORNAMEN: [&str; 16] = [
    "Noah", "Emma", "Liam", "Julia", "Milan", "Mila", "Daan", "Tess", "Finn", "Sara", "Luuk",
    "Nora", "Adam", "Zoë", "Mees", "Lina",
];
const ACHTERNAMEN: [&str; 13] = [
    "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
    "Dekker", "Kaya", "Boateng",
];

/// The `n`-th test BSN from 999910000 up that passes the 11-proef.
fn test_bsns() -> impl Iterator<Item = Bsn> {
    (999_910_000u32..)
        .filter_map(|n| Bsn::parse(&n.to_string()).ok())
        .filter(Bsn::is_test_bsn)
}

/// The last day of the school year `d` falls in (1 August – 31 July).
fn einde_schooljaar(d: NaiveDate) -> NaiveDate {
    let jaar = if d.month() >= 8 {
        d.year() + 1
    } else {
        d.year()
    };
    NaiveDate::from_ymd_opt(jaar, 7, 31).unwrap_or(d)
}

fn tijdstip(d: NaiveDate, minuut: u32) -> DateTime<Utc> {
    d.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc() + Duration::minutes(minuut.into())
}

struct Speler<'a> {
    /// The API's state: everything the replay writes goes through the
    /// API's functions, each as the professional who would do it.
    state: &'a schakel_http::AppState,
    /// The history's casusregisseur: households, jeugdigen, cases, their
    /// course and the jeugdigen's onderwijssituatie.
    regisseur: Actor,
    /// The gemandateerde verwijzer: the referrals.
    verwijzer: Actor,
    /// The provider's medewerker: the hours delivered.
    aanbieder: Actor,
    postcode: Postcode,
    product: String,
    onderwijssituatie: String,
    casussen: Vec<HistCasus>,
    verwijzingen: Vec<HistVerwijzing>,
    bsns: Box<dyn Iterator<Item = Bsn>>,
    gebeurtenissen: usize,
}

fn api(e: ApiFout) -> String {
    format!("historie: {e:?}")
}

impl Speler<'_> {
    fn als<'b>(&'b self, actor: &'b Actor) -> Dossier<'b> {
        Dossier {
            state: self.state,
            actor,
        }
    }

    /// Takes over the case as the API left it after an event.
    fn verwerk(&mut self, i: usize, cd: CasusDossier) {
        let c = &mut self.casussen[i];
        c.open = cd.casus.open;
        c.toestand = cd.toestand;
        self.gebeurtenissen += 1;
    }

    /// Records `g` as the casusregisseur at `t`, through the API's checks.
    async fn gebeurtenis(
        &mut self,
        i: usize,
        g: Gebeurtenis,
        t: DateTime<Utc>,
    ) -> Result<(), String> {
        let id = self.casussen[i].id;
        let dossier = self.als(&self.regisseur);
        let cd = klok::op(t, leg_gebeurtenis_vast_voor(&dossier, id, g, None))
            .await
            .map_err(api)?;
        self.verwerk(i, cd);
        Ok(())
    }

    /// A household with one jeugdige at `school`, its case, plan and akkoord.
    async fn nieuwe_casus(
        &mut self,
        school: Id,
        d: NaiveDate,
        n: u32,
        maand: i32,
    ) -> Result<(), String> {
        let nummer = self.casussen.len();
        let bsn = self.bsns.next().ok_or("geen test-BSN meer vrij")?;
        let achternaam = ACHTERNAMEN[nummer % ACHTERNAMEN.len()];
        let voornaam = VOORNAMEN[(nummer * 7) % VOORNAMEN.len()];
        let ouder = format!(
            "{}. {achternaam}",
            ["A", "B", "H", "K", "M", "S"][nummer % 6]
        );
        let t = tijdstip(d, 5 * n);
        let geboortedatum = NaiveDate::from_ymd_opt(
            2014 + (nummer % 6) as i32,
            1 + (nummer * 5 % 12) as u32,
            1 + (nummer * 7 % 28) as u32,
        )
        .ok_or("ongeldige geboortedatum")?;
        let gegevens = JeugdigeWijziging {
            voornaam: voornaam.into(),
            achternaam: achternaam.into(),
            postcode: self.postcode.clone(),
            huisnummer: Huisnummer::new(1 + (nummer % 29) as u32).map_err(fout)?,
            toevoeging: Some(((b'A' + (nummer / 29 % 26) as u8) as char).to_string()),
            school: Some(school),
        };
        let dossier = self.als(&self.regisseur);
        let (jeugdige, casus) = klok::op(t, async {
            use schakel_http::api::jeugdigen::{HuishoudenInvoer, VertegenwoordigerInvoer};
            let h = schakel_http::api::jeugdigen::registreer_huishouden(
                &dossier,
                HuishoudenInvoer {
                    vertegenwoordigers: vec![VertegenwoordigerInvoer {
                        naam: ouder.clone(),
                        relatie: "ouder".into(),
                    }],
                },
            )
            .await?;
            let nieuw = schakel_http::api::jeugdigen::controleer_jeugdige(
                schakel_http::api::jeugdigen::JeugdigeInvoer {
                    huishouden: h.id,
                    bsn: bsn.als_tekst().to_string(),
                    geboortedatum,
                    voornaam: gegevens.voornaam.clone(),
                    achternaam: gegevens.achternaam.clone(),
                    postcode: gegevens.postcode.als_tekst().to_string(),
                    huisnummer: gegevens.huisnummer.waarde(),
                    toevoeging: gegevens.toevoeging.clone(),
                    school: gegevens.school,
                },
            )?;
            // The BSN was checked by controleer_jeugdige; the hourly count
            // of BSN checks is for people typing, not for a replay.
            let j = dossier.maak_na_controle(&nieuw).await?;
            let c = schakel_http::api::route::open_casus_voor(
                &dossier,
                schakel_http::api::route::CasusInvoer {
                    huishouden: h.id,
                    partijen: Vec::new(),
                },
            )
            .await?;
            Ok::<_, ApiFout>((j.id, c.id))
        })
        .await
        .map_err(api)?;
        self.casussen.push(HistCasus {
            id: casus,
            jeugdige,
            school,
            geopend: d,
            toestand: Toestand::default(),
            open: true,
            // Not evaluated before the month after it opens.
            geevalueerd: maand,
            uitkomst: false,
            thuiszitter: false,
            verwijzer_partij: false,
        });
        let wijkteam = self.regisseur.rol.organisatie;
        let plan = PlanInvoer {
            toekomstperspectief: format!("{voornaam} gaat weer met plezier naar school"),
            doelen: vec![
                DoelInvoer {
                    nummer: None,
                    domein: Domein::Jeugdhulp,
                    omschrijving: "Rust en structuur thuis".into(),
                    indicator: "avonden per week zonder escalatie".into(),
                    nulmeting: "2".into(),
                    streefwaarde: "5".into(),
                    deadline: d + Months::new(6),
                    verantwoordelijke: wijkteam,
                },
                // The school is no party to the history's cases (see the
                // module doc): the wijkteam holds the agreement with it.
                DoelInvoer {
                    nummer: None,
                    domein: Domein::Onderwijsondersteuning,
                    omschrijving: "Afspraken met school over een rustige werkplek".into(),
                    indicator: "dagen per week volledig op school".into(),
                    nulmeting: "3".into(),
                    streefwaarde: "5".into(),
                    deadline: d + Months::new(6),
                    verantwoordelijke: wijkteam,
                },
            ],
            stem_jeugdige: Some(Stem::Gehoord {
                inbreng: "Ik wil minder ruzie en meer rust in mijn hoofd".into(),
            }),
        };
        let dossier = self.als(&self.regisseur);
        let cd = klok::op(
            t + Duration::minutes(1),
            zet_plan_voor(&dossier, casus, 0, plan),
        )
        .await
        .map_err(api)?;
        self.verwerk(nummer, cd);
        self.gebeurtenis(
            nummer,
            Gebeurtenis::Akkoord {
                vertegenwoordiger: ouder,
                datum: d,
            },
            t + Duration::minutes(2),
        )
        .await
    }

    async fn evaluatie(
        &mut self,
        i: usize,
        voldoende: bool,
        [jeugdige, ouders]: [u8; 2],
        t: DateTime<Utc>,
        maand: i32,
    ) -> Result<(), String> {
        let e = Evaluatie {
            datum: t.date_naive(),
            scores: vec![
                DoelScore {
                    doel: 1,
                    score: if voldoende {
                        Score::Voldoende
                    } else {
                        Score::Onvoldoende
                    },
                    toelichting: None,
                },
                DoelScore {
                    doel: 2,
                    score: Score::Voldoende,
                    toelichting: None,
                },
            ],
            stem_jeugdige: Stem::Gehoord {
                inbreng: "Besproken met de jeugdige".into(),
            },
            tevredenheid_jeugdige: Some(jeugdige),
            tevredenheid_ouders: Some(ouders),
        };
        self.gebeurtenis(i, Gebeurtenis::Evaluatie(e), t).await?;
        self.casussen[i].geevalueerd = maand;
        Ok(())
    }

    /// The open cases of `school` (in opening order) that `past` accepts.
    fn kies(&self, school: Id, past: impl Fn(&HistCasus) -> bool) -> Vec<usize> {
        (0..self.casussen.len())
            .filter(|&i| {
                let c = &self.casussen[i];
                c.open && c.school == school && past(c)
            })
            .collect()
    }

    /// Before a case's first referral the casusregisseur records the
    /// jeugdige's onderwijssituatie (from the day the case opened: the
    /// referral takes it from the dossier) and brings the verwijzer's
    /// organisation in as a party (need to know), one minute apart.
    async fn verwijzer_erbij(&mut self, i: usize, t: DateTime<Utc>) -> Result<(), String> {
        let c = &self.casussen[i];
        if c.verwijzer_partij {
            return Ok(());
        }
        let situatie = OnderwijssituatieInvoer {
            onderwijssituatie: self.onderwijssituatie.clone(),
            school: None,
            schooldagdelen: None,
            van: c.geopend,
            tot: None,
        };
        let dossier = self.als(&self.regisseur);
        klok::op(t, leg_situatie_vast(&dossier, c.jeugdige, situatie))
            .await
            .map_err(api)?;
        let jgz = self.verwijzer.rol.organisatie;
        let g = Gebeurtenis::Partij { organisatie: jgz };
        self.gebeurtenis(i, g, t + Duration::minutes(1)).await?;
        self.casussen[i].verwijzer_partij = true;
        Ok(())
    }

    /// A referral by the verwijzer, from `ingang` for twelve weeks (at most
    /// to the end of the school year), checked by the normenkader.
    async fn verwijs(
        &mut self,
        i: usize,
        per_week: Hoeveelheid,
        ingang: NaiveDate,
    ) -> Result<(), String> {
        let einde = (ingang + Duration::days(83)).min(einde_schooljaar(ingang));
        let t = tijdstip(ingang, 3 * (i as u32 % 20));
        self.verwijzer_erbij(i, t).await?;
        let c = &self.casussen[i];
        let invoer = VerwijzingInvoer {
            jeugdige: c.jeugdige,
            aanbieder: self.aanbieder.rol.organisatie,
            situatie: None,
            verwijzing: serde_json::json!({
                "product": self.product, "volume": per_week, "eenheid": "uur",
                "per": "week", "ingangsdatum": ingang, "einddatum": einde,
            }),
            motivatie: None,
        };
        let dossier = self.als(&self.verwijzer);
        let v = klok::op(
            t + Duration::minutes(2),
            maak_verwijzing(&dossier, invoer),
        )
        .await
        .map_err(|e| match e {
            ApiFout::BuitenNormen { bevindingen } => format!(
                "verwijzing van {per_week} uur per week op {ingang} valt buiten de normen: {bevindingen}"
            ),
            e => api(e),
        })?;
        self.verwijzingen.push(HistVerwijzing {
            id: v.id,
            school: c.school,
            casus: i,
            einde,
            resterend: v.gegevens.toegekend,
        });
        Ok(())
    }

    /// Hours delivered on `d`, registered by the provider's medewerker.
    async fn lever(&mut self, k: usize, uren: Hoeveelheid, d: NaiveDate) -> Result<(), String> {
        let l = LeveringInvoer {
            datum: d,
            hoeveelheid: uren,
        };
        let id = self.verwijzingen[k].id;
        let dossier = self.als(&self.aanbieder);
        klok::op(
            tijdstip(d, k as u32 % 60),
            registreer_levering(&dossier, id, &l),
        )
        .await
        .map_err(api)?;
        let v = &mut self.verwijzingen[k];
        v.resterend = v.resterend.checked_sub(uren).ok_or("te veel uren")?;
        Ok(())
    }
}

/// The medewerker `email` acting as `rol` (at `organisatie`, when given),
/// as if logged in.
async fn actor(
    opslag: &dyn Opslag,
    email: &str,
    rol: Rol,
    organisatie: Option<Id>,
) -> Result<Actor, String> {
    let (m, _) = opslag
        .medewerker_op_email(email)
        .await
        .map_err(fout)?
        .ok_or_else(|| format!("historie: onbekende medewerker {email}"))?;
    let r = m
        .rollen
        .iter()
        .find(|r| r.rol == rol && organisatie.is_none_or(|o| o == r.organisatie))
        .ok_or_else(|| format!("historie: {email} heeft hier niet de rol {}", rol.naam()))?;
    let organisatie = r.organisatie;
    Ok(super::als(m, rol, organisatie))
}

/// Replays the history in `bestand` into a store holding the demo region;
/// `org` maps the demo file's `sleutel`s to organisation ids. `vandaag`
/// fixes the month the history ends before.
pub async fn speel(
    state: &schakel_http::AppState,
    bestand: &Path,
    org: &HashMap<String, Id>,
    vandaag: NaiveDate,
) -> Result<Verslag, String> {
    let tekst =
        std::fs::read_to_string(bestand).map_err(|e| format!("{}: {e}", bestand.display()))?;
    let h: Historie = toml::from_str(schakel_rules::tekst::zonder_bom(&tekst))
        .map_err(|e| format!("{}: {e}", bestand.display()))?;
    let org_id = |s: &str| {
        org.get(s)
            .copied()
            .ok_or_else(|| format!("{}: onbekende organisatie {s}", bestand.display()))
    };
    let i = &h.historie;
    let opslag = state.opslag.as_ref();
    let mut s = Speler {
        state,
        regisseur: actor(
            opslag,
            &i.casusregisseur,
            Rol::Casusregisseur,
            Some(org_id(&i.wijkteam)?),
        )
        .await?,
        verwijzer: actor(opslag, &i.verwijzer, Rol::Verwijzer, None).await?,
        aanbieder: actor(
            opslag,
            &i.aanbieder_medewerker,
            Rol::Aanbieder,
            Some(org_id(&i.aanbieder)?),
        )
        .await?,
        postcode: Postcode::parse(&i.postcode).map_err(fout)?,
        product: i.product.clone(),
        onderwijssituatie: i.onderwijssituatie.clone(),
        casussen: Vec::new(),
        verwijzingen: Vec::new(),
        bsns: Box::new(test_bsns()),
        gebeurtenissen: 0,
    };
    let eerste = vandaag.with_day(1).ok_or("geen eerste dag")?;
    let begin_van = |m: i32| -> NaiveDate {
        if m < 0 {
            eerste - Months::new(m.unsigned_abs())
        } else {
            eerste + Months::new(m as u32)
        }
    };
    // The cases open when the history begins.
    for b in &h.school {
        let school = org_id(&b.school)?;
        for n in 0..b.lopend {
            s.nieuwe_casus(school, begin_van(-12) + Duration::days(14), n, -12)
                .await?;
        }
    }
    let mut maanden: Vec<&Maand> = h.maand.iter().collect();
    maanden.sort_by_key(|m| m.maand);
    for m in &maanden {
        if !(-11..=-1).contains(&m.maand) {
            return Err(format!("maand {}: verwacht -11 tot en met -1", m.maand));
        }
    }
    for maand in -11..=-1 {
        let begin = begin_van(maand);
        let rijen: Vec<(&Maand, Id)> = maanden
            .iter()
            .filter(|m| m.maand == maand)
            .map(|m| org_id(&m.school).map(|s| (*m, s)))
            .collect::<Result<_, _>>()?;
        let waar = |m: &Maand| format!("{}, maand {}", m.school, m.maand);
        // Day 1: referrals, to cases opened before this month without a
        // running referral.
        for (m, school) in &rijen {
            for per_week in &m.verwijzingen {
                let kandidaat = s.kies(*school, |_| true).into_iter().find(|&c| {
                    !s.verwijzingen
                        .iter()
                        .any(|v| v.casus == c && v.einde >= begin)
                });
                let c = kandidaat.ok_or_else(|| {
                    format!("{}: geen open casus zonder lopende verwijzing", waar(m))
                })?;
                s.verwijs(c, *per_week, begin).await?;
            }
        }
        // Day 3: new cases.
        for (m, school) in &rijen {
            for n in 0..m.nieuw {
                s.nieuwe_casus(*school, begin + Duration::days(2), n, maand)
                    .await?;
            }
        }
        // Day 10: evaluations, each escalation step after an insufficient one.
        for (m, school) in &rijen {
            let dag = begin + Duration::days(9);
            let mut scores = m.tevredenheid.iter();
            let mut minuut = 0;
            for (aantal, fase, stap) in [
                (m.escalaties, Fase::ExpertpoolAdvies, Stap::Escalatie),
                (m.expertpool, Fase::Gesprek, Stap::ExpertpoolAdvies),
                (m.gesprekken, Fase::Uitvoering, Stap::Gesprek),
            ] {
                let kandidaten = s.kies(*school, |c| {
                    c.toestand.fase == fase && c.geevalueerd != maand
                });
                if kandidaten.len() < aantal as usize {
                    return Err(format!(
                        "{}: {aantal} keer {} gevraagd, maar {} casus(sen) in fase {}",
                        waar(m),
                        stap.naam(),
                        kandidaten.len(),
                        fase.naam()
                    ));
                }
                for c in kandidaten.into_iter().take(aantal as usize) {
                    let score = scores.next().ok_or_else(|| {
                        format!("{}: minder evaluaties dan escalatiestappen", waar(m))
                    })?;
                    s.evaluatie(c, false, *score, tijdstip(dag, minuut), maand)
                        .await?;
                    let g = Gebeurtenis::Escalatie {
                        stap,
                        toelichting: "Besproken met ouders, jeugdige en casusregisseur".into(),
                    };
                    s.gebeurtenis(c, g, tijdstip(dag, minuut + 1)).await?;
                    minuut += 2;
                }
            }
            // The other evaluations are sufficient: the cases evaluated
            // longest ago first, those in normal execution before others.
            let mut rest = s.kies(*school, |c| c.geevalueerd != maand);
            rest.sort_by_key(|&c| {
                let c = &s.casussen[c];
                (c.toestand.fase != Fase::Uitvoering, c.geevalueerd)
            });
            let mut rest = rest.into_iter();
            for score in scores {
                let c = rest
                    .next()
                    .ok_or_else(|| format!("{}: meer evaluaties dan open casussen", waar(m)))?;
                s.evaluatie(c, true, *score, tijdstip(dag, minuut), maand)
                    .await?;
                minuut += 1;
            }
        }
        // Day 20: deliveries, each under another referral with hours left.
        for (m, school) in &rijen {
            let dag = begin + Duration::days(19);
            let mut gebruikt = Vec::new();
            for uren in &m.geleverd {
                let k = (0..s.verwijzingen.len())
                    .find(|&k| {
                        let v = &s.verwijzingen[k];
                        v.school == *school
                            && !gebruikt.contains(&k)
                            && s.casussen[v.casus].open
                            && v.einde >= dag
                            && v.resterend >= *uren
                    })
                    .ok_or_else(|| {
                        format!("{}: geen lopende verwijzing met {uren} uur over", waar(m))
                    })?;
                gebruikt.push(k);
                s.lever(k, *uren, dag).await?;
            }
        }
        // Day 22: education outcomes.
        for (m, school) in &rijen {
            let dag = begin + Duration::days(21);
            let mut minuut = 0;
            for (aantal, uitkomst) in [
                (m.thuiszitters, Onderwijsuitkomst::Thuiszitter),
                (m.terugkeer_regulier, Onderwijsuitkomst::TerugkeerRegulier),
                (m.verwijzing_vso, Onderwijsuitkomst::VerwijzingVso),
            ] {
                let mut kandidaten = if uitkomst == Onderwijsuitkomst::Thuiszitter {
                    let mut k = s.kies(*school, |c| !c.thuiszitter && !c.uitkomst);
                    k.sort_by_key(|&c| s.casussen[c].toestand.fase == Fase::Uitvoering);
                    k
                } else {
                    s.kies(*school, |c| !c.uitkomst)
                };
                kandidaten.truncate(aantal as usize);
                if kandidaten.len() < aantal as usize {
                    return Err(format!(
                        "{}: te weinig open casussen voor {}",
                        waar(m),
                        uitkomst.naam()
                    ));
                }
                for c in kandidaten {
                    let jeugdige = s.casussen[c].jeugdige;
                    let g = Gebeurtenis::Onderwijsuitkomst { jeugdige, uitkomst };
                    s.gebeurtenis(c, g, tijdstip(dag, minuut)).await?;
                    minuut += 1;
                    let hc = &mut s.casussen[c];
                    if uitkomst == Onderwijsuitkomst::Thuiszitter {
                        hc.thuiszitter = true;
                    } else {
                        hc.uitkomst = true;
                    }
                }
            }
        }
        // Day 26: closures: cases with a final outcome first, then those
        // without a running referral, then those in normal execution, the
        // oldest first.
        for (m, school) in &rijen {
            let dag = begin + Duration::days(25);
            let mut kandidaten = s.kies(*school, |_| true);
            let lopend = |c: usize| {
                s.verwijzingen
                    .iter()
                    .any(|v| v.casus == c && v.einde > dag && v.resterend.is_positief())
            };
            kandidaten.sort_by_key(|&c| {
                let hc = &s.casussen[c];
                (
                    !hc.uitkomst,
                    lopend(c),
                    hc.toestand.fase != Fase::Uitvoering,
                )
            });
            if kandidaten.len() < m.afgesloten as usize {
                return Err(format!(
                    "{}: te weinig open casussen om te sluiten",
                    waar(m)
                ));
            }
            for (n, c) in kandidaten
                .into_iter()
                .take(m.afgesloten as usize)
                .enumerate()
            {
                let reden = if s.casussen[c].uitkomst {
                    "Onderwijsplek gevonden; doelen behaald"
                } else {
                    "Doelen behaald; hulp afgerond"
                };
                let g = Gebeurtenis::Afgesloten {
                    reden: reden.into(),
                };
                s.gebeurtenis(c, g, tijdstip(dag, n as u32)).await?;
            }
        }
    }
    Ok(Verslag {
        huishoudens: s.casussen.len(),
        gebeurtenissen: s.gebeurtenissen,
    })
}
