//! The kubic binary as an operator runs it: versions, and one-line errors instead of backtraces.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::process::Command;

fn kubic(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_kubic"))
        .args(args)
        .env_remove("KUBECONFIG")
        .env("HOME", support::root().join("target/no-home"))
        .output()
        .expect("run kubic");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_one_line_error(stderr: &str, expected: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "the error must be one line, got: {stderr:?}");
    assert!(lines[0].starts_with("kubic: error: "), "{stderr:?}");
    assert!(lines[0].contains(expected), "expected {expected:?} in {stderr:?}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr:?}"
    );
}

#[test]
fn version_prints_the_client_and_the_server_versions() {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let (ok, stdout, stderr) = kubic(&["version", "--kubeconfig", &kubeconfig]);
    assert!(ok, "kubic version failed: {stderr}");
    assert!(
        stdout.contains(&format!("Client Version: kubic {}", env!("CARGO_PKG_VERSION"))),
        "{stdout}"
    );
    assert!(stdout.contains("Server Version: v1.36."), "{stdout}");
}

#[test]
fn version_client_needs_no_cluster() {
    let (ok, stdout, _) = kubic(&["version", "--client", "--kubeconfig", "/nonexistent"]);
    assert!(ok);
    assert!(stdout.starts_with("Client Version: kubic "));
    assert!(!stdout.contains("Server Version"));
}

#[test]
fn a_missing_kubeconfig_is_one_clear_line() {
    let (ok, _, stderr) = kubic(&["version", "--kubeconfig", "/nonexistent/kubeconfig"]);
    assert!(!ok);
    assert_one_line_error(&stderr, "cannot read the kubeconfig /nonexistent/kubeconfig");
}

#[test]
fn no_kubeconfig_anywhere_is_one_clear_line() {
    let (ok, _, stderr) = kubic(&["version"]);
    assert!(!ok);
    assert_one_line_error(&stderr, "no kubeconfig found");
}

#[test]
fn a_malformed_kubeconfig_is_one_clear_line() {
    let dir = support::root().join("target/test-kubeconfigs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("malformed.yaml");
    std::fs::write(&path, "clusters: [unclosed\n  - : :\n").unwrap();
    let (ok, _, stderr) = kubic(&["version", "--kubeconfig", path.to_str().unwrap()]);
    assert!(!ok);
    assert_one_line_error(&stderr, "not valid YAML");
}

#[test]
fn an_unknown_context_names_the_known_ones() {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let (ok, _, stderr) = kubic(&["version", "--kubeconfig", &kubeconfig, "--context", "nope"]);
    assert!(!ok);
    assert_one_line_error(&stderr, "no context \"nope\" in the kubeconfig (known: kwok-kubic)");
}

#[test]
fn a_group_to_impersonate_needs_a_user_to_impersonate() {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let (ok, _, stderr) = kubic(&["--as-group", "ops", "version", "--kubeconfig", &kubeconfig]);
    assert!(!ok);
    assert_one_line_error(&stderr, "--as-group needs --as");
    let (ok, stdout, stderr) = kubic(&["--as", "nobody-in-particular", "version", "--kubeconfig", &kubeconfig]);
    assert!(
        ok,
        "the server version is public, also to an impersonated user: {stderr}"
    );
    assert!(stdout.contains("Server Version: v1.36."), "{stdout}");
}

#[test]
fn an_unreachable_cluster_is_one_clear_line() {
    let dir = support::root().join("target/test-kubeconfigs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("unreachable.yaml");
    std::fs::write(
        &path,
        "apiVersion: v1\nkind: Config\ncurrent-context: gone\n\
         clusters: [{name: gone, cluster: {server: 'https://127.0.0.1:1'}}]\n\
         contexts: [{name: gone, context: {cluster: gone, user: u}}]\n\
         users: [{name: u, user: {token: t}}]\n",
    )
    .unwrap();
    let (ok, stdout, stderr) = kubic(&["version", "--kubeconfig", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(stdout.contains("Client Version"), "{stdout}");
    assert_one_line_error(&stderr, "cannot reach the API server at https://127.0.0.1:1");
}

#[test]
fn install_dry_run_prints_every_object_it_would_apply() {
    let (ok, stdout, stderr) = kubic(&["install", "--dry-run"]);
    assert!(ok, "{stderr}");
    for expected in [
        "name: kubic-system",
        "name: ippools.kubic.io",
        "name: catalogs.kubic.io",
        "name: apps.kubic.io",
        "name: apprevisions.kubic.io",
        "name: kubic-admin",
        "name: kubic-viewer",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in the install plan");
    }
}

#[test]
fn the_bash_completion_completes_subcommands_and_their_flags() {
    let (ok, script, stderr) = kubic(&["completions", "bash"]);
    assert!(ok, "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kubic.bash");
    std::fs::write(&path, script).unwrap();
    let complete = |words: &str, cword: usize| {
        let program = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}; _kubic kubic; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            path.display()
        );
        let output = Command::new("bash").args(["--norc", "-c", &program]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let subcommands = complete("kubic se", 1);
    assert!(subcommands.lines().any(|w| w == "serve"), "{subcommands}");
    let flags = complete("kubic serve --id", 2);
    assert!(flags.lines().any(|w| w == "--idle-timeout"), "{flags}");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let (ok, script, stderr) = kubic(&["completions", shell]);
        assert!(ok && script.contains("serve"), "{shell}: {stderr}");
    }
    let (ok, _, stderr) = kubic(&["completions", "tcsh"]);
    assert!(!ok && stderr.contains("invalid value 'tcsh'"), "{stderr}");
}

#[test]
fn the_man_page_is_roff_naming_every_subcommand() {
    let (ok, page, stderr) = kubic(&["man"]);
    assert!(ok, "{stderr}");
    assert!(page.contains(".TH kubic 1"), "{page}");
    for subcommand in ["version", "install", "serve", "user", "completions", "man"] {
        assert!(page.contains(subcommand), "{subcommand} is missing from the man page");
    }
    assert!(page.contains("kubeconfig"), "the options are described");
}
