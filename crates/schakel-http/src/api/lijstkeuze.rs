//! The query choices of the API's lists (issue 16.2), checked alike: each
//! wrong one is named with every allowed value, all of them in one
//! problem+json answer.

use crate::fout::{ApiFout, VeldFout};

/// Gathers what is wrong with a list's choices.
#[derive(Default)]
pub struct Keuzecontrole(Vec<VeldFout>);

impl Keuzecontrole {
    /// An optional choice of `alle` by its name; a wrong one is noted at
    /// `veld` with the allowed names ("verwacht a, b of c").
    pub fn keuze<T: Copy>(
        &mut self,
        veld: &str,
        waarde: Option<&str>,
        alle: &[T],
        naam: fn(T) -> &'static str,
    ) -> Option<T> {
        let w = waarde?;
        let gevonden = alle.iter().copied().find(|x| naam(*x) == w);
        if gevonden.is_none() {
            let namen: Vec<&str> = alle.iter().map(|x| naam(*x)).collect();
            self.fout(veld, format!("verwacht {}", opsomming(&namen)));
        }
        gevonden
    }

    /// `waarde` as `controle` has it; its refusal is noted at `veld`.
    pub fn met<T>(&mut self, veld: &str, controle: Result<Option<T>, String>) -> Option<T> {
        controle.map_err(|r| self.fout(veld, r)).ok().flatten()
    }

    pub fn fout(&mut self, veld: &str, reden: impl Into<String>) {
        self.0.push(VeldFout {
            name: veld.into(),
            reason: reden.into(),
        });
    }

    /// Nothing wrong, or every wrong choice at once.
    pub fn klaar(self) -> Result<(), ApiFout> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiFout::Ongeldig(self.0))
        }
    }
}

/// "a", "a of b", "a, b of c".
pub fn opsomming(namen: &[&str]) -> String {
    match namen {
        [] => String::new(),
        [een] => (*een).to_string(),
        [rest @ .., laatste] => format!("{} of {laatste}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opsomming_in_woorden() {
        assert_eq!(opsomming(&["a"]), "a");
        assert_eq!(opsomming(&["a", "b"]), "a of b");
        assert_eq!(opsomming(&["a", "b", "c"]), "a, b of c");
    }
}
