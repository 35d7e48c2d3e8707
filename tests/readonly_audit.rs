//! Read-only mode and refusals proven where it counts, in the API server's audit log
//! (devcluster/audit-policy.yaml logs every write): the real binary in a pty, `--readonly`
//! and `--as` an identity of its own bound to cluster-admin, presses every key that
//! changes something on every screen it applies to — confirming whatever would ask — and
//! the log shows no write by that identity; each key's footer says read-only mode. `--as`
//! a user bound to the built-in `view` role, each refused key is answered `not allowed for
//! <user>` without a request. Access reviews (`authorization.k8s.io`) are kubic asking
//! what it may do: they are not counted as writes.
//!
//! The keys come from the keymap's data: every command is listed below as either one
//! that changes something (pressed here) or one that only reads, and a command that is
//! in neither list fails `every_command_is_pressed_here_or_reads_only`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use kubic::app::table::applicable::applies;
use kubic::app::table::permits::needs;
use kubic::config::command::Command;
use kubic::model::resource::Registry;
use support::access::{bind_cluster_wide, connect_as, installed, unbind_cluster_wide, wait_bound};
use support::audit::{WRITE_VERBS, assert_no_writes, sentinel};
use support::every_kind::{self, Objects, REPOSITORY, TAG};
use support::keys::{ANSWER, WAIT, kind, open, press, table_key};
use support::pty::KubicTerminal;

/// Commands that change something: each is pressed on every screen it applies to.
const MUTATING: &[Command] = &[
    Command::Edit,
    Command::EditExternal,
    Command::Delete,
    Command::Create,
    Command::NewCatalog,
    Command::Run,
    Command::Halt,
    Command::Scale,
    Command::RollingUpdate,
    Command::Rollback,
    Command::Rebalance,
    Command::Shell,
    Command::Console,
    Command::Files,
    Command::DeployFiles,
    Command::Batch,
    Command::Cordon,
    Command::Uncordon,
    Command::Drain,
    Command::Taint,
    Command::SetPassword,
    Command::PortForward,
];

/// Commands that only read (or act on kubic itself: `save` writes the log pane to a
/// local file, not to the cluster).
const READ_ONLY: &[Command] = &[
    Command::Quit,
    Command::Help,
    Command::CommandLine,
    Command::Back,
    Command::Up,
    Command::Down,
    Command::PageUp,
    Command::PageDown,
    Command::Top,
    Command::Bottom,
    Command::Filter,
    Command::Enter,
    Command::Describe,
    Command::Yaml,
    Command::SortNext,
    Command::SortReverse,
    Command::RevealSecrets,
    Command::Xray,
    // Choosing in a form: the form's submit is what writes.
    Command::PickNext,
    Command::PickPrevious,
    Command::PickList,
    Command::Manifest,
    Command::Logs,
    Command::Monitor,
    Command::Detach,
    Command::Follow,
    Command::Timestamps,
    Command::Wrap,
    Command::Search,
    Command::SearchNext,
    Command::SearchPrevious,
    Command::SaveLog,
    Command::Container,
    Command::Tail,
    Command::Since,
    Command::Previous,
    // Copying writes to the operator's terminal (OSC 52), never to the cluster.
    Command::Copy,
];

/// The screens keys are pressed on, by their `:` names.
const SCREENS: [&str; 14] = [
    "pods",
    "deployments",
    "services",
    "configmaps",
    "secrets",
    "hosts",
    "projects",
    "ippools",
    "catalogs",
    "apps",
    "registries",
    "recipes",
    "images",
    "users",
];

/// Each of [`SCREENS`] with the row its filter keeps.
fn screens(objects: &Objects) -> Vec<(&'static str, String)> {
    let rows = vec![
        ("pods", "web-".into()),
        ("deployments", "web".into()),
        ("services", "web".into()),
        ("configmaps", "web-config".into()),
        ("secrets", "web-secret".into()),
        ("hosts", every_kind::HOST.into()),
        ("projects", objects.project.clone()),
        ("ippools", every_kind::HOST.into()),
        ("catalogs", objects.catalog.clone()),
        ("apps", "dns".into()),
        ("registries", objects.registry.clone()),
        ("recipes", objects.recipe.clone()),
        ("images", objects.build.clone()),
        ("users", objects.user.clone()),
    ];
    assert!(
        rows.iter().map(|(name, _)| *name).eq(SCREENS),
        "every screen has its row"
    );
    rows
}

#[test]
fn every_command_is_pressed_here_or_reads_only() {
    for command in Command::ALL {
        let listed = [MUTATING.contains(command), READ_ONLY.contains(command)];
        assert_eq!(
            listed.iter().filter(|&&l| l).count(),
            1,
            "{command:?} must be in exactly one of MUTATING (pressed by this test) and READ_ONLY"
        );
    }
    // The permission data agrees: whatever sends a write on some kind is pressed here.
    let registry = Registry::builtin();
    for name in SCREENS {
        let kind = registry.resolve(name).unwrap();
        for &command in Command::ALL {
            let writes = needs(command, kind)
                .iter()
                .any(|need| WRITE_VERBS.contains(&need.check(kind).verb.as_str()));
            assert!(
                !writes || MUTATING.contains(&command),
                "{command:?} sends a write on {name} but is not pressed by this test"
            );
        }
    }
}

fn readonly_message(command: Command) -> String {
    let what = kubic::config::i18n::Lang::En.command(command).to_lowercase();
    format!("read-only mode: {what} is disabled")
}

/// Drives the read-only session; returns the keys that did not say read-only mode.
fn drive_readonly(probe: &str, objects: &Objects, config: &str) -> Vec<String> {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let args = [
        "--kubeconfig",
        &kubeconfig,
        "--as",
        probe,
        "--readonly",
        "-n",
        &objects.project,
        "--start",
        "dashboard",
    ];
    let mut term = KubicTerminal::spawn_with_env(&args, &[("XDG_CONFIG_HOME", config)], 160, 40);
    term.wait_for("the dashboard, read-only", WAIT, |s| {
        s.contains("[readonly]") && s.contains("Hosts:")
    });
    let (mut silent, mut pressed) = (Vec::new(), Vec::new());
    let mut check = |term: &mut KubicTerminal, what: String, keys: &str, command: Command, clear: bool| {
        if !press(term, keys, &readonly_message(command), clear) {
            silent.push(format!("{what}: {}", term.contents()));
        }
        pressed.push(what);
    };
    check(&mut term, "e on the dashboard".into(), "e", Command::Edit, false);
    for (name, row) in screens(objects) {
        open(&mut term, name, &row, &objects.project);
        let kind = kind(name);
        for &command in MUTATING.iter().filter(|&&c| applies(c, &kind)) {
            let what = format!("{command:?} on :{name}");
            check(&mut term, what, &table_key(command), command, true);
        }
    }
    open(&mut term, "configmaps", "web-config", &objects.project);
    term.type_keys("y");
    term.wait_for("the YAML", WAIT, |s| s.contains("yaml configmap"));
    check(&mut term, "e in the YAML view".into(), "e", Command::Edit, false);
    check(&mut term, ":console".into(), ":console\r", Command::Console, true);

    open(&mut term, "registries", &objects.registry, &objects.project);
    term.type_keys("\r");
    term.wait_for("the repositories", WAIT, |s| {
        s.contains("repositories") && s.contains(REPOSITORY)
    });
    term.type_keys("\r");
    term.wait_for("the tags", WAIT, |s| {
        s.contains(&format!("{REPOSITORY} tags")) && s.contains(TAG)
    });
    term.wait_for("no message", ANSWER, |_| !term.footer().contains("read-only"));
    check(
        &mut term,
        "ctrl-d on a tag".into(),
        &table_key(Command::Delete),
        Command::Delete,
        false,
    );
    term.press_esc();
    term.press_esc();
    term.type_keys(":q\r");
    assert!(term.wait_exit(WAIT), "kubic did not quit");
    eprintln!("pressed in read-only mode ({}): {}", pressed.len(), pressed.join(", "));
    silent
}

#[tokio::test(flavor = "multi_thread")]
async fn readonly_sends_no_write_whatever_is_pressed() {
    support::audit::log_path();
    let admin = installed().await;
    let objects = every_kind::make(&admin).await;
    let probe = support::unique("kubic-readonly-probe");
    let binding = bind_cluster_wide(&admin, &probe, "cluster-admin").await;
    wait_bound(&connect_as(&probe).await, "", "pods", "").await;
    let config = tempfile::tempdir().unwrap();
    let (who, config_dir) = (probe.clone(), config.path().display().to_string());
    let project = objects.project.clone();
    let shared = std::sync::Arc::new(objects);
    let seen = std::sync::Arc::clone(&shared);
    let result = tokio::task::spawn_blocking(move || drive_readonly(&who, &seen, &config_dir)).await;
    let objects = std::sync::Arc::into_inner(shared).unwrap();
    let checked = match result {
        Ok(silent) => {
            let sentinel = sentinel(&probe, &project).await;
            let registry_log = objects.served.requests();
            Ok((silent, sentinel, registry_log))
        }
        Err(error) => Err(error),
    };
    every_kind::remove(&admin, &objects).await;
    unbind_cluster_wide(&admin, &binding).await;
    let (silent, sentinel, registry_log) = match checked {
        Ok(checked) => checked,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    };
    assert_no_writes(&probe, &sentinel);
    assert!(
        !registry_log.contains("DELETE "),
        "a delete reached the registry:\n{registry_log}"
    );
    assert!(
        silent.is_empty(),
        "keys that did not say read-only mode:\n{}",
        silent.join("\n\n")
    );
}

/// The screens and keys a view-only user tries, and the row each screen is filtered to.
const VIEW_ONLY: &[(&str, &str, &[Command])] = &[
    (
        "pods",
        "web-",
        &[
            Command::Delete,
            Command::Edit,
            Command::Shell,
            Command::Console,
            Command::PortForward,
        ],
    ),
    ("deployments", "web", &[Command::Delete, Command::Edit]),
    (
        "apps",
        "",
        &[
            Command::Run,
            Command::Halt,
            Command::Scale,
            Command::RollingUpdate,
            Command::Rollback,
            Command::Rebalance,
            Command::Delete,
            Command::Edit,
        ],
    ),
    ("projects", "", &[Command::Create, Command::Delete, Command::Edit]),
];

/// Drives the session of a user bound to `view`: each key is answered in the footer.
fn drive_view_only(user: &str, project: &str, config: &str) -> Vec<String> {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let args = [
        "--kubeconfig",
        &kubeconfig,
        "--as",
        user,
        "-n",
        project,
        "--start",
        "pods",
    ];
    let mut term = KubicTerminal::spawn_with_env(&args, &[("XDG_CONFIG_HOME", config)], 160, 40);
    term.wait_for("the pods of the project", WAIT, |s| {
        s.contains(&format!("pods({project})")) && s.contains("Running")
    });
    let refusal = format!("not allowed for {user}");
    let mut unexplained = Vec::new();
    for &(name, row, commands) in VIEW_ONLY {
        let row = if row.is_empty() && name == "projects" {
            project
        } else {
            row
        };
        if row.is_empty() {
            let crumb = format!("{}({project})", kind(name).plural);
            term.type_keys(&format!(":{name}\r"));
            term.wait_for(&format!(":{name} refused"), WAIT, |s| {
                s.contains(&crumb) && s.contains(&refusal)
            });
        } else {
            open(&mut term, name, row, project);
        }
        // kubic leaves out the keys its access review says are refused: once they are
        // gone from the footer, the answer is known and no key needs a request.
        term.wait_for(&format!("the refused keys hidden on :{name}"), WAIT, |_| {
            let footer = term.footer();
            footer.contains("<d> describe") && !footer.contains("<e> edit") && !footer.contains("<ctrl-d>")
        });
        for &command in commands {
            if !press(&mut term, &table_key(command), &refusal, true) {
                unexplained.push(format!("{command:?} on :{name}: {}", term.contents()));
            }
        }
    }
    term.type_keys(":q\r");
    assert!(term.wait_exit(WAIT), "kubic did not quit");
    unexplained
}

#[tokio::test(flavor = "multi_thread")]
async fn a_view_only_user_is_told_each_refusal_and_sends_nothing() {
    use kubic::kube::kubic::{apps, catalogs, projects};

    support::audit::log_path();
    let admin = installed().await;
    let user = support::unique("kubic-view-probe");
    let binding = bind_cluster_wide(&admin, &user, "view").await;
    wait_bound(&connect_as(&user).await, "", "pods", "").await;
    let project = support::unique("kubic-view-only");
    projects::create_project(&admin, &project).await.unwrap();
    support::fixtures::create_deployment(&admin, &project, "web", 1).await;
    let catalog = support::unique("bind");
    catalogs::save_catalog(&admin, &catalog, support::fixtures::bind_spec())
        .await
        .unwrap();
    apps::create_app(&admin, support::fixtures::small_dns_app(&project, &catalog))
        .await
        .unwrap();
    let config = tempfile::tempdir().unwrap();
    let (who, ns, config_dir) = (user.clone(), project.clone(), config.path().display().to_string());
    let result = tokio::task::spawn_blocking(move || drive_view_only(&who, &ns, &config_dir)).await;
    let checked = match result {
        Ok(unexplained) => Ok((unexplained, sentinel(&user, &project).await)),
        Err(error) => Err(error),
    };
    catalogs::delete_catalog(&admin, &catalog, true).await.unwrap();
    kubic::kube::namespaces::delete_namespace(&admin, &project)
        .await
        .unwrap();
    unbind_cluster_wide(&admin, &binding).await;
    let (unexplained, sentinel) = match checked {
        Ok(checked) => checked,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    };
    assert_no_writes(&user, &sentinel);
    assert!(
        unexplained.is_empty(),
        "refused keys not explained as not allowed for {user}:\n{}",
        unexplained.join("\n\n")
    );
}
