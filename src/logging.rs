//! kubic's log: tracing events — kubic's own and those of kube, hyper, reqwest,
//! oci-client and russh — go to a bounded file (`$XDG_STATE_HOME/kubic/kubic.log`, or
//! `--log-file`), filtered by `KUBIC_LOG`. The dashboard owns the terminal, so nothing
//! is ever written there: a log that cannot be opened is reported once, among the
//! startup warnings, and kubic runs without one.

pub mod bounded;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::writer::BoxMakeWriter;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

use bounded::{BoundedFile, LOG_CAP};

/// The variable that filters the log, in `tracing`'s syntax (`debug`, `kube=trace`).
pub const FILTER_VAR: &str = "KUBIC_LOG";
/// What is logged when `KUBIC_LOG` is not set: kubic's own events, others' warnings.
pub const DEFAULT_FILTER: &str = "warn,kubic=info";

/// Where the events go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    File(PathBuf),
    /// `--log-file -`: standard output, for `kubic serve` in a pod.
    Stdout,
}

/// Who owns the terminal: the dashboard draws on it, so the log may not go there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminal {
    Dashboard,
    Free,
}

/// Starts the log for the whole process and returns what to warn about at start
/// (nothing when all is well). Never writes to the terminal.
pub fn start(flag: Option<&Path>, terminal: Terminal) -> Vec<String> {
    let mut warnings = Vec::new();
    let filter = filter(std::env::var(FILTER_VAR).ok(), &mut warnings);
    let destination = destination(flag, std::env::var_os("XDG_STATE_HOME"), std::env::var_os("HOME"));
    let writer = match (destination, terminal) {
        (Ok(Destination::Stdout), Terminal::Free) => BoxMakeWriter::new(std::io::stdout),
        (Ok(Destination::Stdout), Terminal::Dashboard) => {
            warnings.push("--log-file -: the dashboard owns the terminal; kubic runs without a log".into());
            return warnings;
        }
        (Ok(Destination::File(path)), _) => match BoundedFile::open(&path, LOG_CAP) {
            Ok(file) => BoxMakeWriter::new(Mutex::new(file)),
            Err(error) => {
                warnings.push(format!(
                    "cannot open the log file {}: {error}; kubic runs without a log",
                    path.display()
                ));
                return warnings;
            }
        },
        (Err(why), _) => {
            warnings.push(why);
            return warnings;
        }
    };
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .log_internal_errors(false)
        .with_writer(writer);
    // Already started (a second run in one process): the first log stays.
    let _ = tracing_subscriber::registry().with(filter).with(layer).try_init();
    warnings
}

/// The filter `KUBIC_LOG` names, or the default (and a warning) when it is not valid.
fn filter(spec: Option<String>, warnings: &mut Vec<String>) -> EnvFilter {
    let spec = spec.filter(|spec| !spec.trim().is_empty());
    if let Some(spec) = spec {
        match EnvFilter::try_new(&spec) {
            Ok(filter) => return filter,
            Err(error) => warnings.push(format!(
                "{FILTER_VAR}={spec:?} is not a log filter ({error}); using {DEFAULT_FILTER}"
            )),
        }
    }
    EnvFilter::new(DEFAULT_FILTER)
}

/// `--log-file` (`-`: standard output), else `kubic/kubic.log` in `$XDG_STATE_HOME`
/// (when absolute, as the XDG spec asks), else in `~/.local/state`.
pub fn destination(
    flag: Option<&Path>,
    xdg_state_home: Option<OsString>,
    home: Option<OsString>,
) -> Result<Destination, String> {
    if let Some(flag) = flag {
        return Ok(if flag == Path::new("-") {
            Destination::Stdout
        } else {
            Destination::File(flag.to_path_buf())
        });
    }
    let path = state_file("kubic.log", xdg_state_home, home)
        .map_err(|_| "no log file: neither XDG_STATE_HOME nor HOME is set (--log-file names one)".to_string())?;
    Ok(Destination::File(path))
}

/// `name` next to kubic's log, in `$XDG_STATE_HOME/kubic` or `~/.local/state/kubic`.
pub fn default_file(name: &str) -> Result<PathBuf, String> {
    state_file(name, std::env::var_os("XDG_STATE_HOME"), std::env::var_os("HOME"))
}

fn state_file(name: &str, xdg_state_home: Option<OsString>, home: Option<OsString>) -> Result<PathBuf, String> {
    let state = xdg_state_home
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| {
            home.map(PathBuf::from)
                .filter(|home| home.is_absolute())
                .map(|home| home.join(".local/state"))
        })
        .ok_or(format!(
            "no {name}: neither XDG_STATE_HOME nor HOME is set (a flag can name the file)"
        ))?;
    Ok(state.join("kubic").join(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Result<Destination, String> {
        Ok(Destination::File(PathBuf::from(path)))
    }

    #[test]
    fn the_flag_wins_then_xdg_state_home_then_home() {
        let xdg = || Some(OsString::from("/state"));
        let home = || Some(OsString::from("/home/ops"));
        assert_eq!(
            destination(Some(Path::new("/tmp/k.log")), xdg(), home()),
            file("/tmp/k.log")
        );
        assert_eq!(
            destination(Some(Path::new("-")), xdg(), home()),
            Ok(Destination::Stdout)
        );
        assert_eq!(destination(None, xdg(), home()), file("/state/kubic/kubic.log"));
        assert_eq!(
            destination(None, None, home()),
            file("/home/ops/.local/state/kubic/kubic.log")
        );
        let relative = Some(OsString::from("state"));
        assert_eq!(
            destination(None, relative, home()),
            file("/home/ops/.local/state/kubic/kubic.log")
        );
        let nowhere = destination(None, None, None).unwrap_err();
        assert!(nowhere.contains("--log-file"), "{nowhere}");
    }

    #[test]
    fn a_bad_filter_falls_back_to_the_default_with_a_warning() {
        let mut warnings = Vec::new();
        let good = filter(Some("debug,hyper=info".into()), &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(good.to_string(), "hyper=info,debug");
        let fallback = filter(Some("kube=loud".into()), &mut warnings);
        assert_eq!(fallback.to_string(), EnvFilter::new(DEFAULT_FILTER).to_string());
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("KUBIC_LOG=\"kube=loud\" is not a log filter"),
            "{warnings:?}"
        );
        assert_eq!(
            filter(None, &mut warnings).to_string(),
            EnvFilter::new(DEFAULT_FILTER).to_string()
        );
    }
}
