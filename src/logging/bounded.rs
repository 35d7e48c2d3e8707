//! A log file that never grows past its cap: when the next write would pass it, the
//! file becomes `<name>.1` (replacing the previous backup) and a new one starts, so the
//! log never takes more than twice the cap on disk, however long kubic runs.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The cap of kubic's log file: 10 MiB, and as much again in its one backup.
pub const LOG_CAP: u64 = 10 * 1024 * 1024;

/// An append-only file of at most `cap` bytes, with one backup.
#[derive(Debug)]
pub struct BoundedFile {
    path: PathBuf,
    cap: u64,
    file: File,
}

impl BoundedFile {
    /// Opens (or creates, 0600, with its folder) the file at `path` for appending.
    pub fn open(path: &Path, cap: u64) -> io::Result<BoundedFile> {
        if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        Ok(BoundedFile {
            path: path.to_path_buf(),
            cap: cap.max(1),
            file: open_append(path)?,
        })
    }

    /// Where the previous file is kept: `<path>.1`.
    pub fn backup_path(&self) -> PathBuf {
        let mut name = self.path.clone().into_os_string();
        name.push(".1");
        PathBuf::from(name)
    }

    /// The current file becomes the backup and a new one starts. When another kubic
    /// writing the same log did so first, this one only opens the new file; when the
    /// file cannot be renamed, it is emptied instead: the cap holds either way.
    fn rotate(&mut self) -> io::Result<()> {
        if self.is_still_at_path() && std::fs::rename(&self.path, self.backup_path()).is_err() {
            return self.file.set_len(0);
        }
        self.file = open_append(&self.path)?;
        Ok(())
    }

    /// Whether the open file is still the one the path names (not renamed by another
    /// process sharing the log).
    fn is_still_at_path(&self) -> bool {
        match (self.file.metadata(), std::fs::metadata(&self.path)) {
            (Ok(open), Ok(named)) => open.ino() == named.ino() && open.dev() == named.dev(),
            _ => false,
        }
    }
}

fn open_append(path: &Path) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).mode(0o600).open(path)
}

impl Write for BoundedFile {
    /// Writes `buf` whole (each event is one write), after rotating when it would pass
    /// the cap; a write larger than the cap itself keeps only its first `cap` bytes.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let kept = usize::try_from(self.cap).map_or(buf, |cap| &buf[..buf.len().min(cap)]);
        let size = self.file.metadata()?.len();
        if size > 0 && size + kept.len() as u64 > self.cap {
            self.rotate()?;
        }
        self.file.write_all(kept)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(path: &Path) -> u64 {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }

    #[test]
    fn rotates_before_passing_the_cap_and_keeps_one_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/kubic/kubic.log");
        let mut log = BoundedFile::open(&path, 100).unwrap();
        for n in 0..50 {
            log.write_all(format!("event {n:02} ......\n").as_bytes()).unwrap();
            assert!(size(&path) <= 100, "{} bytes after event {n}", size(&path));
            assert!(size(&log.backup_path()) <= 100);
        }
        let current = std::fs::read_to_string(&path).unwrap();
        let backup = std::fs::read_to_string(log.backup_path()).unwrap();
        assert!(current.ends_with("event 49 ......\n"), "{current}");
        assert!(current.starts_with("event 48"), "whole events only: {current}");
        assert!(
            backup.starts_with("event 42") && backup.ends_with("event 47 ......\n"),
            "{backup}"
        );
        let files = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(files, 2, "the log and one backup");
    }

    #[test]
    fn a_reopened_log_counts_what_it_already_holds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kubic.log");
        BoundedFile::open(&path, 30).unwrap().write_all(&[b'a'; 25]).unwrap();
        let mut again = BoundedFile::open(&path, 30).unwrap();
        again.write_all(b"0123456789").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"0123456789");
        assert_eq!(std::fs::read(again.backup_path()).unwrap(), vec![b'a'; 25]);
    }

    #[test]
    fn an_event_larger_than_the_cap_is_cut_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kubic.log");
        let mut log = BoundedFile::open(&path, 8).unwrap();
        log.write_all(b"0123456789abcdef").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"01234567");
    }

    #[test]
    fn two_writers_of_one_log_rotate_it_once_and_stay_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kubic.log");
        let mut first = BoundedFile::open(&path, 40).unwrap();
        let mut second = BoundedFile::open(&path, 40).unwrap();
        for n in 0..40 {
            let writer = if n % 2 == 0 { &mut first } else { &mut second };
            writer.write_all(format!("line {n:02}\n").as_bytes()).unwrap();
            assert!(size(&path) <= 40, "{} bytes after line {n}", size(&path));
        }
        assert!(size(&first.backup_path()) <= 40);
        let current = std::fs::read_to_string(&path).unwrap();
        assert!(current.ends_with("line 39\n"), "{current}");
    }

    #[test]
    fn the_log_is_private_to_its_user() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kubic.log");
        BoundedFile::open(&path, 10).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
