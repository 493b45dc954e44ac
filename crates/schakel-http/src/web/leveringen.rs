//! The provider's hours beyond one day (issue 16 item 6): a week registered
//! in one form (hours per day, Monday to Sunday), the referral's deliveries
//! listed, and a delivery corrected with a reason. Both forms go through
//! the API's `leveringen::registreer` and `leveringen::corrigeer_levering`,
//! so the checks, the budget and the audit log are the API's.

use chrono::{Datelike, Days, NaiveDate};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze, Path};
use super::sessie::{Formulier, Ingelogd};
use super::{WebFout, WebResultaat, naar, opmaak};
use crate::api::leveringen::{CorrectieInvoer, corrigeer_levering, registreer};
use crate::api::verwijzingen::LeveringInvoer;
use crate::fout::ApiFout;
use schakel_rules::Hoeveelheid;
use schakel_storage::{Id, Levering, Verwijzing};

/// The week grid's fields, Monday first, with their labels.
pub const DAGEN: [(&str, &str); 7] = [
    ("uren_ma", "Maandag"),
    ("uren_di", "Dinsdag"),
    ("uren_wo", "Woensdag"),
    ("uren_do", "Donderdag"),
    ("uren_vr", "Vrijdag"),
    ("uren_za", "Zaterdag"),
    ("uren_zo", "Zondag"),
];

/// How many weeks back the week form offers.
const WEKEN_TERUG: u64 = 8;

/// What the user typed in the page's delivery forms, shown again with
/// the errors.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Leverinvoer {
    pub datum: String,
    pub hoeveelheid: String,
    pub week: String,
    pub uren_ma: String,
    pub uren_di: String,
    pub uren_wo: String,
    pub uren_do: String,
    pub uren_vr: String,
    pub uren_za: String,
    pub uren_zo: String,
    pub levering: String,
    pub correctie: String,
    pub reden: String,
}

impl Leverinvoer {
    /// The week grid's values in the order of [`DAGEN`].
    pub fn uren(&self) -> [&str; 7] {
        [
            &self.uren_ma,
            &self.uren_di,
            &self.uren_wo,
            &self.uren_do,
            &self.uren_vr,
            &self.uren_za,
            &self.uren_zo,
        ]
    }

    /// The grid for the template: (field id, label, value).
    pub fn weekvelden(&self) -> Vec<(&'static str, &'static str, String)> {
        DAGEN
            .iter()
            .zip(self.uren())
            .map(|((id, label), w)| (*id, *label, w.to_string()))
            .collect()
    }
}

/// One delivery as the list shows it.
pub struct LeveringRegel {
    pub datum: String,
    pub geregistreerd: String,
    pub telt: String,
    /// Each correction: "4 december 2026: 1 uur. Reden: …".
    pub correcties: Vec<String>,
}

/// The list, and the choices of the week and correction forms.
pub struct Leverdelen {
    pub regels: Vec<LeveringRegel>,
    pub weken: Vec<Keuze>,
    pub te_corrigeren: Vec<Keuze>,
}

fn maandag(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// The weeks a provider may register in: those of the referral's period
/// up to today, the last [`WEKEN_TERUG`] at most, newest first.
fn weken(v: &Verwijzing) -> Vec<Keuze> {
    let g = &v.gegevens;
    let vandaag = crate::api::vandaag();
    let laatste = maandag(g.einddatum.min(vandaag));
    let eerste = maandag(g.ingangsdatum).max(laatste - Days::new(7 * WEKEN_TERUG));
    let mut uit = Vec::new();
    let mut w = laatste;
    while w >= eerste {
        uit.push(Keuze::new(
            w.to_string(),
            format!(
                "Week {} (vanaf maandag {})",
                w.iso_week().week(),
                opmaak::datum(w)
            ),
        ));
        w = w - Days::new(7);
    }
    uit
}

fn regel(l: &Levering, eenheid: &str) -> LeveringRegel {
    let h = |x| format!("{} {eenheid}", opmaak::hoeveelheid(x));
    LeveringRegel {
        datum: opmaak::datum(l.datum),
        geregistreerd: h(l.geregistreerd),
        telt: h(l.hoeveelheid),
        correcties: l
            .correcties
            .iter()
            .map(|k| {
                format!(
                    "{}: {}. Reden: {}",
                    opmaak::datum(schakel_domain::grens::dag_van(k.aangemaakt)),
                    h(k.hoeveelheid),
                    k.reden
                )
            })
            .collect(),
    }
}

/// The referral's deliveries (the referral itself was read, and logged,
/// by the caller) with the forms' choices.
pub async fn delen(wie: &Ingelogd, v: &Verwijzing, eenheid: &str) -> Result<Leverdelen, WebFout> {
    let lijst = wie
        .state
        .opslag
        .leveringen(v.id)
        .await
        .map_err(ApiFout::from)?;
    Ok(Leverdelen {
        regels: lijst.iter().map(|l| regel(l, eenheid)).collect(),
        weken: weken(v),
        te_corrigeren: lijst
            .iter()
            .map(|l| {
                Keuze::new(
                    l.id.to_string(),
                    format!(
                        "{}: {} {eenheid}",
                        opmaak::datum(l.datum),
                        opmaak::hoeveelheid(l.hoeveelheid)
                    ),
                )
            })
            .collect(),
    })
}

const GETAL: &str =
    "Vul een getal in met ten hoogste twee cijfers achter de komma, bijvoorbeeld 2 of 1,5.";

/// The week grid: every filled-in day becomes one delivery.
pub async fn lever_week(Path(id): Path<Id>, f: Formulier<Leverinvoer>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let week = NaiveDate::parse_from_str(invoer.week.trim(), "%Y-%m-%d").ok();
    if week.is_none() {
        fouten.veld("week", "Week", "Kies de week uit de lijst.");
    }
    let mut dagen = Vec::new();
    let mut ids = Vec::new();
    for (n, ((veld, label), tekst)) in DAGEN.iter().zip(invoer.uren()).enumerate() {
        if tekst.trim().is_empty() {
            continue;
        }
        match Hoeveelheid::parse(tekst) {
            Ok(hoeveelheid) => {
                if let Some(w) = week {
                    dagen.push(LeveringInvoer {
                        datum: w + Days::new(n as u64),
                        hoeveelheid,
                    });
                    ids.push((*veld, *label));
                }
            }
            Err(_) => fouten.veld(veld, label, GETAL),
        }
    }
    if invoer.uren().iter().all(|t| t.trim().is_empty()) {
        fouten.veld("uren_ma", "Uren", "Vul bij ten minste één dag de uren in.");
    }
    if !fouten.is_leeg() {
        return super::verwijzingen::pagina(&wie, id, fouten, None, invoer).await;
    }
    let veldnaam = |i: usize, _: &str| ids[i].0.to_string();
    match registreer(&wie.dossier(), id, &dagen, veldnaam).await {
        Ok(_) => Ok(naar(format!("/verwijzingen/{id}?gelukt=week"))),
        Err(f) => {
            let velden: Vec<(&str, &str, &str)> = ids.iter().map(|(v, l)| (*v, *v, *l)).collect();
            fouten.uit(f, &velden)?;
            super::verwijzingen::pagina(&wie, id, fouten, None, invoer).await
        }
    }
}

/// A correction of one delivery, with its reason.
pub async fn corrigeer(Path(id): Path<Id>, f: Formulier<Leverinvoer>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let levering = invoer.levering.trim().parse::<Id>().ok();
    if levering.is_none() {
        fouten.veld("levering", "Levering", "Kies de levering uit de lijst.");
    }
    let hoeveelheid = Hoeveelheid::parse(&invoer.correctie);
    if hoeveelheid.is_err() {
        fouten.veld("correctie", "Juiste hoeveelheid", GETAL);
    }
    if invoer.reden.trim().is_empty() {
        fouten.veld(
            "reden",
            "Reden",
            "Schrijf op waarom de levering niet klopte.",
        );
    }
    let (Some(levering), Ok(hoeveelheid), false) =
        (levering, hoeveelheid, invoer.reden.trim().is_empty())
    else {
        return super::verwijzingen::pagina(&wie, id, fouten, None, invoer).await;
    };
    let k = CorrectieInvoer {
        hoeveelheid,
        reden: invoer.reden.clone(),
    };
    match corrigeer_levering(&wie.dossier(), id, levering, &k).await {
        Ok(_) => Ok(naar(format!("/verwijzingen/{id}?gelukt=gecorrigeerd"))),
        Err(ApiFout::NietGevonden) => {
            fouten.veld("levering", "Levering", "Kies de levering uit de lijst.");
            super::verwijzingen::pagina(&wie, id, fouten, None, invoer).await
        }
        Err(f) => {
            fouten.uit(
                f,
                &[
                    ("hoeveelheid", "correctie", "Juiste hoeveelheid"),
                    ("reden", "reden", "Reden"),
                ],
            )?;
            super::verwijzingen::pagina(&wie, id, fouten, None, invoer).await
        }
    }
}
