//! kubic (the binary in a pty) reaching the local cluster through a TCP proxy that
//! adds latency, stalls or cuts the connection: keys are still handled and frames
//! drawn, a request to a stalled server ends with a message, quitting never hangs, and
//! a cut connection comes back by itself — with the outage and its end in the log.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::{DeleteParams, PostParams};
use serde_json::json;

use support::proxy::Proxy;
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);
/// How soon a key must be drawn: less than one round trip through the slow proxy, so
/// a key that waited for the network fails.
const PROMPT: Duration = Duration::from_millis(1000);

/// Types `keys` and returns how long until the screen satisfies `drawn`.
fn time_keys(term: &mut KubicTerminal, keys: &str, what: &str, drawn: impl Fn(&str) -> bool) -> Duration {
    let started = Instant::now();
    term.type_keys(keys);
    term.wait_for(what, WAIT, drawn);
    started.elapsed()
}

fn assert_prompt(took: Duration, what: &str) {
    println!("{what}: drawn after {} ms", took.as_millis());
    assert!(took < PROMPT, "{what} took {took:?}: a key waited for the network");
}

/// The bottom line of the screen (the prompt or the footer).
fn bottom(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// kubic on the pods of all projects through `proxy`, once they are drawn.
fn kubic_through(proxy: &Proxy, extra: &[&str], env: &[(&str, &str)]) -> KubicTerminal {
    let kubeconfig = proxy.kubeconfig_arg();
    let mut args = vec!["--kubeconfig", kubeconfig.as_str(), "-A"];
    args.extend(extra);
    let term = KubicTerminal::spawn_with_env(&args, env, 120, 30);
    term.wait_for("the pods of all projects through the proxy", WAIT, |s| {
        s.contains("pods(all)") && s.contains("kubic-node-agent") && !s.contains("loading")
    });
    assert!(proxy.accepted() > 0, "kubic went through the proxy");
    term
}

#[test]
fn with_500_ms_of_latency_the_table_loads_and_keys_redraw_at_once() {
    let proxy = Proxy::start();
    proxy.set_latency(Duration::from_millis(500));
    let started = Instant::now();
    let mut term = kubic_through(&proxy, &[], &[]);
    println!(
        "the pod table through 500 ms of latency: {} ms",
        started.elapsed().as_millis()
    );

    let took = time_keys(&mut term, "/kubic-node", "the filter as typed", |s| {
        bottom(s).contains("/kubic-node")
    });
    assert_prompt(took, "the filter prompt");
    term.type_keys("\r");
    term.press_esc();
    let took = time_keys(&mut term, ":hos", "the command line as typed", |s| {
        bottom(s).contains(":hos")
    });
    assert_prompt(took, "the command line");
    term.type_keys("ts\r");
    term.wait_for("the hosts through the slow proxy", WAIT, |s| {
        s.contains("<nodes>") && s.contains("nodes [2]") && !s.contains("loading")
    });
    let took = time_keys(&mut term, "/minion2", "the hosts filter as typed", |s| {
        bottom(s).contains("/minion2")
    });
    assert_prompt(took, "the hosts filter prompt");
    term.wait_for("the filter to narrow the hosts", WAIT, |s| !s.contains("kube-minion1"));
    let started = Instant::now();
    term.press_esc();
    term.wait_for("esc to restore the hosts", WAIT, |s| s.contains("kube-minion1"));
    assert_prompt(started.elapsed(), "esc restoring the hosts");
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic must exit with success on q");
    assert!(!term.on_alternate_screen(), "the alternate screen must be left on exit");
}

#[test]
fn a_stalled_server_leaves_keys_working_ends_requests_with_a_message_and_lets_kubic_quit() {
    let proxy = Proxy::start();
    let mut term = kubic_through(&proxy, &[], &[]);
    proxy.stall();

    let took = time_keys(&mut term, "/agent", "the filter as typed while stalled", |s| {
        bottom(s).contains("/agent")
    });
    assert_prompt(took, "the filter prompt while stalled");
    term.press_esc();
    term.wait_for("esc to leave the prompt", WAIT, |s| !bottom(s).contains("/agent"));

    let asked = Instant::now();
    term.type_keys("d");
    term.wait_for("describe to end with a timeout", Duration::from_secs(30), |s| {
        s.contains("did not answer within 10s")
    });
    let waited = asked.elapsed();
    println!("describe on a stalled server ended after {} ms", waited.as_millis());
    assert!(
        waited >= Duration::from_secs(9),
        "the limit is 10 s, ended after {waited:?}"
    );
    term.press_esc();

    term.type_keys("d");
    std::thread::sleep(Duration::from_millis(500));
    let quitting = Instant::now();
    term.type_keys("\x03");
    assert!(
        term.wait_exit(Duration::from_secs(5)),
        "kubic must exit with success on ctrl-c"
    );
    let took = quitting.elapsed();
    println!(
        "ctrl-c with a request pending on a stalled server: exited after {} ms",
        took.as_millis()
    );
    assert!(took < Duration::from_secs(2), "quitting took {took:?}");
    assert!(!term.on_alternate_screen(), "the alternate screen must be left on exit");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cut_connection_shows_stale_then_comes_back_live_and_the_log_tells_both() {
    let conn = support::connection().await;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("kubic.log");
    let log_arg = log.to_str().unwrap().to_string();
    let proxy = Proxy::start();
    let mut term = kubic_through(&proxy, &["--log-file", &log_arg], &[("KUBIC_LOG", "info")]);

    proxy.cut();
    term.wait_for("the table marked STALE", WAIT, |s| s.contains("STALE"));
    let took = time_keys(&mut term, "/agent", "the filter as typed while cut", |s| {
        bottom(s).contains("/agent")
    });
    assert_prompt(took, "the filter prompt while cut");
    term.press_esc();
    std::thread::sleep(Duration::from_secs(2));

    let restored = Instant::now();
    proxy.restore();
    term.wait_for("the table live again", Duration::from_secs(10), |s| {
        !s.contains("STALE") && s.contains("kubic-node-agent")
    });
    let back = restored.elapsed();
    println!("the table was live again {} ms after the restore", back.as_millis());

    let name = support::unique("after-cut");
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": name},
        "spec": {"containers": [{"name": "main", "image": "busybox"}]}
    }))
    .unwrap();
    let pods = Api::<Pod>::namespaced(conn.client.clone(), "default");
    pods.create(&PostParams::default(), &pod).await.unwrap();
    term.wait_for("a pod made after the restore to appear", WAIT, |s| s.contains(&name));
    pods.delete(&name, &DeleteParams::default()).await.unwrap();

    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic must exit with success on q");
    let text = std::fs::read_to_string(&log).expect("the log file");
    let failed = text.lines().position(|l| l.contains("watch") && l.contains("failed"));
    let recovered = text
        .lines()
        .position(|l| l.contains("watch") && l.contains("recovered"));
    match (failed, recovered) {
        (Some(failed), Some(recovered)) => assert!(failed < recovered, "{text}"),
        _ => panic!("the log tells the broken watch and its recovery:\n{text}"),
    }
}
