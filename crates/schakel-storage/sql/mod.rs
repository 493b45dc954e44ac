//! The one SQL implementation of [`Opslag`](schakel_storage::Opslag): each
//! operation's logic (what is read, checked, written, recomputed and
//! audited, in which transaction) written once. It is not a crate of its
//! own: each backend crate compiles it (`#[path = ...] mod sql;`) against
//! its own `crate::motor`, which holds what truly differs between SQLite and
//! PostgreSQL, and its own `crate::DezeOpslag`. See
//! `crates/schakel-storage/README.md` for the choice and its reasons.

pub(crate) mod account;
pub(crate) mod auditlog;
pub(crate) mod basis;
pub(crate) mod contacten;
pub(crate) mod factorherstel;
pub(crate) mod gebiednamen;
pub(crate) mod gids;
pub(crate) mod kern;
pub(crate) mod levenscyclus;
pub(crate) mod levering;
pub(crate) mod lijsten;
pub(crate) mod noodtoegang;
pub(crate) mod onderwijs;
pub(crate) mod opslag;
pub(crate) mod regelversie;
pub(crate) mod rij;
pub(crate) mod sso;
pub(crate) mod toegangsroute;
pub(crate) mod tweedefactor;
pub(crate) mod verloop;
