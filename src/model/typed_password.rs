//! A password as typed into a form, on its way to be hashed or verified: never
//! printed (its `Debug` is masked) and wiped from memory when dropped.

use std::fmt;

use zeroize::Zeroizing;

/// A typed password; only [`TypedPassword::expose`] reads it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct TypedPassword(Zeroizing<String>);

impl TypedPassword {
    pub fn new(text: &str) -> TypedPassword {
        TypedPassword(Zeroizing::new(text.to_string()))
    }

    /// The password itself, for hashing or verifying it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for TypedPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TypedPassword(•••)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_password_never_prints() {
        let password = TypedPassword::new("correct horse battery");
        assert_eq!(format!("{password:?}"), "TypedPassword(•••)");
        assert_eq!(password.expose(), "correct horse battery");
    }
}
