//! Unit tests of the batch and file-deploy reports.

use super::*;

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
    let text = batch_report(&argv, &results());
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
    let deployed = deploy_report("bind", &results());
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
    let deployed = deploy_report("bind", &failed);
    assert_eq!(deployed.summary, "1 pods: 0 ok, 1 failed.");
    assert!(deployed.apps.is_empty());
}

#[test]
fn failures_first_orders_by_project_app_and_pod_after_the_failures() {
    let mut shuffled = vec![
        result("dns2", "dns2-1", Some(0), ""),
        result("dns2", "dns2-stuck", Some(3), ""),
        result("dns", "dns-0", Some(0), ""),
    ];
    failures_first(&mut shuffled);
    let pods: Vec<&str> = shuffled.iter().map(|r| r.target.pod.as_str()).collect();
    assert_eq!(pods, ["dns2-stuck", "dns-0", "dns2-1"]);
}
