//! Access to a jeugdige's data: need to know, deny by default, every access
//! logged (NEN 7513) — allowed or refused — before any data leaves.

use schakel_domain::toegang::Relaties;
use schakel_domain::toegang::{self, Grond, Weigering};
use schakel_domain::{Bsn, OrganisatieSoort, Rol};
use schakel_storage::audit::{Actie, Uitkomst, nu};
use schakel_storage::{
    Huishouden, Id, Jeugdige, JeugdigeWijziging, JeugdigenFilter, Lijst, NieuwAuditRecord,
    NieuweJeugdige, Organisatie, Pagina, Verwijzing, VerwijzingenFilter,
};

use crate::auth::Actor;
use crate::fout::{ApiFout, ApiResultaat};
use crate::state::AppState;

/// Roles that may register households, jeugdigen and their relations.
pub const REGISTREREN: [Rol; 4] = [
    Rol::Zorgcoordinator,
    Rol::Casusregisseur,
    Rol::Wijkteammedewerker,
    Rol::Verwijzer,
];

/// The organisation `id` named in the field `veld`, when it is of kind
/// `soort`; otherwise a 400 that names the field and the kind it takes. An
/// organisation-typed field never takes another kind (a provider or the
/// gemeente as a pupil's school, …).
pub async fn organisatie_van_soort(
    state: &AppState,
    id: Id,
    soort: OrganisatieSoort,
    veld: &str,
) -> ApiResultaat<Organisatie> {
    let soortnaam = crate::web::opmaak::organisatiesoort;
    match state.opslag.organisatie(id).await? {
        Some(o) if o.soort == soort => Ok(o),
        Some(o) => Err(ApiFout::veld(
            veld,
            format!(
                "verwijst naar een organisatie van soort {}; hier past alleen een organisatie van soort {}",
                soortnaam(o.soort),
                soortnaam(soort)
            ),
        )),
        None => Err(ApiFout::veld(
            veld,
            format!(
                "verwijst naar een organisatie die niet bestaat; hier past een organisatie van soort {}",
                soortnaam(soort)
            ),
        )),
    }
}

/// Why a role without a relation may not see a jeugdige — said as well for
/// an id that does not exist, so the answer does not tell them apart.
pub const GEEN_RELATIE: &str = "U heeft geen relatie met deze jeugdige die inzage rechtvaardigt";

/// The audit ground of an attempt on an id that does not exist.
pub const ONBEKEND_ID: &str = "onbekend_id";

pub struct Dossier<'a> {
    pub state: &'a AppState,
    pub actor: &'a Actor,
}

pub fn grond_naam(g: Grond) -> &'static str {
    match g {
        Grond::OpenHulpvraag => "open_hulpvraag",
        Grond::EigenWijkteamCasus => "eigen_wijkteam_casus",
        Grond::PartijBijCasus => "partij_bij_casus",
        Grond::AanbiederMetVerwijzing => "aanbieder_met_verwijzing",
        Grond::Noodtoegang => crate::api::noodtoegang::GROND,
    }
}

fn weigering_naam(w: Weigering) -> &'static str {
    match w {
        Weigering::RolZonderDossiertoegang => "rol_zonder_dossiertoegang",
        Weigering::GeenRelatie => "geen_relatie",
        Weigering::AlleenLezen => "alleen_lezen",
    }
}

impl Dossier<'_> {
    pub fn pseudoniem(&self, bsn: &Bsn) -> String {
        bsn.pseudoniem(&self.state.instellingen.pseudoniem_sleutel)
    }

    /// An audit record for this actor; `client` is pseudonymised here.
    pub fn record(
        &self,
        gebeurtenis: &str,
        actie: Actie,
        client: Option<&Bsn>,
        object: (&str, Option<Id>),
        uitkomst: Uitkomst,
        grond: Option<&str>,
    ) -> NieuwAuditRecord {
        NieuwAuditRecord {
            gebeurtenis: gebeurtenis.into(),
            actie,
            tijdstip: nu(),
            gebruiker: Some(self.actor.medewerker.id),
            rol: Some(self.actor.rol.rol),
            organisatie: Some(self.actor.rol.organisatie),
            namens: None,
            client_type: client.map(|_| "bsn-pseudoniem".to_string()),
            client: client.map(|b| self.pseudoniem(b)),
            object_type: object.0.into(),
            object_id: object.1,
            uitkomst,
            grond: grond.map(String::from),
            bron: self.actor.herkomst.clone(),
            systeem: "schakel".into(),
        }
    }

    pub fn eis_rol(&self, rollen: &[Rol], wat: &str) -> ApiResultaat<()> {
        if rollen.contains(&self.actor.rol.rol) {
            Ok(())
        } else {
            Err(ApiFout::Geweigerd(format!(
                "De rol {} mag geen {wat}.",
                self.actor.rol.rol.naam()
            )))
        }
    }

    async fn relaties(&self, j: &Jeugdige) -> ApiResultaat<toegang::Relaties> {
        self.relaties_van(j.id).await
    }

    /// The facts between this actor's organisation and a jeugdige as they
    /// hold today (a referral ends its access after the nawerking): what
    /// every decision about a jeugdige rests on.
    async fn relaties_van(&self, jeugdige: Id) -> ApiResultaat<toegang::Relaties> {
        let r = self
            .state
            .opslag
            .relaties(jeugdige, self.actor.rol.organisatie)
            .await?;
        Ok(r.op(crate::api::vandaag(), &self.state.instellingen.termijnen))
    }

    /// Decides by `beleid`, logs, and only then hands out. Reads are logged
    /// when allowed too; an allowed write is logged by the write itself.
    pub(crate) async fn toegang(
        &self,
        j: &Jeugdige,
        gebeurtenis: &str,
        actie: Actie,
        beleid: fn(Rol, &toegang::Relaties) -> Result<Grond, Weigering>,
    ) -> ApiResultaat<Grond> {
        let besluit = self.besluit(j, actie, beleid).await?;
        let (uitkomst, grond) = match besluit {
            Ok(g) => (Uitkomst::Toegestaan, grond_naam(g)),
            Err(w) => (Uitkomst::Geweigerd, weigering_naam(w)),
        };
        if actie == Actie::Lezen || uitkomst == Uitkomst::Geweigerd {
            let record = self.record(
                gebeurtenis,
                actie,
                Some(&j.bsn),
                ("jeugdige", Some(j.id)),
                uitkomst,
                Some(grond),
            );
            self.state.opslag.schrijf_audit(&record).await?;
        }
        besluit.map_err(|w| {
            self.log_weigering("jeugdige", j.id, weigering_naam(w));
            ApiFout::Geweigerd(match w {
                Weigering::AlleenLezen => format!(
                    "De rol {} mag de gegevens van deze jeugdige inzien, niet wijzigen; de poging is gelogd.",
                    self.actor.rol.rol.naam()
                ),
                _ => format!("{GEEN_RELATIE}; de poging is gelogd."),
            })
        })
    }

    /// The decision alone, neither logged nor handed out.
    async fn besluit(
        &self,
        j: &Jeugdige,
        actie: Actie,
        beleid: fn(Rol, &toegang::Relaties) -> Result<Grond, Weigering>,
    ) -> ApiResultaat<Result<Grond, Weigering>> {
        let relaties = self.relaties(j).await?;
        let besluit = beleid(self.actor.rol.rol, &relaties);
        // A break-the-glass grant on the household's closed case opens its
        // jeugdigen to reads by that user while it holds; nothing else.
        if besluit.is_err()
            && actie == Actie::Lezen
            && self.noodtoegang_huishouden(j.huishouden).await?
        {
            return Ok(Ok(Grond::Noodtoegang));
        }
        Ok(besluit)
    }

    /// Whether this actor may open the jeugdige's own page now: a page
    /// links to it only then (issue 16.4). Deciding opens nothing, so
    /// nothing is logged.
    pub async fn mag_openen(&self, j: &Jeugdige) -> ApiResultaat<bool> {
        Ok(self
            .besluit(j, Actie::Lezen, toegang::mag_zien)
            .await?
            .is_ok())
    }

    /// Whether a break-the-glass grant of this user holds on a closed case
    /// of `huishouden`.
    async fn noodtoegang_huishouden(&self, huishouden: Id) -> ApiResultaat<bool> {
        Ok(self
            .lopend()
            .await?
            .iter()
            .any(|n| n.huishouden == huishouden))
    }

    /// A refusal in the application log: ids and the reason, never a BSN
    /// or a name.
    pub fn log_weigering(&self, object: &str, id: Id, reden: &str) {
        tracing::warn!(
            medewerker = self.actor.medewerker.id,
            rol = self.actor.rol.rol.naam(),
            object,
            id,
            reden,
            "toegang geweigerd"
        );
    }

    /// Whether this actor's organisation works with a household: it
    /// registered it, or the actor may see at least one of its jeugdigen.
    /// Household ids are guessable, and whatever is added to a stranger's
    /// household joins that household's record.
    pub async fn ziet_huishouden(&self, h: &Huishouden) -> ApiResultaat<bool> {
        if h.aangemaakt_door == Some(self.actor.rol.organisatie) {
            return Ok(true);
        }
        for id in &h.jeugdigen {
            let relaties = self.relaties_van(*id).await?;
            if toegang::mag_zien(self.actor.rol.rol, &relaties).is_ok() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// A jeugdige by id, or — when there is none — the refusal a role
    /// without a relation gets (issue 12, item 9): an unknown id and one
    /// the caller may not see answer the same, so ids cannot be probed.
    /// The attempt is audited either way.
    pub(crate) async fn jeugdige_of_weigering(
        &self,
        id: Id,
        gebeurtenis: &str,
        actie: Actie,
    ) -> ApiResultaat<Jeugdige> {
        match self.state.opslag.jeugdige(id).await? {
            Some(j) => Ok(j),
            None => Err(self
                .weiger(
                    gebeurtenis,
                    actie,
                    None,
                    ("jeugdige", Some(id)),
                    ONBEKEND_ID,
                    GEEN_RELATIE.into(),
                )
                .await),
        }
    }

    pub async fn lees(&self, id: Id) -> ApiResultaat<Jeugdige> {
        self.lees_voor(id, "jeugdige.lezen").await
    }

    /// As [`lees`](Self::lees), logged as `gebeurtenis`: what the read was
    /// for (the record itself, or advice derived from it).
    pub async fn lees_voor(&self, id: Id, gebeurtenis: &str) -> ApiResultaat<Jeugdige> {
        let j = self
            .jeugdige_of_weigering(id, gebeurtenis, Actie::Lezen)
            .await?;
        self.toegang(&j, gebeurtenis, Actie::Lezen, toegang::mag_zien)
            .await?;
        Ok(j)
    }

    pub async fn wijzig(
        &self,
        id: Id,
        versie: i64,
        w: &JeugdigeWijziging,
    ) -> ApiResultaat<Jeugdige> {
        let j = self
            .jeugdige_of_weigering(id, "jeugdige.wijzigen", Actie::Wijzigen)
            .await?;
        let grond = self
            .toegang(
                &j,
                "jeugdige.wijzigen",
                Actie::Wijzigen,
                toegang::mag_wijzigen,
            )
            .await?;
        self.eis_school(w).await?;
        self.eis_geen_overschrijving(&j, w).await?;
        let record = self.record(
            "jeugdige.wijzigen",
            Actie::Wijzigen,
            Some(&j.bsn),
            ("jeugdige", Some(id)),
            Uitkomst::Toegestaan,
            Some(grond_naam(grond)),
        );
        Ok(self
            .state
            .opslag
            .wijzig_jeugdige(id, versie, w, &record)
            .await?)
    }

    /// Registers a jeugdige in a household: only in one without jeugdigen
    /// yet (just registered), or in one where this actor may see at least
    /// one jeugdige already. Household ids are guessable, and a jeugdige
    /// placed in a stranger's household would join that household's record.
    /// A refusal — by role or by household — is logged, with the pseudonym
    /// of the BSN it was for. The BSN is checked as
    /// [`controleer_bsn`](Self::controleer_bsn) does, after the role.
    pub async fn maak(&self, nieuw: &NieuweJeugdige) -> ApiResultaat<Jeugdige> {
        self.eis_registratierol(&nieuw.bsn).await?;
        self.eis_school(&nieuw.gegevens).await?;
        self.eis_huishouden(nieuw).await?;
        self.controleer_bsn(&nieuw.bsn).await?;
        self.sla_op(nieuw).await
    }

    /// As [`maak`](Self::maak), for a form that checked the role and the
    /// BSN already (with [`mag_registreren_met`](Self::mag_registreren_met))
    /// before it stored anything else: the BSN is not checked (and counted)
    /// twice; the store still refuses a BSN that exists.
    pub async fn maak_na_controle(&self, nieuw: &NieuweJeugdige) -> ApiResultaat<Jeugdige> {
        self.eis_registratierol(&nieuw.bsn).await?;
        self.eis_school(&nieuw.gegevens).await?;
        self.eis_huishouden(nieuw).await?;
        self.sla_op(nieuw).await
    }

    /// What a registration form checks before it stores anything: the role
    /// first, then the school field, then the BSN.
    pub async fn mag_registreren_met(&self, nieuw: &NieuweJeugdige) -> ApiResultaat<()> {
        self.eis_registratierol(&nieuw.bsn).await?;
        self.eis_school(&nieuw.gegevens).await?;
        self.controleer_bsn(&nieuw.bsn).await
    }

    /// The `school` field takes a school only (issue 12: not a provider,
    /// not the gemeente).
    async fn eis_school(&self, g: &JeugdigeWijziging) -> ApiResultaat<()> {
        if let Some(s) = g.school {
            organisatie_van_soort(self.state, s, OrganisatieSoort::School, "school").await?;
        }
        Ok(())
    }

    /// A school does not move its pupil into another school's list: that
    /// is the receiving school's act, or the parents'. It may leave the
    /// field empty when the pupil leaves. The refusal is logged.
    async fn eis_geen_overschrijving(
        &self,
        j: &Jeugdige,
        w: &JeugdigeWijziging,
    ) -> ApiResultaat<()> {
        let eigen = self.actor.rol.organisatie;
        let naar_ander = self.actor.rol.rol == Rol::Zorgcoordinator
            && w.school.is_some_and(|s| s != eigen)
            && w.school != j.gegevens.school;
        if !naar_ander {
            return Ok(());
        }
        let record = self.record(
            "jeugdige.wijzigen",
            Actie::Wijzigen,
            Some(&j.bsn),
            ("jeugdige", Some(j.id)),
            Uitkomst::Geweigerd,
            Some("school_schrijft_niet_over"),
        );
        self.state.opslag.schrijf_audit(&record).await?;
        self.log_weigering("jeugdige", j.id, "school_schrijft_niet_over");
        Err(ApiFout::veld(
            "school",
            "een school schrijft een leerling niet in bij een andere school; dat doet die school of doen de ouders (laat het veld leeg als de leerling vertrekt)",
        ))
    }

    fn registratierecord(
        &self,
        bsn: &Bsn,
        object: (&str, Option<Id>),
        uitkomst: Uitkomst,
        grond: &str,
    ) -> NieuwAuditRecord {
        self.record(
            "jeugdige.aanmaken",
            Actie::Aanmaken,
            Some(bsn),
            object,
            uitkomst,
            Some(grond),
        )
    }

    /// Only the registering roles register a jeugdige; a refusal is logged
    /// with the pseudonym of the BSN it was for. Nothing about the BSN is
    /// looked up before this passes.
    async fn eis_registratierol(&self, bsn: &Bsn) -> ApiResultaat<()> {
        if let Err(fout) = self.eis_rol(&REGISTREREN, "jeugdigen registreren") {
            let record = self.registratierecord(
                bsn,
                ("jeugdige", None),
                Uitkomst::Geweigerd,
                "rol_mag_niet_registreren",
            );
            self.state.opslag.schrijf_audit(&record).await?;
            return Err(fout);
        }
        Ok(())
    }

    async fn eis_huishouden(&self, nieuw: &NieuweJeugdige) -> ApiResultaat<()> {
        // An unknown household is named as the store names it, before the
        // BSN is looked up.
        let Some(h) = self.state.opslag.huishouden(nieuw.huishouden).await? else {
            return Err(
                schakel_storage::OpslagFout::OnbekendeVerwijzing("huishouden".into()).into(),
            );
        };
        if !self.ziet_huishouden(&h).await? {
            let record = self.registratierecord(
                &nieuw.bsn,
                ("huishouden", Some(h.id)),
                Uitkomst::Geweigerd,
                "geen_relatie_met_huishouden",
            );
            self.state.opslag.schrijf_audit(&record).await?;
            self.log_weigering("huishouden", h.id, "geen_relatie_met_huishouden");
            return Err(ApiFout::Geweigerd(
                "U kunt een jeugdige alleen toevoegen aan een huishouden dat uw organisatie \
                 registreerde of waarvan u een jeugdige mag zien; de poging is gelogd."
                    .into(),
            ));
        }
        Ok(())
    }

    async fn sla_op(&self, nieuw: &NieuweJeugdige) -> ApiResultaat<Jeugdige> {
        let record = self.registratierecord(
            &nieuw.bsn,
            ("jeugdige", None),
            Uitkomst::Toegestaan,
            "registratie",
        );
        Ok(self.state.opslag.maak_jeugdige(nieuw, &record).await?)
    }

    /// Whether a jeugdige may be registered with this BSN, asked by a role
    /// that may register (no BSN oracle, issue 12). Each check counts
    /// against the account's hourly limit (kept in the database, so every
    /// server instance shares it; over it: 429 with Retry-After) and is
    /// logged as `bsn.controle` with the BSN's pseudonym and its outcome:
    /// `te_veel_controles`, `onbekend`, `bekend_zichtbaar` or
    /// `bekend_niet_zichtbaar`. That a jeugdige with this BSN exists is said
    /// only to whom may see that jeugdige; anyone else learns only that
    /// this registration cannot go ahead — the least a registrant must
    /// know — and each such answer is in the log and in the child's inzage.
    pub async fn controleer_bsn(&self, bsn: &Bsn) -> ApiResultaat<()> {
        let log = |uitkomst, grond: &str, id| {
            let record = self.record(
                "bsn.controle",
                Actie::Lezen,
                Some(bsn),
                ("jeugdige", id),
                uitkomst,
                Some(grond),
            );
            async move { self.state.opslag.schrijf_audit(&record).await }
        };
        let nu = chrono::Utc::now();
        let uur = chrono::Duration::hours(1);
        let sleutel = format!("bsn-controle:{}", self.actor.medewerker.id);
        let (aantal, begin) = self.state.opslag.tel_poging(&sleutel, nu, uur).await?;
        if aantal > self.state.instellingen.bsn_controles_per_uur {
            log(Uitkomst::Geweigerd, "te_veel_controles", None).await?;
            self.log_weigering("bsn", 0, "te_veel_controles");
            let over = (begin + uur - nu).num_seconds().max(1);
            return Err(ApiFout::TeVeel {
                opnieuw_na: u64::try_from(over).unwrap_or(1),
            });
        }
        let Some(j) = self.state.opslag.jeugdige_op_bsn(bsn).await? else {
            log(Uitkomst::Toegestaan, "onbekend", None).await?;
            return Ok(());
        };
        let relaties = self.relaties(&j).await?;
        if toegang::mag_zien(self.actor.rol.rol, &relaties).is_ok() {
            log(Uitkomst::Toegestaan, "bekend_zichtbaar", Some(j.id)).await?;
            return Err(ApiFout::Conflict(format!(
                "Met dit BSN is al een jeugdige geregistreerd (jeugdige {}); open die in plaats van een nieuwe te registreren",
                j.id
            )));
        }
        log(Uitkomst::Geweigerd, "bekend_niet_zichtbaar", None).await?;
        Err(ApiFout::Conflict(
            "Deze jeugdige kan hier niet worden geregistreerd. Vraag de beheerder van uw regio om hulp; de poging is gelogd"
                .into(),
        ))
    }

    /// Refused for a role that sees no personal data.
    fn eis_dossierrol(&self) -> ApiResultaat<()> {
        if self.actor.rol.rol.ziet_dossiers() {
            Ok(())
        } else {
            Err(ApiFout::Geweigerd(format!(
                "De rol {} ziet geen persoonsgegevens.",
                self.actor.rol.rol.naam()
            )))
        }
    }

    /// The jeugdigen this actor may see, each read logged.
    pub async fn lijst(&self, pagina: Pagina) -> ApiResultaat<Lijst<Jeugdige>> {
        self.zoek(&JeugdigenFilter::default(), pagina).await
    }

    /// The jeugdigen this actor may see that match `filter`, each read
    /// logged. A search by BSN that finds no one this actor may see is
    /// logged too (`jeugdige.zoek_bsn`, refused, with the BSN's pseudonym):
    /// every BSN check leaves a trace, found or not.
    pub async fn zoek(
        &self,
        filter: &JeugdigenFilter,
        pagina: Pagina,
    ) -> ApiResultaat<Lijst<Jeugdige>> {
        if let Err(geweigerd) = self.eis_dossierrol() {
            if let Some(bsn) = &filter.bsn {
                let record = self.record(
                    "jeugdige.zoek_bsn",
                    Actie::Lezen,
                    Some(bsn),
                    ("jeugdige", None),
                    Uitkomst::Geweigerd,
                    Some("rol ziet geen persoonsgegevens"),
                );
                self.state.opslag.schrijf_audits(vec![record]).await?;
            }
            return Err(geweigerd);
        }
        let (patronen, grens) = self.zicht();
        let lijst = self
            .state
            .opslag
            .jeugdigen_met_relatie(self.actor.rol.organisatie, patronen, grens, filter, pagina)
            .await?;
        let (zichtbaar, mut records) = self
            .gelijst(lijst.items.into_iter().map(|(j, r)| ((), j, r)), |j, _| {
                ("jeugdige.lijst", ("jeugdige", Some(j.id)))
            });
        let zichtbaar: Vec<Jeugdige> = zichtbaar.into_iter().map(|(_, j)| j).collect();
        if let (Some(bsn), true) = (&filter.bsn, zichtbaar.is_empty()) {
            records.push(self.record(
                "jeugdige.zoek_bsn",
                Actie::Lezen,
                Some(bsn),
                ("jeugdige", None),
                Uitkomst::Geweigerd,
                Some("geen jeugdige met een relatie gevonden"),
            ));
        }
        self.state.opslag.schrijf_audits(records).await?;
        Ok(Lijst {
            items: zichtbaar,
            totaal: lijst.totaal,
        })
    }

    /// The referrals of the jeugdigen this actor may see, as `filter`
    /// narrows them, each listed referral logged (`verwijzing.lijst`).
    pub async fn verwijzingen(
        &self,
        filter: &VerwijzingenFilter,
        pagina: Pagina,
    ) -> ApiResultaat<Lijst<(Verwijzing, Jeugdige)>> {
        self.eis_dossierrol()?;
        let (patronen, grens) = self.zicht();
        let lijst = self
            .state
            .opslag
            .verwijzingen_met_relatie(self.actor.rol.organisatie, patronen, grens, filter, pagina)
            .await?;
        let (zichtbaar, records) = self.gelijst(lijst.items, |_, v: &Verwijzing| {
            ("verwijzing.lijst", ("verwijzing", Some(v.id)))
        });
        self.state.opslag.schrijf_audits(records).await?;
        Ok(Lijst {
            items: zichtbaar,
            totaal: lijst.totaal,
        })
    }

    /// This role's access patterns and the referral bound of today: what
    /// the store's lists filter on.
    fn zicht(&self) -> (i64, chrono::NaiveDate) {
        let vandaag = crate::api::vandaag();
        (
            toegang::patronen(self.actor.rol.rol),
            toegang::verwijzing_grens(vandaag, &self.state.instellingen.termijnen),
        )
    }

    /// What the policy lets this actor see of a list the store filtered by
    /// the same policy — applied again here for the ground each read is
    /// logged with — and the records (`wat` names each one's event and
    /// object), to be written in one transaction before the items go out.
    fn gelijst<T>(
        &self,
        items: impl IntoIterator<Item = (T, Jeugdige, Relaties)>,
        wat: impl Fn(&Jeugdige, &T) -> (&'static str, (&'static str, Option<Id>)),
    ) -> (Vec<(T, Jeugdige)>, Vec<NieuwAuditRecord>) {
        let (rol, vandaag) = (self.actor.rol.rol, crate::api::vandaag());
        let termijnen = &self.state.instellingen.termijnen;
        let mut zichtbaar = Vec::new();
        let mut records = Vec::new();
        for (t, j, relaties) in items {
            if let Ok(g) = toegang::mag_zien(rol, &relaties.op(vandaag, termijnen)) {
                let (gebeurtenis, object) = wat(&j, &t);
                records.push(self.record(
                    gebeurtenis,
                    Actie::Lezen,
                    Some(&j.bsn),
                    object,
                    Uitkomst::Toegestaan,
                    Some(grond_naam(g)),
                ));
                zichtbaar.push((t, j));
            }
        }
        (zichtbaar, records)
    }
}
