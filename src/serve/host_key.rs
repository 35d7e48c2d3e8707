//! The server's ed25519 host key: generated once, then kept — in a 0600 file
//! (`--host-key FILE`) or in the cluster, so clients see the same key every time and
//! every replica presents the same one.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use ring::rand::{SecureRandom, SystemRandom};
use russh::keys::PrivateKey;
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;

use crate::kube::{Connection, ssh_host_key};

/// A new ed25519 key from the system's random source.
pub fn generate() -> Result<PrivateKey, String> {
    let mut seed = [0u8; 32];
    SystemRandom::new()
        .fill(&mut seed)
        .map_err(|_| "no random source for a host key".to_string())?;
    Ok(PrivateKey::from(Ed25519Keypair::from_seed(&seed)))
}

fn to_text(key: &PrivateKey) -> Result<String, String> {
    key.to_openssh(LineEnding::LF)
        .map(|text| text.to_string())
        .map_err(|e| format!("cannot encode the host key: {e}"))
}

fn from_text(text: &str, origin: &str) -> Result<PrivateKey, String> {
    PrivateKey::from_openssh(text).map_err(|e| format!("{origin} is not an OpenSSH private key: {e}"))
}

/// The key in `path`, created (mode 0600) when the file does not exist. A key file
/// others may read is refused, as OpenSSH refuses one.
pub fn from_file(path: &Path) -> Result<PrivateKey, String> {
    let shown = path.display();
    match std::fs::metadata(path) {
        Ok(meta) if meta.permissions().mode() & 0o077 != 0 => Err(format!(
            "{shown} may be read by others (mode {:o}): chmod 600 it",
            meta.permissions().mode() & 0o777
        )),
        Ok(_) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
            from_text(&text, &shown.to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_file(path),
        Err(e) => Err(format!("cannot read {shown}: {e}")),
    }
}

fn create_file(path: &Path) -> Result<PrivateKey, String> {
    let key = generate()?;
    let text = to_text(&key)?;
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(key)
}

/// The key kept in the cluster's `kubic-system/kubic-ssh-host-key`, created when missing.
pub async fn from_cluster(connection: &Connection) -> Result<PrivateKey, String> {
    let text = ssh_host_key::get_or_create(connection, || generate().and_then(|key| to_text(&key)))
        .await
        .map_err(|e| format!("the host key in the cluster: {e}"))?;
    from_text(&text, ssh_host_key::SECRET)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_created_private_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("host_key");
        let created = from_file(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let read = from_file(&path).unwrap();
        assert_eq!(created.public_key(), read.public_key());
    }

    #[test]
    fn a_key_file_others_may_read_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("host_key");
        from_file(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(from_file(&path).unwrap_err().contains("chmod 600"));
    }

    #[test]
    fn generated_keys_differ() {
        assert_ne!(generate().unwrap().public_key(), generate().unwrap().public_key());
    }
}
