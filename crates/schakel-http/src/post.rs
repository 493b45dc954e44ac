//! E-mail (issue 13.2): an invitation's activation link and a reset link
//! are sent to the person when SMTP is configured (`serve --smtp-url
//! smtp://host:port --smtp-afzender …`), with `lettre`'s async tokio
//! transport. Without SMTP the link is only shown to the one who asked for
//! it. A failed delivery never undoes the invitation: the link is shown
//! anyway, and the answer says it was not sent.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// An SMTP server and the sender's address.
#[derive(Clone)]
pub struct Post {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    afzender: Mailbox,
}

impl std::fmt::Debug for Post {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold credentials: never printed.
        f.debug_struct("Post")
            .field("afzender", &self.afzender.to_string())
            .finish_non_exhaustive()
    }
}

/// What the mail is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Soort {
    Uitnodiging,
    Herstel,
}

impl Post {
    /// `url`: `smtp://host:port` (plain, for a relay on the own network);
    /// `afzender`: an address, optionally with a name.
    pub fn new(url: &str, afzender: &str) -> Result<Self, String> {
        let (host, poort) = url
            .strip_prefix("smtp://")
            .and_then(|r| r.trim_end_matches('/').rsplit_once(':'))
            .and_then(|(h, p)| Some((h, p.parse::<u16>().ok()?)))
            .filter(|(h, _)| !h.is_empty() && !h.contains('@'))
            .ok_or_else(|| {
                format!("--smtp-url: '{url}' is geen smtp://host:poort (zonder gebruikersnaam)")
            })?;
        // Plain SMTP to a relay on the own network; the relay handles TLS
        // and delivery onwards.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(poort)
            .build();
        let afzender = afzender
            .parse::<Mailbox>()
            .map_err(|e| format!("--smtp-afzender: {e}"))?;
        Ok(Self {
            transport,
            afzender,
        })
    }

    /// Sends the link to `email`. The error says what went wrong, without
    /// the link.
    pub async fn stuur(
        &self,
        soort: Soort,
        naam: &str,
        email: &str,
        link: &str,
        geldig_tot: &str,
    ) -> Result<(), String> {
        let (onderwerp, tekst) = match soort {
            Soort::Uitnodiging => (
                "Uw account voor Schakel",
                format!(
                    "Beste {naam},\n\nEr is een account voor u gemaakt in Schakel. \
                     Open deze link en kies een wachtwoord:\n\n{link}\n\n\
                     De link werkt één keer, tot {geldig_tot}. \
                     Deel de link met niemand.\n"
                ),
            ),
            Soort::Herstel => (
                "Nieuw wachtwoord voor Schakel",
                format!(
                    "Beste {naam},\n\nDe beheerder heeft een link gemaakt waarmee u een nieuw \
                     wachtwoord kiest voor Schakel:\n\n{link}\n\n\
                     De link werkt één keer, tot {geldig_tot}. Als u de link gebruikt, \
                     wordt u overal uitgelogd. Heeft u hier niet om gevraagd? \
                     Neem dan contact op met uw beheerder.\n"
                ),
            ),
        };
        let aan: Mailbox = email
            .parse()
            .map_err(|e| format!("ongeldig e-mailadres: {e}"))?;
        let bericht = Message::builder()
            .from(self.afzender.clone())
            .to(aan)
            .subject(onderwerp)
            .body(tekst)
            .map_err(|e| e.to_string())?;
        self.transport
            .send(bericht)
            .await
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }
}
