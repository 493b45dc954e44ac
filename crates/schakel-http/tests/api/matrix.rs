//! The authorization matrix (issue 3, point 9): every route that touches
//! personal data or needs a role × every role, and anonymous × the own or
//! another organisation's jeugdige (or household), with the exact answer and
//! what the audit log must say about it. [`MATRIX`] is the policy, written
//! out; [`autorisatiematrix`] runs every row against the real server, on
//! each backend (`per_backend!` in api.rs).
//!
//! The world: organisations A and B of every kind (school, wijkteam, JGZ,
//! aanbieder, gemeente); every actor works at an A organisation (the national
//! monitor at an organisation in a region of its own). The *own*
//! jeugdige is a pupil of school A with an open hulpvraag there, in a
//! household with an open case of wijkteam A to which JGZ A is party, and
//! with a referral to aanbieder A. The *other* jeugdige is the same at the B
//! organisations, and related to no A organisation.
//!
//! Each row's request is sent by that role's session. Rows that could create
//! a relation (a hulpvraag, a case) get a pair of dossiers of their own, so
//! that no row depends on what an earlier row allowed.

use super::*;

/// Who sends the request: one actor per role, and nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Wie {
    Zorgcoordinator,
    Casusregisseur,
    Wijkteammedewerker,
    Verwijzer,
    Aanbieder,
    Beleid,
    Beheerder,
    Toegang,
    /// The accountbeheerder of school A.
    Accountbeheerder,
    /// The national monitor, at an organisation in a region of its own.
    Landelijk,
    Anoniem,
}

/// What the request is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Doel {
    /// The jeugdige (or household) related to the actor's organisation.
    Eigen,
    /// The jeugdige (or household) related only to another organisation of
    /// the same kind.
    Ander,
    /// A household just registered, without jeugdigen.
    Leeg,
    /// An id that does not exist.
    Onbekend,
    /// Not applicable: the route is about no jeugdige or household.
    Nvt,
}

/// What the audit log holds after the request about its client — the
/// jeugdige, or the BSN a new jeugdige is registered with — or, for a
/// request about no client, at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Log {
    /// At least one record, each with uitkomst toegestaan.
    Toegestaan,
    /// At least one record, each with uitkomst geweigerd.
    Geweigerd,
    /// No record.
    Geen,
}

#[derive(Debug, Clone, Copy)]
struct Rij {
    route: &'static str,
    methode: &'static str,
    wie: Wie,
    doel: Doel,
    status: u16,
    log: Log,
}

const fn r(
    route: &'static str,
    methode: &'static str,
    wie: Wie,
    doel: Doel,
    status: u16,
    log: Log,
) -> Rij {
    Rij {
        route,
        methode,
        wie,
        doel,
        status,
        log,
    }
}

/// The policy. 2xx allowed; 400 a reference to what does not exist; 401 not
/// logged in; 403 refused; 404 no such jeugdige or hulpvraag; 409 against
/// the state (one open case per household).
#[rustfmt::skip]
const MATRIX: &[Rij] = {
    use Doel::*;
    use Log::*;
    use Wie::*;
    &[
    // The list: only the jeugdigen the role may see, each listing logged.
    // Eigen: the own jeugdige is in it; Ander: the other's is not.
    r("/api/v1/jeugdigen",         "GET",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen",         "GET",    Zorgcoordinator,    Ander,    200, Geen),
    r("/api/v1/jeugdigen",         "GET",    Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen",         "GET",    Casusregisseur,     Ander,    200, Geen),
    r("/api/v1/jeugdigen",         "GET",    Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen",         "GET",    Wijkteammedewerker, Ander,    200, Geen),
    r("/api/v1/jeugdigen",         "GET",    Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen",         "GET",    Verwijzer,          Ander,    200, Geen),
    r("/api/v1/jeugdigen",         "GET",    Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen",         "GET",    Aanbieder,          Ander,    200, Geen),
    r("/api/v1/jeugdigen",         "GET",    Beleid,             Eigen,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Landelijk,          Eigen,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Toegang,            Eigen,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Beleid,             Ander,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Landelijk,          Ander,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Toegang,            Ander,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Accountbeheerder,       Eigen,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Accountbeheerder,       Ander,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Beheerder,          Eigen,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Beheerder,          Ander,    403, Geen),
    r("/api/v1/jeugdigen",         "GET",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/jeugdigen",         "GET",    Anoniem,            Ander,    401, Geen),
    // A search by the row's jeugdige's BSN (issue 16.2): the own one is
    // found and logged; the other's finds no one, and the attempt is logged
    // as refused; a role without dossiers is refused and logged.
    r("/api/v1/jeugdigen/_zoek",   "POST",   Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Zorgcoordinator,    Ander,    200, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Casusregisseur,     Ander,    200, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Wijkteammedewerker, Ander,    200, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Verwijzer,          Ander,    200, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Aanbieder,          Ander,    200, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Accountbeheerder,   Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Accountbeheerder,   Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Anoniem,            Eigen,    401, Geen),
    r("/api/v1/jeugdigen/_zoek",   "POST",   Anoniem,            Ander,    401, Geen),

    // Registering a jeugdige in a household: for the registering roles, in a
    // new household or one where they may see a jeugdige already.
    r("/api/v1/jeugdigen",         "POST",   Zorgcoordinator,    Eigen,    201, Toegestaan),
    r("/api/v1/jeugdigen",         "POST",   Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Zorgcoordinator,    Leeg,     201, Toegestaan),
    r("/api/v1/jeugdigen",         "POST",   Zorgcoordinator,    Onbekend, 400, Geen),
    r("/api/v1/jeugdigen",         "POST",   Casusregisseur,     Eigen,    201, Toegestaan),
    r("/api/v1/jeugdigen",         "POST",   Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Casusregisseur,     Leeg,     201, Toegestaan),
    r("/api/v1/jeugdigen",         "POST",   Casusregisseur,     Onbekend, 400, Geen),
    r("/api/v1/jeugdigen",         "POST",   Wijkteammedewerker, Eigen,    201, Toegestaan),
    r("/api/v1/jeugdigen",         "POST",   Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Wijkteammedewerker, Leeg,     201, Toegestaan),
    r("/api/v1/jeugdigen",         "POST",   Wijkteammedewerker, Onbekend, 400, Geen),
    r("/api/v1/jeugdigen",         "POST",   Verwijzer,          Eigen,    201, Toegestaan),
    r("/api/v1/jeugdigen",         "POST",   Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Verwijzer,          Leeg,     201, Toegestaan),
    r("/api/v1/jeugdigen",         "POST",   Verwijzer,          Onbekend, 400, Geen),
    r("/api/v1/jeugdigen",         "POST",   Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Aanbieder,          Leeg,     403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Beleid,             Leeg,     403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Landelijk,          Leeg,     403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Toegang,            Leeg,     403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Accountbeheerder,       Leeg,     403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Beheerder,          Leeg,     403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen",         "POST",   Anoniem,            Eigen,    401, Geen),
    r("/api/v1/jeugdigen",         "POST",   Anoniem,            Ander,    401, Geen),
    r("/api/v1/jeugdigen",         "POST",   Anoniem,            Leeg,     401, Geen),
    r("/api/v1/jeugdigen",         "POST",   Anoniem,            Onbekend, 401, Geen),

    // Reading one jeugdige: through a relation only; beleid and beheerder
    // never, not even when their gemeente is party to the case.
    r("/api/v1/jeugdigen/{id}",    "GET",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}",    "GET",    Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}",    "GET",    Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}",    "GET",    Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}",    "GET",    Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}",    "GET",    Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "GET",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/jeugdigen/{id}",    "GET",    Anoniem,            Ander,    401, Geen),
    r("/api/v1/jeugdigen/{id}",    "GET",    Anoniem,            Onbekend, 401, Geen),

    // Changing one jeugdige: as reading.
    r("/api/v1/jeugdigen/{id}",    "PUT",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Anoniem,            Ander,    401, Geen),
    r("/api/v1/jeugdigen/{id}",    "PUT",    Anoniem,            Onbekend, 401, Geen),

    // The access route (seed 000) is a read of the jeugdige: the same rows as reading it.
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Anoniem,            Ander,    401, Geen),
    r("/api/v1/jeugdigen/{id}/toegangsroute", "GET",    Anoniem,            Onbekend, 401, Geen),
    // The advice and check for a jeugdige (issue 17.3): a read of it, as
    // its access route is. Without "jeugdige" they are public (OPENBAAR).
    r("/api/v1/normenkader/adviezen", "POST", Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/adviezen", "POST", Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/adviezen", "POST", Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/adviezen", "POST", Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/adviezen", "POST", Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/adviezen", "POST", Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/adviezen", "POST", Anoniem,            Eigen,    401, Geen),
    r("/api/v1/normenkader/adviezen", "POST", Anoniem,            Ander,    401, Geen),
    r("/api/v1/normenkader/adviezen", "POST", Anoniem,            Onbekend, 401, Geen),
    // The advice and check for a jeugdige (issue 17.3): a read of it, as
    // its access route is. Without "jeugdige" they are public (OPENBAAR).
    r("/api/v1/normenkader/toetsingen", "POST", Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/toetsingen", "POST", Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/toetsingen", "POST", Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/toetsingen", "POST", Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/toetsingen", "POST", Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/normenkader/toetsingen", "POST", Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/normenkader/toetsingen", "POST", Anoniem,            Eigen,    401, Geen),
    r("/api/v1/normenkader/toetsingen", "POST", Anoniem,            Ander,    401, Geen),
    r("/api/v1/normenkader/toetsingen", "POST", Anoniem,            Onbekend, 401, Geen),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Anoniem,            Ander,    401, Geen),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "GET",    Anoniem,            Onbekend, 401, Geen),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Zorgcoordinator,    Eigen,    201, Toegestaan),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Casusregisseur,     Eigen,    201, Toegestaan),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Wijkteammedewerker, Eigen,    201, Toegestaan),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Anoniem,            Ander,    401, Geen),
    r("/api/v1/jeugdigen/{id}/onderwijssituaties", "POST",    Anoniem,            Onbekend, 401, Geen),

    // Registering a household: the registering roles.
    r("/api/v1/huishoudens",       "POST",   Zorgcoordinator,    Nvt,      201, Toegestaan),
    r("/api/v1/huishoudens",       "POST",   Casusregisseur,     Nvt,      201, Toegestaan),
    r("/api/v1/huishoudens",       "POST",   Wijkteammedewerker, Nvt,      201, Toegestaan),
    r("/api/v1/huishoudens",       "POST",   Verwijzer,          Nvt,      201, Toegestaan),
    r("/api/v1/huishoudens",       "POST",   Aanbieder,          Nvt,      403, Geen),
    r("/api/v1/huishoudens",       "POST",   Beleid,             Nvt,      403, Geen),
    r("/api/v1/huishoudens",       "POST",   Landelijk,          Nvt,      403, Geen),
    r("/api/v1/huishoudens",       "POST",   Toegang,            Nvt,      403, Geen),
    r("/api/v1/huishoudens",       "POST",   Accountbeheerder,       Nvt,      403, Geen),
    r("/api/v1/huishoudens",       "POST",   Beheerder,          Nvt,      403, Geen),
    r("/api/v1/huishoudens",       "POST",   Anoniem,            Nvt,      401, Geen),

    // A hulpvraag: a contact person — a zorgcoördinator for a pupil of the
    // own school, a basisteam (casusregisseur, wijkteammedewerker) for a
    // household it works with. Every refusal is logged, by role too.
    r("/api/v1/hulpvragen",        "POST",   Zorgcoordinator,    Eigen,    201, Toegestaan),
    r("/api/v1/hulpvragen",        "POST",   Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Zorgcoordinator,    Onbekend, 400, Geen),
    r("/api/v1/hulpvragen",        "POST",   Casusregisseur,     Eigen,    201, Toegestaan),
    r("/api/v1/hulpvragen",        "POST",   Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Casusregisseur,     Onbekend, 400, Geen),
    r("/api/v1/hulpvragen",        "POST",   Wijkteammedewerker, Eigen,    201, Toegestaan),
    r("/api/v1/hulpvragen",        "POST",   Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Wijkteammedewerker, Onbekend, 400, Geen),
    r("/api/v1/hulpvragen",        "POST",   Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen",        "POST",   Anoniem,            Eigen,    401, Geen),
    r("/api/v1/hulpvragen",        "POST",   Anoniem,            Ander,    401, Geen),
    r("/api/v1/hulpvragen",        "POST",   Anoniem,            Onbekend, 401, Geen),

    // The own organisation's open hulpvragen: the school lists its pupil's
    // question (each listing logged), nobody lists the other's.
    r("/api/v1/hulpvragen",        "GET",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/hulpvragen",        "GET",    Zorgcoordinator,    Ander,    200, Geen),
    r("/api/v1/hulpvragen",        "GET",    Casusregisseur,     Eigen,    200, Geen),
    r("/api/v1/hulpvragen",        "GET",    Casusregisseur,     Ander,    200, Geen),
    r("/api/v1/hulpvragen",        "GET",    Wijkteammedewerker, Eigen,    200, Geen),
    r("/api/v1/hulpvragen",        "GET",    Wijkteammedewerker, Ander,    200, Geen),
    r("/api/v1/hulpvragen",        "GET",    Verwijzer,          Eigen,    200, Geen),
    r("/api/v1/hulpvragen",        "GET",    Verwijzer,          Ander,    200, Geen),
    r("/api/v1/hulpvragen",        "GET",    Aanbieder,          Eigen,    200, Geen),
    r("/api/v1/hulpvragen",        "GET",    Aanbieder,          Ander,    200, Geen),
    r("/api/v1/hulpvragen",        "GET",    Beleid,             Eigen,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Landelijk,          Eigen,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Toegang,            Eigen,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Beleid,             Ander,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Landelijk,          Ander,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Toegang,            Ander,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Accountbeheerder,       Eigen,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Accountbeheerder,       Ander,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Beheerder,          Eigen,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Beheerder,          Ander,    403, Geen),
    r("/api/v1/hulpvragen",        "GET",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/hulpvragen",        "GET",    Anoniem,            Ander,    401, Geen),

    // A hulpvraag: read by the organisation that registered it (or handles
    // it); triaged by the registrant's contact person. A fresh, untriaged
    // question of the own and the other jeugdige per row.
    r("/api/v1/hulpvragen/{id}",     "GET",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/hulpvragen/{id}",     "GET",    Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Casusregisseur,     Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Wijkteammedewerker, Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}",     "GET",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/hulpvragen/{id}",     "GET",    Anoniem,            Ander,    401, Geen),
    r("/api/v1/hulpvragen/{id}",     "GET",    Anoniem,            Onbekend, 401, Geen),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Casusregisseur,     Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Wijkteammedewerker, Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Anoniem,            Eigen,    401, Geen),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Anoniem,            Ander,    401, Geen),
    r("/api/v1/hulpvragen/{id}/triage",       "POST",   Anoniem,            Onbekend, 401, Geen),

    // A case: a casusregisseur, for the own wijkteam, for a household it
    // registered or works with — and one open case per household: the own
    // household has one already (409). Every refusal is logged.
    r("/api/v1/casussen",          "POST",   Zorgcoordinator,    Eigen,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Casusregisseur,     Eigen,    409, Geen),
    r("/api/v1/casussen",          "POST",   Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Casusregisseur,     Onbekend, 400, Geen),
    r("/api/v1/casussen",          "POST",   Wijkteammedewerker, Eigen,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen",          "POST",   Anoniem,            Eigen,    401, Geen),
    r("/api/v1/casussen",          "POST",   Anoniem,            Ander,    401, Geen),
    r("/api/v1/casussen",          "POST",   Anoniem,            Onbekend, 401, Geen),

    // A case: for its wijkteam and its parties in a role that sees dossiers;
    // every read and refusal logged per jeugdige of the household.
    r("/api/v1/casussen/{id}",                "GET",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/casussen/{id}",                "GET",    Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/casussen/{id}",                "GET",    Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/casussen/{id}",                "GET",    Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/casussen/{id}",                "GET",    Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Verwijzer,          Onbekend, 403, Geweigerd),
    // A referral opens the referred jeugdige to the provider, not the
    // household's case: a provider joins a case through an inkoop only.
    r("/api/v1/casussen/{id}",                "GET",    Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}",                "GET",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/casussen/{id}",                "GET",    Anoniem,            Ander,    401, Geen),
    r("/api/v1/casussen/{id}",                "GET",    Anoniem,            Onbekend, 401, Geen),

    // The plan: the casusregisseur draws it up; the school changes only its
    // onderwijs part, so it cannot start a plan (400); other parties are refused.
    r("/api/v1/casussen/{id}/plan",           "PUT",    Zorgcoordinator,    Eigen,    400, Geen),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Wijkteammedewerker, Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Anoniem,            Ander,    401, Geen),
    r("/api/v1/casussen/{id}/plan",           "PUT",    Anoniem,            Onbekend, 401, Geen),

    // An unsafety report: any party in a role that sees dossiers.
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Zorgcoordinator,    Eigen,    201, Toegestaan),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Casusregisseur,     Eigen,    201, Toegestaan),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Wijkteammedewerker, Eigen,    201, Toegestaan),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Verwijzer,          Eigen,    201, Toegestaan),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Anoniem,            Eigen,    401, Geen),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Anoniem,            Ander,    401, Geen),
    r("/api/v1/casussen/{id}/gebeurtenissen", "POST",   Anoniem,            Onbekend, 401, Geen),

    // A referral: the gemandateerde verwijzer only, for a jeugdige it may see.
    r("/api/v1/verwijzingen",                 "POST",   Zorgcoordinator,    Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Casusregisseur,     Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Wijkteammedewerker, Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Verwijzer,          Eigen,    201, Toegestaan),
    r("/api/v1/verwijzingen",                 "POST",   Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Verwijzer,          Onbekend, 400, Geen),
    r("/api/v1/verwijzingen",                 "POST",   Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen",                 "POST",   Anoniem,            Eigen,    401, Geen),
    r("/api/v1/verwijzingen",                 "POST",   Anoniem,            Ander,    401, Geen),
    r("/api/v1/verwijzingen",                 "POST",   Anoniem,            Onbekend, 401, Geen),

    // The referral list: the referrals of the jeugdigen the role may see
    // (each listed jeugdige logged). Eigen: a referral of the own jeugdige
    // is in it; Ander: the other's is not.
    r("/api/v1/verwijzingen",                 "GET",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen",                 "GET",    Zorgcoordinator,    Ander,    200, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen",                 "GET",    Casusregisseur,     Ander,    200, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen",                 "GET",    Wijkteammedewerker, Ander,    200, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen",                 "GET",    Verwijzer,          Ander,    200, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen",                 "GET",    Aanbieder,          Ander,    200, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Beleid,             Eigen,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Landelijk,          Eigen,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Toegang,            Eigen,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Beleid,             Ander,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Landelijk,          Ander,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Toegang,            Ander,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Accountbeheerder,       Eigen,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Accountbeheerder,       Ander,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Beheerder,          Eigen,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Beheerder,          Ander,    403, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/verwijzingen",                 "GET",    Anoniem,            Ander,    401, Geen),

    // A referral: through the relation with its jeugdige; a provider only its own.
    r("/api/v1/verwijzingen/{id}",            "GET",    Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}",            "GET",    Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}",            "GET",    Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}",            "GET",    Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}",            "GET",    Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}",            "GET",    Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}",            "GET",    Anoniem,            Eigen,    401, Geen),
    r("/api/v1/verwijzingen/{id}",            "GET",    Anoniem,            Ander,    401, Geen),
    r("/api/v1/verwijzingen/{id}",            "GET",    Anoniem,            Onbekend, 401, Geen),

    // Care delivered: the referral's provider only.
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Zorgcoordinator,    Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Casusregisseur,     Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Wijkteammedewerker, Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Aanbieder,          Eigen,    201, Toegestaan),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Anoniem,            Eigen,    401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Anoniem,            Ander,    401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen", "POST",   Anoniem,            Onbekend, 401, Geen),

    // A referral's deliveries: read as the referral; written and corrected
    // by its provider only (issue 16.6).
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Anoniem,            Eigen,    401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Anoniem,            Ander,    401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen", "GET", Anoniem,            Onbekend, 401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Zorgcoordinator,    Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Casusregisseur,     Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Wijkteammedewerker, Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Aanbieder,          Eigen,    201, Toegestaan),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Anoniem,            Eigen,    401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Anoniem,            Ander,    401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen/reeks", "POST", Anoniem,            Onbekend, 401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Zorgcoordinator,    Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Casusregisseur,     Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Wijkteammedewerker, Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Aanbieder,          Eigen,    201, Toegestaan),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Accountbeheerder,       Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Accountbeheerder,       Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Anoniem,            Eigen,    401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Anoniem,            Ander,    401, Geen),
    r("/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties", "POST", Anoniem,            Onbekend, 401, Geen),

    // Break-the-glass on a closed case (issue 12.3): only the wijkteam that
    // ran it (Eigen: wijkteam A's case, closed today), with a reason; every
    // refusal is logged under the jeugdige. Ander: wijkteam B's closed case.
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Zorgcoordinator,    Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Zorgcoordinator,    Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Casusregisseur,     Eigen,    201, Toegestaan),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Casusregisseur,     Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Wijkteammedewerker, Eigen,    201, Toegestaan),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Wijkteammedewerker, Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Verwijzer,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Aanbieder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Accountbeheerder,   Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Toegang,            Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Beleid,             Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Landelijk,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Accountbeheerder,   Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Toegang,            Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Accountbeheerder,   Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Beheerder,          Ander,    403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Anoniem,            Eigen,    401, Geen),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Anoniem,            Ander,    401, Geen),
    r("/api/v1/casussen/{id}/inzage-gesloten", "POST", Anoniem,            Onbekend, 401, Geen),
    // The report of every break-the-glass use: the region's beheerder only,
    // its reading logged.
    r("/api/v1/noodtoegang",                  "GET",    Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/noodtoegang",                  "GET",    Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/noodtoegang",                  "GET",    Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/noodtoegang",                  "GET",    Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/noodtoegang",                  "GET",    Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/noodtoegang",                  "GET",    Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/noodtoegang",                  "GET",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/noodtoegang",                  "GET",    Accountbeheerder,   Nvt,      403, Geweigerd),
    r("/api/v1/noodtoegang",                  "GET",    Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/noodtoegang",                  "GET",    Beheerder,          Nvt,      200, Toegestaan),
    r("/api/v1/noodtoegang",                  "GET",    Anoniem,            Nvt,      401, Geen),

    // The municipality's review of maatwerk (issue 14.6): its toegang only,
    // every other role refused and logged.
    r("/api/v1/maatwerkverwijzingen",         "GET",    Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Accountbeheerder,   Nvt,      403, Geweigerd),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Beheerder,          Nvt,      403, Geweigerd),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Toegang,            Nvt,      200, Toegestaan),
    r("/api/v1/maatwerkverwijzingen",         "GET",    Anoniem,            Nvt,      401, Geen),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Zorgcoordinator,    Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Casusregisseur,     Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Wijkteammedewerker, Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Verwijzer,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Aanbieder,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Beleid,             Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Landelijk,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Accountbeheerder,   Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Accountbeheerder,   Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Beheerder,          Eigen,    403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Beheerder,          Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Toegang,            Eigen,    200, Toegestaan),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Anoniem,            Eigen,    401, Geen),
    r("/api/v1/verwijzingen/{id}/beoordeling", "POST", Anoniem,            Onbekend, 401, Geen),

    // Actions: each organisation its own, every one listed logged.
    r("/api/v1/acties",                       "GET",    Zorgcoordinator,    Nvt,      200, Toegestaan),
    r("/api/v1/acties",                       "GET",    Casusregisseur,     Nvt,      200, Toegestaan),
    r("/api/v1/acties",                       "GET",    Wijkteammedewerker, Nvt,      200, Toegestaan),
    r("/api/v1/acties",                       "GET",    Verwijzer,          Nvt,      200, Toegestaan),
    r("/api/v1/acties",                       "GET",    Aanbieder,          Nvt,      200, Toegestaan),
    r("/api/v1/acties",                       "GET",    Beleid,             Nvt,      403, Geen),
    r("/api/v1/acties",                       "GET",    Landelijk,          Nvt,      403, Geen),
    r("/api/v1/acties",                       "GET",    Toegang,            Nvt,      200, Toegestaan),
    r("/api/v1/acties",                       "GET",    Accountbeheerder,       Nvt,      403, Geen),
    r("/api/v1/acties",                       "GET",    Beheerder,          Nvt,      403, Geen),
    r("/api/v1/acties",                       "GET",    Anoniem,            Nvt,      401, Geen),
    r("/api/v1/werkvoorraad",                 "GET",    Zorgcoordinator,    Nvt,      200, Toegestaan),
    r("/api/v1/werkvoorraad",                 "GET",    Casusregisseur,     Nvt,      200, Toegestaan),
    r("/api/v1/werkvoorraad",                 "GET",    Wijkteammedewerker, Nvt,      200, Toegestaan),
    r("/api/v1/werkvoorraad",                 "GET",    Verwijzer,          Nvt,      200, Toegestaan),
    r("/api/v1/werkvoorraad",                 "GET",    Aanbieder,          Nvt,      200, Toegestaan),
    r("/api/v1/werkvoorraad",                 "GET",    Beleid,             Nvt,      403, Geen),
    r("/api/v1/werkvoorraad",                 "GET",    Landelijk,          Nvt,      403, Geen),
    r("/api/v1/werkvoorraad",                 "GET",    Toegang,            Nvt,      200, Toegestaan),
    r("/api/v1/werkvoorraad",                 "GET",    Accountbeheerder,       Nvt,      403, Geen),
    r("/api/v1/werkvoorraad",                 "GET",    Beheerder,          Nvt,      403, Geen),
    r("/api/v1/werkvoorraad",                 "GET",    Anoniem,            Nvt,      401, Geen),

    // Completing an action: only one of the own organisation; another's is
    // not found.
    r("/api/v1/acties/{id}/afronding",        "POST",   Zorgcoordinator,    Eigen,    200, Toegestaan),
    r("/api/v1/acties/{id}/afronding",        "POST",   Zorgcoordinator,    Ander,    404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Zorgcoordinator,    Onbekend, 404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Casusregisseur,     Eigen,    200, Toegestaan),
    r("/api/v1/acties/{id}/afronding",        "POST",   Casusregisseur,     Ander,    404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Casusregisseur,     Onbekend, 404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Wijkteammedewerker, Eigen,    200, Toegestaan),
    r("/api/v1/acties/{id}/afronding",        "POST",   Wijkteammedewerker, Ander,    404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Wijkteammedewerker, Onbekend, 404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Verwijzer,          Eigen,    200, Toegestaan),
    r("/api/v1/acties/{id}/afronding",        "POST",   Verwijzer,          Ander,    404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Verwijzer,          Onbekend, 404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Aanbieder,          Eigen,    200, Toegestaan),
    r("/api/v1/acties/{id}/afronding",        "POST",   Aanbieder,          Ander,    404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Aanbieder,          Onbekend, 404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Beleid,             Eigen,    403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Landelijk,          Eigen,    403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Toegang,            Eigen,    200, Toegestaan),
    r("/api/v1/acties/{id}/afronding",        "POST",   Beleid,             Ander,    403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Landelijk,          Ander,    403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Toegang,            Ander,    404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Beleid,             Onbekend, 403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Landelijk,          Onbekend, 403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Toegang,            Onbekend, 404, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Accountbeheerder,       Eigen,    403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Accountbeheerder,       Ander,    403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Accountbeheerder,       Onbekend, 403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Beheerder,          Eigen,    403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Beheerder,          Ander,    403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Beheerder,          Onbekend, 403, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Anoniem,            Eigen,    401, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Anoniem,            Ander,    401, Geen),
    r("/api/v1/acties/{id}/afronding",        "POST",   Anoniem,            Onbekend, 401, Geen),

    // Monitoring: aggregates for policy staff only.
    r("/api/v1/monitoring",                   "GET",    Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/monitoring",                   "GET",    Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/monitoring",                   "GET",    Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/monitoring",                   "GET",    Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring",                   "GET",    Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring",                   "GET",    Beleid,             Nvt,      200, Geen),
    r("/api/v1/monitoring",                   "GET",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring",                   "GET",    Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/monitoring",                   "GET",    Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/monitoring",                   "GET",    Beheerder,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring",                   "GET",    Anoniem,            Nvt,      401, Geen),
    r("/api/v1/monitoring/tabel",             "GET",    Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/tabel",             "GET",    Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/tabel",             "GET",    Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/tabel",             "GET",    Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/tabel",             "GET",    Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/tabel",             "GET",    Beleid,             Nvt,      200, Geen),
    r("/api/v1/monitoring/tabel",             "GET",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/tabel",             "GET",    Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/tabel",             "GET",    Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/tabel",             "GET",    Beheerder,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/tabel",             "GET",    Anoniem,            Nvt,      401, Geen),
    // The national view: the national role only; a region's beleid (as
    // here) is refused and logged (issue 17.5; the figures and region
    // isolation: tests/api/monitoring_regio.rs).
    r("/api/v1/monitoring/regios",            "GET",    Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/regios",            "GET",    Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/regios",            "GET",    Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/regios",            "GET",    Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/regios",            "GET",    Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/regios",            "GET",    Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/regios",            "GET",    Landelijk,          Nvt,      200, Geen),
    r("/api/v1/monitoring/regios",            "GET",    Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/regios",            "GET",    Accountbeheerder,   Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/regios",            "GET",    Beheerder,          Nvt,      403, Geweigerd),
    r("/api/v1/monitoring/regios",            "GET",    Anoniem,            Nvt,      401, Geen),
    // The directory's address lookup: for everyone logged in, no personal data.
    r("/api/v1/adres-zoekopdrachten",         "POST",   Zorgcoordinator,    Nvt,      200, Geen),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Casusregisseur,     Nvt,      200, Geen),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Wijkteammedewerker, Nvt,      200, Geen),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Verwijzer,          Nvt,      200, Geen),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Aanbieder,          Nvt,      200, Geen),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Beleid,             Nvt,      200, Geen),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Toegang,            Nvt,      200, Geen),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Accountbeheerder,       Nvt,      200, Geen),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Beheerder,          Nvt,      200, Geen),
    r("/api/v1/adres-zoekopdrachten",         "POST",   Anoniem,            Nvt,      401, Geen),

    // A wijkteam's werkgebied: the beheerder maintains it, audited.
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Beheerder,          Nvt,      200, Toegestaan),
    r("/api/v1/organisaties/{id}/werkgebied", "PUT",    Anoniem,            Nvt,      401, Geen),
    // The directory's wijkteams: for everyone logged in, no personal data.
    r("/api/v1/wijkteams",                    "GET",    Zorgcoordinator,    Nvt,      200, Geen),
    r("/api/v1/wijkteams",                    "GET",    Casusregisseur,     Nvt,      200, Geen),
    r("/api/v1/wijkteams",                    "GET",    Wijkteammedewerker, Nvt,      200, Geen),
    r("/api/v1/wijkteams",                    "GET",    Verwijzer,          Nvt,      200, Geen),
    r("/api/v1/wijkteams",                    "GET",    Aanbieder,          Nvt,      200, Geen),
    r("/api/v1/wijkteams",                    "GET",    Beleid,             Nvt,      200, Geen),
    r("/api/v1/wijkteams",                    "GET",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/wijkteams",                    "GET",    Toegang,            Nvt,      200, Geen),
    r("/api/v1/wijkteams",                    "GET",    Accountbeheerder,       Nvt,      200, Geen),
    r("/api/v1/wijkteams",                    "GET",    Beheerder,          Nvt,      200, Geen),
    r("/api/v1/wijkteams",                    "GET",    Anoniem,            Nvt,      401, Geen),
    // The directory's providers and their offer: for everyone logged in.
    r("/api/v1/aanbieders",                   "GET",    Zorgcoordinator,    Nvt,      200, Geen),
    r("/api/v1/aanbieders",                   "GET",    Casusregisseur,     Nvt,      200, Geen),
    r("/api/v1/aanbieders",                   "GET",    Wijkteammedewerker, Nvt,      200, Geen),
    r("/api/v1/aanbieders",                   "GET",    Verwijzer,          Nvt,      200, Geen),
    r("/api/v1/aanbieders",                   "GET",    Aanbieder,          Nvt,      200, Geen),
    r("/api/v1/aanbieders",                   "GET",    Beleid,             Nvt,      200, Geen),
    r("/api/v1/aanbieders",                   "GET",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/aanbieders",                   "GET",    Toegang,            Nvt,      200, Geen),
    r("/api/v1/aanbieders",                   "GET",    Accountbeheerder,       Nvt,      200, Geen),
    r("/api/v1/aanbieders",                   "GET",    Beheerder,          Nvt,      200, Geen),
    r("/api/v1/aanbieders",                   "GET",    Anoniem,            Nvt,      401, Geen),
    // The directory's contact persons and expertpool: for everyone logged in.
    r("/api/v1/contactpersonen",              "GET",    Zorgcoordinator,    Nvt,      200, Geen),
    r("/api/v1/contactpersonen",              "GET",    Casusregisseur,     Nvt,      200, Geen),
    r("/api/v1/contactpersonen",              "GET",    Wijkteammedewerker, Nvt,      200, Geen),
    r("/api/v1/contactpersonen",              "GET",    Verwijzer,          Nvt,      200, Geen),
    r("/api/v1/contactpersonen",              "GET",    Aanbieder,          Nvt,      200, Geen),
    r("/api/v1/contactpersonen",              "GET",    Beleid,             Nvt,      200, Geen),
    r("/api/v1/contactpersonen",              "GET",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",              "GET",    Toegang,            Nvt,      200, Geen),
    r("/api/v1/contactpersonen",              "GET",    Accountbeheerder,       Nvt,      200, Geen),
    r("/api/v1/contactpersonen",              "GET",    Beheerder,          Nvt,      200, Geen),
    r("/api/v1/contactpersonen",              "GET",    Anoniem,            Nvt,      401, Geen),
    // Writing the directory's contact persons and expertpool: the beheerder
    // of the region only; every refusal is audited, before the id is looked up.
    r("/api/v1/contactpersonen",                  "POST",   Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",                  "POST",   Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",                  "POST",   Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",                  "POST",   Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",                  "POST",   Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",                  "POST",   Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",                  "POST",   Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",                  "POST",   Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",                  "POST",   Accountbeheerder,   Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen",                  "POST",   Beheerder,          Nvt,      201, Toegestaan),
    r("/api/v1/contactpersonen",                  "POST",   Anoniem,            Nvt,      401, Geen),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Accountbeheerder,   Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Accountbeheerder,   Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Beheerder,          Nvt,      200, Toegestaan),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Beheerder,          Onbekend, 404, Geen),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Anoniem,            Nvt,      401, Geen),
    r("/api/v1/contactpersonen/{id}",             "PUT",    Anoniem,            Onbekend, 401, Geen),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Accountbeheerder,   Nvt,      403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Accountbeheerder,   Onbekend, 403, Geweigerd),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Beheerder,          Nvt,      204, Toegestaan),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Beheerder,          Onbekend, 404, Geen),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Anoniem,            Nvt,      401, Geen),
    r("/api/v1/contactpersonen/{id}",             "DELETE", Anoniem,            Onbekend, 401, Geen),
    // The directory: reading for everyone logged in, registering for the beheerder.
    // An organisation's access-route set-up: the beheerder of its region
    // reads and changes it; every refusal is audited.
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Beheerder,          Nvt,      200, Geen),
    r("/api/v1/organisaties/{id}/toegangsroute", "GET", Anoniem,            Nvt,      401, Geen),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Beheerder,          Nvt,      200, Toegestaan),
    r("/api/v1/organisaties/{id}/toegangsroute", "PUT", Anoniem,            Nvt,      401, Geen),
    // An organisation's single sign-on: the beheerder of its region only.
    r("/api/v1/organisaties/{id}/sso",     "GET", Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "GET", Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "GET", Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "GET", Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "GET", Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "GET", Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "GET", Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "GET", Accountbeheerder,   Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "GET", Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "GET", Beheerder,          Nvt,      200, Geen),
    r("/api/v1/organisaties/{id}/sso",     "GET", Anoniem,            Nvt,      401, Geen),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Accountbeheerder,   Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Beheerder,          Nvt,      200, Toegestaan),
    r("/api/v1/organisaties/{id}/sso",     "PUT", Anoniem,            Nvt,      401, Geen),
    r("/api/v1/organisaties",      "GET",    Zorgcoordinator,    Nvt,      200, Geen),
    r("/api/v1/organisaties",      "GET",    Casusregisseur,     Nvt,      200, Geen),
    r("/api/v1/organisaties",      "GET",    Wijkteammedewerker, Nvt,      200, Geen),
    r("/api/v1/organisaties",      "GET",    Verwijzer,          Nvt,      200, Geen),
    r("/api/v1/organisaties",      "GET",    Aanbieder,          Nvt,      200, Geen),
    r("/api/v1/organisaties",      "GET",    Beleid,             Nvt,      200, Geen),
    r("/api/v1/organisaties",      "GET",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "GET",    Toegang,            Nvt,      200, Geen),
    r("/api/v1/organisaties",      "GET",    Accountbeheerder,       Nvt,      200, Geen),
    r("/api/v1/organisaties",      "GET",    Beheerder,          Nvt,      200, Geen),
    r("/api/v1/organisaties",      "GET",    Anoniem,            Nvt,      401, Geen),
    r("/api/v1/organisaties",      "POST",   Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "POST",   Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "POST",   Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "POST",   Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "POST",   Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "POST",   Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "POST",   Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "POST",   Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "POST",   Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/organisaties",      "POST",   Beheerder,          Nvt,      201, Toegestaan),
    r("/api/v1/organisaties",      "POST",   Anoniem,            Nvt,      401, Geen),
    r("/api/v1/interventie-afspraken", "GET",   Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "GET",   Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "GET",   Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "GET",   Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "GET",   Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "GET",   Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "GET",   Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "GET",   Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "GET",   Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "GET",   Beheerder,          Nvt,      200, Geen),
    r("/api/v1/interventie-afspraken", "GET",   Anoniem,            Nvt,      401, Geen),
    r("/api/v1/interventie-afspraken", "POST",   Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "POST",   Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "POST",   Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "POST",   Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "POST",   Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "POST",   Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "POST",   Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "POST",   Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "POST",   Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/interventie-afspraken", "POST",   Beheerder,          Nvt,      201, Toegestaan),
    r("/api/v1/interventie-afspraken", "POST",   Anoniem,            Nvt,      401, Geen),

    // Tokens and sessions: every role, for itself; a new token is logged.
    r("/api/v1/api-tokens",        "POST",   Zorgcoordinator,    Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Casusregisseur,     Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Wijkteammedewerker, Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Verwijzer,          Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Aanbieder,          Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Beleid,             Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Landelijk,          Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Toegang,            Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Accountbeheerder,       Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Beheerder,          Nvt,      201, Toegestaan),
    r("/api/v1/api-tokens",        "POST",   Anoniem,            Nvt,      401, Geen),

    // API tokens (issue 12.5): each lists and revokes its own; the
    // beheerder also every token of the region. Eigen: a token of the
    // actor's own; Ander: one of zorgcoördinator B. Another's token or an
    // unknown id: 404 alike, the attempt logged.
    r("/api/v1/api-tokens",        "GET",    Zorgcoordinator,    Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Casusregisseur,     Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Wijkteammedewerker, Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Verwijzer,          Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Aanbieder,          Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Beleid,             Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Landelijk,          Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Toegang,            Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Accountbeheerder,       Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Beheerder,          Nvt,      200, Geen),
    r("/api/v1/api-tokens",        "GET",    Anoniem,            Nvt,      401, Geen),
    r("/api/v1/api-tokens/{id}",   "DELETE", Zorgcoordinator,    Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Zorgcoordinator,    Ander,    404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Zorgcoordinator,    Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Casusregisseur,     Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Casusregisseur,     Ander,    404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Casusregisseur,     Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Wijkteammedewerker, Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Wijkteammedewerker, Ander,    404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Wijkteammedewerker, Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Verwijzer,          Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Verwijzer,          Ander,    404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Verwijzer,          Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Aanbieder,          Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Aanbieder,          Ander,    404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Aanbieder,          Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Beleid,             Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Landelijk,          Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Toegang,            Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Beleid,             Ander,    404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Landelijk,          Ander,    404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Toegang,            Ander,    404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Beleid,             Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Landelijk,          Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Toegang,            Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Accountbeheerder,       Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Accountbeheerder,       Ander,    404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Accountbeheerder,       Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Beheerder,          Eigen,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Beheerder,          Ander,    204, Toegestaan),
    r("/api/v1/api-tokens/{id}",   "DELETE", Beheerder,          Onbekend, 404, Geweigerd),
    r("/api/v1/api-tokens/{id}",   "DELETE", Anoniem,            Eigen,    401, Geen),
    r("/api/v1/api-tokens/{id}",   "DELETE", Anoniem,            Ander,    401, Geen),
    r("/api/v1/api-tokens/{id}",   "DELETE", Anoniem,            Onbekend, 401, Geen),
    r("/api/v1/regio/api-tokens",  "GET",    Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/regio/api-tokens",  "GET",    Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/regio/api-tokens",  "GET",    Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/regio/api-tokens",  "GET",    Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/regio/api-tokens",  "GET",    Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/regio/api-tokens",  "GET",    Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/regio/api-tokens",  "GET",    Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/regio/api-tokens",  "GET",    Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/regio/api-tokens",  "GET",    Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/regio/api-tokens",  "GET",    Beheerder,          Nvt,      200, Geen),
    r("/api/v1/regio/api-tokens",  "GET",    Anoniem,            Nvt,      401, Geen),

    // Deactivating an account (issue 12.5/13.2): the beheerder, for an
    // account of the region (Nvt: a fresh one); an unknown id is 404.
    r("/api/v1/medewerkers/{id}/actief", "PUT", Zorgcoordinator,    Nvt,      403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Zorgcoordinator,    Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Casusregisseur,     Nvt,      403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Casusregisseur,     Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Wijkteammedewerker, Nvt,      403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Verwijzer,          Nvt,      403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Verwijzer,          Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Aanbieder,          Nvt,      403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Aanbieder,          Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Beleid,             Nvt,      403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Landelijk,          Nvt,      403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Toegang,            Nvt,      403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Beleid,             Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Landelijk,          Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Accountbeheerder,       Nvt,      403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Accountbeheerder,       Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Beheerder,          Nvt,      200, Toegestaan),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Beheerder,          Onbekend, 404, Geweigerd),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Anoniem,            Nvt,      401, Geen),
    r("/api/v1/medewerkers/{id}/actief", "PUT", Anoniem,            Onbekend, 401, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Zorgcoordinator,    Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Casusregisseur,     Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Wijkteammedewerker, Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Verwijzer,          Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Aanbieder,          Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Beleid,             Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Landelijk,          Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Toegang,            Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Accountbeheerder,       Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Beheerder,          Nvt,      200, Geen),
    r("/api/v1/sessies/huidige",   "GET",    Anoniem,            Nvt,      401, Geen),
    r("/api/v1/sessies/huidige",   "DELETE", Zorgcoordinator,    Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Casusregisseur,     Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Wijkteammedewerker, Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Verwijzer,          Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Aanbieder,          Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Beleid,             Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Landelijk,          Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Toegang,            Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Accountbeheerder,       Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Beheerder,          Nvt,      204, Toegestaan),
    r("/api/v1/sessies/huidige",   "DELETE", Anoniem,            Nvt,      401, Geen),

    // Accounts (issue 13.2). Eigen: an account of (or an invitation into)
    // the actor's own organisation; Ander: of school B, in the same region;
    // Onbekend: an id nobody has. The region's beheerder manages both; the
    // accountbeheerder of school A only its own, and is refused (403,
    // logged) elsewhere, an unknown id alike.
    r("/api/v1/medewerkers", "GET", Zorgcoordinator, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Zorgcoordinator, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Casusregisseur, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Casusregisseur, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Wijkteammedewerker, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Wijkteammedewerker, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Verwijzer, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Verwijzer, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Aanbieder, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Aanbieder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Beleid, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Landelijk, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Toegang,            Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Beleid, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Landelijk, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Toegang,            Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Beheerder, Eigen, 200, Geen),
    r("/api/v1/medewerkers", "GET", Beheerder, Ander, 200, Geen),
    r("/api/v1/medewerkers", "GET", Accountbeheerder, Eigen, 200, Geen),
    r("/api/v1/medewerkers", "GET", Accountbeheerder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "GET", Anoniem, Eigen, 401, Geen),
    r("/api/v1/medewerkers", "GET", Anoniem, Ander, 401, Geen),
    r("/api/v1/medewerkers", "POST", Zorgcoordinator, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Zorgcoordinator, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Casusregisseur, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Casusregisseur, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Wijkteammedewerker, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Wijkteammedewerker, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Verwijzer, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Verwijzer, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Aanbieder, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Aanbieder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Beleid, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Landelijk, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Toegang,            Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Beleid, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Landelijk, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Toegang,            Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Beheerder, Eigen, 201, Toegestaan),
    r("/api/v1/medewerkers", "POST", Beheerder, Ander, 201, Toegestaan),
    r("/api/v1/medewerkers", "POST", Accountbeheerder, Eigen, 201, Toegestaan),
    r("/api/v1/medewerkers", "POST", Accountbeheerder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers", "POST", Anoniem, Eigen, 401, Geen),
    r("/api/v1/medewerkers", "POST", Anoniem, Ander, 401, Geen),
    r("/api/v1/medewerkers/{id}", "GET", Zorgcoordinator, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Zorgcoordinator, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Zorgcoordinator, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Casusregisseur, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Casusregisseur, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Casusregisseur, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Wijkteammedewerker, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Wijkteammedewerker, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Verwijzer, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Verwijzer, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Verwijzer, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Aanbieder, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Aanbieder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Aanbieder, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Beleid, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Landelijk, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Toegang,            Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Beleid, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Landelijk, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Toegang,            Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Beleid, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Landelijk, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Beheerder, Eigen, 200, Geen),
    r("/api/v1/medewerkers/{id}", "GET", Beheerder, Ander, 200, Geen),
    r("/api/v1/medewerkers/{id}", "GET", Beheerder, Onbekend, 404, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Accountbeheerder, Eigen, 200, Geen),
    r("/api/v1/medewerkers/{id}", "GET", Accountbeheerder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Accountbeheerder, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}", "GET", Anoniem, Eigen, 401, Geen),
    r("/api/v1/medewerkers/{id}", "GET", Anoniem, Ander, 401, Geen),
    r("/api/v1/medewerkers/{id}", "GET", Anoniem, Onbekend, 401, Geen),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Zorgcoordinator, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Zorgcoordinator, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Zorgcoordinator, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Casusregisseur, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Casusregisseur, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Casusregisseur, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Wijkteammedewerker, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Wijkteammedewerker, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Verwijzer, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Verwijzer, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Verwijzer, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Aanbieder, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Aanbieder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Aanbieder, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Beleid, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Landelijk, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Toegang,            Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Beleid, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Landelijk, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Toegang,            Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Beleid, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Landelijk, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Beheerder, Eigen, 200, Toegestaan),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Beheerder, Ander, 200, Toegestaan),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Beheerder, Onbekend, 404, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Accountbeheerder, Eigen, 200, Toegestaan),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Accountbeheerder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Accountbeheerder, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Anoniem, Eigen, 401, Geen),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Anoniem, Ander, 401, Geen),
    r("/api/v1/medewerkers/{id}/rollen", "PUT", Anoniem, Onbekend, 401, Geen),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Zorgcoordinator, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Zorgcoordinator, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Zorgcoordinator, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Casusregisseur, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Casusregisseur, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Casusregisseur, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Wijkteammedewerker, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Wijkteammedewerker, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Verwijzer, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Verwijzer, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Verwijzer, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Aanbieder, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Aanbieder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Aanbieder, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Beleid, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Landelijk, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Toegang,            Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Beleid, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Landelijk, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Toegang,            Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Beleid, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Landelijk, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Beheerder, Eigen, 201, Toegestaan),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Beheerder, Ander, 201, Toegestaan),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Beheerder, Onbekend, 404, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Accountbeheerder, Eigen, 201, Toegestaan),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Accountbeheerder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Accountbeheerder, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Anoniem, Eigen, 401, Geen),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Anoniem, Ander, 401, Geen),
    r("/api/v1/medewerkers/{id}/herstellink", "POST", Anoniem, Onbekend, 401, Geen),
    // Removing a lost second factor: who may issue a reset link may do this.
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Zorgcoordinator, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Zorgcoordinator, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Zorgcoordinator, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Casusregisseur, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Casusregisseur, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Casusregisseur, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Wijkteammedewerker, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Wijkteammedewerker, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Wijkteammedewerker, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Verwijzer, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Verwijzer, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Verwijzer, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Aanbieder, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Aanbieder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Aanbieder, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Beleid, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Landelijk, Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Toegang,            Eigen, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Beleid, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Landelijk, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Toegang,            Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Beleid, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Landelijk, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Toegang,            Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Beheerder, Eigen, 204, Toegestaan),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Beheerder, Ander, 204, Toegestaan),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Beheerder, Onbekend, 404, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Accountbeheerder, Eigen, 204, Toegestaan),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Accountbeheerder, Ander, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Accountbeheerder, Onbekend, 403, Geweigerd),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Anoniem, Eigen, 401, Geen),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Anoniem, Ander, 401, Geen),
    r("/api/v1/medewerkers/{id}/tweede-factoren", "DELETE", Anoniem, Onbekend, 401, Geen),
    // The own password last: it ends the actor's other sessions.
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Zorgcoordinator, Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Casusregisseur, Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Wijkteammedewerker, Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Verwijzer, Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Aanbieder, Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Beleid, Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Landelijk, Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Toegang,            Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Beheerder, Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Accountbeheerder, Nvt, 204, Toegestaan),
    r("/api/v1/sessies/huidige/wachtwoord", "PUT", Anoniem, Nvt, 401, Geen),
    ]
};

/// Every route the matrix covers, with what its requests can be about.
const ROUTES: &[(&str, &str, &[Doel])] = {
    use Doel::*;
    &[
        ("/api/v1/jeugdigen", "GET", &[Eigen, Ander]),
        ("/api/v1/jeugdigen/_zoek", "POST", &[Eigen, Ander]),
        ("/api/v1/jeugdigen", "POST", &[Eigen, Ander, Leeg, Onbekend]),
        ("/api/v1/jeugdigen/{id}", "GET", &[Eigen, Ander, Onbekend]),
        ("/api/v1/jeugdigen/{id}", "PUT", &[Eigen, Ander, Onbekend]),
        (
            "/api/v1/jeugdigen/{id}/toegangsroute",
            "GET",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/normenkader/adviezen",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/normenkader/toetsingen",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/jeugdigen/{id}/onderwijssituaties",
            "GET",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/jeugdigen/{id}/onderwijssituaties",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        ("/api/v1/huishoudens", "POST", &[Nvt]),
        ("/api/v1/hulpvragen", "POST", &[Eigen, Ander, Onbekend]),
        ("/api/v1/hulpvragen", "GET", &[Eigen, Ander]),
        ("/api/v1/hulpvragen/{id}", "GET", &[Eigen, Ander, Onbekend]),
        (
            "/api/v1/hulpvragen/{id}/triage",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        ("/api/v1/casussen", "POST", &[Eigen, Ander, Onbekend]),
        ("/api/v1/casussen/{id}", "GET", &[Eigen, Ander, Onbekend]),
        (
            "/api/v1/casussen/{id}/plan",
            "PUT",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/casussen/{id}/gebeurtenissen",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        ("/api/v1/verwijzingen", "POST", &[Eigen, Ander, Onbekend]),
        ("/api/v1/verwijzingen", "GET", &[Eigen, Ander]),
        (
            "/api/v1/verwijzingen/{id}",
            "GET",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/verwijzingen/{id}/leveringen",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/verwijzingen/{id}/leveringen",
            "GET",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/verwijzingen/{id}/leveringen/reeks",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/casussen/{id}/inzage-gesloten",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        ("/api/v1/noodtoegang", "GET", &[Nvt]),
        ("/api/v1/maatwerkverwijzingen", "GET", &[Nvt]),
        // The other region's referral: tests/api/maatwerk.rs.
        (
            "/api/v1/verwijzingen/{id}/beoordeling",
            "POST",
            &[Eigen, Onbekend],
        ),
        ("/api/v1/acties", "GET", &[Nvt]),
        ("/api/v1/werkvoorraad", "GET", &[Nvt]),
        (
            "/api/v1/acties/{id}/afronding",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        ("/api/v1/monitoring", "GET", &[Nvt]),
        ("/api/v1/monitoring/tabel", "GET", &[Nvt]),
        ("/api/v1/monitoring/regios", "GET", &[Nvt]),
        ("/api/v1/adres-zoekopdrachten", "POST", &[Nvt]),
        ("/api/v1/wijkteams", "GET", &[Nvt]),
        ("/api/v1/aanbieders", "GET", &[Nvt]),
        ("/api/v1/contactpersonen", "GET", &[Nvt]),
        ("/api/v1/contactpersonen", "POST", &[Nvt]),
        ("/api/v1/contactpersonen/{id}", "PUT", &[Nvt, Onbekend]),
        ("/api/v1/contactpersonen/{id}", "DELETE", &[Nvt, Onbekend]),
        ("/api/v1/organisaties/{id}/werkgebied", "PUT", &[Nvt]),
        ("/api/v1/organisaties/{id}/toegangsroute", "GET", &[Nvt]),
        ("/api/v1/organisaties/{id}/toegangsroute", "PUT", &[Nvt]),
        ("/api/v1/organisaties/{id}/sso", "GET", &[Nvt]),
        ("/api/v1/organisaties/{id}/sso", "PUT", &[Nvt]),
        ("/api/v1/organisaties", "GET", &[Nvt]),
        ("/api/v1/organisaties", "POST", &[Nvt]),
        ("/api/v1/interventie-afspraken", "GET", &[Nvt]),
        ("/api/v1/interventie-afspraken", "POST", &[Nvt]),
        ("/api/v1/api-tokens", "POST", &[Nvt]),
        ("/api/v1/api-tokens", "GET", &[Nvt]),
        (
            "/api/v1/api-tokens/{id}",
            "DELETE",
            &[Eigen, Ander, Onbekend],
        ),
        ("/api/v1/regio/api-tokens", "GET", &[Nvt]),
        ("/api/v1/medewerkers/{id}/actief", "PUT", &[Nvt, Onbekend]),
        ("/api/v1/sessies/huidige", "GET", &[Nvt]),
        ("/api/v1/sessies/huidige", "DELETE", &[Nvt]),
        ("/api/v1/medewerkers", "GET", &[Eigen, Ander]),
        ("/api/v1/medewerkers", "POST", &[Eigen, Ander]),
        ("/api/v1/medewerkers/{id}", "GET", &[Eigen, Ander, Onbekend]),
        (
            "/api/v1/medewerkers/{id}/rollen",
            "PUT",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/medewerkers/{id}/herstellink",
            "POST",
            &[Eigen, Ander, Onbekend],
        ),
        (
            "/api/v1/medewerkers/{id}/tweede-factoren",
            "DELETE",
            &[Eigen, Ander, Onbekend],
        ),
        ("/api/v1/sessies/huidige/wachtwoord", "PUT", &[Nvt]),
    ]
};

/// The operations in the OpenAPI spec that are open to everyone and touch
/// no personal data; every other operation must be in [`ROUTES`].
const OPENBAAR: &[(&str, &str)] = &[
    ("/api/v1/gezondheid", "GET"),
    ("/api/v1/openapi.json", "GET"),
    // Without "jeugdige"; with one, in ROUTES.
    ("/api/v1/normenkader/adviezen", "POST"),
    ("/api/v1/normenkader/toetsingen", "POST"),
    ("/api/v1/normenkader/reikwijdtes/{school}", "GET"),
    ("/api/v1/sessies", "POST"),
    // The second step of a login: opens only with the first step's cookie
    // (tests/api/tweedefactor.rs).
    ("/api/v1/sessies/tweede-factor", "POST"),
];

const WIE: [Wie; 11] = [
    Wie::Zorgcoordinator,
    Wie::Casusregisseur,
    Wie::Wijkteammedewerker,
    Wie::Verwijzer,
    Wie::Aanbieder,
    Wie::Beleid,
    Wie::Beheerder,
    Wie::Toegang,
    Wie::Accountbeheerder,
    Wie::Landelijk,
    Wie::Anoniem,
];

const WIJKTEAMMEDEWERKER_A: &str = "medewerker@wijkteam.test";
const AANBIEDER_A: &str = "zorg@aanbieder-a.test";
const REGISSEUR_B: &str = "regisseur@wijkteam-b.test";
const ACCOUNTBEHEERDER_A: &str = "accounts@school-a.test";

impl Wie {
    fn rol(self) -> Option<Rol> {
        match self {
            Self::Zorgcoordinator => Some(Rol::Zorgcoordinator),
            Self::Casusregisseur => Some(Rol::Casusregisseur),
            Self::Wijkteammedewerker => Some(Rol::Wijkteammedewerker),
            Self::Verwijzer => Some(Rol::Verwijzer),
            Self::Aanbieder => Some(Rol::Aanbieder),
            Self::Beleid => Some(Rol::Beleid),
            Self::Beheerder => Some(Rol::Beheerder),
            Self::Toegang => Some(Rol::Toegang),
            Self::Accountbeheerder => Some(Rol::Accountbeheerder),
            Self::Landelijk => Some(Rol::Landelijk),
            Self::Anoniem => None,
        }
    }

    /// The actor's account, at an A organisation.
    fn email(self) -> Option<&'static str> {
        match self {
            Self::Zorgcoordinator => Some(ZC_A),
            Self::Casusregisseur => Some(REGISSEUR),
            Self::Wijkteammedewerker => Some(WIJKTEAMMEDEWERKER_A),
            Self::Verwijzer => Some(VERWIJZER),
            Self::Aanbieder => Some(AANBIEDER_A),
            Self::Beleid => Some(BELEID),
            Self::Beheerder => Some(BEHEERDER),
            Self::Toegang => Some(TOEGANG),
            Self::Accountbeheerder => Some(ACCOUNTBEHEERDER_A),
            Self::Landelijk => Some(LANDELIJK),
            Self::Anoniem => None,
        }
    }
}

impl std::fmt::Display for Rij {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} als {:?}, doel {:?} (verwacht {}, log {:?})",
            self.methode, self.route, self.wie, self.doel, self.status, self.log
        )
    }
}

/// The search by BSN: the other jeugdige's BSN finds no one, and the attempt
/// is logged as refused although the answer is 200.
const ZOEK: &str = "/api/v1/jeugdigen/_zoek";

/// Requests that name one jeugdige, or a BSN to register: their refusals
/// must be logged, and so must what they allow.
fn over_een_client(rij: &Rij) -> bool {
    match (rij.methode, rij.route) {
        ("POST", "/api/v1/jeugdigen") => true,
        ("POST", ZOEK)
        | ("GET" | "PUT", "/api/v1/jeugdigen/{id}")
        | ("GET", "/api/v1/jeugdigen/{id}/toegangsroute")
        | ("POST", "/api/v1/normenkader/adviezen" | "/api/v1/normenkader/toetsingen")
        | ("GET" | "POST", "/api/v1/jeugdigen/{id}/onderwijssituaties")
        | ("POST", "/api/v1/hulpvragen")
        | ("GET", "/api/v1/hulpvragen/{id}")
        | ("POST", "/api/v1/hulpvragen/{id}/triage")
        | ("GET", "/api/v1/casussen/{id}")
        | ("PUT", "/api/v1/casussen/{id}/plan")
        | ("POST", "/api/v1/casussen/{id}/gebeurtenissen")
        | ("POST", "/api/v1/casussen/{id}/inzage-gesloten")
        | ("POST", "/api/v1/verwijzingen")
        | ("GET", "/api/v1/verwijzingen/{id}")
        | ("POST", "/api/v1/verwijzingen/{id}/leveringen")
        | ("GET", "/api/v1/verwijzingen/{id}/leveringen")
        | ("POST", "/api/v1/verwijzingen/{id}/leveringen/reeks")
        | ("POST", "/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties")
        | ("POST", "/api/v1/verwijzingen/{id}/beoordeling") => {
            matches!(rij.doel, Doel::Eigen | Doel::Ander)
        }
        _ => false,
    }
}

/// All the national role may do (issue 17.5): read the country's totals,
/// and its own session, password and API tokens.
const LANDELIJK_TOEGESTAAN: &[(&str, &str)] = &[
    ("/api/v1/monitoring/regios", "GET"),
    ("/api/v1/sessies/huidige", "GET"),
    ("/api/v1/sessies/huidige", "DELETE"),
    ("/api/v1/sessies/huidige/wachtwoord", "PUT"),
    ("/api/v1/api-tokens", "POST"),
    ("/api/v1/api-tokens", "GET"),
    ("/api/v1/api-tokens/{id}", "DELETE"),
];

/// The table itself: complete, and true to the rules every row must follow.
#[test]
fn matrix_is_volledig_en_consistent() {
    let rollen: Vec<Rol> = WIE.iter().filter_map(|w| w.rol()).collect();
    assert_eq!(rollen, Rol::ALLE, "every role has its actor");
    // Exactly one row per route × method × actor × target, and no other.
    let mut verwacht = Vec::new();
    for (route, methode, doelen) in ROUTES {
        for wie in WIE {
            for doel in *doelen {
                verwacht.push((*route, *methode, wie, *doel));
            }
        }
    }
    let rijen: Vec<_> = MATRIX
        .iter()
        .map(|r| (r.route, r.methode, r.wie, r.doel))
        .collect();
    for v in &verwacht {
        let n = rijen.iter().filter(|r| *r == v).count();
        assert_eq!(n, 1, "{v:?} occurs {n} times in MATRIX");
    }
    assert_eq!(rijen.len(), verwacht.len(), "MATRIX has rows for no route");

    let mut fouten = Vec::new();
    for rij in MATRIX {
        let toegestaan = (200..300).contains(&rij.status);
        let dossierroute = ["jeugdigen", "hulpvragen", "casussen/", "verwijzingen"]
            .iter()
            .any(|r| rij.route.starts_with(&format!("/api/v1/{r}")));
        let regels = [
            // Nobody gets in without logging in, and nothing is logged then.
            (
                rij.wie == Wie::Anoniem,
                rij.status == 401 && rij.log == Log::Geen,
                "anonymous: 401, nothing logged",
            ),
            (
                rij.wie != Wie::Anoniem,
                rij.status != 401,
                "401 is for anonymous requests only",
            ),
            // Beleid and beheerder never see or write a jeugdige's data.
            (
                matches!(
                    rij.wie,
                    Wie::Beleid | Wie::Beheerder | Wie::Accountbeheerder | Wie::Landelijk
                ) && dossierroute,
                !toegestaan,
                "beleid, beheerder and accountbeheerder never get at a dossier",
            ),
            // No cross-organisation access to a jeugdige. (For an API
            // token, Ander is another account's token: see its rows.)
            (
                rij.doel == Doel::Ander
                    && !rij.route.starts_with("/api/v1/api-tokens")
                    && !rij.route.starts_with("/api/v1/medewerkers"),
                !toegestaan
                    || (rij.methode == "GET" && rij.log == Log::Geen)
                    || (rij.route == ZOEK && rij.log == Log::Geweigerd),
                "the other organisation's jeugdige is never handed out",
            ),
            // Every refused request about a jeugdige, a household or a case
            // is logged as refused — by role or by relation.
            (
                rij.status == 403
                    && (over_een_client(rij)
                        || matches!(
                            (rij.methode, rij.route),
                            ("POST", "/api/v1/hulpvragen" | "/api/v1/casussen")
                        )),
                rij.log == Log::Geweigerd,
                "a refusal about a jeugdige is logged as refused",
            ),
            // Everything allowed about a jeugdige is logged as allowed.
            (
                over_een_client(rij)
                    && toegestaan
                    && !(rij.route == ZOEK && rij.doel == Doel::Ander),
                rij.log == Log::Toegestaan,
                "an allowed read or write of a jeugdige is logged as allowed",
            ),
            (
                rij.route == ZOEK && rij.doel == Doel::Ander,
                rij.log != Log::Toegestaan,
                "a search by another's BSN is never logged as allowed",
            ),
            (
                rij.route == "/api/v1/jeugdigen" && rij.methode == "GET" && toegestaan,
                rij.log
                    == if rij.doel == Doel::Eigen {
                        Log::Toegestaan
                    } else {
                        Log::Geen
                    },
                "a list logs each jeugdige it shows, and only those",
            ),
            // The own question is on the list of the school that registered
            // it, and logged there; on no other list.
            (
                rij.route == "/api/v1/hulpvragen" && rij.methode == "GET" && toegestaan,
                rij.log
                    == if rij.doel == Doel::Eigen && rij.wie == Wie::Zorgcoordinator {
                        Log::Toegestaan
                    } else {
                        Log::Geen
                    },
                "the hulpvragen list logs each question it shows, and only those",
            ),
            // What fails on a reference or a role logs nothing about success.
            (
                !toegestaan,
                rij.log != Log::Toegestaan,
                "nothing refused is logged as allowed",
            ),
            // An accountbeheerder acting outside the own organisation is
            // refused, and the refusal is logged.
            (
                rij.wie == Wie::Accountbeheerder
                    && rij.route.starts_with("/api/v1/medewerkers")
                    && matches!(rij.doel, Doel::Ander | Doel::Onbekend),
                rij.status == 403 && rij.log == Log::Geweigerd,
                "an accountbeheerder outside the own organisation: 403, logged",
            ),
            // The national role: the country's totals, its own session,
            // password and API tokens; nothing else (deny by default).
            (
                rij.wie == Wie::Landelijk,
                !toegestaan || LANDELIJK_TOEGESTAAN.contains(&(rij.route, rij.methode)),
                "the national role gets only the national totals and its own account",
            ),
        ];
        for (geldt, klopt, regel) in regels {
            if geldt && !klopt {
                fouten.push(format!("{rij}: {regel}"));
            }
        }
    }
    assert!(fouten.is_empty(), "\n{}", fouten.join("\n"));
}

// --- running the table --------------------------------------------------------------------

/// A dossier: a household with one jeugdige.
struct Jd {
    huishouden: i64,
    jeugdige: i64,
    bsn: Bsn,
    school: i64,
}

/// The own and the other jeugdige.
struct Paar {
    eigen: Jd,
    ander: Jd,
}

struct Actor {
    wie: Wie,
    gebruiker: Gebruiker,
    medewerker: Option<i64>,
}

struct Matrix<'a> {
    app: &'a App,
    actoren: Vec<Actor>,
    zc_b: Gebruiker,
    wijkteam_b: i64,
    partijen_a: Vec<i64>,
    partijen_b: Vec<i64>,
    /// The national monitor's organisation (region of its own).
    landelijk: i64,
    bsn: AtomicU32,
}

/// An id no jeugdige, household or organisation has.
const ONBEKEND: i64 = 1_000_000;

impl<'a> Matrix<'a> {
    async fn nieuw(app: &'a App) -> Self {
        let o = app.opslag.as_ref();
        let org = |naam: &str, soort, agb: Option<&str>| NieuweOrganisatie {
            regio: app.w.regio,
            naam: naam.into(),
            soort,
            gemeente: Some(GemeenteCode::parse("GM0034").expect("gemeentecode")),
            brin: None,
            agb: agb.map(|a| schakel_domain::Agb::parse(a).expect("AGB")),
        };
        let mut ids = Vec::new();
        for n in [
            org("Wijkteam Stad", OrganisatieSoort::Wijkteam, None),
            org("JGZ Buiten", OrganisatieSoort::Jgz, None),
            org("Zorg A", OrganisatieSoort::Aanbieder, Some("12345678")),
            org("Zorg B", OrganisatieSoort::Aanbieder, Some("87654321")),
            org("Gemeente Buiten", OrganisatieSoort::Gemeente, None),
        ] {
            ids.push(o.maak_organisatie(&n).await.expect("organisatie").id);
        }
        let [wijkteam_b, jgz_b, aanbieder_a, aanbieder_b, gemeente_b] = ids[..] else {
            unreachable!()
        };
        for (email, naam, rol, organisatie) in [
            (
                WIJKTEAMMEDEWERKER_A,
                "Wijkteammedewerker",
                Rol::Wijkteammedewerker,
                app.w.wijkteam,
            ),
            (AANBIEDER_A, "Begeleider", Rol::Aanbieder, aanbieder_a),
            (
                REGISSEUR_B,
                "Casusregisseur B",
                Rol::Casusregisseur,
                wijkteam_b,
            ),
            (
                ACCOUNTBEHEERDER_A,
                "Accountbeheerder A",
                Rol::Accountbeheerder,
                app.w.school_a,
            ),
        ] {
            o.maak_medewerker(&NieuweMedewerker {
                naam: naam.into(),
                email: email.into(),
                wachtwoord_hash: wachtwoord_hash(),
                demo: true,
                rollen: vec![Roltoewijzing { rol, organisatie }],
            })
            .await
            .expect("medewerker");
        }
        let landelijk = landelijke_monitor(o).await;
        let mut actoren = Vec::new();
        for wie in WIE {
            let (gebruiker, medewerker) = match wie.email() {
                Some(email) => {
                    let (m, _) = o
                        .medewerker_op_email(email)
                        .await
                        .expect("medewerker_op_email")
                        .expect("seeded");
                    assert_eq!(m.rollen.len(), 1);
                    assert_eq!(Some(m.rollen[0].rol), wie.rol());
                    (app.login(email).await, Some(m.id))
                }
                None => (
                    Gebruiker {
                        url: app.url.clone(),
                        http: app.anoniem(),
                        csrf: String::new(),
                        bearer: None,
                    },
                    None,
                ),
            };
            actoren.push(Actor {
                wie,
                gebruiker,
                medewerker,
            });
        }
        Self {
            app,
            actoren,
            zc_b: app.login(ZC_B).await,
            wijkteam_b,
            partijen_a: vec![app.w.jgz, aanbieder_a, app.w.gemeente],
            partijen_b: vec![jgz_b, aanbieder_b, gemeente_b],
            landelijk,
            bsn: AtomicU32::new(999_910_000),
        }
    }

    fn actor(&self, wie: Wie) -> &Actor {
        self.actoren
            .iter()
            .find(|a| a.wie == wie)
            .expect("an actor per Wie")
    }

    /// A test BSN not used before (9999xxxxx, passing the 11-proef).
    fn nieuwe_bsn(&self) -> Bsn {
        loop {
            let n = self.bsn.fetch_add(1, Ordering::SeqCst);
            if let Ok(b) = Bsn::parse(&format!("{n:09}")) {
                return b;
            }
        }
    }

    async fn huishouden(&self, door: &Gebruiker) -> i64 {
        let (s, _, body) = door
            .post(
                "/api/v1/huishoudens",
                json!({"vertegenwoordigers": [{"naam": OUDER, "relatie": "ouder"}]}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        body["id"].as_i64().expect("id")
    }

    /// A new hulpvraag about `jeugdige`, registered by `zc`'s school.
    async fn hulpvraag(&self, zc: &Gebruiker, jeugdige: i64) -> i64 {
        let (s, _, body) = zc
            .post(
                "/api/v1/hulpvragen",
                json!({"jeugdige": jeugdige, "omschrijving": "Opnieuw zorgen."}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        body["id"].as_i64().expect("id")
    }

    /// A household with a pupil of `zc`'s school, whose hulpvraag there
    /// `zc` triaged as "beide": an open joint case of `wijkteam`, with the
    /// school and the JGZ of `partijen` as parties, and a referral of the
    /// pupil to the provider of `partijen` (a provider is named at no
    /// triage: it comes in through a referral).
    async fn dossier(&self, zc: &Gebruiker, school: i64, wijkteam: i64, partijen: &[i64]) -> Jd {
        let huishouden = self.huishouden(zc).await;
        let bsn = self.nieuwe_bsn();
        let (s, _, body) = zc
            .post(
                "/api/v1/jeugdigen",
                jeugdige_invoer(huishouden, bsn.als_tekst(), Some(school)),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let jeugdige = body["id"].as_i64().expect("id");
        let (s, _, body) = zc
            .post(
                "/api/v1/hulpvragen",
                json!({"jeugdige": jeugdige, "omschrijving": "Zit vaak thuis."}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let vraag = body["id"].as_i64().expect("id");
        let (s, _, body) = zc
            .post(
                &format!("/api/v1/hulpvragen/{vraag}/triage"),
                json!({"uitkomst": "beide", "wijkteam": wijkteam, "partijen": [partijen[0]]}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{body}");
        assert!(body["casus"].is_i64(), "beide opens a case: {body}");
        let jd = Jd {
            huishouden,
            jeugdige,
            bsn,
            school,
        };
        self.verwijzing(&jd, partijen == self.partijen_a.as_slice(), &[])
            .await;
        jd
    }

    /// The organisation the actor works for.
    fn organisatie(&self, wie: Wie) -> Option<i64> {
        let w = &self.app.w;
        match wie {
            Wie::Zorgcoordinator => Some(w.school_a),
            Wie::Casusregisseur | Wie::Wijkteammedewerker => Some(w.wijkteam),
            Wie::Verwijzer => Some(w.jgz),
            Wie::Aanbieder => Some(self.partijen_a[1]),
            Wie::Beleid | Wie::Beheerder | Wie::Toegang => Some(w.gemeente),
            Wie::Accountbeheerder => Some(w.school_a),
            Wie::Landelijk => Some(self.landelijk),
            Wie::Anoniem => None,
        }
    }

    /// A maatwerk referral to aanbieder A, waiting for the gemeente.
    async fn maatwerkverwijzing(&self, j: &Jd) -> i64 {
        self.verwijzing_met(j, true, &[], false).await
    }

    /// A referral stored directly, to aanbieder A (`eigen`) or B, with
    /// these actions.
    /// One delivery on the row's referral (none on an unknown one), by
    /// the provider of its side, written through the store.
    async fn levering(&self, verwijzing: i64, eigen: bool) -> i64 {
        if verwijzing == ONBEKEND {
            return ONBEKEND;
        }
        let l = schakel_storage::NieuweLevering {
            verwijzing,
            datum: verwijsdatum(),
            hoeveelheid: schakel_rules::Hoeveelheid::eenheden(2),
            door: schakel_storage::Door {
                medewerker: self.app.w.medewerker(VERWIJZER),
                rol: Rol::Aanbieder,
                organisatie: if eigen {
                    self.partijen_a[1]
                } else {
                    self.partijen_b[1]
                },
            },
        };
        let record = schakel_storage::NieuwAuditRecord {
            gebeurtenis: "verwijzing.levering".into(),
            actie: Actie::Aanmaken,
            tijdstip: schakel_storage::audit::nu(),
            gebruiker: None,
            rol: Some(Rol::Aanbieder),
            organisatie: None,
            namens: None,
            client_type: None,
            client: None,
            object_type: "verwijzing".into(),
            object_id: Some(verwijzing),
            uitkomst: Uitkomst::Toegestaan,
            grond: None,
            bron: "matrix".into(),
            systeem: "schakel-test".into(),
        };
        self.app
            .opslag
            .registreer_levering(&l, &record)
            .await
            .expect("levering");
        self.app
            .opslag
            .leveringen(verwijzing)
            .await
            .expect("leveringen")
            .last()
            .expect("de levering")
            .id
    }

    async fn verwijzing(
        &self,
        j: &Jd,
        eigen: bool,
        acties: &[schakel_storage::NieuwActiepunt],
    ) -> i64 {
        self.verwijzing_met(j, eigen, acties, true).await
    }

    async fn verwijzing_met(
        &self,
        j: &Jd,
        eigen: bool,
        acties: &[schakel_storage::NieuwActiepunt],
        binnen_normen: bool,
    ) -> i64 {
        let ingang = verwijsdatum();
        let einde = schakel_rules::datum::Schooljaar::van_datum(ingang)
            .periode()
            .tot;
        let v = schakel_storage::NieuweVerwijzing {
            jeugdige: j.jeugdige,
            casus: None,
            door: schakel_storage::Door {
                medewerker: self.app.w.medewerker(VERWIJZER),
                rol: Rol::Verwijzer,
                organisatie: self.app.w.jgz,
            },
            aanbieder: if eigen {
                self.partijen_a[1]
            } else {
                self.partijen_b[1]
            },
            product: "begeleiding_individueel_basis".into(),
            volume: 3.0,
            eenheid: "uur".into(),
            per: "week".into(),
            ingangsdatum: ingang,
            einddatum: einde,
            toegekend: schakel_rules::Hoeveelheid::eenheden(100),
            binnen_normen,
            regels: vec!["almere.rij.volledig_onderwijs".into()],
            normenkader: "almere 2025.1".into(),
            bevindingen: json!([]),
            motivatie: (!binnen_normen).then(|| "Maatwerk na een crisis thuis".into()),
        };
        let record = opzet_record("verwijzing");
        self.app
            .opslag
            .maak_verwijzing(&v, acties, &record)
            .await
            .expect("verwijzing")
            .id
    }

    /// A token of the actor's own account (any actor: anonymous gets the
    /// zorgcoördinator's), stored directly; returns its id.
    async fn token(&self, wie: Wie) -> i64 {
        let wie = if wie == Wie::Anoniem {
            Wie::Zorgcoordinator
        } else {
            wie
        };
        let medewerker = self.actor(wie).medewerker.expect("an account");
        let rol = Roltoewijzing {
            rol: wie.rol().expect("a role"),
            organisatie: self.organisatie(wie).expect("an organisation"),
        };
        self.maak_token(medewerker, rol).await
    }

    /// A new account of the region (a zorgcoördinator of school B), for a
    /// row that deactivates one.
    async fn nieuw_account(&self) -> i64 {
        let n = self.bsn.fetch_add(1, Ordering::SeqCst);
        self.app
            .opslag
            .maak_medewerker(&NieuweMedewerker {
                naam: "Te deactiveren".into(),
                email: format!("account{n}@school-b.test"),
                wachtwoord_hash: wachtwoord_hash(),
                demo: true,
                rollen: vec![Roltoewijzing {
                    rol: Rol::Zorgcoordinator,
                    organisatie: self.app.w.school_b,
                }],
            })
            .await
            .expect("maak_medewerker")
            .id
    }

    /// A new contact person of the region's expertpool, for a row that
    /// changes or removes one.
    async fn contact(&self) -> i64 {
        let c = schakel_storage::Gidscontact {
            id: 0,
            regio: self.app.w.regio,
            organisatie: None,
            functie: "expertpool".into(),
            naam: "Matrixcontact".into(),
            telefoon: Some("036-5399999".into()),
            email: None,
            gewijzigd: None,
        };
        self.app
            .opslag
            .bewaar_contact(None, &c, &opzet_record("contactpersoon"))
            .await
            .expect("bewaar_contact")
            .id
    }

    /// A new account with a zorgcoördinator role at `organisatie`.
    async fn account_bij(&self, organisatie: i64) -> i64 {
        let n = self.bsn.fetch_add(1, Ordering::SeqCst);
        self.app
            .opslag
            .maak_medewerker(&NieuweMedewerker {
                demo: false,
                naam: format!("Collega {n}"),
                email: format!("collega{n}@matrix.test"),
                wachtwoord_hash: wachtwoord_hash(),
                rollen: vec![Roltoewijzing {
                    rol: Rol::Zorgcoordinator,
                    organisatie,
                }],
            })
            .await
            .expect("maak_medewerker")
            .id
    }

    /// The organisation a row about accounts names: the actor's own
    /// (Eigen; school A for roles without one) or school B (Ander).
    fn account_organisatie(&self, rij: &Rij) -> i64 {
        match rij.doel {
            Doel::Ander => self.app.w.school_b,
            _ => self.organisatie(rij.wie).unwrap_or(self.app.w.school_a),
        }
    }

    /// An account as a row about accounts names it.
    async fn account_voor(&self, rij: &Rij) -> i64 {
        match rij.doel {
            Doel::Onbekend => ONBEKEND,
            _ => self.account_bij(self.account_organisatie(rij)).await,
        }
    }

    /// A token of zorgcoördinator B (school B, the same region).
    async fn token_van_b(&self) -> i64 {
        let rol = Roltoewijzing {
            rol: Rol::Zorgcoordinator,
            organisatie: self.app.w.school_b,
        };
        self.maak_token(self.app.w.medewerker(ZC_B), rol).await
    }

    async fn maak_token(&self, medewerker: i64, rol: Roltoewijzing) -> i64 {
        let nu = chrono::Utc::now();
        let t = schakel_storage::NieuwApiToken {
            token_hash: schakel_http::auth::hash_geheim(&schakel_http::auth::nieuw_geheim()),
            medewerker,
            rol,
            naam: "matrix".into(),
            aangemaakt: nu,
            verloopt: nu + chrono::Duration::days(1),
        };
        self.app
            .opslag
            .maak_api_token(&t, &opzet_record("api_token"))
            .await
            .expect("maak_api_token")
            .id
    }

    /// A new open action of `org`; returns its id.
    async fn actie(&self, j: &Jd, org: i64) -> i64 {
        self.verwijzing(j, true, &[actiepunt(org)]).await;
        let filter = schakel_storage::ActiepuntFilter {
            organisatie: org,
            medewerker: None,
            verlopen_op: None,
        };
        let lijst = self
            .app
            .opslag
            .acties(filter, schakel_storage::Pagina::new(1, 100))
            .await
            .expect("acties");
        lijst
            .items
            .iter()
            .map(|a| a.id)
            .max()
            .expect("the new action")
    }

    async fn paar(&self) -> Paar {
        let zc_a = &self.actor(Wie::Zorgcoordinator).gebruiker;
        Paar {
            eigen: self
                .dossier(
                    zc_a,
                    self.app.w.school_a,
                    self.app.w.wijkteam,
                    &self.partijen_a,
                )
                .await,
            ander: self
                .dossier(
                    &self.zc_b,
                    self.app.w.school_b,
                    self.wijkteam_b,
                    &self.partijen_b,
                )
                .await,
        }
    }

    /// Sends the row's request and returns how the answer, the store and the
    /// audit log differ from the row (empty when they agree).
    /// The row's differences, and the answer (status, body).
    async fn voer_uit(&self, gedeeld: &Paar, rij: &Rij) -> (Vec<String>, (u16, Value)) {
        let app = self.app;
        let vers;
        let paar = if rij.route.starts_with("/api/v1/hulpvragen")
            || rij.route == "/api/v1/casussen"
            || rij.route == "/api/v1/casussen/{id}/plan"
            || rij.route == "/api/v1/casussen/{id}/inzage-gesloten"
        {
            vers = self.paar().await;
            &vers
        } else {
            gedeeld
        };
        let jd = match rij.doel {
            Doel::Eigen => Some(&paar.eigen),
            Doel::Ander => Some(&paar.ander),
            _ => None,
        };
        let id = jd.map_or(ONBEKEND, |j| j.jeugdige);
        let huishouden = jd.map_or(ONBEKEND, |j| j.huishouden);
        // An untriaged question of the row's jeugdige, by its own school
        // (for the list too: it must be on the school's list).
        let over_vraag = rij.route.starts_with("/api/v1/hulpvragen/")
            || (rij.route == "/api/v1/hulpvragen" && rij.methode == "GET");
        let hulpvraag = match rij.doel {
            _ if !over_vraag => ONBEKEND,
            Doel::Eigen => {
                self.hulpvraag(&self.actor(Wie::Zorgcoordinator).gebruiker, id)
                    .await
            }
            Doel::Ander => self.hulpvraag(&self.zc_b, id).await,
            _ => ONBEKEND,
        };
        // Whose pseudonym the audit records of this request are about: the
        // jeugdige it names, or the BSN it registers. Opening a case names a
        // household, and its record no client; an action names no client.
        let mut client = jd
            .filter(|_| {
                rij.route != "/api/v1/casussen"
                    && !rij.route.starts_with("/api/v1/acties")
                    && !rij.route.starts_with("/api/v1/api-tokens")
                    && !rij.route.starts_with("/api/v1/medewerkers")
            })
            .map(|j| j.bsn.clone());
        let mut if_match = None;
        let casus = match jd {
            Some(j) => app
                .opslag
                .open_casus(j.huishouden)
                .await
                .expect("open_casus")
                .map_or(ONBEKEND, |c| c.id),
            None => ONBEKEND,
        };
        // Break-the-glass is about a closed case: the row's case closes now.
        if rij.route == "/api/v1/casussen/{id}/inzage-gesloten" && casus != ONBEKEND {
            super::noodtoegang::sluit(app, casus, chrono::Utc::now()).await;
        }
        // A referral of the row's jeugdige, to the provider of its side.
        let verwijzing = match (rij.route.starts_with("/api/v1/verwijzingen/"), jd) {
            (true, Some(j)) => self.verwijzing(j, rij.doel == Doel::Eigen, &[]).await,
            _ => ONBEKEND,
        };
        let mut gelijst = ONBEKEND;
        let mut levering = ONBEKEND;
        let (pad, body) = match (rij.methode, rij.route) {
            ("GET", "/api/v1/casussen/{id}") => (format!("/api/v1/casussen/{casus}"), None),
            ("PUT", "/api/v1/casussen/{id}/plan") => {
                let versie = app
                    .opslag
                    .gebeurtenissen(casus)
                    .await
                    .expect("gebeurtenissen")
                    .len();
                if_match = Some(format!("\"{versie}\""));
                let school = jd.map_or(app.w.school_a, |j| j.school);
                (
                    format!("/api/v1/casussen/{casus}/plan"),
                    Some(plan(app.w.wijkteam, school)),
                )
            }
            ("POST", "/api/v1/casussen/{id}/inzage-gesloten") => (
                format!("/api/v1/casussen/{casus}/inzage-gesloten"),
                Some(json!({"reden": "Vraag van de rechter over dit gezin"})),
            ),
            ("GET", "/api/v1/noodtoegang") => (rij.route.to_string(), None),
            ("GET", "/api/v1/maatwerkverwijzingen") => {
                // An open maatwerk referral in the region, so the list has
                // something to log.
                self.maatwerkverwijzing(&gedeeld.eigen).await;
                (rij.route.to_string(), None)
            }
            ("POST", "/api/v1/verwijzingen/{id}/beoordeling") => {
                let id = match jd {
                    Some(j) => self.maatwerkverwijzing(j).await,
                    None => ONBEKEND,
                };
                (
                    format!("/api/v1/verwijzingen/{id}/beoordeling"),
                    Some(
                        json!({"besluit": "akkoord", "motivatie": "Akkoord na overleg met de verwijzer"}),
                    ),
                )
            }
            ("POST", "/api/v1/casussen/{id}/gebeurtenissen") => (
                format!("/api/v1/casussen/{casus}/gebeurtenissen"),
                Some(json!({"soort": "veiligheid", "melding": "onveiligheid",
                            "toelichting": "Zorgen over de veiligheid thuis"})),
            ),
            ("POST", "/api/v1/verwijzingen") => (
                rij.route.to_string(),
                Some(json!({"jeugdige": id, "aanbieder": self.partijen_a[1],
                    "situatie": {"onderwijssituatie": "volledig_onderwijs"},
                    "verwijzing": verwijzing_invoer()})),
            ),
            ("GET", "/api/v1/verwijzingen/{id}") => {
                (format!("/api/v1/verwijzingen/{verwijzing}"), None)
            }
            ("GET", "/api/v1/verwijzingen") => {
                // A referral of the row's jeugdige, to the provider of its side.
                if let Some(j) = jd {
                    gelijst = self.verwijzing(j, rij.doel == Doel::Eigen, &[]).await;
                }
                ("/api/v1/verwijzingen?perPagina=100".to_string(), None)
            }
            ("POST", "/api/v1/verwijzingen/{id}/leveringen") => (
                format!("/api/v1/verwijzingen/{verwijzing}/leveringen"),
                Some(json!({"datum": verwijsdatum(), "hoeveelheid": 1})),
            ),
            ("GET", "/api/v1/verwijzingen/{id}/leveringen") => (
                format!("/api/v1/verwijzingen/{verwijzing}/leveringen"),
                None,
            ),
            ("POST", "/api/v1/verwijzingen/{id}/leveringen/reeks") => (
                format!("/api/v1/verwijzingen/{verwijzing}/leveringen/reeks"),
                Some(json!({"leveringen": [
                    {"datum": verwijsdatum(), "hoeveelheid": 1},
                    {"datum": verwijsdatum(), "hoeveelheid": 2},
                ]})),
            ),
            ("POST", "/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties") => {
                levering = self.levering(verwijzing, rij.doel == Doel::Eigen).await;
                (
                    format!("/api/v1/verwijzingen/{verwijzing}/leveringen/{levering}/correcties"),
                    Some(json!({"hoeveelheid": 0.5, "reden": "Een half uur te veel geschreven"})),
                )
            }
            ("GET", "/api/v1/acties" | "/api/v1/werkvoorraad") => {
                // An open action of the actor's organisation, so the list
                // has something to log.
                if let (Some(org), Some(j)) = (self.organisatie(rij.wie), Some(&gedeeld.eigen)) {
                    self.verwijzing(j, true, &[actiepunt(org)]).await;
                }
                (rij.route.to_string(), None)
            }
            ("POST", "/api/v1/acties/{id}/afronding") => {
                let org = match rij.doel {
                    Doel::Eigen => self.organisatie(rij.wie),
                    Doel::Ander => Some(app.w.school_b),
                    _ => None,
                };
                let actie = match org {
                    Some(org) => self.actie(&gedeeld.eigen, org).await,
                    None => ONBEKEND,
                };
                (format!("/api/v1/acties/{actie}/afronding"), None)
            }
            (
                "GET",
                "/api/v1/monitoring" | "/api/v1/monitoring/tabel" | "/api/v1/monitoring/regios",
            ) => (rij.route.to_string(), None),
            ("GET", "/api/v1/wijkteams") => (rij.route.to_string(), None),
            ("GET", "/api/v1/aanbieders") => (rij.route.to_string(), None),
            ("GET", "/api/v1/contactpersonen") => (rij.route.to_string(), None),
            ("POST", "/api/v1/contactpersonen") => (
                rij.route.to_string(),
                Some(
                    json!({"functie": "expertpool", "naam": "Matrixpool", "telefoon": "036-5399999"}),
                ),
            ),
            ("PUT" | "DELETE", "/api/v1/contactpersonen/{id}") => {
                let id = match rij.doel {
                    Doel::Onbekend => ONBEKEND,
                    _ => self.contact().await,
                };
                let body = (rij.methode == "PUT").then(|| {
                    json!({"functie": "expertpool", "naam": "Matrixpool", "email": "pool@matrix.test"})
                });
                (format!("/api/v1/contactpersonen/{id}"), body)
            }
            ("POST", "/api/v1/adres-zoekopdrachten") => (
                rij.route.to_string(),
                Some(json!({"postcode": "1315AB", "huisnummer": 12})),
            ),
            ("PUT", "/api/v1/organisaties/{id}/werkgebied") => (
                format!("/api/v1/organisaties/{}/werkgebied", app.w.wijkteam),
                Some(json!({"gebieden": ["1354AA-1354ZZ"]})),
            ),
            // The municipality's (empty) set-up: nothing that other rows see.
            ("GET", "/api/v1/organisaties/{id}/toegangsroute") => (
                format!("/api/v1/organisaties/{}/toegangsroute", app.w.gemeente),
                None,
            ),
            ("PUT", "/api/v1/organisaties/{id}/toegangsroute") => (
                format!("/api/v1/organisaties/{}/toegangsroute", app.w.gemeente),
                Some(json!({})),
            ),
            ("GET", "/api/v1/organisaties/{id}/sso") => {
                (format!("/api/v1/organisaties/{}/sso", app.w.gemeente), None)
            }
            ("PUT", "/api/v1/organisaties/{id}/sso") => (
                format!("/api/v1/organisaties/{}/sso", app.w.gemeente),
                Some(
                    json!({"actief": false, "issuer": "https://login.gemeente.test",
                    "clientId": "schakel", "clientSecret": "matrixgeheim"}),
                ),
            ),
            ("GET", "/api/v1/jeugdigen") => ("/api/v1/jeugdigen?perPagina=100".to_string(), None),
            ("POST", ZOEK) => (
                format!("{ZOEK}?perPagina=100"),
                Some(json!({"bsn": jd.expect("the row's jeugdige").bsn.als_tekst()})),
            ),
            ("GET", "/api/v1/hulpvragen") => ("/api/v1/hulpvragen?perPagina=100".to_string(), None),
            ("POST", "/api/v1/jeugdigen") => {
                let huishouden = match rij.doel {
                    // Registered by the actor's own organisation; for a role
                    // that cannot register, by the zorgcoördinator's.
                    Doel::Leeg => {
                        let door = match rij.wie.rol() {
                            Some(r) if schakel_http::dossier::REGISTREREN.contains(&r) => rij.wie,
                            _ => Wie::Zorgcoordinator,
                        };
                        self.huishouden(&self.actor(door).gebruiker).await
                    }
                    _ => huishouden,
                };
                let bsn = self.nieuwe_bsn();
                let body = jeugdige_invoer(huishouden, bsn.als_tekst(), None);
                client = Some(bsn);
                (rij.route.to_string(), Some(body))
            }
            ("GET", "/api/v1/jeugdigen/{id}") => (format!("/api/v1/jeugdigen/{id}"), None),
            ("GET", "/api/v1/jeugdigen/{id}/toegangsroute") => (
                format!("/api/v1/jeugdigen/{id}/toegangsroute?vraag=ouders"),
                None,
            ),
            ("POST", "/api/v1/normenkader/adviezen") => (
                rij.route.to_string(),
                Some(json!({"jeugdige": id, "onderwijssituatie": "volledig_onderwijs"})),
            ),
            ("POST", "/api/v1/normenkader/toetsingen") => (
                rij.route.to_string(),
                Some(json!({"jeugdige": id,
                            "situatie": {"onderwijssituatie": "volledig_onderwijs"},
                            "verwijzing": verwijzing_invoer()})),
            ),
            ("GET", "/api/v1/jeugdigen/{id}/onderwijssituaties") => {
                (format!("/api/v1/jeugdigen/{id}/onderwijssituaties"), None)
            }
            ("POST", "/api/v1/jeugdigen/{id}/onderwijssituaties") => (
                format!("/api/v1/jeugdigen/{id}/onderwijssituaties"),
                Some(json!({"onderwijssituatie": "volledig_onderwijs", "van": verwijsdatum()})),
            ),
            ("PUT", "/api/v1/jeugdigen/{id}") => {
                let versie = app
                    .opslag
                    .jeugdige(id)
                    .await
                    .expect("jeugdige")
                    .map_or(1, |j| j.versie);
                if_match = Some(format!("\"{versie}\""));
                let school = jd.map_or(app.w.school_a, |j| j.school);
                (
                    format!("/api/v1/jeugdigen/{id}"),
                    Some(wijziging("Quirijn", school)),
                )
            }
            ("POST", "/api/v1/huishoudens") => (
                rij.route.to_string(),
                Some(json!({"vertegenwoordigers": [{"naam": OUDER, "relatie": "ouder"}]})),
            ),
            ("POST", "/api/v1/hulpvragen") => (
                rij.route.to_string(),
                Some(json!({"jeugdige": id, "omschrijving": "Gaat niet graag naar school."})),
            ),
            ("POST", "/api/v1/casussen") => (
                rij.route.to_string(),
                Some(json!({"huishouden": huishouden, "partijen": []})),
            ),
            ("GET", "/api/v1/hulpvragen/{id}") => (format!("/api/v1/hulpvragen/{hulpvraag}"), None),
            ("POST", "/api/v1/hulpvragen/{id}/triage") => (
                format!("/api/v1/hulpvragen/{hulpvraag}/triage"),
                Some(json!({"uitkomst": "onderwijs"})),
            ),
            ("GET", "/api/v1/organisaties") => (rij.route.to_string(), None),
            ("GET", "/api/v1/interventie-afspraken") => (rij.route.to_string(), None),
            ("POST", "/api/v1/interventie-afspraken") => (
                rij.route.to_string(),
                Some(
                    json!({"aanbieder": self.partijen_a[1], "gemeente": app.w.gemeente,
                            "omschrijving": "Observatiegroep", "van": verwijsdatum(),
                            "tot": verwijsdatum() + chrono::Days::new(365)}),
                ),
            ),
            ("POST", "/api/v1/organisaties") => (
                rij.route.to_string(),
                Some(json!({"regio": app.w.regio, "naam": "Gemeente Elders", "soort": "gemeente"})),
            ),
            ("POST", "/api/v1/api-tokens") => (
                rij.route.to_string(),
                Some(json!({"naam": "koppeling", "geldigDagen": 1})),
            ),
            ("GET" | "DELETE", "/api/v1/sessies/huidige") => (rij.route.to_string(), None),
            ("GET", "/api/v1/api-tokens" | "/api/v1/regio/api-tokens") => {
                (rij.route.to_string(), None)
            }
            ("PUT", "/api/v1/medewerkers/{id}/actief") => {
                let id = match rij.doel {
                    Doel::Onbekend => ONBEKEND,
                    _ => self.nieuw_account().await,
                };
                (
                    format!("/api/v1/medewerkers/{id}/actief"),
                    Some(json!({"actief": false})),
                )
            }
            ("GET", "/api/v1/medewerkers") => (
                format!(
                    "/api/v1/medewerkers?organisatie={}",
                    self.account_organisatie(rij)
                ),
                None,
            ),
            ("POST", "/api/v1/medewerkers") => {
                let n = self.bsn.fetch_add(1, Ordering::SeqCst);
                (
                    rij.route.to_string(),
                    Some(
                        json!({"naam": "Nieuwe collega", "email": format!("nieuw{n}@matrix.test"),
                                "rol": "beleid", "organisatie": self.account_organisatie(rij)}),
                    ),
                )
            }
            ("GET", "/api/v1/medewerkers/{id}") => (
                format!("/api/v1/medewerkers/{}", self.account_voor(rij).await),
                None,
            ),
            ("PUT", "/api/v1/medewerkers/{id}/rollen") => {
                let org = self.account_organisatie(rij);
                (
                    format!(
                        "/api/v1/medewerkers/{}/rollen",
                        self.account_voor(rij).await
                    ),
                    Some(
                        json!({"rollen": [{"rol": "zorgcoordinator", "organisatie": org},
                                           {"rol": "beleid", "organisatie": org}]}),
                    ),
                )
            }
            ("DELETE", "/api/v1/medewerkers/{id}/tweede-factoren") => (
                format!(
                    "/api/v1/medewerkers/{}/tweede-factoren",
                    self.account_voor(rij).await
                ),
                None,
            ),
            ("POST", "/api/v1/medewerkers/{id}/herstellink") => (
                format!(
                    "/api/v1/medewerkers/{}/herstellink",
                    self.account_voor(rij).await
                ),
                None,
            ),
            ("PUT", "/api/v1/sessies/huidige/wachtwoord") => (
                rij.route.to_string(),
                Some(json!({"huidigWachtwoord": WACHTWOORD, "nieuwWachtwoord": WACHTWOORD})),
            ),
            ("DELETE", "/api/v1/api-tokens/{id}") => {
                let token = match rij.doel {
                    Doel::Eigen => self.token(rij.wie).await,
                    Doel::Ander => self.token_van_b().await,
                    _ => ONBEKEND,
                };
                (format!("/api/v1/api-tokens/{token}"), None)
            }
            _ => panic!("no request for {rij}"),
        };
        let actor = self.actor(rij.wie);
        // Logging out ends a session: a session of its own; a new token
        // needs a recent login.
        let eigen_sessie;
        let gebruiker = match rij.wie.email() {
            Some(email) if rij.methode == "DELETE" || rij.route == "/api/v1/api-tokens" => {
                eigen_sessie = app.login(email).await;
                &eigen_sessie
            }
            _ => &actor.gebruiker,
        };

        let voor = app
            .opslag
            .audit_kop()
            .await
            .expect("audit_kop")
            .map_or(0, |(n, _)| n);
        let methode = Method::from_bytes(rij.methode.as_bytes()).expect("method");
        let mut verzoek = gebruiker.verzoek(methode, &pad);
        if let Some(body) = &body {
            verzoek = verzoek.json(body);
        }
        if let Some(e) = &if_match {
            verzoek = verzoek.header(header::IF_MATCH, e);
        }
        let (status, headers, antwoord) = lees(verzoek.send().await.expect("request")).await;

        let mut fouten = Vec::new();
        let mut fout = |melding: String| fouten.push(format!("{rij}: {melding}"));
        if status.as_u16() != rij.status {
            fout(format!("status {status}: {antwoord}"));
        }
        let tekst = antwoord.to_string();
        if status.is_client_error() {
            let soort = match status.as_u16() {
                400 => "ongeldige-invoer",
                401 => "niet-ingelogd",
                403 => "geen-toegang",
                404 => "niet-gevonden",
                409 => "conflict",
                _ => "?",
            };
            if content_type(&headers) != "application/problem+json"
                || antwoord["type"] != format!("urn:schakel:probleem:{soort}")
            {
                fout(format!("not a {soort} problem: {antwoord}"));
            }
            if let Some(b) = &client
                && tekst.contains(b.als_tekst())
            {
                fout(format!("the refusal repeats the BSN: {antwoord}"));
            }
        }
        if status.is_success()
            && ((rij.methode == "GET" && rij.route == "/api/v1/jeugdigen") || rij.route == ZOEK)
        {
            let items = antwoord["items"].as_array().cloned().unwrap_or_default();
            let ids: Vec<i64> = items.iter().filter_map(|i| i["id"].as_i64()).collect();
            if antwoord["paginering"]["totaal"] != json!(ids.len()) {
                fout(format!(
                    "a list of more than one page: {}",
                    antwoord["paginering"]
                ));
            }
            if rij.doel == Doel::Eigen && !ids.contains(&paar.eigen.jeugdige) {
                fout(format!("the own jeugdige is not listed: {ids:?}"));
            }
            if rij.doel == Doel::Ander && ids.contains(&paar.ander.jeugdige) {
                fout(format!("the other jeugdige is listed: {ids:?}"));
            }
            if items.iter().any(|i| i["school"] == json!(app.w.school_b)) {
                fout(format!("a pupil of school B is listed: {ids:?}"));
            }
        }
        if status.is_success() && rij.methode == "GET" && rij.route == "/api/v1/verwijzingen" {
            let items = antwoord["items"].as_array().cloned().unwrap_or_default();
            let ids: Vec<i64> = items.iter().filter_map(|i| i["id"].as_i64()).collect();
            if rij.doel == Doel::Eigen && !ids.contains(&gelijst) {
                fout(format!(
                    "the own jeugdige's referral is not listed: {ids:?}"
                ));
            }
            if rij.doel == Doel::Ander && ids.contains(&gelijst) {
                fout(format!("the other jeugdige's referral is listed: {ids:?}"));
            }
            if items
                .iter()
                .any(|i| i["jeugdige"] == json!(paar.ander.jeugdige))
            {
                fout(format!(
                    "a referral of the other jeugdige is listed: {ids:?}"
                ));
            }
        }
        // What was allowed is about what the request named.
        let genoemd = match (rij.methode, rij.route) {
            ("GET" | "PUT", "/api/v1/jeugdigen/{id}") => Some(("id", json!(id))),
            ("POST", "/api/v1/jeugdigen") => Some((
                "huishouden",
                body.as_ref().expect("body")["huishouden"].clone(),
            )),
            ("POST", "/api/v1/hulpvragen") => Some(("jeugdige", json!(id))),
            ("POST", "/api/v1/casussen") => Some(("huishouden", json!(huishouden))),
            ("GET", "/api/v1/casussen/{id}") => Some(("id", json!(casus))),
            ("POST", "/api/v1/casussen/{id}/inzage-gesloten") => Some(("casus", json!(casus))),
            ("POST", "/api/v1/verwijzingen") => Some(("jeugdige", json!(id))),
            ("GET", "/api/v1/verwijzingen/{id}") => Some(("id", json!(verwijzing))),
            ("POST", "/api/v1/verwijzingen/{id}/leveringen/reeks") => {
                Some(("id", json!(verwijzing)))
            }
            ("POST", "/api/v1/verwijzingen/{id}/leveringen/{levering}/correcties") => {
                Some(("id", json!(levering)))
            }
            ("GET", "/api/v1/hulpvragen/{id}") | ("POST", "/api/v1/hulpvragen/{id}/triage") => {
                Some(("id", json!(hulpvraag)))
            }
            _ => None,
        };
        if status.is_success()
            && let Some((veld, waarde)) = genoemd
            && antwoord[veld] != waarde
        {
            fout(format!("{veld} is not {waarde}: {antwoord}"));
        }
        // A jeugdige is registered exactly when the request was allowed.
        if rij.route == "/api/v1/jeugdigen" && rij.methode == "POST" {
            let bsn = client.as_ref().expect("the new BSN");
            let opgeslagen = app
                .opslag
                .jeugdige_op_bsn(bsn)
                .await
                .expect("jeugdige_op_bsn");
            if opgeslagen.is_some() != status.is_success() {
                fout(format!("{status}, yet stored: {}", opgeslagen.is_some()));
            }
        }

        // The audit log: only this actor's records, and about the client
        // exactly what the row says.
        let nieuw = app
            .opslag
            .audit_records(voor + 1, 1000)
            .await
            .expect("audit_records");
        if nieuw.iter().any(|r| r.record.gebruiker != actor.medewerker) {
            fout(format!("records of another user: {}", samenvatting(&nieuw)));
        }
        let pseudoniem = client.as_ref().map(|b| b.pseudoniem(SLEUTEL));
        let over: Vec<&AuditRecord> = nieuw
            .iter()
            .filter(|r| {
                pseudoniem
                    .as_ref()
                    .is_none_or(|p| r.record.client.as_deref() == Some(p.as_str()))
            })
            .collect();
        let uitkomst = match rij.log {
            Log::Toegestaan => Some(Uitkomst::Toegestaan),
            Log::Geweigerd => Some(Uitkomst::Geweigerd),
            Log::Geen => None,
        };
        let klopt = match uitkomst {
            None => over.is_empty(),
            Some(u) => {
                !over.is_empty()
                    && over.iter().all(|r| {
                        r.record.uitkomst == u
                            && r.record.grond.is_some()
                            && r.record.rol == rij.wie.rol()
                    })
            }
        };
        if !klopt {
            let over: Vec<AuditRecord> = over.into_iter().cloned().collect();
            fout(format!("audit log: {}", samenvatting(&over)));
        }
        (fouten, (status.as_u16(), antwoord))
    }
}

fn verwijzing_invoer() -> Value {
    let ingang = verwijsdatum();
    let einde = schakel_rules::datum::Schooljaar::van_datum(ingang)
        .periode()
        .tot;
    json!({"product": "begeleiding_individueel_basis", "volume": 3, "eenheid": "uur",
           "per": "week", "ingangsdatum": ingang, "einddatum": einde})
}

fn actiepunt(organisatie: i64) -> schakel_storage::NieuwActiepunt {
    schakel_storage::NieuwActiepunt {
        casus: None,
        verwijzing: None,
        organisatie,
        medewerker: None,
        wat: "Matrix: iets te doen".into(),
        bron: "matrix".into(),
        uiterlijk: verwijsdatum(),
    }
}

/// A complete plan with goals for the wijkteam and the school.
fn plan(wijkteam: i64, school: i64) -> Value {
    let deadline = schakel_rules::datum::Schooljaar::van_datum(verwijsdatum())
        .periode()
        .tot;
    json!({
        "toekomstperspectief": "Weer naar school",
        "stemJeugdige": {"soort": "niet_gehoord", "reden": "Te jong om te vragen"},
        "doelen": [
            {"domein": "jeugdhulp", "omschrijving": "Rust thuis", "indicator": "avonden",
             "nulmeting": "1", "streefwaarde": "5", "deadline": deadline, "verantwoordelijke": wijkteam},
            {"domein": "onderwijsondersteuning", "omschrijving": "Werkplek", "indicator": "dagen",
             "nulmeting": "2", "streefwaarde": "5", "deadline": deadline, "verantwoordelijke": school},
        ],
    })
}

fn samenvatting(records: &[AuditRecord]) -> String {
    let delen: Vec<String> = records
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?}",
                r.record.gebeurtenis,
                r.record.uitkomst.naam(),
                r.record.grond
            )
        })
        .collect();
    format!("[{}]", delen.join(", "))
}

/// Runs every row of [`MATRIX`]; reports every row that differs, at once.
pub(crate) async fn autorisatiematrix(app: &App) {
    // Every operation of the API is in the matrix or openly public.
    let (_, operaties) = super::openapi::geserveerde_spec(app).await;
    for super::openapi::Operatie { methode, pad, .. } in &operaties {
        let gedekt = ROUTES.iter().any(|(r, m, _)| r == pad && m == methode)
            || OPENBAAR.iter().any(|(r, m)| r == pad && m == methode);
        assert!(gedekt, "{methode} {pad} is in neither ROUTES nor OPENBAAR");
    }

    let m = Matrix::nieuw(app).await;
    let gedeeld = m.paar().await;
    let mut fouten = Vec::new();
    let mut antwoorden = std::collections::HashMap::new();
    for rij in MATRIX {
        let (f, antwoord) = m.voer_uit(&gedeeld, rij).await;
        fouten.extend(f);
        antwoorden.insert((rij.route, rij.methode, rij.wie, rij.doel), antwoord);
    }
    // Issue 12, item 9: an id that does not exist answers exactly as one
    // the role has no relation with (same status, same body), so ids
    // cannot be probed for existence.
    for rij in MATRIX
        .iter()
        .filter(|r| r.doel == Doel::Onbekend && r.route.contains("{id}"))
    {
        let onbekend = &antwoorden[&(rij.route, rij.methode, rij.wie, Doel::Onbekend)];
        if let Some(ander) = antwoorden.get(&(rij.route, rij.methode, rij.wie, Doel::Ander))
            && matches!(ander.0, 403 | 404)
            && ander != onbekend
        {
            fouten.push(format!(
                "{rij}: an unknown id answers {} {}, an id without relation {} {}",
                onbekend.0, onbekend.1, ander.0, ander.1
            ));
        }
    }
    assert!(
        fouten.is_empty(),
        "{} differences in {} rows:\n{}",
        fouten.len(),
        MATRIX.len(),
        fouten.join("\n")
    );
}

// --- region isolation (issue 17.2) -----------------------------------------------------------

/// Who of region B (another region, "elders") sends the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EldersWie {
    Beheerder,
    Beleid,
    Toegang,
    /// The national monitor (a region of its own): no region's directory,
    /// dashboard, accounts or lists.
    Landelijk,
}

/// What region B's actor gets for region A's objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elders {
    /// Refused with this status (404 where the id is not to be probed:
    /// another region's medewerker answers as an unknown one).
    Status(u16),
    /// 200 with a list in which none of region A's ids appear.
    LijstZonderA,
}

/// Region B's beheerder, beleid and toegang against region A's objects:
/// `{school}`, `{gemeente}`, `{wijkteam}` are region A's organisations,
/// `{contact}` a contact person of region A, `{medewerker}` region A's
/// zorgcoördinator, `{token}` region A's beheerder's API token.
#[rustfmt::skip]
const REGIO_MATRIX: &[(&str, &str, EldersWie, Elders)] = &[
    ("GET",    "/api/v1/organisaties",                       EldersWie::Beheerder, Elders::LijstZonderA),
    ("GET",    "/api/v1/organisaties",                       EldersWie::Beleid,    Elders::LijstZonderA),
    ("POST",   "/api/v1/organisaties",                       EldersWie::Beheerder, Elders::Status(403)),
    ("GET",    "/api/v1/wijkteams",                          EldersWie::Beheerder, Elders::LijstZonderA),
    ("GET",    "/api/v1/wijkteams",                          EldersWie::Beleid,    Elders::LijstZonderA),
    ("GET",    "/api/v1/aanbieders",                         EldersWie::Beleid,    Elders::LijstZonderA),
    ("GET",    "/api/v1/contactpersonen",                    EldersWie::Beheerder, Elders::LijstZonderA),
    ("GET",    "/api/v1/contactpersonen",                    EldersWie::Beleid,    Elders::LijstZonderA),
    ("PUT",    "/api/v1/contactpersonen/{contact}",          EldersWie::Beheerder, Elders::Status(403)),
    ("DELETE", "/api/v1/contactpersonen/{contact}",          EldersWie::Beheerder, Elders::Status(403)),
    ("PUT",    "/api/v1/organisaties/{wijkteam}/werkgebied", EldersWie::Beheerder, Elders::Status(403)),
    ("GET",    "/api/v1/organisaties/{school}/toegangsroute", EldersWie::Beheerder, Elders::Status(403)),
    ("PUT",    "/api/v1/organisaties/{school}/toegangsroute", EldersWie::Beheerder, Elders::Status(403)),
    ("GET",    "/api/v1/organisaties/{gemeente}/sso",        EldersWie::Beheerder, Elders::Status(403)),
    ("PUT",    "/api/v1/organisaties/{gemeente}/sso",        EldersWie::Beheerder, Elders::Status(403)),
    ("GET",    "/api/v1/medewerkers?organisatie={school}",   EldersWie::Beheerder, Elders::Status(400)),
    ("GET",    "/api/v1/medewerkers/{medewerker}",           EldersWie::Beheerder, Elders::Status(404)),
    ("PUT",    "/api/v1/medewerkers/{medewerker}/actief",    EldersWie::Beheerder, Elders::Status(404)),
    ("PUT",    "/api/v1/medewerkers/{medewerker}/rollen",    EldersWie::Beheerder, Elders::Status(404)),
    ("POST",   "/api/v1/medewerkers/{medewerker}/herstellink", EldersWie::Beheerder, Elders::Status(404)),
    ("DELETE", "/api/v1/medewerkers/{medewerker}/tweede-factoren", EldersWie::Beheerder, Elders::Status(404)),
    ("GET",    "/api/v1/regio/api-tokens",                   EldersWie::Beheerder, Elders::LijstZonderA),
    ("DELETE", "/api/v1/api-tokens/{token}",                 EldersWie::Beheerder, Elders::Status(404)),
    ("GET",    "/api/v1/noodtoegang",                        EldersWie::Beheerder, Elders::LijstZonderA),
    ("GET",    "/api/v1/interventie-afspraken",              EldersWie::Beheerder, Elders::LijstZonderA),
    ("GET",    "/api/v1/maatwerkverwijzingen",               EldersWie::Toegang,   Elders::LijstZonderA),
    ("GET",    "/api/v1/organisaties",                       EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/wijkteams",                          EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/aanbieders",                         EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/contactpersonen",                    EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/organisaties/{school}/toegangsroute", EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/medewerkers?organisatie={school}",   EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/medewerkers/{medewerker}",           EldersWie::Landelijk, Elders::Status(403)),
    ("PUT",    "/api/v1/medewerkers/{medewerker}/rollen",    EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/regio/api-tokens",                   EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/noodtoegang",                        EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/interventie-afspraken",              EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/maatwerkverwijzingen",               EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/monitoring",                         EldersWie::Landelijk, Elders::Status(403)),
    ("GET",    "/api/v1/monitoring?school={school}",         EldersWie::Landelijk, Elders::Status(403)),
];

/// The request body a row sends: what region A's own beheerder would send.
fn elders_body(methode: &str, pad: &str, w: &Wereld) -> Option<Value> {
    Some(match (methode, pad) {
        ("POST", "/api/v1/organisaties") => {
            json!({"regio": w.regio, "naam": "Zorg Elders", "soort": "aanbieder", "agb": "12345679"})
        }
        ("PUT", p) if p.starts_with("/api/v1/contactpersonen/") => {
            json!({"functie": "expertpool", "naam": "Overgenomen", "email": "pool@elders.test"})
        }
        ("PUT", p) if p.ends_with("/werkgebied") => json!({"gebieden": ["1354AA-1354ZZ"]}),
        ("PUT", p) if p.ends_with("/toegangsroute") => json!({}),
        ("PUT", p) if p.ends_with("/sso") => {
            json!({"actief": false, "issuer": "https://login.elders.test",
                                                    "clientId": "schakel", "clientSecret": "eldersgeheim"})
        }
        ("PUT", p) if p.ends_with("/actief") => json!({"actief": false}),
        ("PUT", p) if p.ends_with("/rollen") => {
            json!({"rollen": [{"rol": "zorgcoordinator", "organisatie": w.school_a}]})
        }
        _ => return None,
    })
}

/// Region B's beheerder, beleid and toegang see and change nothing of
/// region A ([`REGIO_MATRIX`]), nor does the national monitor; a beleid
/// user of region B counts none of region A's cases.
pub(crate) async fn regio_isolatie(app: &App) {
    let w = &app.w;
    let o = app.opslag.as_ref();
    let elders = o
        .maak_regio(&NieuweRegio {
            code: "elders-matrix".into(),
            naam: "Elders".into(),
        })
        .await
        .expect("regio");
    let gemeente_elders = o
        .maak_organisatie(&NieuweOrganisatie {
            regio: elders.id,
            naam: "Gemeente Elders".into(),
            soort: OrganisatieSoort::Gemeente,
            gemeente: Some(GemeenteCode::parse("GM0050").expect("code")),
            brin: None,
            agb: None,
        })
        .await
        .expect("organisatie")
        .id;
    for (email, rol) in [
        ("beheer@elders-matrix.test", Rol::Beheerder),
        ("beleid@elders-matrix.test", Rol::Beleid),
        ("toegang@elders-matrix.test", Rol::Toegang),
    ] {
        o.maak_medewerker(&NieuweMedewerker {
            naam: "Elders".into(),
            email: email.into(),
            wachtwoord_hash: wachtwoord_hash(),
            demo: true,
            rollen: vec![Roltoewijzing {
                rol,
                organisatie: gemeente_elders,
            }],
        })
        .await
        .expect("medewerker");
    }
    // Region A's objects: a contact person, an API token, a maatwerk
    // referral and some open cases (through its own accounts).
    let beheer_a = app.login(BEHEERDER).await;
    let (s, _, contact) = beheer_a
        .post(
            "/api/v1/contactpersonen",
            json!({"organisatie": w.school_a, "functie": "zorgcoördinator", "naam": "Zorgloket A", "telefoon": "14 036"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{contact}");
    let (s, _, token) = beheer_a
        .post(
            "/api/v1/api-tokens",
            json!({"naam": "koppeling A", "geldigDagen": 30}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{token}");
    let m = Matrix::nieuw(app).await;
    let paar = m.paar().await;
    m.maatwerkverwijzing(&paar.eigen).await;
    let mut ids_a: Vec<i64> = o
        .organisaties(schakel_storage::Pagina::new(1, 1000))
        .await
        .expect("organisaties")
        .items
        .into_iter()
        .filter(|g| g.regio == w.regio)
        .map(|g| g.id)
        .collect();
    ids_a.extend([
        contact["id"].as_i64().expect("id"),
        token["id"].as_i64().expect("id"),
        w.medewerker(ZC_A),
    ]);
    let vervang = |pad: &str| {
        pad.replace("{school}", &w.school_a.to_string())
            .replace("{gemeente}", &w.gemeente.to_string())
            .replace("{wijkteam}", &w.wijkteam.to_string())
            .replace("{contact}", &contact["id"].to_string())
            .replace("{medewerker}", &w.medewerker(ZC_A).to_string())
            .replace("{token}", &token["id"].to_string())
    };
    let beheer = app.login("beheer@elders-matrix.test").await;
    let beleid = app.login("beleid@elders-matrix.test").await;
    let toegang = app.login("toegang@elders-matrix.test").await;
    let landelijk = app.login(LANDELIJK).await;
    let mut fouten = Vec::new();
    for &(methode, sjabloon, wie, verwacht) in REGIO_MATRIX {
        let g = match wie {
            EldersWie::Beheerder => &beheer,
            EldersWie::Beleid => &beleid,
            EldersWie::Toegang => &toegang,
            EldersWie::Landelijk => &landelijk,
        };
        let pad = vervang(sjabloon);
        let mut b = g.verzoek(
            Method::from_bytes(methode.as_bytes()).expect("method"),
            &pad,
        );
        if let Some(body) = elders_body(methode, sjabloon, w) {
            b = b.json(&body);
        }
        let (s, _, body) = lees(b.send().await.expect("send")).await;
        // A page ({items}) or a plain list.
        let lijst = body.get("items").unwrap_or(&body).as_array();
        let ids: Vec<i64> = lijst
            .map(|a| a.iter().filter_map(|x| x["id"].as_i64()).collect())
            .unwrap_or_default();
        let lekt: Vec<_> = ids.iter().filter(|i| ids_a.contains(i)).collect();
        let goed = match verwacht {
            Elders::Status(status) => s.as_u16() == status,
            Elders::LijstZonderA => s == StatusCode::OK && lijst.is_some() && lekt.is_empty(),
        };
        if !goed {
            fouten.push(format!(
                "{methode} {sjabloon} as {wie:?} of another region: expected {verwacht:?}, got {s} {body}"
            ));
        }
    }
    // The web pages keep to the region too: region B's beheerder finds
    // none of region A's wijkteams in the directory, nor opens one's
    // werkgebied.
    let b = super::web::Browser::nieuw(app);
    b.inloggen("beheer@elders-matrix.test").await;
    let p = b.get("/gids/wijkteams").await;
    if p.status != StatusCode::OK || p.html.contains("Wijkteam Haven") {
        fouten.push(format!(
            "/gids/wijkteams of another region: {} {}",
            p.status, p.html
        ));
    }
    let p = b.get(&format!("/gids/wijkteams/{}", w.wijkteam)).await;
    if p.status != StatusCode::NOT_FOUND {
        fouten.push(format!("region A's werkgebied page: {}", p.status));
    }
    // Nor does the national monitor open the directory's pages.
    let b = super::web::Browser::nieuw(app);
    b.inloggen(LANDELIJK).await;
    for pad in ["/gids", "/gids/wijkteams", "/gids/contacten"] {
        let p = b.get(pad).await;
        if p.status != StatusCode::FORBIDDEN || p.html.contains("Wijkteam Haven") {
            fouten.push(format!("{pad} as the national monitor: {}", p.status));
        }
    }
    // Beleid of region B counts none of region A's cases.
    let (s, _, cijfers) = beleid.get("/api/v1/monitoring").await;
    assert_eq!(s, StatusCode::OK, "{cijfers}");
    let (s, _, cijfers_a) = app.login(BELEID).await.get("/api/v1/monitoring").await;
    assert_eq!(s, StatusCode::OK, "{cijfers_a}");
    if cijfers == cijfers_a {
        fouten.push(format!(
            "beleid of another region sees region A's monitoring: {cijfers}"
        ));
    }
    assert!(
        fouten.is_empty(),
        "{} of {} region rows differ:\n{}",
        fouten.len(),
        REGIO_MATRIX.len(),
        fouten.join("\n")
    );
}
