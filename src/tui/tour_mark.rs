//! Whether the local operator has finished the tour: a marker file `tour-done` in the
//! user config directory, so the dashboard stops offering the tour in later sessions.
//! A session served over SSH runs on the server's config directory, which is not its
//! user's: it keeps the fact for itself and writes nothing.

use std::path::PathBuf;

fn marker() -> Option<PathBuf> {
    crate::config::user_config_dir().map(|dir| dir.join("tour-done"))
}

/// Whether an earlier local session finished the tour.
pub fn is_done() -> bool {
    marker().is_some_and(|path| path.exists())
}

/// Remembers that the tour is done; a directory that cannot be written is logged only
/// (the dashboard then offers the tour again next time).
pub fn remember() {
    let Some(path) = marker() else { return };
    let written = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| {
        std::fs::write(
            &path,
            "the tour was finished; remove this file to see the dashboard's offer again\n",
        )
    });
    if let Err(error) = written {
        tracing::warn!("cannot remember that the tour is done in {}: {error}", path.display());
    }
}
