//! Work run in every pod of a catalog's apps (a batch command, a file deploy): what
//! came back from each pod, in the order the reports show it (failures first).

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
pub fn in_report_order(results: &[PodResult]) -> Vec<&PodResult> {
    let mut ordered: Vec<&PodResult> = results.iter().collect();
    ordered.sort_by_key(|r| !r.failed());
    ordered
}

/// The apps (`project`, `app`) a pod of which succeeded, each once, in order.
pub fn apps_that_succeeded(results: &[PodResult]) -> Vec<(String, String)> {
    let mut apps: Vec<(String, String)> = results
        .iter()
        .filter(|r| !r.failed())
        .map(|r| (r.target.namespace.clone(), r.target.app.clone()))
        .collect();
    apps.sort();
    apps.dedup();
    apps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(app: &str, pod: &str, code: Option<i32>) -> PodResult {
        PodResult {
            target: AppPod {
                namespace: "demo".into(),
                app: app.into(),
                pod: pod.into(),
            },
            code,
            output: String::new(),
        }
    }

    #[test]
    fn failures_first_orders_by_project_app_and_pod_after_the_failures() {
        let mut shuffled = vec![
            result("dns2", "dns2-1", Some(0)),
            result("dns2", "dns2-stuck", Some(3)),
            result("dns", "dns-0", Some(0)),
        ];
        failures_first(&mut shuffled);
        let pods: Vec<&str> = shuffled.iter().map(|r| r.target.pod.as_str()).collect();
        assert_eq!(pods, ["dns2-stuck", "dns-0", "dns2-1"]);
    }

    #[test]
    fn the_apps_that_succeeded_are_named_once_and_a_failed_only_app_not_at_all() {
        let results = vec![
            result("dns2", "dns2-1", Some(0)),
            result("dns2", "dns2-0", Some(0)),
            result("web", "web-0", None),
            result("dns", "dns-0", Some(0)),
        ];
        assert_eq!(
            apps_that_succeeded(&results),
            [
                ("demo".to_string(), "dns".to_string()),
                ("demo".to_string(), "dns2".to_string())
            ]
        );
    }
}
