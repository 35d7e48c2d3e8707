//! Every operator command a key can be bound to, with the name keymap files use (what
//! `?` says it does is in the message catalogs, `locales/`). Keymaps are data: this is
//! their vocabulary.

/// Where a binding applies: the screen that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Everywhere, unless the focused screen binds the key itself.
    Global,
    /// A resource table.
    Table,
    /// A read-only text view: describe, YAML.
    Viewer,
    /// The live log pane.
    Logs,
    /// An exec console: every key goes to the remote terminal except these.
    Console,
    /// A form: every other key types into the focused field.
    Form,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Global,
        Section::Table,
        Section::Viewer,
        Section::Logs,
        Section::Console,
        Section::Form,
    ];

    /// The table name of this section in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::Table => "table",
            Section::Viewer => "viewer",
            Section::Logs => "logs",
            Section::Console => "console",
            Section::Form => "form",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }
}

macro_rules! commands {
    ($($variant:ident => $name:literal;)*) => {
        /// An operator command, independent of the key that triggers it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Command {
            $($variant,)*
        }

        impl Command {
            pub const ALL: &'static [Command] = &[$(Command::$variant,)*];

            /// The name keymap files use.
            pub fn name(self) -> &'static str {
                match self {
                    $(Command::$variant => $name,)*
                }
            }

            pub fn from_name(name: &str) -> Option<Command> {
                Command::ALL.iter().copied().find(|c| c.name() == name)
            }
        }
    };
}

commands! {
    Quit => "quit";
    Help => "help";
    CommandLine => "command";
    Back => "back";
    Up => "up";
    Down => "down";
    PageUp => "page_up";
    PageDown => "page_down";
    Top => "top";
    Bottom => "bottom";
    Filter => "filter";
    Enter => "enter";
    Describe => "describe";
    Yaml => "yaml";
    Edit => "edit";
    EditExternal => "edit_external";
    Delete => "delete";
    SortNext => "sort_next";
    SortReverse => "sort_reverse";
    RevealSecrets => "reveal_secrets";
    Xray => "xray";
    Create => "create";
    NewCatalog => "new_catalog";
    Run => "run";
    Halt => "halt";
    Scale => "scale";
    RollingUpdate => "update";
    Rollback => "rollback";
    Rebalance => "rebalance";
    Manifest => "manifest";
    Logs => "logs";
    Shell => "shell";
    Files => "files";
    DeployFiles => "deploy_files";
    Batch => "batch";
    Console => "console";
    Detach => "detach";
    Follow => "follow";
    Timestamps => "timestamps";
    Wrap => "wrap";
    Search => "search";
    SearchNext => "search_next";
    SearchPrevious => "search_previous";
    SaveLog => "save";
    Container => "container";
    Tail => "tail";
    Since => "since";
    Previous => "previous";
    Cordon => "cordon";
    Uncordon => "uncordon";
    Drain => "drain";
    Taint => "taint";
    Monitor => "monitor";
    SetPassword => "password";
    PickNext => "pick_next";
    PickPrevious => "pick_previous";
    PickList => "pick_list";
    PortForward => "port_forward";
    Copy => "copy";
}

/// Pairs of commands that work on kinds that never meet, so one key of a section may run
/// either and the table's kind decides: `F` deploys a catalog's files and port-forwards
/// a pod, service, deployment or app (`app/table/applicable.rs` checks they never meet).
pub const SHARED_KEYS: &[(Command, Command)] = &[(Command::DeployFiles, Command::PortForward)];

/// Whether `a` and `b` may be bound to the same key of a section.
pub fn may_share(a: Command, b: Command) -> bool {
    SHARED_KEYS.iter().any(|&pair| pair == (a, b) || pair == (b, a))
}
