//! Referrals within the norms (seed 004: "Verwijzingen/jeugdhulpbepalingen/
//! beschikkingen kunnen alleen worden afgegeven door de gemandateerde
//! verwijzers (met inachtneming van de normenkaders)"). Every referral is
//! checked by the normenkader at creation; outside the norms it is refused
//! with the findings unless the verwijzer records a motivation (maatwerk),
//! which flags it for the municipality's review. Providers register the
//! units they deliver against it; what remains is shown.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::NaiveDate;
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_rules::Hoeveelheid;
use schakel_rules::budget::toegekend;
use schakel_rules::datum::Periode;
use schakel_rules::toets::Bevinding;
use schakel_rules::{Regelset, ToetsVraag};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{
    Id, Jeugdige, NieuwActiepunt, NieuweVerwijzing, Verwijzing, VerwijzingPeriode,
    VerwijzingSortering, VerwijzingStand, VerwijzingenFilter, VerwijzingenVan,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

use super::onderwijssituatie::{Dossiersituatie, tlv_op};
use super::vandaag;
use crate::api::lijstkeuze::keuze;
use crate::api::{PaginaAntwoord, PaginaVraag};
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Controle, Invoer, Pad, Vraag};
use crate::openapi::{BuitenNormen, Conflict, Geweigerd, NietGevonden, OngeldigeInvoer};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerwijzingInvoer {
    pub jeugdige: i64,
    /// The provider that delivers the care.
    pub aanbieder: i64,
    /// Comes from the dossier (the jeugdige's onderwijssituatie on the
    /// ingangsdatum, the TLV from the case's TLV events): leave it out. A
    /// situation given that differs from the dossier's is refused, naming
    /// `situatie`. Only for a jeugdige whose situation is not recorded yet
    /// is the given one checked, with a finding saying so. `peildatum`
    /// may be given (default: the ingangsdatum); geboortedatum never.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub situatie: Option<Value>,
    /// {product, volume, eenheid, per, ingangsdatum, einddatum}
    #[schema(value_type = Object)]
    pub verwijzing: Value,
    /// Maatwerk: why the referral may go outside the norms.
    pub motivatie: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VerwijzingDto {
    pub id: i64,
    pub jeugdige: i64,
    pub casus: Option<i64>,
    pub verwijzer: i64,
    pub aanbieder: i64,
    pub product: String,
    pub volume: f64,
    pub eenheid: String,
    pub per: String,
    pub ingangsdatum: NaiveDate,
    pub einddatum: NaiveDate,
    pub binnen_normen: bool,
    pub regels: Vec<String>,
    pub normenkader: String,
    /// The check's findings: per rule, why the referral is outside the
    /// norms or what to mind (`[{"regel", "melding"}]`).
    #[schema(value_type = Vec<Object>)]
    pub bevindingen: Value,
    pub motivatie: Option<String>,
    /// Maatwerk only: "open" while the municipality has yet to decide,
    /// then "akkoord" or "afgewezen" (no delivery on it).
    pub gemeentelijke_toets: Option<String>,
    /// The municipality's motivation, once it decided.
    pub toets_motivatie: Option<String>,
    pub getoetst_op: Option<chrono::DateTime<chrono::Utc>>,
    #[schema(value_type = f64)]
    pub toegekend: Hoeveelheid,
    #[schema(value_type = f64)]
    pub geleverd: Hoeveelheid,
    #[schema(value_type = f64)]
    pub resterend: Hoeveelheid,
}

impl From<Verwijzing> for VerwijzingDto {
    fn from(v: Verwijzing) -> Self {
        let resterend = v.resterend();
        let g = v.gegevens;
        Self {
            id: v.id,
            jeugdige: g.jeugdige,
            casus: g.casus,
            verwijzer: g.door.medewerker,
            aanbieder: g.aanbieder,
            product: g.product,
            volume: g.volume,
            eenheid: g.eenheid,
            per: g.per,
            ingangsdatum: g.ingangsdatum,
            einddatum: g.einddatum,
            binnen_normen: g.binnen_normen,
            regels: g.regels,
            normenkader: g.normenkader,
            bevindingen: g.bevindingen,
            motivatie: g.motivatie,
            gemeentelijke_toets: v.gemeentelijke_toets.map(|t| t.naam().to_string()),
            toets_motivatie: v.beoordeling.as_ref().map(|b| b.motivatie.clone()),
            getoetst_op: v.beoordeling.as_ref().map(|b| b.op),
            toegekend: g.toegekend,
            geleverd: v.geleverd,
            resterend,
        }
    }
}

/// What the check's situation came from, for the findings.
enum Bron {
    Dossier,
    /// The verwijzer's claim: the dossier holds no situation on that day.
    Opgegeven,
}

/// The check's input: the situation from the dossier (or, while it holds
/// none, the one given) with the jeugdige's own birth date and, unless
/// given, the referral's start as peildatum.
async fn toetsvraag(
    state: &AppState,
    regels: &Regelset,
    i: &VerwijzingInvoer,
    j: &Jeugdige,
) -> ApiResultaat<(ToetsVraag, Bron)> {
    let claim = match &i.situatie {
        None | Some(Value::Null) => None,
        Some(Value::Object(m)) => Some(m.clone()),
        Some(_) => return Err(ApiFout::veld("situatie", "verwacht een JSON-object")),
    };
    if claim
        .as_ref()
        .is_some_and(|c| c.contains_key("geboortedatum"))
    {
        return Err(ApiFout::veld(
            "situatie.geboortedatum",
            "komt uit het dossier van de jeugdige; laat dit veld weg",
        ));
    }
    let ingang = i
        .verwijzing
        .get("ingangsdatum")
        .and_then(Value::as_str)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let uit_dossier = Dossiersituatie::op(state, j, ingang.unwrap_or_else(vandaag)).await?;
    let (mut velden, bron) = match (uit_dossier, claim) {
        (Some(d), claim) => {
            let claim = claim.unwrap_or_default();
            d.vergelijk(&claim)?;
            let mut velden = d.velden();
            // What is left (peildatum, or a field the rules refuse by name).
            velden.extend(claim);
            (velden, Bron::Dossier)
        }
        (None, Some(claim)) => (claim, Bron::Opgegeven),
        (None, None) => {
            return Err(ApiFout::veld(
                "situatie",
                "de onderwijssituatie van deze jeugdige staat nog niet in het dossier; laat de school of het wijkteam die eerst vastleggen bij de jeugdige (Onderwijssituatie), dan neemt de verwijzing haar over",
            ));
        }
    };
    velden.insert("geboortedatum".into(), json!(j.geboortedatum));
    if !velden.contains_key("peildatum")
        && let Some(ingang) = i.verwijzing.get("ingangsdatum")
    {
        velden.insert("peildatum".into(), ingang.clone());
    }
    let vraag = json!({ "situatie": velden, "verwijzing": i.verwijzing });
    Ok((
        ToetsVraag::uit_json(&vraag, vandaag(), regels.situaties())?,
        bron,
    ))
}

/// Whether the provider has an interventie-afspraak with a gemeente of
/// `regio` that holds on `dag` (seed 004, footnote ***) — unknown while
/// the region's set-up records none at all, so that the condition stays a
/// finding until the region keeps them.
async fn interventie_afspraak(
    state: &AppState,
    regio: Id,
    aanbieder: Id,
    dag: NaiveDate,
) -> ApiResultaat<Option<bool>> {
    let mut in_regio = Vec::new();
    for a in state.opslag.interventieafspraken().await? {
        let gemeente = state.opslag.organisatie(a.gegevens.gemeente).await?;
        if gemeente.is_some_and(|g| g.regio == regio) {
            in_regio.push(a);
        }
    }
    if in_regio.is_empty() {
        return Ok(None);
    }
    Ok(Some(in_regio.iter().any(|a| {
        a.gegevens.aanbieder == aanbieder && a.geldt_op(dag)
    })))
}

/// Findings from the dossier the normenkader cannot see: a situation the
/// verwijzer gave because the dossier holds none, and a TLV that ends
/// before the referral does (exact dates, in Dutch).
async fn dossierbevindingen(
    state: &AppState,
    j: &Jeugdige,
    vraag: &ToetsVraag,
    bron: Bron,
) -> ApiResultaat<Vec<Bevinding<'static>>> {
    let mut uit = Vec::new();
    if let Bron::Opgegeven = bron {
        uit.push(Bevinding {
            regel: "dossier.onderwijssituatie",
            melding: "De onderwijssituatie staat niet in het dossier; getoetst is de situatie die de verwijzer opgaf. Laat de school of het wijkteam de onderwijssituatie vastleggen bij de jeugdige.".into(),
        });
    }
    let v = &vraag.verwijzing;
    if let Some(tlv) = tlv_op(state, j, v.ingangsdatum).await?
        && tlv.geldig_tot < v.einddatum
    {
        uit.push(Bevinding {
            regel: "tlv.geldig_tot",
            melding: format!(
                "De TLV loopt af op {}, vóór de einddatum van de verwijzing ({}). Vraag op tijd een nieuwe TLV aan bij het samenwerkingsverband.",
                crate::web::opmaak::datum(tlv.geldig_tot),
                crate::web::opmaak::datum(v.einddatum)
            ),
        });
    }
    Ok(uit)
}

impl Dossier<'_> {
    async fn eis_verwijzer(&self, j: Option<&Jeugdige>) -> ApiResultaat<()> {
        if self.actor.rol.rol == Rol::Verwijzer {
            return Ok(());
        }
        Err(self
            .weiger(
                "verwijzing.aanmaken",
                Actie::Aanmaken,
                j,
                ("jeugdige", j.map(|j| j.id)),
                "alleen_gemandateerde_verwijzer",
                "Verwijzingen geeft alleen een gemandateerde verwijzer af".into(),
            )
            .await)
    }

    /// A referral for this actor: the provider sees only its own, every
    /// other role through its relation with the jeugdige (logged).
    pub(crate) async fn verwijzing_voor(&self, id: Id) -> ApiResultaat<(Verwijzing, Jeugdige)> {
        let Some(v) = self.state.opslag.verwijzing(id).await? else {
            // As for a referral of a jeugdige the caller has no relation with.
            return Err(self
                .weiger(
                    "verwijzing.lezen",
                    Actie::Lezen,
                    None,
                    ("verwijzing", Some(id)),
                    crate::dossier::ONBEKEND_ID,
                    crate::dossier::GEEN_RELATIE.into(),
                )
                .await);
        };
        let j = self.lees(v.gegevens.jeugdige).await?;
        if self.actor.rol.rol == Rol::Aanbieder
            && v.gegevens.aanbieder != self.actor.rol.organisatie
        {
            return Err(self
                .weiger(
                    "verwijzing.lezen",
                    Actie::Lezen,
                    Some(&j),
                    ("verwijzing", Some(id)),
                    "verwijzing_andere_aanbieder",
                    "Een aanbieder ziet alleen de verwijzingen naar de eigen organisatie".into(),
                )
                .await);
        }
        Ok((v, j))
    }
}

/// Creates a referral (verwijzer only), checked against the normenkader in
/// force on its start date.
#[utoipa::path(post, path = "/verwijzingen", operation_id = "maakVerwijzing", tag = "route", request_body = VerwijzingInvoer,
    responses((status = 201, description = "De vastgelegde verwijzing", body = VerwijzingDto), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd),
              (status = 422, response = BuitenNormen)))]
pub async fn maak(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<VerwijzingInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let opgeslagen = maak_verwijzing(&dossier, i).await?;
    Ok((StatusCode::CREATED, Json(VerwijzingDto::from(opgeslagen))))
}

/// Creates a referral for `dossier`'s actor (the API and the web page):
/// verwijzer only, the jeugdige read under need to know, checked by the
/// normenkader; outside the norms only with a motivation.
pub async fn maak_verwijzing(
    dossier: &Dossier<'_>,
    i: VerwijzingInvoer,
) -> ApiResultaat<Verwijzing> {
    let state = dossier.state;
    let actor = dossier.actor;
    let bekend = state.opslag.jeugdige(i.jeugdige).await?;
    dossier.eis_verwijzer(bekend.as_ref()).await?;
    bekend.ok_or_else(|| ApiFout::veld("jeugdige", "bestaat niet"))?;
    // Reading the dossier is the relation check, and is logged as such.
    let j = dossier.lees(i.jeugdige).await?;
    let aanbieder = state.opslag.organisatie(i.aanbieder).await?;
    if aanbieder.is_none_or(|a| a.soort != OrganisatieSoort::Aanbieder) {
        return Err(ApiFout::veld(
            "aanbieder",
            "moet een bestaande jeugdhulpaanbieder zijn",
        ));
    }
    // The rules of the region the jeugdige lives in (woonplaatsbeginsel).
    let regels = crate::regels::regels_voor(state, &j).await?;
    let (mut vraag, bron) = toetsvraag(state, regels, &i, &j).await?;
    let regio = dossier.eigen_organisatie().await?.regio;
    vraag.interventie_afspraak =
        interventie_afspraak(state, regio, i.aanbieder, vraag.verwijzing.ingangsdatum).await?;
    let mut toetsing = regels.toets(&vraag)?;
    toetsing
        .bevindingen
        .extend(dossierbevindingen(state, &j, &vraag, bron).await?);
    let motivatie = i.motivatie.filter(|m| !m.trim().is_empty());
    let bevindingen = serde_json::to_value(&toetsing.bevindingen).map_err(ApiFout::intern)?;
    if !toetsing.binnen_normen && motivatie.is_none() {
        return Err(ApiFout::BuitenNormen { bevindingen });
    }
    let v = &vraag.verwijzing;
    let periode = Periode::new(v.ingangsdatum, v.einddatum)
        .ok_or_else(|| ApiFout::veld("verwijzing.einddatum", "ligt voor de ingangsdatum"))?;
    let casus = state.opslag.open_casus(j.huishouden).await?.map(|c| c.id);
    let nieuw = NieuweVerwijzing {
        jeugdige: j.id,
        casus,
        door: actor.door(),
        aanbieder: i.aanbieder,
        product: v.product.clone(),
        volume: v.volume.als_getal(),
        eenheid: v.eenheid.naam().into(),
        per: v.per.naam().into(),
        ingangsdatum: v.ingangsdatum,
        einddatum: v.einddatum,
        toegekend: toegekend(v.volume, v.per, periode)
            .ok_or_else(|| ApiFout::veld("verwijzing.volume", "is te groot voor deze periode"))?,
        binnen_normen: toetsing.binnen_normen,
        regels: toetsing.bronnen.iter().map(|s| s.to_string()).collect(),
        normenkader: format!(
            "{} {}",
            toetsing.normenkader.regio, toetsing.normenkader.versie
        ),
        bevindingen,
        motivatie,
    };
    let mut acties = termijnen(regels, &vraag, &j, actor, casus)?;
    if !nieuw.binnen_normen {
        acties.extend(super::maatwerk::toetsactie(state, regio).await?);
    }
    let record = dossier.record(
        "verwijzing.aanmaken",
        Actie::Aanmaken,
        Some(&j.bsn),
        ("verwijzing", None),
        Uitkomst::Toegestaan,
        Some(if nieuw.binnen_normen {
            "binnen_normen"
        } else {
            "maatwerk"
        }),
    );
    Ok(state
        .opslag
        .maak_verwijzing(&nieuw, &acties, &record)
        .await?)
}

/// The actions a referral brings: its end date for the verwijzer, and the
/// obligations the normenkader attaches to the situation (an evaluation
/// after some months, a yearly review) for the
/// pupil's school — where regie lies — or else the verwijzer's organisation.
fn termijnen(
    regels: &Regelset,
    vraag: &ToetsVraag,
    j: &Jeugdige,
    actor: &Actor,
    casus: Option<Id>,
) -> ApiResultaat<Vec<NieuwActiepunt>> {
    let eigen = actor.rol.organisatie;
    let v = &vraag.verwijzing;
    let mut acties = vec![NieuwActiepunt {
        casus,
        verwijzing: None,
        organisatie: eigen,
        medewerker: Some(actor.medewerker.id),
        wat: format!(
            "Verwijzing loopt af op {}: evalueren en zo nodig verlengen",
            schakel_domain::grens::nl_datum(v.einddatum)
        ),
        bron: "verwijzing.einddatum".into(),
        uiterlijk: v.einddatum,
    }];
    let advies = regels.advies(&vraag.situatie)?;
    let school = j.gegevens.school;
    for o in advies.verplichtingen {
        acties.push(NieuwActiepunt {
            casus,
            verwijzing: None,
            organisatie: school.unwrap_or(eigen),
            medewerker: school.is_none().then_some(actor.medewerker.id),
            wat: o.wat.to_string(),
            bron: o.id.to_string(),
            uiterlijk: o.uiterlijk,
        });
    }
    Ok(acties)
}

#[derive(Deserialize)]
pub struct VerwijzingPad {
    pub id: i64,
}

/// One referral with what was delivered and what remains.
#[utoipa::path(get, path = "/verwijzingen/{id}", operation_id = "leesVerwijzing", tag = "route", params(("id" = i64, Path)),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "De verwijzing met wat geleverd is en wat resteert", body = VerwijzingDto), (status = 403, response = Geweigerd),
              (status = 404, response = NietGevonden)))]
pub async fn lees(
    State(state): State<AppState>,
    actor: Actor,
    Pad(VerwijzingPad { id }): Pad<VerwijzingPad>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let (v, _) = dossier.verwijzing_voor(id).await?;
    Ok(Json(VerwijzingDto::from(v)))
}

/// Whose referrals this actor has to do with: a provider its own, a
/// verwijzer its organisation's, the other roles that see dossiers all.
pub fn verwijzingen_van(actor: &Actor) -> VerwijzingenVan {
    let org = actor.rol.organisatie;
    match actor.rol.rol {
        Rol::Aanbieder => VerwijzingenVan::Aanbieder(org),
        Rol::Verwijzer => VerwijzingenVan::Verwijzer(org),
        _ => VerwijzingenVan::Alle,
    }
}

/// Of a jeugdige's referrals, those this actor has to do with.
pub fn eigen_verwijzingen(actor: &Actor, alle: Vec<Verwijzing>) -> Vec<Verwijzing> {
    let org = actor.rol.organisatie;
    alle.into_iter()
        .filter(|v| match actor.rol.rol {
            Rol::Aanbieder => v.gegevens.aanbieder == org,
            Rol::Verwijzer => v.gegevens.door.organisatie == org,
            _ => true,
        })
        .collect()
}

/// Every product the installation's rules name, in any region and version
/// (an old referral keeps its product), by key with its name.
pub fn bekende_producten(state: &AppState) -> std::collections::BTreeMap<String, String> {
    let mut producten = std::collections::BTreeMap::new();
    for regels in state.regios.alle().iter().filter_map(|r| r.regels.as_ref()) {
        for kader in regels.kaders() {
            for (sleutel, naam) in &kader.producten {
                producten
                    .entry(sleutel.clone())
                    .or_insert_with(|| naam.clone());
            }
        }
    }
    producten
}

/// `?school=12&periode=eindigt&product=…&sorteer=einddatum`: the list
/// narrowed and ordered (a name never goes in a URL).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerwijzingenKeuze {
    /// Only the referrals of the pupils of this school (an organisation id).
    pub school: Option<i64>,
    /// `gestart` (started within the last 30 days), `eindigt` (running,
    /// ending within 30 days) or `afgelopen` (ended before today).
    pub periode: Option<String>,
    /// Only this product (its key in the normenkader).
    pub product: Option<String>,
    /// `ingangsdatum` (the latest start first) or `einddatum` (the first
    /// to end first; ended ones the last first); by default the newest
    /// first.
    pub sorteer: Option<String>,
}

impl VerwijzingenKeuze {
    /// The storage filter for `van` on `vandaag` (`None`: the period
    /// leaves nothing of `stand`), every wrong choice named with what is
    /// allowed.
    pub fn filter(
        &self,
        state: &AppState,
        (van, stand): (VerwijzingenVan, VerwijzingStand),
        vandaag: NaiveDate,
    ) -> Result<Option<VerwijzingenFilter>, ApiFout> {
        let mut c = Controle::default();
        let periode = keuze(
            &mut c,
            "periode",
            self.periode.as_deref(),
            &VerwijzingPeriode::ALLE,
            VerwijzingPeriode::naam,
        );
        let sortering = keuze(
            &mut c,
            "sorteer",
            self.sorteer.as_deref(),
            &VerwijzingSortering::KEUZES,
            VerwijzingSortering::naam,
        );
        let producten = bekende_producten(state);
        let product = self
            .product
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        if let Some(p) = product.filter(|p| !producten.contains_key(*p)) {
            let namen: Vec<&str> = producten.keys().map(String::as_str).collect();
            c.eis(
                "product",
                false,
                &format!(
                    "{p} is geen product van deze installatie; verwacht {}",
                    super::lijstkeuze::opsomming(&namen)
                ),
            );
        }
        c.klaar()?;
        let filter = VerwijzingenFilter {
            van,
            stand,
            school: self.school,
            product: product.map(String::from),
            sortering: sortering.unwrap_or_default(),
            ..Default::default()
        };
        Ok(match periode {
            None => Some(filter),
            Some(p) => p.toegepast(filter, vandaag),
        })
    }
}

/// The referrals this actor has to do with ([`verwijzingen_van`]), of the
/// jeugdigen it may see, the newest first unless sorted otherwise, by
/// school, period and product; each listed one logged.
#[utoipa::path(get, path = "/verwijzingen", operation_id = "lijstVerwijzingen", tag = "route",
    params(PaginaVraag, VerwijzingenKeuze),
    responses((status = 200, description = "Een pagina verwijzingen waarmee de eigen organisatie te maken heeft, de nieuwste eerst",
                body = inline(PaginaAntwoord<VerwijzingDto>)),
              (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(p): Vraag<PaginaVraag>,
    Vraag(k): Vraag<VerwijzingenKeuze>,
) -> ApiResultaat<impl IntoResponse> {
    let pagina = p.pagina()?;
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let filter = k.filter(
        &state,
        (verwijzingen_van(&actor), VerwijzingStand::Alle),
        super::vandaag(),
    )?;
    let lijst = match filter {
        Some(f) => dossier.verwijzingen(&f, pagina).await?,
        None => schakel_storage::Lijst {
            items: Vec::new(),
            totaal: 0,
        },
    };
    Ok(Json(PaginaAntwoord::new(
        lijst
            .items
            .iter()
            .map(|(v, _)| VerwijzingDto::from(v.clone()))
            .collect(),
        &pagina,
        lijst.totaal,
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeveringInvoer {
    #[serde(deserialize_with = "schakel_domain::grens::periode")]
    pub datum: NaiveDate,
    /// Units of the referral's eenheid (hours, dagdelen, …), more than 0,
    /// at most two decimals.
    #[schema(value_type = f64)]
    pub hoeveelheid: Hoeveelheid,
}

/// The provider of a referral registers units delivered on one day within
/// its period; more than remains is refused (409).
#[utoipa::path(post, path = "/verwijzingen/{id}/leveringen", operation_id = "registreerLevering", tag = "route", params(("id" = i64, Path)),
    request_body = LeveringInvoer,
    responses((status = 201, description = "De verwijzing met de nieuwe levering", body = VerwijzingDto), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd),
              (status = 409, response = Conflict)))]
pub async fn lever(
    State(state): State<AppState>,
    actor: Actor,
    Pad(VerwijzingPad { id }): Pad<VerwijzingPad>,
    Invoer(l): Invoer<LeveringInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let v = registreer_levering(&dossier, id, &l).await?;
    Ok((StatusCode::CREATED, Json(VerwijzingDto::from(v))))
}

/// The provider of a referral registers delivered units on one day (the
/// API and the web page).
pub async fn registreer_levering(
    dossier: &Dossier<'_>,
    id: Id,
    l: &LeveringInvoer,
) -> ApiResultaat<Verwijzing> {
    super::leveringen::registreer(dossier, id, std::slice::from_ref(l), |_, veld| {
        veld.to_string()
    })
    .await
}
