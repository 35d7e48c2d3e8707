//! Password hashes: argon2id PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`), the only
//! form a password is ever kept in. Passwords are taken as `&str` and never logged.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use password_hash::rand_core::OsRng;

/// Hashes `password` with argon2id (default parameters) and a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

/// Whether `password` is the one `phc` was made from; a malformed hash matches nothing.
pub fn verify_password(phc: &str, password: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    Argon2::default().verify_password(password.as_bytes(), &hash).is_ok()
}

/// A hash of a password nobody has, made with the same parameters as every hash.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$Yre/qXHmsnolE541UN12WQ$yQk2N1gsBpuSzl/AediHhidJAYT30P2Kj/ELkx3qJfI";

/// Spends as long as [`verify_password`] does on a real hash, for an unknown user, so
/// that the answer's delay does not tell which names exist.
pub fn dummy_verify(password: &str) {
    let _ = verify_password(DUMMY_HASH, password);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_and_verifies_only_its_password() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "correct horse battery!"));
        assert!(!verify_password("not a hash", "correct horse battery"));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_their_salt() {
        let (a, b) = (
            hash_password("same password").unwrap(),
            hash_password("same password").unwrap(),
        );
        assert_ne!(a, b);
        assert!(verify_password(&a, "same password") && verify_password(&b, "same password"));
    }

    #[test]
    fn the_dummy_verification_takes_about_as_long_as_a_real_one() {
        let hash = hash_password("a real password").unwrap();
        let params = |phc: &str| phc.split('$').nth(3).map(str::to_string);
        assert_eq!(params(DUMMY_HASH), params(&hash));
        assert!(verify_password(DUMMY_HASH, "kubic dummy password"));
        let start = std::time::Instant::now();
        let _ = verify_password(&hash, "a wrong password");
        let real = start.elapsed();
        let start = std::time::Instant::now();
        dummy_verify("a wrong password");
        let dummy = start.elapsed();
        assert!(dummy * 10 > real && real * 10 > dummy, "real {real:?}, dummy {dummy:?}");
    }
}
