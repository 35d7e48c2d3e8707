//! Unit tests of the batch and file-deploy reports.

use super::*;
use crate::model::detail::pod_runs::AppPod;

fn result(app: &str, pod: &str, code: Option<i32>, output: &str) -> PodResult {
    PodResult {
        target: AppPod {
            namespace: "demo".into(),
            app: app.into(),
            pod: pod.into(),
        },
        code,
        output: output.into(),
    }
}

/// Two apps, the failing pod last as given: the reports still show it first.
fn results() -> Vec<PodResult> {
    vec![
        result("dns", "dns-0", Some(0), "hello\nworld"),
        result("dns2", "dns2-0", Some(0), "hello"),
        result("dns2", "dns2-1", Some(0), "hello"),
        result("dns2", "dns2-stuck", None, "container not found"),
    ]
}

fn pod_headings(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("── ")).collect()
}

#[test]
fn a_batch_report_sums_up_then_shows_each_pod_failures_first() {
    let argv: Vec<String> = ["sh", "-c", "echo hi; exit 0"].map(String::from).to_vec();
    let text = batch_report(Lang::En, &argv, &results());
    assert!(
        text.starts_with("command: sh -c 'echo hi; exit 0'\npods: 4  succeeded: 3  failed: 1\n"),
        "{text}"
    );
    assert_eq!(
        pod_headings(&text),
        [
            "── demo/dns2-stuck (app dns2) · exit ? · FAILED",
            "── demo/dns-0 (app dns) · exit 0 · ok",
            "── demo/dns2-0 (app dns2) · exit 0 · ok",
            "── demo/dns2-1 (app dns2) · exit 0 · ok",
        ]
    );
    assert!(
        text.contains("exit 0 · ok\n  hello\n  world\n"),
        "output indented line by line:\n{text}"
    );
}

#[test]
fn a_deploy_report_puts_failures_first_and_names_each_app_that_received_the_files_once() {
    let deployed = deploy_report(Lang::En, "bind", &results());
    assert_eq!(deployed.summary, "4 pods: 3 ok, 1 failed.");
    assert!(
        deployed
            .report
            .starts_with("file deploy of catalog bind\n4 pods: 3 ok, 1 failed.\n\n── demo/dns2-stuck"),
        "{}",
        deployed.report
    );
    assert_eq!(pod_headings(&deployed.report).len(), 4);
    assert!(
        deployed.report.contains("· FAILED\n  container not found\n"),
        "{}",
        deployed.report
    );
    assert_eq!(
        deployed.apps,
        [
            ("demo".to_string(), "dns".to_string()),
            ("demo".to_string(), "dns2".to_string())
        ]
    );
}

#[test]
fn a_deploy_where_every_pod_failed_restarts_no_app() {
    let failed = vec![result("dns", "dns-0", Some(1), "no space left")];
    let deployed = deploy_report(Lang::En, "bind", &failed);
    assert_eq!(deployed.summary, "1 pods: 0 ok, 1 failed.");
    assert!(deployed.apps.is_empty());
}

#[test]
fn the_reports_speak_korean_with_the_same_layout() {
    let argv: Vec<String> = ["hostname"].map(String::from).to_vec();
    let text = batch_report(Lang::Ko, &argv, &results());
    assert!(text.starts_with("명령: hostname\n파드 4  성공 3  실패 1\n"), "{text}");
    assert_eq!(
        pod_headings(&text)[0],
        "── demo/dns2-stuck (앱 dns2) · 종료 코드 ? · 실패"
    );
    let deployed = deploy_report(Lang::Ko, "bind", &results());
    assert_eq!(deployed.summary, "파드 4개: 성공 3, 실패 1.");
    assert!(
        deployed
            .report
            .starts_with("카탈로그 bind 파일 배포\n파드 4개: 성공 3, 실패 1.\n\n── demo/dns2-stuck (앱 dns2) · 실패\n"),
        "{}",
        deployed.report
    );
    assert_eq!(deployed.catalog, "bind");
}
