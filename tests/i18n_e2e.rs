//! The binary in a pty against the local cluster in Korean: chosen by `LANG`, or by
//! `lang = "ko"` in `config.toml` over an English `LANG`; the dashboard and the pod table
//! are in KUBIC's words at 80x24.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

/// A fresh config directory (`XDG_CONFIG_HOME`) holding `kubic/config.toml` = `config`.
fn config_home(test: &str, config: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/test-config/i18n")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("kubic")).unwrap();
    std::fs::write(dir.join("kubic/config.toml"), config).unwrap();
    dir
}

fn spawn(config_home: &Path, lang: &str) -> KubicTerminal {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let home = config_home.to_str().unwrap();
    let env = [("XDG_CONFIG_HOME", home), ("LANG", lang)];
    KubicTerminal::spawn_with_env(
        &["--kubeconfig", &kubeconfig, "-A", "--start", "dashboard"],
        &env,
        80,
        24,
    )
}

#[test]
fn lang_ko_in_the_environment_shows_the_dashboard_and_pods_in_korean() {
    let home = config_home("env", "");
    let mut term = spawn(&home, "ko_KR.UTF-8");
    term.wait_for("the Korean dashboard", WAIT, |s| {
        s.contains("대시보드") && s.contains("호스트: ") && s.contains(" 준비") && s.contains("매스터 URL")
    });
    term.wait_for("the Korean top bar and key hints", WAIT, |s| {
        s.contains("컨텍스트: ") && s.contains("프로젝트: 전체") && s.contains("<?> 도움말")
    });
    term.type_keys(":pods\r");
    term.wait_for("the pod table with Korean titles", WAIT, |s| {
        s.contains("pods(all)") && s.contains("kubic-node-agent") && s.contains("이름") && s.contains("경과")
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic must exit with success on q");
}

#[test]
fn lang_in_config_toml_wins_over_the_environment() {
    let home = config_home("config", "lang = \"ko\"\n");
    let mut term = spawn(&home, "en_US.UTF-8");
    term.wait_for("the Korean dashboard", WAIT, |s| {
        s.contains("대시보드") && s.contains("<:> 명령")
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic must exit with success on q");

    let home = config_home("config-en", "lang = \"en\"\n");
    let mut term = spawn(&home, "ko_KR.UTF-8");
    term.wait_for("the English dashboard", WAIT, |s| {
        s.contains("dashboard") && s.contains("Hosts: ") && s.contains(" ready") && !s.contains("대시보드")
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic must exit with success on q");
}
