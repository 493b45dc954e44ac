//! Every [`Opslag`] operation, once: what is read, checked, written,
//! recomputed and audited, in which transaction. Compiled into each backend
//! crate (`#[path]`), where `crate::DezeOpslag` is that backend's store and
//! `crate::motor` says what differs between the engines. The few
//! operations that differ in substance (`eigen_*`) are the backend's own.

use std::path::Path;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use schakel_domain::toegang::Relaties;
use schakel_domain::{Agb, Brin, Bsn, GemeenteCode};
use schakel_storage::een_plan;
use schakel_storage::klok;
use schakel_storage::{Aanmelding, NieuweTweedeFactor, TweedeFactor};
use schakel_storage::{
    Actiepunt, ActiepuntFilter, CasusGebeurtenis, Door, MaatwerkFilter, MonitoringCel,
    MonitoringVraag, NieuwActiepunt, NieuweBeoordeling, NieuweCasusGebeurtenis, NieuweLevering,
    NieuweVerwijzing, Verwijzing,
};
use schakel_storage::{
    Activatie, ApiToken, AuditRecord, AuditSchakel, Casus, Huishouden, Hulpvraag, Id, Jeugdige,
    JeugdigeWijziging, Lijst, Medewerker, NieuwApiToken, NieuwAuditRecord, NieuwHuishouden,
    NieuweCasus, NieuweHulpvraag, NieuweJeugdige, NieuweMedewerker, NieuweOrganisatie, NieuweRegio,
    Opslag, OpslagFout, Organisatie, Pagina, Regio, Resultaat, RetentieItem, Roltoewijzing, Sessie,
    TokenFilter, Triagebesluit, bewaren_tot,
};
use schakel_storage::{SsoInstelling, SsoKoppeling, SsoPoging};

use super::*;
use crate::motor::{
    VOOR_WIJZIGING, datum, datum_db, fout, kol, tijd, tijd_db, vergrendel, voeg_rollen_toe,
    voor_wijziging_van,
};
use crate::sql::basis::{ORGANISATIE_BESTAAT, eis, eis_rol};
use crate::sql::rij::rol_in_rij;
use basis::raak_huishouden_aan;
use kern::*;

/// Runs `$werk` (which uses the connection `$tx`) in a write transaction
/// and commits it: the shape of most write operations.
macro_rules! schrijvend {
    ($self:ident, $tx:ident, $werk:expr) => {{
        let mut $tx = $self.schrijf().await?;
        let uit = $werk;
        $tx.commit().await.map_err(fout)?;
        Ok(uit)
    }};
}

/// Runs `$werk` in a read transaction (one snapshot) and ends it.
macro_rules! lezend {
    ($self:ident, $tx:ident, $werk:expr) => {{
        let mut $tx = $self.lees().await?;
        let uit = $werk;
        $tx.commit().await.map_err(fout)?;
        Ok(uit)
    }};
}

#[async_trait]
impl Opslag for crate::DezeOpslag {
    fn backend(&self) -> &'static str {
        self.eigen_backend()
    }

    async fn maak_regio(&self, r: &NieuweRegio) -> Resultaat<Regio> {
        let id: Id =
            sqlx::query_scalar("INSERT INTO regio (code, naam) VALUES ($1, $2) RETURNING id")
                .bind(&r.code)
                .bind(&r.naam)
                .fetch_one(&self.pool)
                .await
                .map_err(fout)?;
        Ok(Regio {
            id,
            code: r.code.clone(),
            naam: r.naam.clone(),
        })
    }

    async fn regio_op_code(&self, code: &str) -> Resultaat<Option<Regio>> {
        let rij: Option<(Id, String, String)> =
            sqlx::query_as("SELECT id, code, naam FROM regio WHERE code = $1")
                .bind(code)
                .fetch_optional(&self.pool)
                .await
                .map_err(fout)?;
        Ok(rij.map(|(id, code, naam)| Regio { id, code, naam }))
    }

    async fn alle_regios(&self) -> Resultaat<Vec<Regio>> {
        let rijen: Vec<(Id, String, String)> =
            sqlx::query_as("SELECT id, code, naam FROM regio ORDER BY id")
                .fetch_all(&self.pool)
                .await
                .map_err(fout)?;
        Ok(rijen
            .into_iter()
            .map(|(id, code, naam)| Regio { id, code, naam })
            .collect())
    }

    async fn maak_organisatie(&self, o: &NieuweOrganisatie) -> Resultaat<Organisatie> {
        let mut tx = self.schrijf().await?;
        eis(
            &mut tx,
            "SELECT 1 FROM regio WHERE id = $1",
            o.regio,
            "regio",
        )
        .await?;
        let rij = sqlx::query(
            "INSERT INTO organisatie (regio, naam, soort, gemeente, brin, agb) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             RETURNING id, regio, naam, soort, gemeente, brin, agb",
        )
        .bind(o.regio)
        .bind(&o.naam)
        .bind(o.soort.naam())
        .bind(o.gemeente.as_ref().map(GemeenteCode::als_tekst))
        .bind(o.brin.as_ref().map(Brin::als_tekst))
        .bind(o.agb.as_ref().map(Agb::als_tekst))
        .fetch_one(&mut *tx)
        .await
        .map_err(fout)?;
        tx.commit().await.map_err(fout)?;
        organisatie_uit(&rij)
    }

    async fn organisatie(&self, id: Id) -> Resultaat<Option<Organisatie>> {
        sqlx::query(
            "SELECT id, regio, naam, soort, gemeente, brin, agb FROM organisatie WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(fout)?
        .as_ref()
        .map(organisatie_uit)
        .transpose()
    }

    async fn organisaties(&self, pagina: Pagina) -> Resultaat<Lijst<Organisatie>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        let tel = "SELECT count(*) FROM organisatie";
        let lijst = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, regio, naam, soort, gemeente, brin, agb, {} FROM organisatie \
             ORDER BY id LIMIT $1 OFFSET $2",
            lijsten::met_totaal(tel)
        )));
        lijsten::lijst_met_totaal(
            &mut c,
            lijst,
            pagina,
            organisatie_uit,
            sqlx::query_scalar(tel),
        )
        .await
    }

    async fn maak_medewerker(&self, m: &NieuweMedewerker) -> Resultaat<Medewerker> {
        let mut tx = self.schrijf().await?;
        for r in &m.rollen {
            eis(&mut tx, ORGANISATIE_BESTAAT, r.organisatie, "organisatie").await?;
        }
        let id: Id = sqlx::query_scalar(
            "INSERT INTO medewerker (naam, email, wachtwoord_hash, demo) VALUES ($1, $2, $3, $4) \
             RETURNING id",
        )
        .bind(&m.naam)
        .bind(m.email.trim().to_lowercase())
        .bind(&m.wachtwoord_hash)
        .bind(m.demo)
        .fetch_one(&mut *tx)
        .await
        .map_err(fout)?;
        voeg_rollen_toe(&mut tx, id, &m.rollen).await?;
        let medewerker = lees_medewerker(&mut tx, id)
            .await?
            .ok_or(OpslagFout::NietGevonden)?;
        tx.commit().await.map_err(fout)?;
        Ok(medewerker)
    }

    async fn medewerker(&self, id: Id) -> Resultaat<Option<Medewerker>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        lees_medewerker(&mut c, id).await
    }

    async fn medewerker_op_email(&self, email: &str) -> Resultaat<Option<(Medewerker, String)>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        let Some(rij) = sqlx::query(sqlx::AssertSqlSafe(medewerker_sql(
            ", m.wachtwoord_hash",
            "m.email = $1",
        )))
        .bind(email.trim().to_lowercase())
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)?
        else {
            return Ok(None);
        };
        let hash: String = kol(&rij, "wachtwoord_hash")?;
        Ok(Some((medewerker_met_rollen(&rij)?, hash)))
    }

    async fn maak_sessie(&self, s: &Sessie) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        eis_rol(&mut tx, s.medewerker, s.rol).await?;
        sqlx::query(
            "INSERT INTO sessie (token_hash, medewerker, rol, organisatie, csrf_token, \
             aangemaakt, laatst_actief, verloopt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&s.token_hash)
        .bind(s.medewerker)
        .bind(s.rol.rol.naam())
        .bind(s.rol.organisatie)
        .bind(&s.csrf_token)
        .bind(tijd_db(&s.aangemaakt))
        .bind(tijd_db(&s.laatst_actief))
        .bind(tijd_db(&s.verloopt))
        .execute(&mut *tx)
        .await
        .map_err(fout)?;
        tx.commit().await.map_err(fout)
    }

    async fn sessie(&self, token_hash: &str) -> Resultaat<Option<Sessie>> {
        sqlx::query(
            "SELECT token_hash, medewerker, rol, organisatie, csrf_token, aangemaakt, \
             laatst_actief, verloopt FROM sessie WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(fout)?
        .map(|r| {
            Ok(Sessie {
                token_hash: kol(&r, "token_hash")?,
                medewerker: kol(&r, "medewerker")?,
                rol: rol_in_rij(&r)?,
                csrf_token: kol(&r, "csrf_token")?,
                aangemaakt: tijd(&r, "aangemaakt")?,
                laatst_actief: tijd(&r, "laatst_actief")?,
                verloopt: tijd(&r, "verloopt")?,
            })
        })
        .transpose()
    }

    async fn raak_sessie_aan(
        &self,
        token_hash: &str,
        laatst_actief: DateTime<Utc>,
    ) -> Resultaat<()> {
        let n = sqlx::query("UPDATE sessie SET laatst_actief = $2 WHERE token_hash = $1")
            .bind(token_hash)
            .bind(tijd_db(&laatst_actief))
            .execute(&self.pool)
            .await
            .map_err(fout)?
            .rows_affected();
        if n == 0 {
            return Err(OpslagFout::NietGevonden);
        }
        Ok(())
    }

    async fn verwijder_sessie(&self, token_hash: &str) -> Resultaat<()> {
        sqlx::query("DELETE FROM sessie WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(fout)?;
        Ok(())
    }

    async fn maak_api_token(
        &self,
        t: &NieuwApiToken,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<ApiToken> {
        schrijvend!(self, tx, account::maak_api_token(&mut tx, t, audit).await?)
    }

    async fn api_token(&self, token_hash: &str) -> Resultaat<Option<ApiToken>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        account::api_token(&mut c, account::Welk::Hash(token_hash)).await
    }

    async fn api_token_op_id(&self, id: Id) -> Resultaat<Option<ApiToken>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        account::api_token(&mut c, account::Welk::Id(id)).await
    }

    async fn api_tokens(&self, filter: TokenFilter) -> Resultaat<Vec<ApiToken>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        account::api_tokens(&mut c, filter).await
    }

    async fn gebruik_api_token(&self, id: Id, tijdstip: DateTime<Utc>) -> Resultaat<()> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        account::gebruik_api_token(&mut c, id, tijdstip).await
    }

    async fn trek_api_token_in(&self, id: Id, audit: &NieuwAuditRecord) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        account::trek_api_token_in(&mut tx, id, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn zet_medewerker_actief(
        &self,
        id: Id,
        actief: bool,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Medewerker> {
        schrijvend!(
            self,
            tx,
            account::zet_medewerker_actief(&mut tx, id, actief, audit).await?
        )
    }

    async fn maak_activatie(
        &self,
        medewerker: Id,
        token_hash: &str,
        verloopt: DateTime<Utc>,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        account::maak_activatie(&mut tx, medewerker, token_hash, verloopt, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn activatie(&self, token_hash: &str) -> Resultaat<Option<Activatie>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        account::activatie(&mut c, token_hash).await
    }

    async fn activeer(
        &self,
        token_hash: &str,
        wachtwoord_hash: &str,
        nu: DateTime<Utc>,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Medewerker> {
        schrijvend!(
            self,
            tx,
            account::activeer(&mut tx, token_hash, wachtwoord_hash, nu, audit).await?
        )
    }

    async fn medewerkers(
        &self,
        filter: schakel_storage::MedewerkerFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<Medewerker>> {
        lezend!(
            self,
            tx,
            levenscyclus::medewerkers(&mut tx, filter, pagina).await?
        )
    }

    async fn zet_rollen(
        &self,
        id: Id,
        rollen: &[Roltoewijzing],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Medewerker> {
        schrijvend!(
            self,
            tx,
            levenscyclus::zet_rollen(&mut tx, id, rollen, audit).await?
        )
    }

    async fn zet_wachtwoord(
        &self,
        id: Id,
        wachtwoord_hash: &str,
        behoud: Option<&str>,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        levenscyclus::zet_wachtwoord(&mut tx, id, wachtwoord_hash, behoud, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn registreer_mislukte_inlog(
        &self,
        sleutels: &[String],
        tijdstip: DateTime<Utc>,
        vergeet_voor: DateTime<Utc>,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        account::registreer_mislukte_inlog(&mut tx, sleutels, tijdstip, vergeet_voor).await?;
        tx.commit().await.map_err(fout)
    }

    async fn mislukte_inlogs(
        &self,
        sleutel: &str,
        sinds: DateTime<Utc>,
    ) -> Resultaat<Vec<DateTime<Utc>>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        account::mislukte_inlogs(&mut c, sleutel, sinds).await
    }

    async fn wis_mislukte_inlogs(&self, sleutel: &str) -> Resultaat<()> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        account::wis_mislukte_inlogs(&mut c, sleutel).await
    }

    // --- single sign-on ----------------------------------------------------------

    async fn zet_sso_instelling(
        &self,
        i: &SsoInstelling,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        sso::zet_instelling(&mut tx, i, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn sso_instelling(&self, organisatie: Id) -> Resultaat<Option<SsoInstelling>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        Ok(sso::instellingen(&mut c, Some(organisatie)).await?.pop())
    }

    async fn sso_instellingen(&self) -> Resultaat<Vec<SsoInstelling>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        sso::instellingen(&mut c, None).await
    }

    async fn bewaar_sso_poging(&self, p: &SsoPoging, nu: DateTime<Utc>) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        sso::bewaar_poging(&mut tx, p, nu).await?;
        tx.commit().await.map_err(fout)
    }

    async fn neem_sso_poging(
        &self,
        state_hash: &str,
        nu: DateTime<Utc>,
    ) -> Resultaat<Option<SsoPoging>> {
        schrijvend!(self, tx, sso::neem_poging(&mut tx, state_hash, nu).await?)
    }

    async fn sso_koppeling(&self, issuer: &str, subject: &str) -> Resultaat<Option<SsoKoppeling>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        sso::koppeling(&mut c, issuer, subject).await
    }

    async fn koppel_sso(&self, k: &SsoKoppeling, audit: &NieuwAuditRecord) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        sso::koppel(&mut tx, k, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn maak_sso_medewerker(
        &self,
        naam: &str,
        email: &str,
        k: &SsoKoppeling,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Medewerker> {
        schrijvend!(
            self,
            tx,
            sso::maak_medewerker(&mut tx, naam, email, k, audit).await?
        )
    }

    async fn sso_zonder_rol(&self, organisatie: Id) -> Resultaat<Vec<Medewerker>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        sso::zonder_rol(&mut c, organisatie).await
    }

    async fn tweede_factoren(&self, medewerker: Id) -> Resultaat<Vec<TweedeFactor>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        tweedefactor::tweede_factoren(&mut c, medewerker).await
    }

    async fn voeg_tweede_factor_toe(
        &self,
        f: &NieuweTweedeFactor,
        herstelcodes: Option<&[String]>,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<TweedeFactor> {
        schrijvend!(
            self,
            tx,
            tweedefactor::voeg_toe(&mut tx, f, herstelcodes, audit).await?
        )
    }

    async fn zet_herstelcodes(
        &self,
        medewerker: Id,
        hashes: &[String],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        tweedefactor::vervang_herstelcodes(&mut tx, medewerker, hashes).await?;
        voeg_audit_toe(&mut tx, &audit.over_object(medewerker)).await?;
        tx.commit().await.map_err(fout)
    }

    async fn herstelcodes_over(&self, medewerker: Id) -> Resultaat<i64> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        tweedefactor::herstelcodes_over(&mut c, medewerker).await
    }

    async fn gebruik_herstelcode(
        &self,
        medewerker: Id,
        hash: &str,
        nu: DateTime<Utc>,
    ) -> Resultaat<bool> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        tweedefactor::gebruik_herstelcode(&mut c, medewerker, hash, nu).await
    }

    async fn gebruik_totp_stap(&self, factor: Id, stap: i64, nu: DateTime<Utc>) -> Resultaat<bool> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        tweedefactor::gebruik_totp_stap(&mut c, factor, stap, nu).await
    }

    async fn werk_tweede_factor_bij(
        &self,
        factor: Id,
        gegevens: &str,
        nu: DateTime<Utc>,
    ) -> Resultaat<()> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        tweedefactor::werk_bij(&mut c, factor, gegevens, nu).await
    }

    async fn verwijder_tweede_factoren(
        &self,
        medewerker: Id,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<u64> {
        schrijvend!(
            self,
            tx,
            factorherstel::verwijder(&mut tx, medewerker, audit).await?
        )
    }

    async fn maak_aanmelding(&self, a: &Aanmelding) -> Resultaat<()> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        tweedefactor::maak_aanmelding(&mut c, a).await
    }

    async fn aanmelding(&self, token_hash: &str) -> Resultaat<Option<Aanmelding>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        tweedefactor::aanmelding(&mut c, token_hash).await
    }

    async fn zet_aanmelding_staat(&self, token_hash: &str, staat: &str) -> Resultaat<()> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        tweedefactor::zet_aanmelding_staat(&mut c, token_hash, staat).await
    }

    async fn verwijder_aanmelding(&self, token_hash: &str) -> Resultaat<()> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        tweedefactor::verwijder_aanmelding(&mut c, token_hash).await
    }

    async fn tel_poging(
        &self,
        sleutel: &str,
        nu: DateTime<Utc>,
        venster: chrono::Duration,
    ) -> Resultaat<(i64, DateTime<Utc>)> {
        // One statement: atomic on its own, on every instance at once.
        let rij = sqlx::query(
            "INSERT INTO teller (sleutel, venster_begin, aantal) VALUES ($1, $2, 1) \
             ON CONFLICT (sleutel) DO UPDATE SET \
               aantal = CASE WHEN teller.venster_begin <= $3 THEN 1 ELSE teller.aantal + 1 END, \
               venster_begin = CASE WHEN teller.venster_begin <= $3 THEN $2 \
                                    ELSE teller.venster_begin END \
             RETURNING aantal, venster_begin",
        )
        .bind(sleutel)
        .bind(tijd_db(&nu))
        .bind(tijd_db(&(nu - venster)))
        .fetch_one(&self.pool)
        .await
        .map_err(fout)?;
        Ok((kol(&rij, "aantal")?, tijd(&rij, "venster_begin")?))
    }

    async fn maak_huishouden(
        &self,
        h: &NieuwHuishouden,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Huishouden> {
        let mut tx = self.schrijf().await?;
        let nu = klok::nu();
        let id: Id = sqlx::query_scalar(
            "INSERT INTO huishouden (gewijzigd, bewaren_tot, aangemaakt_door) \
             VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(tijd_db(&nu))
        .bind(datum_db(bewaren_tot(nu)))
        .bind(h.aangemaakt_door)
        .fetch_one(&mut *tx)
        .await
        .map_err(fout)?;
        for v in &h.vertegenwoordigers {
            sqlx::query(
                "INSERT INTO vertegenwoordiger (huishouden, naam, relatie) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(&v.naam)
            .bind(&v.relatie)
            .execute(&mut *tx)
            .await
            .map_err(fout)?;
        }
        voeg_audit_toe(&mut tx, &audit.over_object(id)).await?;
        let huishouden = lees_huishouden(&mut tx, id)
            .await?
            .ok_or(OpslagFout::NietGevonden)?;
        tx.commit().await.map_err(fout)?;
        Ok(huishouden)
    }

    async fn huishouden(&self, id: Id) -> Resultaat<Option<Huishouden>> {
        lezend!(self, tx, lees_huishouden(&mut tx, id).await?)
    }

    async fn maak_jeugdige(
        &self,
        j: &NieuweJeugdige,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Jeugdige> {
        let mut tx = self.schrijf().await?;
        eis(
            &mut tx,
            "SELECT 1 FROM huishouden WHERE id = $1",
            j.huishouden,
            "huishouden",
        )
        .await?;
        if let Some(school) = j.gegevens.school {
            eis(&mut tx, ORGANISATIE_BESTAAT, school, "school").await?;
        }
        let nu = klok::nu();
        // A new member changes the household: its deadline moves along.
        raak_huishouden_aan(&mut tx, j.huishouden, nu).await?;
        let g = &j.gegevens;
        let rij = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO jeugdige (huishouden, bsn, geboortedatum, voornaam, achternaam, \
             postcode, huisnummer, toevoeging, school, versie, gewijzigd, bewaren_tot) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11) RETURNING {JEUGDIGE_KOLOMMEN}"
        )))
        .bind(j.huishouden)
        .bind(j.bsn.als_tekst())
        .bind(datum_db(j.geboortedatum))
        .bind(&g.voornaam)
        .bind(&g.achternaam)
        .bind(g.postcode.als_tekst())
        .bind(huisnummer_db(g.huisnummer))
        .bind(&g.toevoeging)
        .bind(g.school)
        .bind(tijd_db(&nu))
        .bind(datum_db(bewaren_tot(nu)))
        .fetch_one(&mut *tx)
        .await
        .map_err(fout)?;
        let jeugdige = jeugdige_uit(&rij)?;
        herbereken_huishouden(&mut tx, j.huishouden).await?;
        voeg_audit_toe(&mut tx, &audit.over_object(jeugdige.id)).await?;
        tx.commit().await.map_err(fout)?;
        Ok(jeugdige)
    }

    async fn jeugdige(&self, id: Id) -> Resultaat<Option<Jeugdige>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        lees_jeugdige(&mut c, id).await
    }

    async fn jeugdigen_op_id(&self, ids: &[Id]) -> Resultaat<Vec<Jeugdige>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        lijsten::jeugdigen_op_id(&mut c, ids).await
    }

    async fn jeugdige_op_bsn(&self, bsn: &Bsn) -> Resultaat<Option<Jeugdige>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {JEUGDIGE_KOLOMMEN} FROM jeugdige WHERE bsn = $1"
        )))
        .bind(bsn.als_tekst())
        .fetch_optional(&self.pool)
        .await
        .map_err(fout)?
        .as_ref()
        .map(jeugdige_uit)
        .transpose()
    }

    async fn wijzig_jeugdige(
        &self,
        id: Id,
        versie: i64,
        w: &JeugdigeWijziging,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Jeugdige> {
        let mut tx = self.schrijf().await?;
        // Lock the row: a concurrent change waits, then sees the new version.
        let (huidig, huishouden): (i64, Id) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT versie, huishouden FROM jeugdige WHERE id = $1{VOOR_WIJZIGING}"
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(fout)?
        .ok_or(OpslagFout::NietGevonden)?;
        if huidig != versie {
            return Err(OpslagFout::VersieConflict {
                verwacht: versie,
                huidig,
            });
        }
        if let Some(school) = w.school {
            eis(&mut tx, ORGANISATIE_BESTAAT, school, "school").await?;
        }
        let nu = klok::nu();
        let rij = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE jeugdige SET voornaam = $2, achternaam = $3, postcode = $4, \
             huisnummer = $5, toevoeging = $6, school = $7, versie = versie + 1, \
             gewijzigd = $8, bewaren_tot = $9 WHERE id = $1 RETURNING {JEUGDIGE_KOLOMMEN}"
        )))
        .bind(id)
        .bind(&w.voornaam)
        .bind(&w.achternaam)
        .bind(w.postcode.als_tekst())
        .bind(huisnummer_db(w.huisnummer))
        .bind(&w.toevoeging)
        .bind(w.school)
        .bind(tijd_db(&nu))
        .bind(datum_db(bewaren_tot(nu)))
        .fetch_one(&mut *tx)
        .await
        .map_err(fout)?;
        let jeugdige = jeugdige_uit(&rij)?;
        raak_huishouden_aan(&mut tx, huishouden, nu).await?;
        herbereken_huishouden(&mut tx, huishouden).await?;
        // A change is logged as the caller describes it.
        voeg_audit_toe(&mut tx, audit).await?;
        tx.commit().await.map_err(fout)?;
        Ok(jeugdige)
    }

    async fn jeugdigen_met_relatie(
        &self,
        organisatie: Id,
        patronen: i64,
        verwijzing_grens: NaiveDate,
        filter: &schakel_storage::JeugdigenFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<(Jeugdige, Relaties)>> {
        let zicht = lijsten::Zicht {
            organisatie,
            patronen,
            grens: verwijzing_grens,
        };
        let mut c = self.pool.acquire().await.map_err(fout)?;
        lijsten::jeugdigen(&mut c, &zicht, filter, pagina).await
    }

    async fn verwijzingen_met_relatie(
        &self,
        organisatie: Id,
        patronen: i64,
        verwijzing_grens: NaiveDate,
        filter: &schakel_storage::VerwijzingenFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<(Verwijzing, Jeugdige, Relaties)>> {
        let zicht = lijsten::Zicht {
            organisatie,
            patronen,
            grens: verwijzing_grens,
        };
        lezend!(
            self,
            tx,
            lijsten::verwijzingen(&mut tx, &zicht, filter, pagina).await?
        )
    }

    async fn relaties(&self, jeugdige: Id, organisatie: Id) -> Resultaat<Relaties> {
        let rij = sqlx::query(
            "SELECT relaties, verwijzing_tot FROM toegang WHERE organisatie = $1 AND jeugdige = $2",
        )
        .bind(organisatie)
        .bind(jeugdige)
        .fetch_optional(&self.pool)
        .await
        .map_err(fout)?;
        rij.as_ref()
            .map(relaties_uit)
            .transpose()
            .map(Option::unwrap_or_default)
    }

    async fn herbereken_toegang(&self) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        // Writers recompute under their household's lock; the whole table
        // is rebuilt with every household's rows out of their reach.
        vergrendel(&mut tx, "toegang", "EXCLUSIVE").await?;
        sqlx::query("DELETE FROM toegang")
            .execute(&mut *tx)
            .await
            .map_err(fout)?;
        sqlx::query(feiten!(""))
            .execute(&mut *tx)
            .await
            .map_err(fout)?;
        tx.commit().await.map_err(fout)
    }

    async fn maak_hulpvraag(
        &self,
        h: &NieuweHulpvraag,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Hulpvraag> {
        let mut tx = self.schrijf().await?;
        let huishouden: Id = sqlx::query_scalar("SELECT huishouden FROM jeugdige WHERE id = $1")
            .bind(h.jeugdige)
            .fetch_optional(&mut *tx)
            .await
            .map_err(fout)?
            .ok_or_else(|| OpslagFout::OnbekendeVerwijzing("jeugdige".into()))?;
        eis(&mut tx, ORGANISATIE_BESTAAT, h.organisatie, "organisatie").await?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO hulpvraag (jeugdige, organisatie, omschrijving, behandelaar, open, \
             aangemaakt) VALUES ($1, $2, $3, $2, TRUE, $4) RETURNING id",
        )
        .bind(h.jeugdige)
        .bind(h.organisatie)
        .bind(&h.omschrijving)
        .bind(tijd_db(&klok::nu()))
        .fetch_one(&mut *tx)
        .await
        .map_err(fout)?;
        herbereken_huishouden(&mut tx, huishouden).await?;
        voeg_audit_toe(&mut tx, &audit.over_object(id)).await?;
        let hulpvraag = lees_hulpvraag(&mut tx, id)
            .await?
            .ok_or(OpslagFout::NietGevonden)?;
        tx.commit().await.map_err(fout)?;
        Ok(hulpvraag)
    }

    async fn hulpvraag(&self, id: Id) -> Resultaat<Option<Hulpvraag>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        lees_hulpvraag(&mut c, id).await
    }

    async fn hulpvragen_van(
        &self,
        filter: &schakel_storage::HulpvragenFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<Hulpvraag>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        lijsten::hulpvragen(&mut c, filter, pagina).await
    }

    async fn trieer_hulpvraag(
        &self,
        id: Id,
        besluit: &Triagebesluit,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Hulpvraag> {
        let mut tx = self.schrijf().await?;
        // Locked: two triages of one question run one after the other, and
        // the second finds it triaged.
        let huishouden: Id = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT j.huishouden FROM hulpvraag h JOIN jeugdige j ON j.id = h.jeugdige \
             WHERE h.id = $1{}",
            voor_wijziging_van("h")
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(fout)?
        .ok_or(OpslagFout::NietGevonden)?;
        let h = lees_hulpvraag(&mut tx, id)
            .await?
            .ok_or(OpslagFout::NietGevonden)?;
        if h.triage.is_some() {
            return Err(OpslagFout::Toestand(
                "deze hulpvraag is al getrieerd".into(),
            ));
        }
        eis(
            &mut tx,
            ORGANISATIE_BESTAAT,
            besluit.behandelaar,
            "behandelaar",
        )
        .await?;
        let nu = klok::nu();
        let casus = match &besluit.casus {
            None => None,
            Some(n) => {
                // One household, one plan: an open case is joined. The
                // household lock keeps two triages from opening two cases.
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT 1 FROM huishouden WHERE id = $1{VOOR_WIJZIGING}"
                )))
                .bind(n.huishouden)
                .execute(&mut *tx)
                .await
                .map_err(fout)?;
                let open: Option<Id> = sqlx::query_scalar(
                    "SELECT id FROM casus WHERE huishouden = $1 AND open ORDER BY id LIMIT 1",
                )
                .bind(n.huishouden)
                .fetch_optional(&mut *tx)
                .await
                .map_err(fout)?;
                if open != besluit.aansluiten {
                    return Err(OpslagFout::Toestand(
                        "de open casus van dit huishouden is intussen veranderd; trieer opnieuw"
                            .into(),
                    ));
                }
                Some(match open {
                    Some(c) => {
                        for p in &n.partijen {
                            eis(&mut tx, ORGANISATIE_BESTAAT, *p, "partij").await?;
                        }
                        voeg_partijen_toe(&mut tx, c, &n.partijen).await?;
                        c
                    }
                    None => voeg_casus_toe(&mut tx, n, nu).await?,
                })
            }
        };
        sqlx::query(
            "UPDATE hulpvraag SET triage = $1, behandelaar = $2, casus = $3, open = $4, \
             getrieerd = $5, getrieerd_door = $6 WHERE id = $7",
        )
        .bind(besluit.uitkomst.naam())
        .bind(besluit.behandelaar)
        .bind(casus)
        // A question that went to a joint case lives on in its plan.
        .bind(casus.is_none())
        .bind(tijd_db(&nu))
        .bind(besluit.door)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(fout)?;
        herbereken_huishouden(&mut tx, huishouden).await?;
        voeg_audit_toe(&mut tx, &audit.over_object(id)).await?;
        bewaar_audits(&mut tx, &besluit.toegang).await?;
        let hulpvraag = lees_hulpvraag(&mut tx, id)
            .await?
            .ok_or(OpslagFout::NietGevonden)?;
        tx.commit().await.map_err(fout)?;
        Ok(hulpvraag)
    }

    async fn maak_casus(
        &self,
        c: &NieuweCasus,
        audit: &NieuwAuditRecord,
        toegang: &[NieuwAuditRecord],
    ) -> Resultaat<Casus> {
        let mut tx = self.schrijf().await?;
        // The household lock keeps two requests from opening two cases.
        let bestaat: Option<i32> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT 1 FROM huishouden WHERE id = $1{VOOR_WIJZIGING}"
        )))
        .bind(c.huishouden)
        .fetch_optional(&mut *tx)
        .await
        .map_err(fout)?;
        if bestaat.is_none() {
            return Err(OpslagFout::OnbekendeVerwijzing("huishouden".into()));
        }
        let open: Option<Id> =
            sqlx::query_scalar("SELECT id FROM casus WHERE huishouden = $1 AND open LIMIT 1")
                .bind(c.huishouden)
                .fetch_optional(&mut *tx)
                .await
                .map_err(fout)?;
        if let Some(open) = open {
            return Err(een_plan(open));
        }
        let id = voeg_casus_toe(&mut tx, c, klok::nu()).await?;
        herbereken_huishouden(&mut tx, c.huishouden).await?;
        voeg_audit_toe(&mut tx, &audit.over_object(id)).await?;
        bewaar_audits(&mut tx, toegang).await?;
        let casus = verloop::lees_casus(&mut tx, id)
            .await?
            .ok_or(OpslagFout::NietGevonden)?;
        tx.commit().await.map_err(fout)?;
        Ok(casus)
    }

    // --- NEN 7513 audit log --------------------------------------------------

    // --- onderwijssituatie and interventie-afspraken -------------------------------------

    async fn leg_onderwijssituatie_vast(
        &self,
        s: &schakel_storage::NieuweOnderwijssituatie,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<schakel_storage::Onderwijssituatie> {
        schrijvend!(self, tx, onderwijs::leg_vast(&mut tx, s, audit).await?)
    }

    async fn onderwijssituaties(
        &self,
        jeugdige: Id,
    ) -> Resultaat<Vec<schakel_storage::Onderwijssituatie>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        onderwijs::historie(&mut c, jeugdige).await
    }

    async fn zet_interventieafspraak(
        &self,
        a: &schakel_storage::NieuweInterventieafspraak,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<schakel_storage::Interventieafspraak> {
        schrijvend!(self, tx, onderwijs::zet_afspraak(&mut tx, a, audit).await?)
    }

    async fn interventieafspraken(&self) -> Resultaat<Vec<schakel_storage::Interventieafspraak>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        onderwijs::afspraken(&mut c).await
    }

    async fn maak_noodtoegang(
        &self,
        n: &schakel_storage::NieuweNoodtoegang,
        audits: &[NieuwAuditRecord],
    ) -> Resultaat<schakel_storage::Noodtoegang> {
        schrijvend!(self, tx, noodtoegang::maak(&mut tx, n, audits).await?)
    }

    async fn lopende_noodtoegang(
        &self,
        medewerker: Id,
        organisatie: Id,
        nu: DateTime<Utc>,
    ) -> Resultaat<Vec<schakel_storage::Noodtoegang>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        noodtoegang::lopend(&mut c, medewerker, organisatie, nu).await
    }

    async fn noodtoegangen(
        &self,
        f: &schakel_storage::NoodtoegangFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<schakel_storage::Noodtoegang>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        noodtoegang::lijst(&mut c, f, pagina).await
    }

    async fn casus(&self, id: Id) -> Resultaat<Option<Casus>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        verloop::lees_casus(&mut c, id).await
    }

    async fn casusoverzicht(
        &self,
        f: &schakel_storage::CasusFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<schakel_storage::CasusOverzicht>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        lijsten::casussen(&mut c, f, pagina).await
    }

    async fn open_casussen_met_verloop(
        &self,
        organisatie: Id,
    ) -> Resultaat<Vec<schakel_storage::OpenCasusVerloop>> {
        lezend!(self, tx, lijsten::met_verloop(&mut tx, organisatie).await?)
    }

    async fn meld_gidswijziging(&self) -> Resultaat<()> {
        self.eigen_meld_gidswijziging().await
    }

    async fn volg_gidswijzigingen(&self) -> Resultaat<Option<schakel_storage::Gidswijzigingen>> {
        self.eigen_volg_gidswijzigingen().await
    }

    async fn regelversies(&self) -> Resultaat<Vec<schakel_storage::VastgelegdeRegelversie>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        regelversie::lees(&mut c).await
    }

    async fn leg_regelversies_vast(
        &self,
        versies: &[schakel_storage::Regelversie],
        wijze: schakel_storage::Vastlegging,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Vec<schakel_storage::VastgelegdeRegelversie>> {
        let vastgelegd: Resultaat<_> = schrijvend!(
            self,
            tx,
            regelversie::leg_vast(&mut tx, versies, wijze, audit).await?
        );
        if wijze == schakel_storage::Vastlegging::Publicatie {
            self.eigen_meld_regelpublicatie().await?;
        }
        vastgelegd
    }

    async fn volg_regelpublicaties(&self) -> Resultaat<Option<schakel_storage::Regelpublicaties>> {
        self.eigen_volg_regelpublicaties().await
    }

    async fn open_casus(&self, huishouden: Id) -> Resultaat<Option<Casus>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        let id: Option<Id> =
            sqlx::query_scalar("SELECT id FROM casus WHERE huishouden = $1 AND open LIMIT 1")
                .bind(huishouden)
                .fetch_optional(&mut *c)
                .await
                .map_err(fout)?;
        match id {
            Some(id) => verloop::lees_casus(&mut c, id).await,
            None => Ok(None),
        }
    }

    // --- the course of a joint case ------------------------------------------------------

    async fn gebeurtenissen(&self, casus: Id) -> Resultaat<Vec<CasusGebeurtenis>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        verloop::gebeurtenissen(&mut c, casus).await
    }

    async fn voeg_gebeurtenis_toe(
        &self,
        g: &NieuweCasusGebeurtenis,
        audits: &[NieuwAuditRecord],
    ) -> Resultaat<CasusGebeurtenis> {
        schrijvend!(
            self,
            tx,
            verloop::voeg_gebeurtenis_toe(&mut tx, g, audits).await?
        )
    }

    async fn maak_verwijzing(
        &self,
        v: &NieuweVerwijzing,
        acties: &[NieuwActiepunt],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Verwijzing> {
        schrijvend!(
            self,
            tx,
            verloop::maak_verwijzing(&mut tx, v, acties, audit).await?
        )
    }

    async fn verwijzing(&self, id: Id) -> Resultaat<Option<Verwijzing>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        verloop::lees_verwijzing(&mut c, id).await
    }

    async fn verwijzingen(&self, jeugdige: Id) -> Resultaat<Vec<Verwijzing>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        verloop::verwijzingen(&mut c, jeugdige).await
    }

    async fn beoordeel_verwijzing(
        &self,
        b: &NieuweBeoordeling,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Verwijzing> {
        schrijvend!(
            self,
            tx,
            verloop::beoordeel_verwijzing(&mut tx, b, audit).await?
        )
    }

    async fn maatwerkverwijzingen(
        &self,
        f: MaatwerkFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<Verwijzing>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        verloop::maatwerkverwijzingen(&mut c, f, pagina).await
    }

    async fn registreer_levering(
        &self,
        l: &NieuweLevering,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Verwijzing> {
        schrijvend!(
            self,
            tx,
            levering::registreer_leveringen(&mut tx, std::slice::from_ref(l), audit).await?
        )
    }

    async fn registreer_leveringen(
        &self,
        l: &[NieuweLevering],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Verwijzing> {
        schrijvend!(
            self,
            tx,
            levering::registreer_leveringen(&mut tx, l, audit).await?
        )
    }

    async fn leveringen(&self, verwijzing: Id) -> Resultaat<Vec<schakel_storage::Levering>> {
        lezend!(self, tx, levering::leveringen(&mut tx, verwijzing).await?)
    }

    async fn corrigeer_levering(
        &self,
        k: &schakel_storage::NieuweLevercorrectie,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<schakel_storage::Levering> {
        schrijvend!(
            self,
            tx,
            levering::corrigeer_levering(&mut tx, k, audit).await?
        )
    }

    async fn acties(&self, f: ActiepuntFilter, pagina: Pagina) -> Resultaat<Lijst<Actiepunt>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        verloop::acties(&mut c, f, pagina).await
    }

    async fn rond_actie_af(
        &self,
        id: Id,
        door: Door,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Actiepunt> {
        schrijvend!(
            self,
            tx,
            verloop::rond_actie_af(&mut tx, id, door, audit).await?
        )
    }

    async fn monitoring(&self, v: &MonitoringVraag) -> Resultaat<Vec<MonitoringCel>> {
        lezend!(self, tx, verloop::monitoring(&mut tx, v).await?)
    }

    async fn schrijf_audit(&self, r: &NieuwAuditRecord) -> Resultaat<AuditRecord> {
        self.sequencer
            .schrijf(vec![r.clone()])
            .await?
            .pop()
            .ok_or_else(|| OpslagFout::Database("auditrecord niet toegevoegd".into()))
    }

    async fn schrijf_audits(&self, records: Vec<NieuwAuditRecord>) -> Resultaat<Vec<AuditRecord>> {
        self.sequencer.schrijf(records).await
    }

    async fn schrijf_checkpoint(&self, c: &schakel_storage::Checkpoint) -> Resultaat<()> {
        auditlog::schrijf_checkpoint(&self.auditpool, c).await
    }

    async fn checkpoints(&self) -> Resultaat<Vec<schakel_storage::Checkpoint>> {
        auditlog::checkpoints(&self.auditpool).await
    }

    async fn laatste_checkpoint(&self) -> Resultaat<Option<schakel_storage::Checkpoint>> {
        auditlog::laatste_checkpoint(&self.auditpool).await
    }

    fn boomvolger(&self) -> Option<&schakel_storage::boomvolger::Boomvolger> {
        Some(self.sequencer.volger())
    }

    async fn audit_records(&self, vanaf: i64, aantal: i64) -> Resultaat<Vec<AuditRecord>> {
        // Writes' records still in the outbox first.
        self.sequencer.bij().await?;
        auditlog::venster(&self.auditpool, vanaf, aantal, |van, tot| {
            auditlog::records_tussen(&self.auditpool, van, tot)
        })
        .await
    }

    async fn audit_schakels(&self, vanaf: i64, aantal: i64) -> Resultaat<Vec<AuditSchakel>> {
        self.sequencer.bij().await?;
        auditlog::venster(&self.auditpool, vanaf, aantal, |van, tot| {
            auditlog::schakels_tussen(&self.auditpool, van, tot)
        })
        .await
    }

    async fn audit_kop(&self) -> Resultaat<Option<(i64, String)>> {
        self.sequencer.bij().await?;
        let rij = sqlx::query("SELECT volgnummer, hash FROM audit_kop WHERE id = 1")
            .fetch_optional(&self.auditpool)
            .await
            .map_err(fout)?;
        let Some(rij) = rij else {
            return Ok(None);
        };
        let volgnummer: i64 = kol(&rij, "volgnummer")?;
        // Volgnummer 0 is a head written before any record: no records yet.
        if volgnummer == 0 {
            return Ok(None);
        }
        Ok(Some((volgnummer, kol(&rij, "hash")?)))
    }

    async fn audit_voor_client(&self, pseudoniem: &str) -> Resultaat<Vec<AuditRecord>> {
        self.sequencer.bij().await?;
        auditlog::records_voor_client(&self.auditpool, pseudoniem).await
    }

    async fn verlopen_bewaartermijnen(&self, peildatum: NaiveDate) -> Resultaat<Vec<RetentieItem>> {
        sqlx::query(
            "SELECT 'jeugdige' AS soort, id, gewijzigd, bewaren_tot FROM jeugdige \
               WHERE bewaren_tot < $1 \
             UNION ALL \
             SELECT 'huishouden' AS soort, id, gewijzigd, bewaren_tot FROM huishouden \
               WHERE bewaren_tot < $1 \
             ORDER BY bewaren_tot, soort, id",
        )
        .bind(datum_db(peildatum))
        .fetch_all(&self.pool)
        .await
        .map_err(fout)?
        .iter()
        .map(|r| {
            Ok(RetentieItem {
                soort: kol(r, "soort")?,
                id: kol(r, "id")?,
                gewijzigd: tijd(r, "gewijzigd")?,
                bewaren_tot: datum(r, "bewaren_tot")?,
            })
        })
        .collect()
    }

    /// A consistent online copy with `pg_dump --format=custom`: pg_dump reads
    /// the whole database in one snapshot while writers carry on. The file
    /// is written beside `doel` and linked into place only when complete, so
    /// `doel` is never a partial dump; an existing `doel` is never
    /// overwritten ([`OpslagFout::BestaatAl`]).
    ///
    /// Restore into a new, empty database (the schema's migrations come with
    /// the dump, so `schakel serve` finds them applied):
    ///
    /// ```sh
    /// createdb -h HOST -U USER schakel_hersteld
    /// pg_restore --exit-on-error --single-transaction --no-owner \
    ///     --dbname=postgres://USER@HOST/schakel_hersteld BACKUPFILE
    /// schakel audit verify --database-url postgres://USER@HOST/schakel_hersteld
    /// ```
    ///
    /// pg_dump and pg_restore must be at least the server's major version:
    /// set `SCHAKEL_PG_DUMP` to pick a pg_dump.
    async fn backup(&self, doel: &Path) -> Resultaat<()> {
        self.eigen_backup(doel).await
    }

    // --- directory for the access route (seed 000) --------------------------------------

    async fn zet_directory_gegevens(
        &self,
        organisatie: Id,
        g: &schakel_storage::DirectoryGegevens,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        toegangsroute::zet(&mut tx, organisatie, g).await?;
        voeg_audit_toe(&mut tx, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn directory_gegevens(
        &self,
        organisatie: Id,
    ) -> Resultaat<Option<schakel_storage::DirectoryGegevens>> {
        lezend!(self, tx, toegangsroute::lees(&mut tx, organisatie).await?)
    }

    async fn wijkteam_voor_pc4(&self, pc4: schakel_domain::Pc4) -> Resultaat<Option<Id>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        toegangsroute::wijkteam_voor_pc4(&mut c, pc4).await
    }

    async fn verwijzer_van_regio(&self, regio: Id) -> Resultaat<Option<Id>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        toegangsroute::verwijzer_van_regio(&mut c, regio).await
    }

    // --- the regional directory: addresses, werkgebieden, contact points ---------

    async fn begin_adresimport(&self) -> Resultaat<Box<dyn schakel_storage::Adresimport>> {
        crate::adresimport::begin(&self.pool).await
    }

    async fn adres(
        &self,
        postcode: u32,
        huisnummer: u32,
    ) -> Resultaat<Option<schakel_domain::gids::Buurtcode>> {
        gids::adres(&self.pool, postcode, huisnummer).await
    }

    async fn adresbestand(&self) -> Resultaat<Option<schakel_storage::Adresbestand>> {
        gids::adresbestand(&self.pool).await
    }

    async fn zet_wijkteamgebieden(
        &self,
        wijkteams: &[schakel_storage::WijkteamGebied],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        gids::zet_wijkteamgebieden(&mut tx, wijkteams, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn gebieden(&self) -> Resultaat<Vec<(Id, schakel_domain::gids::Gebied)>> {
        gids::gebieden(&self.pool).await
    }

    async fn contactpunt(
        &self,
        organisatie: Id,
    ) -> Resultaat<Option<schakel_storage::Contactpunt>> {
        gids::contactpunt(&self.pool, organisatie).await
    }

    async fn contactpunten(&self) -> Resultaat<Vec<(Id, schakel_storage::Contactpunt)>> {
        gids::contactpunten(&self.pool).await
    }

    async fn importeer_scholen(
        &self,
        regio: Id,
        scholen: &[schakel_storage::Schoolrij],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<schakel_storage::Schoolimport> {
        schrijvend!(
            self,
            tx,
            gids::importeer_scholen(&mut tx, regio, scholen, audit).await?
        )
    }

    async fn schooltype(
        &self,
        organisatie: Id,
    ) -> Resultaat<Option<schakel_domain::gids::Schooltype>> {
        gids::schooltype(&self.pool, organisatie).await
    }

    async fn zet_aanbod(
        &self,
        aanbod: &[(Id, Vec<schakel_storage::Aanbod>)],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        for (aanbieder, regels) in aanbod {
            let soort: Option<String> =
                sqlx::query_scalar("SELECT soort FROM organisatie WHERE id = $1")
                    .bind(aanbieder)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(fout)?;
            if soort.as_deref() != Some("aanbieder") {
                return Err(OpslagFout::Toestand(format!(
                    "organisatie {aanbieder} is geen aanbieder; alleen een aanbieder heeft aanbod"
                )));
            }
            sqlx::query("DELETE FROM aanbod WHERE aanbieder = $1")
                .bind(aanbieder)
                .execute(&mut *tx)
                .await
                .map_err(fout)?;
            for r in regels {
                sqlx::query(
                    "INSERT INTO aanbod (aanbieder, product, arrangement) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(aanbieder)
                .bind(&r.product)
                .bind(r.arrangement.as_deref().unwrap_or_default())
                .execute(&mut *tx)
                .await
                .map_err(fout)?;
            }
        }
        voeg_audit_toe(&mut tx, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn aanbod(&self) -> Resultaat<Vec<(Id, schakel_storage::Aanbod)>> {
        let rijen: Vec<(Id, String, String)> = sqlx::query_as(
            "SELECT aanbieder, product, arrangement FROM aanbod ORDER BY aanbieder, product, arrangement",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(fout)?;
        Ok(rijen
            .into_iter()
            .map(|(a, product, arrangement)| {
                (
                    a,
                    schakel_storage::Aanbod {
                        product,
                        arrangement: Some(arrangement).filter(|a| !a.is_empty()),
                    },
                )
            })
            .collect())
    }

    async fn zet_contacten(
        &self,
        regio: Id,
        contacten: &[schakel_storage::Gidscontact],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        contacten::zet(&mut tx, regio, contacten, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn zet_gebiednamen(
        &self,
        namen: &[schakel_storage::Gebiednaam],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        gebiednamen::zet(&mut tx, namen, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn gebiednamen(&self) -> Resultaat<Vec<schakel_storage::Gebiednaam>> {
        gebiednamen::lijst(&self.pool).await
    }

    async fn contacten(&self, regio: Option<Id>) -> Resultaat<Vec<schakel_storage::Gidscontact>> {
        contacten::lijst(&self.pool, regio).await
    }

    async fn contact(&self, id: Id) -> Resultaat<Option<schakel_storage::Gidscontact>> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
        contacten::een(&mut c, id).await
    }

    async fn bewaar_contact(
        &self,
        id: Option<Id>,
        c: &schakel_storage::Gidscontact,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<schakel_storage::Gidscontact> {
        schrijvend!(self, tx, contacten::bewaar(&mut tx, id, c, audit).await?)
    }

    async fn verwijder_contact(&self, id: Id, audit: &NieuwAuditRecord) -> Resultaat<()> {
        let mut tx = self.schrijf().await?;
        contacten::verwijder(&mut tx, id, audit).await?;
        tx.commit().await.map_err(fout)
    }

    async fn wijkteamnamen(&self) -> Resultaat<Vec<(Id, String)>> {
        sqlx::query_as("SELECT id, naam FROM organisatie WHERE soort = 'wijkteam' ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .map_err(fout)
    }

    async fn adressen(
        &self,
        na: Option<(u32, u32)>,
        aantal: i64,
    ) -> Resultaat<Vec<schakel_storage::Adresrij>> {
        gids::adressen(&self.pool, na, aantal).await
    }
}
