//! The reports of work run in every pod of a catalog's apps (a batch command, a file
//! deploy): a summary, then each pod with how it went, failures first.

use crate::config::i18n::{Lang, t};
use crate::model::cluster::Deployed;
use crate::model::detail::pod_runs::{PodResult, apps_that_succeeded, in_report_order};

/// A batch command's report: the command and a summary, then each pod's exit code and
/// output, failures first.
pub fn batch_report(lang: Lang, argv: &[String], results: &[PodResult]) -> String {
    let failed = results.iter().filter(|r| r.failed()).count();
    let mut text = t!(lang, "report.command", command = shell_words::join(argv));
    text.push('\n');
    text.push_str(&t!(
        lang,
        "report.batch_summary",
        pods = results.len(),
        succeeded = results.len() - failed,
        failed = failed
    ));
    text.push('\n');
    for result in in_report_order(results) {
        let code = result.code.map_or("?".to_string(), |c| c.to_string());
        let heading = t!(
            lang,
            "report.batch_pod",
            pod = pod_of(result),
            app = result.target.app,
            code = code,
            verdict = verdict(lang, result)
        );
        text.push_str(&format!("\n── {heading}\n"));
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
pub fn deploy_report(lang: Lang, catalog: &str, results: &[PodResult]) -> Deployed {
    let failed = results.iter().filter(|r| r.failed()).count();
    let summary = t!(
        lang,
        "report.deploy_summary",
        pods = results.len(),
        succeeded = results.len() - failed,
        failed = failed
    );
    let mut report = t!(lang, "report.deploy_title", catalog = catalog);
    report.push_str(&format!("\n{summary}\n"));
    for result in in_report_order(results) {
        let heading = t!(
            lang,
            "report.deploy_pod",
            pod = pod_of(result),
            app = result.target.app,
            verdict = verdict(lang, result)
        );
        report.push_str(&format!("\n── {heading}\n  {}\n", result.output));
    }
    Deployed {
        catalog: catalog.to_string(),
        report,
        summary,
        apps: apps_that_succeeded(results),
    }
}

fn pod_of(result: &PodResult) -> String {
    format!("{}/{}", result.target.namespace, result.target.pod)
}

fn verdict(lang: Lang, result: &PodResult) -> &'static str {
    if result.failed() {
        t!(lang, "report.failed")
    } else {
        t!(lang, "report.ok")
    }
}

#[cfg(test)]
mod tests;
