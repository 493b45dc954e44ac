//! Managing accounts (issue 13.2): who may invite, change roles,
//! (de)activate and issue reset links, for whom. One door for the API, the
//! beheer pages and (through [`crate::account`]) the command line.
//!
//! The region's **beheerder** manages every account whose roles all lie in
//! the own region; an account elsewhere answers 404, as an unknown id. An
//! organisation's **accountbeheerder** manages only accounts whose roles all
//! lie at the own organisation and that hold no beheerder role, and grants
//! only roles at the own organisation, never beheerder; anything else is
//! 403 (an unknown id too, so ids cannot be probed). Neither grants nor
//! takes away the national role `landelijk` (403), nor reaches an account
//! that holds it (as an account elsewhere): its scope is every region, so
//! only the installation's operator manages it (`schakel account`). Every refusal and
//! every change is in the NEN 7513 log: who changed whose access, and what.

use schakel_domain::Rol;
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{Id, Lijst, Medewerker, MedewerkerFilter, Pagina, Roltoewijzing};

use crate::account::{Uitnodiging, keur_wachtwoord, maak_link, nodig_uit};
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::state::AppState;
use crate::toegangslog::Wie;

/// How long a reset link works.
pub const HERSTEL_GELDIG: chrono::Duration = chrono::Duration::hours(24);

/// The answer to an accountbeheerder acting outside the own organisation.
pub const BUITEN_EIGEN_ORGANISATIE: &str = "Een accountbeheerder beheert alleen de accounts van de eigen organisatie; de poging is gelogd.";

/// The answer to a beheerder or accountbeheerder granting or taking away
/// the national role: its scope is every region, so only the
/// installation's operator gives it (`schakel account`, logged).
pub const LANDELIJK_ALLEEN_INSTALLATIE: &str = "De rol landelijke monitoring geeft alleen de beheerder van de installatie (schakel account); de poging is gelogd.";

/// Whose accounts the actor manages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bevoegdheid {
    /// The beheerder: every organisation of this region.
    Regio(Id),
    /// The accountbeheerder: this organisation only.
    Organisatie(Id),
}

impl Bevoegdheid {
    pub fn filter(self) -> MedewerkerFilter {
        match self {
            Self::Regio(r) => MedewerkerFilter::Regio(r),
            Self::Organisatie(o) => MedewerkerFilter::EigenOrganisatie(o),
        }
    }
}

struct Beheer<'a> {
    dossier: Dossier<'a>,
    gebeurtenis: &'a str,
    actie: Actie,
}

impl Beheer<'_> {
    /// Logs a refusal about account `id` with `grond` and returns `fout`.
    async fn weiger<T>(&self, id: Option<Id>, grond: &str, fout: ApiFout) -> ApiResultaat<T> {
        let record = self.dossier.record(
            self.gebeurtenis,
            self.actie,
            None,
            ("medewerker", id),
            Uitkomst::Geweigerd,
            Some(grond),
        );
        self.dossier.state.opslag.schrijf_audit(&record).await?;
        Err(fout)
    }

    /// Logs the change (what it did, in `wat`) as allowed.
    fn toegestaan(&self, id: Id, wat: &str) -> schakel_storage::NieuwAuditRecord {
        self.dossier.record(
            self.gebeurtenis,
            self.actie,
            None,
            ("medewerker", Some(id)),
            Uitkomst::Toegestaan,
            Some(wat),
        )
    }

    fn buiten(&self) -> ApiFout {
        ApiFout::Geweigerd(BUITEN_EIGEN_ORGANISATIE.into())
    }

    /// The actor's reach; other roles are refused (403, logged).
    async fn bevoegdheid(&self) -> ApiResultaat<Bevoegdheid> {
        let actor = self.dossier.actor;
        match actor.rol.rol {
            Rol::Beheerder => Ok(Bevoegdheid::Regio(
                crate::inrichting::regio_van(self.dossier.state.opslag.as_ref(), actor).await?,
            )),
            Rol::Accountbeheerder => Ok(Bevoegdheid::Organisatie(actor.rol.organisatie)),
            _ => {
                self.weiger(
                    None,
                    "rol_niet_bevoegd",
                    ApiFout::Geweigerd(
                        "Alleen de beheerder van de regio en de accountbeheerder van een organisatie beheren accounts."
                            .into(),
                    ),
                )
                .await
            }
        }
    }

    /// Whether `b` reaches organisation `org` (an unknown one: no).
    async fn reikt(&self, b: Bevoegdheid, org: Id) -> ApiResultaat<bool> {
        Ok(match b {
            Bevoegdheid::Organisatie(o) => o == org,
            Bevoegdheid::Regio(r) => self
                .dossier
                .state
                .opslag
                .organisatie(org)
                .await?
                .is_some_and(|o| o.regio == r),
        })
    }

    /// Roles `b` may grant or take away: within its reach, and never
    /// beheerder for an accountbeheerder. An organisation the beheerder
    /// does not reach is a bad field (it may not exist); for the
    /// accountbeheerder every such role is refused (403, logged).
    async fn eis_rollen(
        &self,
        b: Bevoegdheid,
        id: Option<Id>,
        rollen: &[Roltoewijzing],
    ) -> ApiResultaat<()> {
        for r in rollen {
            if r.rol.is_landelijk() {
                return self
                    .weiger(
                        id,
                        "rol_landelijk_alleen_installatie",
                        ApiFout::Geweigerd(LANDELIJK_ALLEEN_INSTALLATIE.into()),
                    )
                    .await;
            }
            let bereikt = self.reikt(b, r.organisatie).await?;
            match b {
                Bevoegdheid::Regio(_) if !bereikt => {
                    return Err(ApiFout::veld(
                        "organisatie",
                        format!("organisatie {} bestaat niet in uw regio", r.organisatie),
                    ));
                }
                Bevoegdheid::Organisatie(_) if !bereikt => {
                    return self.weiger(id, "andere_organisatie", self.buiten()).await;
                }
                Bevoegdheid::Organisatie(_) if r.rol == Rol::Beheerder => {
                    return self
                        .weiger(
                            id,
                            "rol_beheerder_niet_toe_te_kennen",
                            ApiFout::Geweigerd(
                                "Een accountbeheerder kent de rol beheerder niet toe en neemt die niet af; de poging is gelogd."
                                    .into(),
                            ),
                        )
                        .await;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The account `id`, when the actor manages it; otherwise a logged
    /// refusal: 404 for the beheerder (unknown or another region), 403 for
    /// the accountbeheerder (unknown, another organisation, or a beheerder).
    async fn account(&self, id: Id) -> ApiResultaat<(Bevoegdheid, Medewerker)> {
        let b = self.bevoegdheid().await?;
        let m = self.dossier.state.opslag.medewerker(id).await?;
        let mut bereikt = m.as_ref().is_some_and(|m| !m.rollen.is_empty());
        for r in m.iter().flat_map(|m| &m.rollen) {
            bereikt &= self.reikt(b, r.organisatie).await?;
            bereikt &= !(matches!(b, Bevoegdheid::Organisatie(_)) && r.rol == Rol::Beheerder);
            bereikt &= !r.rol.is_landelijk();
        }
        match (b, m) {
            (_, Some(m)) if bereikt => Ok((b, m)),
            (Bevoegdheid::Regio(_), _) => {
                self.weiger(Some(id), "niet_in_regio", ApiFout::NietGevonden)
                    .await
            }
            (Bevoegdheid::Organisatie(_), _) => {
                self.weiger(Some(id), "andere_organisatie", self.buiten())
                    .await
            }
        }
    }

    /// Refuses a change of the actor's own account (400, logged): the
    /// region or organisation might be left without anyone to manage it.
    async fn niet_zelf(&self, id: Id, melding: &str) -> ApiResultaat<()> {
        if id == self.dossier.actor.medewerker.id {
            return self
                .weiger(Some(id), "eigen_account", ApiFout::veld("id", melding))
                .await;
        }
        Ok(())
    }
}

fn beheer<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    gebeurtenis: &'a str,
    actie: Actie,
) -> Beheer<'a> {
    Beheer {
        dossier: Dossier { state, actor },
        gebeurtenis,
        actie,
    }
}

/// The roles as the log says them: `zorgcoordinator@12, beleid@12`.
pub fn rollen_tekst(rollen: &[Roltoewijzing]) -> String {
    let delen: Vec<String> = rollen
        .iter()
        .map(|r| format!("{}@{}", r.rol.naam(), r.organisatie))
        .collect();
    delen.join(", ")
}

/// The accounts the actor manages, by name, optionally of one
/// organisation (which must be within reach). An accountbeheerder sees
/// only the accounts it can open: no one with a role elsewhere or the
/// beheerder role.
pub async fn lijst(
    state: &AppState,
    actor: &Actor,
    organisatie: Option<Id>,
    pagina: Pagina,
) -> ApiResultaat<(Bevoegdheid, Lijst<Medewerker>)> {
    let b = beheer(state, actor, "account.lijst", Actie::Lezen);
    let bevoegd = b.bevoegdheid().await?;
    let filter = match organisatie {
        None => bevoegd.filter(),
        Some(o) if b.reikt(bevoegd, o).await? => match bevoegd {
            Bevoegdheid::Regio(_) => MedewerkerFilter::Organisatie(o),
            Bevoegdheid::Organisatie(_) => bevoegd.filter(),
        },
        Some(_) if matches!(bevoegd, Bevoegdheid::Regio(_)) => {
            return Err(ApiFout::veld(
                "organisatie",
                "deze organisatie bestaat niet in uw regio",
            ));
        }
        Some(_) => return b.weiger(None, "andere_organisatie", b.buiten()).await,
    };
    Ok((bevoegd, state.opslag.medewerkers(filter, pagina).await?))
}

/// One account the actor manages.
pub async fn lees(state: &AppState, actor: &Actor, id: Id) -> ApiResultaat<Medewerker> {
    let b = beheer(state, actor, "account.lezen", Actie::Lezen);
    Ok(b.account(id).await?.1)
}

/// Invites an account with one role, within the actor's reach: the
/// invitation of [`nodig_uit`], by the actor.
pub async fn nodig_uit_door(
    state: &AppState,
    actor: &Actor,
    naam: &str,
    email: &str,
    rol: Roltoewijzing,
) -> ApiResultaat<Uitnodiging> {
    let b = beheer(state, actor, "account.uitnodigen", Actie::Aanmaken);
    let bevoegd = b.bevoegdheid().await?;
    b.eis_rollen(bevoegd, None, &[rol]).await?;
    if naam.trim().is_empty() {
        return Err(ApiFout::veld("naam", "verplicht"));
    }
    let door = Wie {
        medewerker: Some(actor.medewerker.id),
        rol: Some(actor.rol),
    };
    nodig_uit(
        state.opslag.as_ref(),
        naam,
        email,
        rol,
        door,
        &actor.herkomst,
        false,
    )
    .await
}

/// Replaces an account's roles. What is granted or taken away must be
/// within the actor's reach; at least one role stays (deactivate to end
/// all access); the own roles are not changed here. A role taken away
/// ends its sessions and tokens at once.
pub async fn zet_rollen(
    state: &AppState,
    actor: &Actor,
    id: Id,
    rollen: &[Roltoewijzing],
) -> ApiResultaat<Medewerker> {
    let b = beheer(state, actor, "account.rollen", Actie::Wijzigen);
    let (bevoegd, m) = b.account(id).await?;
    b.niet_zelf(id, "u kunt uw eigen rollen niet wijzigen")
        .await?;
    let mut nieuw: Vec<Roltoewijzing> = Vec::new();
    for r in rollen {
        if !nieuw.contains(r) {
            nieuw.push(*r);
        }
    }
    if nieuw.is_empty() {
        return Err(ApiFout::veld(
            "rollen",
            "geef minstens één rol; deactiveer het account om alle toegang te beëindigen",
        ));
    }
    let veranderd: Vec<Roltoewijzing> = nieuw
        .iter()
        .filter(|r| !m.rollen.contains(r))
        .chain(m.rollen.iter().filter(|r| !nieuw.contains(r)))
        .copied()
        .collect();
    b.eis_rollen(bevoegd, Some(id), &veranderd).await?;
    let wat = format!(
        "rollen: {} (was: {})",
        rollen_tekst(&nieuw),
        rollen_tekst(&m.rollen)
    );
    Ok(state
        .opslag
        .zet_rollen(id, &nieuw, &b.toegestaan(id, &wat))
        .await?)
}

/// Deactivates (ending every session and API token at once) or reactivates
/// an account the actor manages; not the own account.
pub async fn zet_actief(
    state: &AppState,
    actor: &Actor,
    id: Id,
    actief: bool,
) -> ApiResultaat<Medewerker> {
    let gebeurtenis = if actief {
        "account.heractiveren"
    } else {
        "account.deactiveren"
    };
    let b = beheer(state, actor, gebeurtenis, Actie::Wijzigen);
    let (bevoegd, _) = b.account(id).await?;
    if !actief {
        b.niet_zelf(id, "u kunt uw eigen account niet deactiveren")
            .await?;
    }
    let grond = match bevoegd {
        Bevoegdheid::Regio(_) => "beheerder_regio",
        Bevoegdheid::Organisatie(_) => "accountbeheerder_organisatie",
    };
    let record = b.toegestaan(id, grond);
    Ok(state
        .opslag
        .zet_medewerker_actief(id, actief, &record)
        .await?)
}

/// A one-time reset link for an active account the actor manages, valid
/// [`HERSTEL_GELDIG`]: it leads to the page that sets a new password (the
/// activation page), and using it ends the account's sessions.
pub async fn herstellink(state: &AppState, actor: &Actor, id: Id) -> ApiResultaat<Uitnodiging> {
    let b = beheer(state, actor, "account.herstellink", Actie::Aanmaken);
    let (_, m) = b.account(id).await?;
    b.niet_zelf(id, "wijzig uw eigen wachtwoord via Mijn account")
        .await?;
    if !m.actief {
        return Err(ApiFout::veld(
            "id",
            "dit account is gedeactiveerd; heractiveer het eerst",
        ));
    }
    let record = b.toegestaan(id, "herstellink, 24 uur geldig");
    let (geheim, verloopt) = maak_link(state.opslag.as_ref(), id, HERSTEL_GELDIG, &record).await?;
    Ok(Uitnodiging {
        medewerker: m,
        geheim,
        verloopt,
    })
}

/// Removes a lost second factor (issue 13.3): every authenticator app,
/// passkey and recovery code of an account the actor manages, and ends
/// its sessions and waiting logins at once; the next login enrols a
/// factor anew. Not the own account (a colleague who manages it does
/// that). Audited as `tweede_factor.verwijderen`: who removed whose
/// factors, and how many. Returns how many factors were removed.
pub async fn verwijder_tweede_factoren(
    state: &AppState,
    actor: &Actor,
    id: Id,
) -> ApiResultaat<u64> {
    let b = beheer(
        state,
        actor,
        "tweede_factor.verwijderen",
        Actie::Verwijderen,
    );
    let (bevoegd, _) = b.account(id).await?;
    b.niet_zelf(
        id,
        "verwijder uw eigen tweede factor niet zelf; vraag een andere beheerder",
    )
    .await?;
    let aantal = state.opslag.tweede_factoren(id).await?.len();
    let grond = match bevoegd {
        Bevoegdheid::Regio(_) => "beheerder_regio",
        Bevoegdheid::Organisatie(_) => "accountbeheerder_organisatie",
    };
    let wat = format!(
        "{grond}; {aantal} tweede factor(en) en herstelcodes verwijderd, sessies beëindigd"
    );
    Ok(state
        .opslag
        .verwijder_tweede_factoren(id, &b.toegestaan(id, &wat))
        .await?)
}

/// The user's own password change: the current password must be right
/// (checked as a login is, with the same failed-login counters), the new
/// one pass [`keur_wachtwoord`]. Every other session of the account ends;
/// the one with token hash `behoud` (the session that asks) stays.
pub async fn wijzig_wachtwoord(
    state: &AppState,
    actor: &Actor,
    adres: std::net::IpAddr,
    huidig: &str,
    nieuw: &str,
    behoud: Option<&str>,
) -> ApiResultaat<()> {
    let email = &actor.medewerker.email;
    match crate::api::sessies::controleer_wachtwoord(state, adres, &actor.herkomst, email, huidig)
        .await
    {
        Ok(_) => {}
        Err(ApiFout::NietIngelogd) => {
            return Err(ApiFout::veld(
                "huidigWachtwoord",
                "dit is niet uw huidige wachtwoord",
            ));
        }
        Err(f) => return Err(f),
    }
    keur_wachtwoord(nieuw, email).map_err(|r| ApiFout::veld("nieuwWachtwoord", r))?;
    let w = nieuw.to_string();
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_wachtwoord(&w))
        .await
        .map_err(ApiFout::intern)??;
    let b = beheer(state, actor, "account.wachtwoord", Actie::Wijzigen);
    let id = actor.medewerker.id;
    let record = b.toegestaan(id, "eigen wachtwoord gewijzigd; andere sessies beëindigd");
    Ok(state
        .opslag
        .zet_wachtwoord(id, &hash, behoud, &record)
        .await?)
}

/// A link as handed out: the full address, and whether it was e-mailed.
#[derive(Debug, Clone)]
pub struct Bezorgd {
    pub link: String,
    pub verstuurd: bool,
}

/// The link's full address (`basis_url` + `/activeren/<secret>`), e-mailed
/// to the account when SMTP is configured. A failed delivery is logged
/// (without the link) and reported as not sent; the link is shown anyway.
pub async fn bezorg(state: &AppState, soort: crate::post::Soort, u: &Uitnodiging) -> Bezorgd {
    let link = format!(
        "{}{}",
        state.instellingen.basis_url.trim_end_matches('/'),
        u.pad()
    );
    let mut verstuurd = false;
    if let Some(post) = &state.instellingen.post {
        let tot = crate::web::opmaak::moment(u.verloopt);
        match post
            .stuur(soort, &u.medewerker.naam, &u.medewerker.email, &link, &tot)
            .await
        {
            Ok(()) => verstuurd = true,
            Err(e) => {
                tracing::warn!(medewerker = u.medewerker.id, fout = %e, "link niet verstuurd")
            }
        }
    }
    Bezorgd { link, verstuurd }
}
