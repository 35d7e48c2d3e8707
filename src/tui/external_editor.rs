//! `$EDITOR` as an alternative to the inline editor: the YAML goes to a private
//! temporary file, the editor runs on the real terminal, the result comes back.

use std::io::Write;
use std::process::Command;

/// Edits `yaml` in `$VISUAL`, `$EDITOR` or `vi`, and returns the saved text.
pub fn edit(yaml: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut file = tempfile_in_runtime_dir()?;
    file.write_all(yaml.as_bytes())
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    let path = file.path().to_path_buf();
    let mut words = editor.split_whitespace();
    let program = words.next().ok_or("the editor command is empty")?;
    let status = Command::new(program)
        .args(words)
        .arg(&path)
        .status()
        .map_err(|e| format!("cannot run {editor:?}: {e}"))?;
    if !status.success() {
        return Err(format!("{editor:?} exited with {status}"));
    }
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read the edited file: {e}"))
}

fn tempfile_in_runtime_dir() -> Result<tempfile::NamedTempFile, String> {
    tempfile::Builder::new()
        .prefix("kubic-edit-")
        .suffix(".yaml")
        .tempfile()
        .map_err(|e| format!("cannot create a temporary file: {e}"))
}
