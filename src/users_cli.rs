//! `kubic user add|password|list|delete`: the users of `kubic serve` from the command
//! line. A password is never in argv or the environment: it is typed twice at the
//! terminal, or read as one line from standard input (scripts and tests pipe it).

use std::io::{BufRead as _, IsTerminal as _};

use anyhow::{Context as _, anyhow};
use zeroize::Zeroizing;

use crate::cli::{Cli, UserCommand};
use crate::config::i18n::{Lang, t};
use crate::kube::{self, Connection, users};
use crate::model::crd::User;
use crate::model::password::hash_password;
use crate::model::refusal::Refusal;
use crate::model::user::{NewUser, check_new_password, validate_user_name};
use crate::model::wrap::pad;
use crate::{cli_lang, print_lines};
use unicode_width::UnicodeWidthStr as _;

/// Runs one `kubic user` command.
pub async fn run(cli: &Cli, command: &UserCommand) -> anyhow::Result<()> {
    let what = match command {
        UserCommand::Add { .. } => "kubic user add",
        UserCommand::Password { .. } => "kubic user password",
        UserCommand::List => "kubic user list",
        UserCommand::Delete { .. } => "kubic user delete",
    };
    run_command(cli, command, cli_lang()).await.context(what)
}

async fn run_command(cli: &Cli, command: &UserCommand, lang: Lang) -> anyhow::Result<()> {
    if let UserCommand::Add { name, .. } | UserCommand::Password { name } | UserCommand::Delete { name } = command {
        validate_user_name(name).map_err(|e| anyhow!(lang.invalid(&e)))?;
    }
    let connection = kube::connect(&cli.connect_options()).await?;
    if !users::users_installed(&connection).await? {
        return Err(anyhow!(lang.refusal(&Refusal::NotInstalled)));
    }
    match command {
        UserCommand::Add {
            name,
            role,
            projects,
            description,
        } => {
            if users::get_user(&connection, name).await?.is_some() {
                return Err(anyhow!(lang.refusal(&Refusal::UserExists { name: name.clone() })));
            }
            let new = NewUser {
                name: name.clone(),
                role: *role,
                projects: projects.clone(),
                description: description.clone(),
                password_hash: new_password_hash(name, lang).await?,
            };
            let user = users::create_user(&connection, &new).await?;
            let summary = summary(&user, lang);
            print_lines([t!(lang, "cli.user_created", name = name, summary = summary)])
        }
        UserCommand::Password { name } => change_password(&connection, name, lang).await,
        UserCommand::List => print_lines(table(&users::list_users(&connection).await?, lang)),
        UserCommand::Delete { name } => {
            if users::get_user(&connection, name).await?.is_none() {
                return Err(anyhow!(lang.refusal(&Refusal::NoUser { name: name.clone() })));
            }
            users::delete_user(&connection, name).await?;
            print_lines([t!(lang, "cli.user_deleted", name = name)])
        }
    }
}

async fn change_password(connection: &Connection, name: &str, lang: Lang) -> anyhow::Result<()> {
    if users::get_user(connection, name).await?.is_none() {
        return Err(anyhow!(lang.refusal(&Refusal::NoUser { name: name.into() })));
    }
    let hash = new_password_hash(name, lang).await?;
    users::set_password_hash(connection, name, &hash).await?;
    print_lines([t!(lang, "cli.password_changed", name = name)])
}

/// Reads a new password for `user` (twice at a terminal), checks it and hashes it.
async fn new_password_hash(user: &str, lang: Lang) -> anyhow::Result<String> {
    let (new, again) = if std::io::stdin().is_terminal() {
        let new = Zeroizing::new(rpassword::prompt_password(t!(lang, "cli.new_password", user = user))?);
        let again = Zeroizing::new(rpassword::prompt_password(t!(lang, "cli.again"))?);
        (new, again)
    } else {
        let line = read_line(lang)?;
        (line.clone(), line)
    };
    check_new_password(user, &new, &again).map_err(|e| anyhow!(lang.invalid(&e)))?;
    tokio::task::spawn_blocking(move || hash_password(&new))
        .await?
        .map_err(|e| anyhow!(e))
}

/// One line of standard input, without its line ending.
fn read_line(lang: Lang) -> anyhow::Result<Zeroizing<String>> {
    let mut line = Zeroizing::new(String::new());
    let read = std::io::stdin().lock().read_line(&mut line)?;
    if read == 0 {
        return Err(anyhow!(t!(lang, "cli.no_password")));
    }
    let kept = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(kept);
    Ok(line)
}

/// `role user, projects a, b` for the confirmation line.
fn summary(user: &User, lang: Lang) -> String {
    let role = user.spec.role;
    match user.spec.projects.as_slice() {
        [] => t!(lang, "cli.role_no_project", role = role),
        projects => t!(lang, "cli.role_projects", role = role, projects = projects.join(", ")),
    }
}

/// The users as aligned columns: name, role, projects, last login, description.
fn table(users: &[User], lang: Lang) -> Vec<String> {
    let mut rows =
        vec![["NAME", "ROLE", "PROJECTS", "LAST LOGIN", "DESCRIPTION"].map(|title| lang.column(title).to_string())];
    for user in users {
        let status = user.status.clone().unwrap_or_default();
        rows.push([
            user.metadata.name.clone().unwrap_or_default(),
            user.spec.role.to_string(),
            or_dash(user.spec.projects.join(",")),
            or_dash(status.last_login.unwrap_or_default()),
            user.spec.description.clone(),
        ]);
    }
    // Terminal cells, not characters: a Hangul title takes two cells a syllable.
    let widths: Vec<usize> = (0..5)
        .map(|i| rows.iter().map(|r| r[i].width()).max().unwrap_or(0))
        .collect();
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
            cells.join("   ").trim_end().to_string()
        })
        .collect()
}

fn or_dash(text: String) -> String {
    if text.is_empty() { "-".into() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::crd::UserSpec;
    use crate::model::user::UserRole;

    #[test]
    fn the_list_is_aligned_with_dashes_for_what_is_missing() {
        let mut alice = User::new(
            "alice",
            UserSpec {
                role: UserRole::User,
                projects: vec!["a".into(), "b".into()],
                description: "tester".into(),
                ..UserSpec::default()
            },
        );
        alice.status = None;
        let root = User::new(
            "root-admin",
            UserSpec {
                role: UserRole::Admin,
                ..UserSpec::default()
            },
        );
        let lines = table(&[alice.clone(), root.clone()], Lang::En);
        assert_eq!(lines[0], "NAME         ROLE    PROJECTS   LAST LOGIN   DESCRIPTION");
        assert_eq!(lines[1], "alice        user    a,b        -            tester");
        assert_eq!(lines[2], "root-admin   admin   -          -");
        assert_eq!(summary(&alice, Lang::En), "role user, projects a, b");
        let korean = table(&[alice.clone(), root], Lang::Ko);
        let at = |line: &str, word: &str| line[..line.find(word).unwrap()].width();
        assert_eq!(
            at(&korean[0], "역할"),
            at(&korean[1], "user"),
            "columns line up in cells: {korean:?}"
        );
        assert_eq!(summary(&alice, Lang::Ko), "역할 user, 프로젝트 a, b");
    }
}
