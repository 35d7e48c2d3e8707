//! The whole KUBIC walkthrough typed into the real kubic binary in a pty, nothing done
//! behind its back: register IPs → create a project → write the bind catalog in the
//! editor → create an app with the form → run → scale 1→2 → rolling update and
//! rollback → re-load-balance with a second IP → halt → delete → free the IPs →
//! delete the project and the catalog.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::Service;
use kube::Api;

use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(90);
const CTRL_D: &str = "\x04";
const CTRL_S: &str = "\x13";
const CTRL_U: &str = "\x15";
const DOWN: &str = "\x1b[B";
const END: &str = "\x1b[F";

/// Two IPs of TEST-NET-2's neighbour range no other test uses.
fn walkthrough_ips() -> (String, String) {
    let id = std::process::id();
    let base = format!("198.19.{}", id % 250);
    let host = (id / 250 % 120) * 2 + 1;
    (format!("{base}.{host}"), format!("{base}.{}", host + 1))
}

/// Retypes the one-line input that is open: clears what it was prefilled with.
fn answer(term: &mut KubicTerminal, text: &str) {
    term.type_keys(CTRL_U);
    term.type_keys(text);
    term.type_keys("\r");
}

/// The table shows the app's row in `state` with `ready` pods and its tag.
/// Cells are compared whole: a tag such as `9.20` also stands inside an IP like
/// `198.19.204.53`, which must not pass for it.
fn app_row_shows(screen: &str, state: &str, ready: &str, tag: &str) -> bool {
    screen.lines().any(|l| {
        let cells: Vec<&str> = l.trim_matches('│').split_whitespace().collect();
        cells.first() == Some(&"dns") && [state, ready, tag].iter().all(|wanted| cells.contains(wanted))
    })
}

/// Deletes the selected project, retrying while KUBIC refuses because pods still stop.
fn delete_project(term: &mut KubicTerminal, project: &str) {
    for _ in 0..30 {
        term.type_keys(CTRL_D);
        term.wait_for("the delete confirmation", WAIT, |s| {
            s.contains(&format!("Delete project {project}?"))
        });
        term.type_keys("y");
        term.wait_for("the project deleted or refused", WAIT, |s| {
            s.contains(&format!("done: delete project {project}")) || s.contains("still runs")
        });
        if term.contents().contains("done: delete project") {
            return;
        }
        std::thread::sleep(Duration::from_secs(2));
    }
    panic!("project {project} could not be deleted: {}", term.contents());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_kubic_walkthrough_from_the_keyboard() {
    let conn = support::connection().await;
    kubic::kube::install::install(&conn).await.expect("kubic install");
    let (ip1, ip2) = walkthrough_ips();
    let project = support::unique("walk-tui");
    let catalog = support::unique("bind-tui");
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", "default"], 150, 36);
    term.wait_for("the pods view", WAIT, |s| s.contains("pods(default)"));

    // IP pool: two service IPs for kube-minion1.
    term.type_keys(":ippools\r");
    for ip in [&ip1, &ip2] {
        term.type_keys("n");
        term.wait_for("the register input", WAIT, |s| s.contains("register a service IP"));
        answer(&mut term, &format!("kube-minion1 {ip}"));
        term.wait_for("the IP registered", WAIT, |s| {
            s.contains(&format!("done: register {ip}"))
        });
    }

    // Project.
    term.type_keys(":projects\r");
    term.wait_for("the projects", WAIT, |s| s.contains("kube-system"));
    term.type_keys("n");
    term.type_keys(&format!("{project}\r"));
    term.wait_for("the new project", WAIT, |s| s.contains(&project));

    // Catalog: the bind sample, renamed in the editor, saved with ctrl-s.
    term.type_keys(":catalogs\r");
    term.type_keys("C");
    term.wait_for("the new catalog in the editor", WAIT, |s| {
        s.contains("name: my-catalog")
    });
    term.type_keys(&DOWN.repeat(8));
    term.type_keys(END);
    term.type_keys(&"\x7f".repeat("my-catalog".len()));
    term.type_keys(&catalog);
    term.wait_for("the renamed catalog", WAIT, |s| s.contains(&format!("name: {catalog}")));
    term.type_keys(CTRL_S);
    term.wait_for("the catalog saved", WAIT, |s| {
        s.contains(&catalog) && !s.contains("name: ")
    });

    // App from the catalog, through the form.
    term.type_keys(&format!(":ns {project}\r"));
    term.type_keys(":catalogs\r");
    term.type_keys(&format!("/{catalog}\r"));
    term.wait_for("the catalog alone", WAIT, |s| s.contains(&catalog) && s.contains("[1/"));
    term.type_keys("n");
    term.wait_for("the app form", WAIT, |s| {
        s.contains(&format!("new app from catalog {catalog}"))
    });
    term.type_keys(&format!(
        "dns\t\t9.18\t\t200\t128Mi\t53/TCP, 53/UDP\tkube-minion1\t{ip1}\r"
    ));
    term.wait_for("the app created", WAIT, |s| s.contains("done: create app"));

    // Lifecycle from the apps list.
    term.type_keys(":apps\r");
    term.wait_for("the new app, halted", WAIT, |s| {
        app_row_shows(s, "Halted", "0/0", "9.18")
    });
    term.type_keys("r");
    term.wait_for("the app running", WAIT, |s| app_row_shows(s, "Running", "1/1", "9.18"));
    term.type_keys("S");
    term.wait_for("the scale input", WAIT, |s| s.contains("replicas of dns:"));
    answer(&mut term, "2");
    term.wait_for("two ready replicas", WAIT, |s| {
        app_row_shows(s, "Running", "2/2", "9.18")
    });
    term.type_keys("u");
    term.wait_for("the tag input", WAIT, |s| s.contains("new image tag of dns:"));
    answer(&mut term, "9.20");
    term.wait_for("the rolled app", WAIT, |s| app_row_shows(s, "Running", "2/2", "9.20"));
    term.type_keys("b");
    term.wait_for("the rollback input", WAIT, |s| {
        s.contains("revision of dns to roll back to:")
    });
    answer(&mut term, "1");
    term.wait_for("the app back on 9.18", WAIT, |s| {
        app_row_shows(s, "Running", "2/2", "9.18")
    });
    term.type_keys("i");
    term.wait_for("the service IPs input", WAIT, |s| s.contains("service IPs of dns"));
    answer(&mut term, &format!("{ip1}, {ip2}"));
    term.wait_for("the re-load-balance done", WAIT, |s| {
        s.contains("done: set the service IPs")
    });
    let service = Api::<Service>::namespaced(conn.client.clone(), &project)
        .get("dns")
        .await
        .expect("the app's service");
    let external = service.spec.and_then(|s| s.external_ips).unwrap_or_default();
    assert_eq!(
        external,
        vec![ip1.clone(), ip2.clone()],
        "the Service's external IPs follow"
    );
    term.type_keys("t");
    term.wait_for("the halt confirmation", WAIT, |s| s.contains("Halt app"));
    term.type_keys("y");
    term.wait_for("the app halted", WAIT, |s| app_row_shows(s, "Halted", "0/0", "9.18"));
    term.type_keys(CTRL_D);
    term.wait_for("the delete confirmation", WAIT, |s| s.contains("Delete app"));
    term.type_keys("y");
    term.wait_for("the app deleted", WAIT, |s| s.contains("done: delete app"));

    // The IPs are free again: the pool's detail says so, then they are removed.
    term.type_keys(":ippools\r");
    term.type_keys("/kube-minion1\r");
    term.wait_for("the host's pool", WAIT, |s| s.contains("ippools [1/"));
    // The app's deletion completes in the background: look again until its IPs are free.
    let freed = |s: &str| s.lines().any(|l| l.contains(&ip2) && l.contains("free"));
    let mut free = false;
    for _ in 0..60 {
        term.type_keys("d");
        term.wait_for("the pool's IPs with their holders", WAIT, |s| s.contains("HELD BY"));
        free = freed(&term.contents());
        term.press_esc();
        if free {
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(free, "the deleted app's IPs are free again: {}", term.contents());
    for ip in [&ip1, &ip2] {
        term.type_keys(CTRL_D);
        term.wait_for("which IP to remove", WAIT, |s| {
            s.contains("IP to remove from kube-minion1")
        });
        answer(&mut term, ip);
        term.wait_for("the remove confirmation", WAIT, |s| s.contains(&format!("Remove {ip}")));
        term.type_keys("y");
        term.wait_for("the IP removed", WAIT, |s| s.contains(&format!("done: remove {ip}")));
    }

    // The project, then the catalog.
    term.type_keys(":projects\r");
    term.type_keys(&format!("/{project}\r"));
    term.wait_for("the project alone", WAIT, |s| {
        s.contains("namespaces [1/") && s.contains(&format!("│{project} "))
    });
    delete_project(&mut term, &project);
    term.type_keys(":catalogs\r");
    term.type_keys(&format!("/{catalog}\r"));
    term.wait_for("the catalog alone", WAIT, |s| s.contains(&catalog) && s.contains("[1/"));
    term.type_keys(CTRL_D);
    term.wait_for("the catalog delete confirmation", WAIT, |s| {
        s.contains(&format!("Delete catalog {catalog}?"))
    });
    term.type_keys("y");
    term.wait_for("the catalog deleted", WAIT, |s| {
        s.contains(&format!("done: delete catalog {catalog}"))
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));
}
