//! What the state machine's and the panes' unit tests share: an app started on a view
//! with the shipped keymap, keys pressed and text typed into it, rows fed to its table,
//! and the row literals those tables are filled with.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use k8s_openapi::jiff::Timestamp;

use crate::app::input::prompt::Prompt;
use crate::app::{Action, App, Effect, Header, Mode};
use crate::config::Keymap;
use crate::model::cluster::RowEvent;
use crate::model::login::Login;
use crate::model::rows::{AppFacts, Drill, Health, IpPoolFacts, RegistryFacts, Row, RowFacts, RowKey, UserFacts};

/// How a test app starts: which header, project, clock and first view.
pub struct Start<'a> {
    pub header: Header,
    pub namespace: Option<&'a str>,
    /// Seconds since the epoch.
    pub now: i64,
    pub view: &'a str,
}

impl Default for Start<'_> {
    fn default() -> Self {
        Start {
            header: Header::default(),
            namespace: None,
            now: 0,
            view: "pods",
        }
    }
}

impl Start<'_> {
    /// The app and the effects its start asked for.
    pub fn open(self) -> (App, Vec<Effect>) {
        let keymap = Keymap::shipped("default").expect("the default keymap");
        let now = Timestamp::from_second(self.now).expect("a valid test time");
        let mut app = App::new(self.header, keymap, self.namespace.map(String::from), now);
        let effects = app.start(self.view);
        (app, effects)
    }

    pub fn app(self) -> App {
        self.open().0
    }
}

/// An app on `view` with the default header, every project, at the epoch.
pub fn app_on(view: &str) -> App {
    Start {
        view,
        ..Start::default()
    }
    .app()
}

/// A key press without modifiers.
pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// `ctrl-<c>`.
pub fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

/// Types `text` key by key; the effects of every key, in order.
pub fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| press(app, KeyCode::Char(c))).collect()
}

/// Runs `:line` on the command line.
pub fn command(app: &mut App, line: &str) -> Vec<Effect> {
    press(app, KeyCode::Char(':'));
    type_text(app, line);
    press(app, KeyCode::Enter)
}

/// Replaces the top table's rows, as a complete list from its watch would.
pub fn feed(app: &mut App, rows: Vec<Row>) -> Vec<Effect> {
    let view = app.view().expect("a table on screen").id;
    let effects = app.update(Action::Rows {
        view,
        event: RowEvent::rows(rows),
    });
    app.prepare_frame();
    effects
}

/// The one-line input that has the keyboard; a test fails when none has.
pub fn prompt_of(app: &App) -> &Prompt {
    match &app.mode {
        Mode::Prompt(prompt) => prompt,
        other => panic!("no input has the keyboard: {other:?}"),
    }
}

/// `:kind` opened, then filled with `rows`.
pub fn open(app: &mut App, kind: &str, rows: Vec<Row>) {
    command(app, kind);
    feed(app, rows);
}

/// A row with these cells: neutral health, no labels, no age, no drill-down, no facts.
pub fn row(namespace: &str, name: &str, cells: &[&str]) -> Row {
    Row {
        key: RowKey {
            namespace: namespace.into(),
            name: name.into(),
        },
        cells: cells.iter().map(|c| c.to_string()).collect(),
        created: None,
        labels: String::new(),
        health: Health::Neutral,
        drill: None,
        facts: RowFacts::None,
    }
}

/// A running pod of project `demo` labelled `app=<name>`, created at the epoch.
pub fn pod_row(name: &str, drill: Option<Drill>) -> Row {
    Row {
        created: Some(0),
        labels: format!("app={name}"),
        health: Health::Ok,
        drill,
        ..row("demo", name, &["1/1", "Running", "0", "", "", "", "", "", "", "-", "-"])
    }
}

/// A ready host with 4 CPUs and 8Gi, no use known yet.
pub fn host_row(name: &str) -> Row {
    let cells = ["Ready", "-", "-", "-", "-/4", "-/8Gi", "<none>", "worker", "kwok", "-"];
    Row {
        created: Some(0),
        health: Health::Ok,
        ..row("", name, &cells)
    }
}

/// What an app row's keys read: its catalog, tag, replicas, service IPs and revision.
pub fn app_facts(catalog: &str, tag: &str, replicas: i64, service_ips: &[&str], revision: u32) -> RowFacts {
    RowFacts::App(Box::new(AppFacts {
        catalog: catalog.into(),
        tag: tag.into(),
        replicas: Some(replicas),
        service_ips: service_ips.iter().map(|ip| ip.to_string()).collect(),
        revision,
    }))
}

/// What an IP pool row's keys read: its host.
pub fn pool_facts(host: &str) -> RowFacts {
    RowFacts::IpPool(Box::new(IpPoolFacts { host: host.into() }))
}

/// What a registry row's edit form starts from.
pub fn registry_facts(url: &str, insecure: bool, description: &str) -> RowFacts {
    RowFacts::Registry(Box::new(RegistryFacts {
        url: url.into(),
        insecure,
        description: description.into(),
    }))
}

/// A user row as the users table projects it: role, projects, description, and the
/// last login (seconds since the epoch) with where from.
pub fn user_row(name: &str, role: &str, projects: &[&str], description: &str, last_login: Option<(i64, &str)>) -> Row {
    let listed = if projects.is_empty() {
        "<none>".to_string()
    } else {
        projects.join(",")
    };
    let shown = if description.is_empty() { "-" } else { description };
    let facts = UserFacts {
        role: role.into(),
        projects: projects.iter().map(|p| p.to_string()).collect(),
        description: description.into(),
        ssh_keys: usize::from(role == "admin"),
        last_login: last_login.map(|(at, _)| at),
        last_login_from: last_login.map(|(_, from)| from.to_string()),
    };
    Row {
        health: if role == "admin" { Health::Ok } else { Health::Neutral },
        facts: RowFacts::User(Box::new(facts)),
        ..row("", name, &[role, &listed, shown, "-", "-"])
    }
}

/// A login to a served session: `user`, an admin or not, of `projects`.
pub fn login(user: &str, admin: bool, projects: &[&str]) -> Login {
    Login {
        user: user.into(),
        admin,
        projects: projects.iter().map(|p| p.to_string()).collect(),
    }
}
