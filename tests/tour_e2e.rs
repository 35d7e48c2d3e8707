//! The tour through the real binary in a pty: the dashboard offers it, `:tour` walks
//! KUBIC's order with what the cluster already has (counted from the API server), `j`
//! reaches the last step (the tour is done: remembered in the config directory), `enter`
//! on a step opens its screen (projects are namespaces), and the dashboard no longer offers the tour, in this
//! session nor the next.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use regex::Regex;

use kubic::kube::install::install;
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);
const OFFER: &str = "New here? :tour walks KUBIC's order";

fn kubic(config: &str) -> KubicTerminal {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let args = ["--kubeconfig", kubeconfig.as_str(), "-A", "--start", "dashboard"];
    KubicTerminal::spawn_with_env(&args, &[("XDG_CONFIG_HOME", config)], 80, 24)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_tour_walks_kubics_order_jumps_to_a_screen_and_is_remembered_once_done() {
    let conn = support::connection().await;
    install(&conn).await.expect("kubic install");
    let config = tempfile::tempdir().unwrap();
    let config_dir = config.path().to_str().unwrap().to_string();
    let mut term = kubic(&config_dir);
    term.wait_for("the dashboard offering the tour", WAIT, |s| s.contains(OFFER));

    term.type_keys(":tour\r");
    let counted = Regex::new(r"IP pool: \d+ service IPs on \d+ hosts").unwrap();
    term.wait_for("the tour with the cluster's counts", WAIT, |s| {
        s.contains("tour: KUBIC's order") && counted.is_match(s)
    });
    let screen = term.contents();
    let steps = [
        "Dashboard:",
        "Hosts:",
        "IP pool:",
        "Projects:",
        "Registries:",
        "Images:",
        "Catalogs:",
        "Apps:",
    ];
    let at: Vec<usize> = steps
        .iter()
        .map(|s| screen.find(s).unwrap_or_else(|| panic!("{s}\n{screen}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in the manual's order:\n{screen}");
    assert!(
        Regex::new(r"Hosts: \d+/\d+ ready").unwrap().is_match(&screen),
        "{screen}"
    );
    assert!(screen.contains("next: "), "{screen}");
    let marker = config.path().join("kubic/tour-done");
    assert!(!marker.exists(), "not done yet");

    term.type_keys("G");
    term.wait_for("the last step", WAIT, |s| {
        s.contains("step 8 of 8") && s.contains("runs the selected app")
    });
    support::eventually("the tour remembered as done", WAIT, || async {
        marker.exists().then_some(())
    })
    .await;
    term.type_keys("g");
    term.wait_for("the first step", WAIT, |s| s.contains("step 1 of 8"));
    term.type_keys("jjj");
    term.wait_for("the projects step", WAIT, |s| {
        s.contains("step 4 of 8") && s.contains("go to :projects")
    });
    term.type_keys("\r");
    term.wait_for("the projects screen", WAIT, |s| {
        !s.contains("tour:") && s.contains("<namespaces")
    });

    term.type_keys(":dashboard\r");
    term.wait_for("the dashboard", WAIT, |s| {
        s.contains("Cluster:") && s.contains("Projects:")
    });
    assert!(
        !term.contents().contains(OFFER),
        "done: no more offer\n{}",
        term.contents()
    );
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));

    let mut again = kubic(&config_dir);
    again.wait_for("the dashboard of the next session", WAIT, |s| s.contains("Projects:"));
    assert!(!again.contents().contains(OFFER), "remembered:\n{}", again.contents());
    again.type_keys("q");
    assert!(again.wait_exit(WAIT));
}
