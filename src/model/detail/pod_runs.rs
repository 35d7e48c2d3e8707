//! Work run in every pod of a catalog's apps (a batch command, a file deploy): what
//! came back from each pod, and the reports the viewer shows, failures first.

use crate::model::cluster::Deployed;

/// One pod of an app, where a command runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPod {
    pub namespace: String,
    pub app: String,
    pub pod: String,
}

/// How the work went in one pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodResult {
    pub target: AppPod,
    /// The exit code; `None` when the command could not run or the code is unknown.
    pub code: Option<i32>,
    /// Standard output then standard error, or why the command could not run.
    pub output: String,
}

impl PodResult {
    pub fn failed(&self) -> bool {
        self.code != Some(0)
    }
}

/// Orders results failures first, then by project, app and pod.
pub fn failures_first(results: &mut [PodResult]) {
    results.sort_by(|a, b| {
        (!a.failed(), &a.target.namespace, &a.target.app, &a.target.pod).cmp(&(
            !b.failed(),
            &b.target.namespace,
            &b.target.app,
            &b.target.pod,
        ))
    });
}

/// The results in the order the reports show them: failures first, otherwise as given.
fn in_report_order(results: &[PodResult]) -> Vec<&PodResult> {
    let mut ordered: Vec<&PodResult> = results.iter().collect();
    ordered.sort_by_key(|r| !r.failed());
    ordered
}

/// A batch command's report: the command and a summary, then each pod's exit code and
/// output, failures first.
pub fn batch_report(argv: &[String], results: &[PodResult]) -> String {
    let failed = results.iter().filter(|r| r.failed()).count();
    let mut text = format!(
        "command: {}\npods: {}  succeeded: {}  failed: {failed}\n",
        shell_words::join(argv),
        results.len(),
        results.len() - failed
    );
    for result in in_report_order(results) {
        let code = result.code.map_or("?".to_string(), |c| c.to_string());
        let verdict = if result.failed() { "FAILED" } else { "ok" };
        text.push_str(&format!(
            "\n── {}/{} (app {}) · exit {code} · {verdict}\n",
            result.target.namespace, result.target.pod, result.target.app
        ));
        for line in result.output.lines() {
            text.push_str("  ");
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// A file deploy's report (a summary, then each pod, failures first) and the apps
/// (`project`, `app`) whose pods all or partly received the files, each once.
pub fn deploy_report(catalog: &str, results: &[PodResult]) -> Deployed {
    let failed = results.iter().filter(|r| r.failed()).count();
    let summary = format!(
        "{} pods: {} ok, {failed} failed.",
        results.len(),
        results.len() - failed
    );
    let mut report = format!("file deploy of catalog {catalog}\n{summary}\n");
    for result in in_report_order(results) {
        let verdict = if result.failed() { "FAILED" } else { "ok" };
        report.push_str(&format!(
            "\n── {}/{} (app {}) · {verdict}\n  {}\n",
            result.target.namespace, result.target.pod, result.target.app, result.output
        ));
    }
    let mut apps: Vec<(String, String)> = results
        .iter()
        .filter(|r| !r.failed())
        .map(|r| (r.target.namespace.clone(), r.target.app.clone()))
        .collect();
    apps.sort();
    apps.dedup();
    Deployed { report, summary, apps }
}

#[cfg(test)]
mod tests;
