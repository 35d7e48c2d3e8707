//! Password hashes: argon2id PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`), the only
//! form a password is ever kept in. Passwords are taken as `&str` and never logged.

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use password_hash::Output;
use password_hash::rand_core::OsRng;

/// Hashes `password` with argon2id (default parameters) and a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

/// The working memory of a verification (19 MiB with the default parameters), kept by
/// a caller that verifies often — a server's logins — so that each verification does
/// not take its own from the allocator (which keeps what was freed: the process would
/// grow with every burst of logins).
#[derive(Default)]
pub struct HashMemory(Vec<Block>);

/// Whether `password` is the one `phc` was made from; a malformed hash matches nothing.
pub fn verify_password(phc: &str, password: &str) -> bool {
    verify_password_in(&mut HashMemory::default(), phc, password)
}

/// [`verify_password`] in `memory`, grown to what the hash's parameters need and kept.
pub fn verify_password_in(memory: &mut HashMemory, phc: &str, password: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(hash.algorithm), Params::try_from(&hash)) else {
        return false;
    };
    let version = match hash.version.map(Version::try_from).transpose() {
        Ok(version) => version.unwrap_or_default(),
        Err(_) => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    if memory.0.len() < params.block_count() {
        memory.0.resize(params.block_count(), Block::default());
    }
    let argon2 = Argon2::new(algorithm, version, params);
    let computed = Output::init_with(expected.len(), |out| {
        argon2
            .hash_password_into_with_memory(password.as_bytes(), salt, out, &mut memory.0[..])
            .map_err(|_| password_hash::Error::Password)
    });
    // `Output`'s comparison takes the same time wherever the outputs differ.
    computed.is_ok_and(|computed| computed == expected)
}

/// A hash of a password nobody has, made with the same parameters as every hash.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$Yre/qXHmsnolE541UN12WQ$yQk2N1gsBpuSzl/AediHhidJAYT30P2Kj/ELkx3qJfI";

/// Spends as long as [`verify_password`] does on a real hash, for an unknown user, so
/// that the answer's delay does not tell which names exist.
pub fn dummy_verify(memory: &mut HashMemory, password: &str) {
    let _ = verify_password_in(memory, DUMMY_HASH, password);
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
    fn kept_memory_verifies_as_fresh_memory_does_and_is_kept_at_its_size() {
        let (one, two) = (hash_password("first").unwrap(), hash_password("second").unwrap());
        let mut memory = HashMemory::default();
        assert!(verify_password_in(&mut memory, &one, "first"));
        let kept = memory.0.len();
        assert_eq!(kept, 19456, "one block per KiB of m");
        assert!(!verify_password_in(&mut memory, &two, "first"));
        assert!(verify_password_in(&mut memory, &two, "second"));
        assert_eq!(memory.0.len(), kept);
        let params = Params::new(256, 1, 1, None).unwrap();
        let small = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"first", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(verify_password_in(&mut memory, &small, "first"));
        assert!(!verify_password_in(&mut memory, &small, "second"));
        assert_eq!(memory.0.len(), kept, "a smaller hash works in the memory there is");
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
        dummy_verify(&mut HashMemory::default(), "a wrong password");
        let dummy = start.elapsed();
        assert!(dummy * 10 > real && real * 10 > dummy, "real {real:?}, dummy {dummy:?}");
    }
}
