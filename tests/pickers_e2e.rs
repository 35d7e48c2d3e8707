//! The real kubic binary in a pty on the local cluster: the app form offers the
//! cluster's hosts (a host of the test's own among them) and, once that host is chosen,
//! the free IPs of its pool — not the one another app holds — in lists opened with
//! ctrl-space; and the kube layer reads the same choices.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use kube::Api;
use kube::api::{DeleteParams, PostParams};

use kubic::kube::Connection;
use kubic::kube::kubic::choices;
use kubic::model::crd::{App, AppSpec, Catalog, DesiredState, IPPool, IPPoolSpec};
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(90);
const CTRL_SPACE: &str = "\x00";

/// Two IPs of TEST-NET-2 no other test uses: the first held by an app, the second free.
fn test_ips() -> (String, String) {
    let n = std::process::id() % 120 * 2 + 1;
    (format!("198.51.100.{n}"), format!("198.51.100.{}", n + 1))
}

/// The pool of `host` and an app holding its first IP; removed when dropped.
struct Holdings {
    conn: Connection,
    host: String,
    app: String,
}

impl Holdings {
    async fn make(conn: &Connection, host: &str, (held, free): (&str, &str)) -> Holdings {
        let pool = IPPool::new(
            host,
            IPPoolSpec {
                host: host.into(),
                ips: vec![held.into(), free.into()],
            },
        );
        Api::<IPPool>::all(conn.client.clone())
            .create(&PostParams::default(), &pool)
            .await
            .expect("create the test host's pool");
        let app = support::unique("holder");
        let spec = AppSpec {
            catalog: "bind".into(),
            tag: "9.18".into(),
            replicas: 0,
            cpu_millis: None,
            memory: None,
            ports: vec![],
            host: Some(host.into()),
            service_ips: vec![held.into()],
            desired: DesiredState::Halted,
            revision: 1,
        };
        Api::<App>::namespaced(conn.client.clone(), "default")
            .create(&PostParams::default(), &App::new(&app, spec))
            .await
            .expect("create the app holding the first IP");
        Holdings {
            conn: conn.clone(),
            host: host.into(),
            app,
        }
    }
}

impl Drop for Holdings {
    fn drop(&mut self) {
        let (client, host, app) = (self.conn.client.clone(), self.host.clone(), self.app.clone());
        tokio::runtime::Handle::current().block_on(async move {
            let _ = Api::<App>::namespaced(client.clone(), "default")
                .delete(&app, &DeleteParams::default())
                .await;
            let _ = Api::<IPPool>::all(client).delete(&host, &DeleteParams::default()).await;
        });
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_form_offers_the_clusters_hosts_and_the_chosen_hosts_free_ips() {
    let conn = support::connection().await;
    kubic::kube::install::install(&conn).await.expect("kubic install");
    let catalog = support::unique("bind-pick");
    let catalogs = Api::<Catalog>::all(conn.client.clone());
    let sample = Catalog::new(&catalog, support::fixtures::bind_spec());
    catalogs.create(&PostParams::default(), &sample).await.unwrap();
    let for_drive = (conn.clone(), catalog.clone());
    support::fixtures::with_test_host(&conn, "kubic-pick-host", move |host| {
        drive(&for_drive.0, host, &for_drive.1)
    })
    .await;
    let _ = catalogs.delete(&catalog, &DeleteParams::default()).await;
}

fn drive(conn: &Connection, host: &str, catalog: &str) {
    let (held, free) = test_ips();
    let runtime = tokio::runtime::Handle::current();
    let _holdings = runtime.block_on(Holdings::make(conn, host, (&held, &free)));

    // The kube layer reads what the form offers.
    let hosts = runtime.block_on(choices::host_names(conn)).unwrap();
    assert!(
        hosts.contains(&host.to_string()) && hosts.contains(&"kube-minion1".to_string()),
        "{hosts:?}"
    );
    let by_host = runtime.block_on(choices::free_ips(conn)).unwrap();
    assert_eq!(by_host.get(host), Some(&vec![free.clone()]), "only the IP no app holds");

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", "default"], 120, 36);
    term.wait_for("the pods view", WAIT, |s| s.contains("pods(default)"));
    term.type_keys(":catalogs\r");
    term.type_keys(&format!("/{catalog}\r"));
    term.wait_for("the catalog alone", WAIT, |s| s.contains(catalog) && s.contains("[1/"));
    term.type_keys("n");
    term.wait_for("the app form", WAIT, |s| {
        s.contains(&format!("new app from catalog {catalog}"))
    });
    term.wait_for("the form's choices loaded", WAIT, |s| !s.contains("loading…"));
    term.type_keys(&"\t".repeat(7));
    term.type_keys(host);
    term.type_keys(CTRL_SPACE);
    term.wait_for("the hosts listed, the test's host among them", WAIT, |s| {
        s.contains("┌ host ") && s.contains(&format!("> {host}"))
    });
    term.type_keys("\r\t");
    term.wait_for("the chosen host's free IP offered", WAIT, |s| {
        s.contains(&format!("[{free}]")) && !s.contains(&held)
    });
    term.type_keys(CTRL_SPACE);
    term.wait_for("the free IP listed", WAIT, |s| {
        s.contains("┌ service IPs ") && s.contains(&format!("> [ ] {free}")) && !s.contains(&held)
    });
    term.type_keys(" ");
    term.wait_for("the free IP picked", WAIT, |s| s.contains(&format!("> [x] {free}")));
    term.press_esc();
    term.wait_for("the list closed, the IP kept", WAIT, |s| {
        !s.contains("┌ service IPs ") && s.lines().any(|l| l.contains("> service IPs") && l.contains(&free))
    });
    term.press_esc();
    term.press_esc();
    term.wait_for("the form discarded", WAIT, |s| !s.contains("new app from catalog"));
}
