//! The command line, shaped like kubectl's so operators can reuse their habits.

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use crate::kube::ConnectOptions;

/// kubic: a keyboard-driven terminal dashboard for running applications on Kubernetes.
#[derive(Debug, Parser)]
#[command(name = "kubic", version, about, long_about = None)]
pub struct Cli {
    /// Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).
    #[arg(long, global = true, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,

    /// The kubeconfig context to use (default: its current context).
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,

    /// The namespace (project) to start in (default: the context's namespace).
    #[arg(short = 'n', long, global = true, value_name = "NAMESPACE")]
    pub namespace: Option<String>,

    /// Act as this user (impersonation, like kubectl's --as): see what they may do.
    #[arg(long = "as", global = true, value_name = "USER")]
    pub as_user: Option<String>,

    /// A group to act as, with --as (repeatable, like kubectl's --as-group).
    #[arg(long = "as-group", global = true, value_name = "GROUP")]
    pub as_groups: Vec<String>,

    /// Start with every namespace (project) in view.
    #[arg(short = 'A', long, global = true, conflicts_with = "namespace")]
    pub all_namespaces: bool,

    /// Disable every action that changes the cluster.
    #[arg(long, global = true)]
    pub readonly: bool,

    /// Lines each log pane keeps; older lines are dropped (memory stays bounded).
    #[arg(long, global = true, env = "KUBIC_LOG_LINES", value_name = "N", default_value_t = crate::app::logs::DEFAULT_CAPACITY, value_parser = clap::value_parser!(usize))]
    pub log_lines: usize,
    /// The screen to start on: `dashboard` (the default), or a view such as `pods` or `hosts`.
    #[arg(long, global = true, value_name = "VIEW")]
    pub start: Option<String>,

    /// Seconds between two metrics samples (dashboard, hosts, monitor).
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub metrics_interval: u64,

    /// Seconds of metrics the charts keep and show.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 600,
          value_parser = clap::value_parser!(u64).range(10..=86400))]
    pub metrics_window: u64,

    /// The image of the KUBIC console's toolbox pod (X or :console).
    #[arg(long, global = true, env = "KUBIC_CONSOLE_IMAGE", value_name = "IMAGE", default_value = crate::model::cluster::TOOLBOX_IMAGE)]
    pub console_image: String,

    /// Where kubic's log goes (default: $XDG_STATE_HOME/kubic/kubic.log, else
    /// ~/.local/state/kubic/kubic.log; at most 10 MiB and one .1 backup); `-`: standard
    /// output (kubic serve). KUBIC_LOG filters it (default: warn,kubic=info).
    #[arg(long, global = true, value_name = "FILE")]
    pub log_file: Option<PathBuf>,

    /// Benchmarks only: quit once the first table is complete and drawn, and print
    /// how long that took and how many rows it has.
    #[arg(long, hide = true)]
    pub exit_when_loaded: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do instead of opening the dashboard.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the kubic (client) and API server versions.
    Version {
        /// Print only the client version; do not contact the cluster.
        #[arg(long)]
        client: bool,
    },
    /// Install (or update) what kubic keeps in the cluster: the kubic.io custom
    /// resource definitions, the kubic-system namespace and the kubic-admin and
    /// kubic-viewer cluster roles. Safe to run again.
    Install {
        /// Print what would be applied, as YAML, without contacting the cluster.
        #[arg(long)]
        dry_run: bool,
    },
    /// Serve kubic over SSH: each user logs in as themselves (password or public key)
    /// and their session acts as them; the API server decides what they may do.
    Serve {
        /// Where to listen.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:2222")]
        listen: std::net::SocketAddr,
        /// Keep the SSH host key in this file (created 0600 when missing) instead of the
        /// cluster's kubic-system/kubic-ssh-host-key Secret.
        #[arg(long, value_name = "FILE")]
        host_key: Option<PathBuf>,
        /// Close a session after this many seconds without input.
        #[arg(long, value_name = "SECONDS", default_value_t = 1800,
              value_parser = clap::value_parser!(u64).range(5..=604_800))]
        idle_timeout: u64,
        /// Live sessions one user may have at once.
        #[arg(long, value_name = "N", default_value_t = 5,
              value_parser = clap::value_parser!(u64).range(1..=1000))]
        sessions_per_user: u64,
        /// Where the audit trail goes, one JSON line per change a session makes (default:
        /// audit.log next to kubic's log; at most 10 MiB and one .1 backup); `-`:
        /// standard output.
        #[arg(long, value_name = "FILE")]
        audit_log: Option<PathBuf>,
    },
    /// Manage the users of `kubic serve`: add, change a password, list, delete.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Print a completion script for a shell, e.g. `kubic completions bash >
    /// /etc/bash_completion.d/kubic`, or `source <(kubic completions zsh)`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print kubic's man page (roff), e.g. `kubic man | man -l -`, or `kubic man >
    /// /usr/local/share/man/man1/kubic.1`.
    Man,
}

/// `kubic user …`. A password is never an argument: it is typed twice at the terminal,
/// or read as one line from standard input.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user, with a password.
    Add {
        /// The user name (lowercase letters, digits and '-').
        name: String,
        /// `admin` (all of kubic) or `user` (apps in their projects).
        #[arg(long)]
        role: crate::model::user::UserRole,
        /// A project the user runs apps in (repeatable).
        #[arg(long = "project", value_name = "PROJECT")]
        projects: Vec<String>,
        /// What the user is for.
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Set a new password for a user.
    Password { name: String },
    /// List the users.
    List,
    /// Delete a user, their password and their project bindings.
    Delete { name: String },
}

/// `kubic completions SHELL`: the completion script on standard output.
pub fn print_completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "kubic", &mut std::io::stdout());
    Ok(())
}

/// `kubic man`: the man page on standard output.
pub fn print_man_page() -> anyhow::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
    Ok(())
}

impl Cli {
    /// The first screen: `--start`, else the pods table for `--exit-when-loaded` (which
    /// waits for a table), else the dashboard.
    pub fn start_view(&self) -> &str {
        match (&self.start, self.exit_when_loaded) {
            (Some(view), _) => view,
            (None, true) => "pods",
            (None, false) => "dashboard",
        }
    }

    /// The subcommand's name for the log (`dashboard` without one); never its arguments.
    pub fn command_name(&self) -> &'static str {
        match &self.command {
            None => "dashboard",
            Some(Command::Version { .. }) => "version",
            Some(Command::Install { .. }) => "install",
            Some(Command::Serve { .. }) => "serve",
            Some(Command::User { .. }) => "user",
            Some(Command::Completions { .. }) => "completions",
            Some(Command::Man) => "man",
        }
    }

    /// The connection settings the flags describe.
    pub fn connect_options(&self) -> ConnectOptions {
        ConnectOptions {
            kubeconfig: self.kubeconfig.clone(),
            context: self.context.clone(),
            namespace: self.namespace.clone(),
            as_user: self.as_user.clone(),
            as_groups: self.as_groups.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kubectl_style_flags_before_and_after_the_command() {
        let cli = Cli::try_parse_from(["kubic", "--context", "prod", "version", "-n", "web"]).unwrap();
        assert_eq!(cli.context.as_deref(), Some("prod"));
        assert_eq!(cli.namespace.as_deref(), Some("web"));
        assert!(matches!(cli.command, Some(Command::Version { client: false })));
    }

    #[test]
    fn starts_on_the_dashboard_unless_a_table_is_asked_for_or_awaited() {
        let start = |args: &[&str]| Cli::try_parse_from(args).unwrap().start_view().to_string();
        assert_eq!(start(&["kubic"]), "dashboard");
        assert_eq!(start(&["kubic", "--start", "hosts"]), "hosts");
        assert_eq!(start(&["kubic", "--exit-when-loaded"]), "pods");
        let cli = Cli::try_parse_from(["kubic", "--metrics-interval", "2", "--metrics-window", "60"]).unwrap();
        assert_eq!((cli.metrics_interval, cli.metrics_window), (2, 60));
        assert!(Cli::try_parse_from(["kubic", "--metrics-interval", "0"]).is_err());
    }

    #[test]
    fn serve_listens_on_localhost_by_default_and_takes_its_limits() {
        let cli = Cli::try_parse_from(["kubic", "serve"]).unwrap();
        let Some(Command::Serve {
            listen,
            host_key,
            idle_timeout,
            sessions_per_user,
            audit_log,
        }) = cli.command
        else {
            panic!("not serve: {:?}", cli.command);
        };
        assert_eq!(listen.to_string(), "127.0.0.1:2222");
        assert_eq!((host_key, idle_timeout, sessions_per_user), (None, 1800, 5));
        assert_eq!(audit_log, None, "the audit trail goes next to the log unless named");
        assert!(Cli::try_parse_from(["kubic", "serve", "--sessions-per-user", "0"]).is_err());
        assert!(Cli::try_parse_from(["kubic", "serve", "--listen", "localhost"]).is_err());
    }

    #[test]
    fn refuses_a_namespace_together_with_all_namespaces() {
        assert!(Cli::try_parse_from(["kubic", "-n", "web", "-A"]).is_err());
    }

    #[test]
    fn impersonation_flags_become_connect_options_anywhere_on_the_line() {
        let cli = Cli::try_parse_from([
            "kubic",
            "--as",
            "alice",
            "version",
            "--as-group",
            "ops",
            "--as-group",
            "dev",
        ])
        .unwrap();
        let options = cli.connect_options();
        assert_eq!(options.as_user.as_deref(), Some("alice"));
        assert_eq!(options.as_groups, ["ops", "dev"]);
        let plain = Cli::try_parse_from(["kubic"]).unwrap().connect_options();
        assert_eq!((plain.as_user, plain.as_groups.len()), (None, 0));
    }

    #[test]
    fn impersonation_flags_need_their_names() {
        assert!(Cli::try_parse_from(["kubic", "--as"]).is_err());
        assert!(Cli::try_parse_from(["kubic", "--as", "alice", "--as-group"]).is_err());
    }

    #[test]
    fn user_commands_take_a_role_and_projects_but_no_password() {
        let cli = Cli::try_parse_from([
            "kubic",
            "user",
            "add",
            "alice",
            "--role",
            "user",
            "--project",
            "a",
            "--project",
            "b",
        ])
        .unwrap();
        let Some(Command::User {
            action: UserCommand::Add {
                name, role, projects, ..
            },
        }) = cli.command
        else {
            panic!("not user add: {:?}", cli.command);
        };
        assert_eq!(
            (name.as_str(), role.to_string(), projects),
            ("alice", "user".into(), vec!["a".into(), "b".into()])
        );
        assert!(Cli::try_parse_from(["kubic", "user", "add", "alice", "--role", "root"]).is_err());
        assert!(Cli::try_parse_from(["kubic", "user", "add", "alice", "--role", "user", "--password", "x"]).is_err());
    }

    #[test]
    fn the_log_file_is_a_global_flag() {
        let cli = Cli::try_parse_from(["kubic", "serve", "--log-file", "-"]).unwrap();
        assert_eq!(cli.log_file, Some(PathBuf::from("-")));
        assert_eq!(cli.command_name(), "serve");
        let cli = Cli::try_parse_from(["kubic", "--log-file", "/tmp/k.log"]).unwrap();
        assert_eq!(cli.command_name(), "dashboard");
        assert_eq!(cli.log_file, Some(PathBuf::from("/tmp/k.log")));
    }

    #[test]
    fn kubeconfig_flag_becomes_a_connect_option() {
        let cli = Cli::try_parse_from(["kubic", "--kubeconfig", "/tmp/k"]).unwrap();
        assert_eq!(cli.connect_options().kubeconfig, Some(PathBuf::from("/tmp/k")));
        assert!(cli.command.is_none());
    }
}
