//! Every operator command a key can be bound to, with the name keymap files use and
//! the description `?` shows. Keymaps are data: this is their vocabulary.

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
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Global,
        Section::Table,
        Section::Viewer,
        Section::Logs,
        Section::Console,
    ];

    /// The table name of this section in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::Table => "table",
            Section::Viewer => "viewer",
            Section::Logs => "logs",
            Section::Console => "console",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }
}

macro_rules! commands {
    ($($variant:ident => $name:literal, $description:literal;)*) => {
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

            /// What `?` says the command does.
            pub fn description(self) -> &'static str {
                match self {
                    $(Command::$variant => $description,)*
                }
            }

            pub fn from_name(name: &str) -> Option<Command> {
                Command::ALL.iter().copied().find(|c| c.name() == name)
            }
        }
    };
}

commands! {
    Quit => "quit", "Quit kubic";
    Help => "help", "Show the keys of this screen";
    CommandLine => "command", "Jump to a view (:pods, :ctx, :ns …)";
    Back => "back", "Go back";
    Up => "up", "Move up";
    Down => "down", "Move down";
    PageUp => "page_up", "Page up";
    PageDown => "page_down", "Page down";
    Top => "top", "Go to the top";
    Bottom => "bottom", "Go to the bottom";
    Filter => "filter", "Filter rows (text, regex, or -l key=value)";
    Enter => "enter", "Open the selected row";
    Describe => "describe", "Describe the selected object";
    Yaml => "yaml", "Show the selected object's YAML";
    Edit => "edit", "Edit the selected object inline";
    EditExternal => "edit_external", "Edit the selected object in $EDITOR";
    Delete => "delete", "Delete the selected object";
    SortNext => "sort_next", "Sort by the next column";
    SortReverse => "sort_reverse", "Reverse the sort order";
    RevealSecrets => "reveal_secrets", "Show or mask secret values";
    Create => "create", "Create: a project, an IP, an app from a catalog, a registry, an image, a user";
    NewCatalog => "new_catalog", "Write a new catalog (from the bind sample) in the editor";
    Run => "run", "Run the selected app";
    Halt => "halt", "Halt (stop) the selected app";
    Scale => "scale", "Scale the selected app";
    RollingUpdate => "update", "Rolling update of the selected app to another tag";
    Rollback => "rollback", "Roll the selected app back to an earlier revision";
    Rebalance => "rebalance", "Change the selected app's service IPs (re-load-balance)";
    Manifest => "manifest", "Show the selected app's rendered manifest";
    Logs => "logs", "Show the selected object's logs";
    Shell => "shell", "Open a shell in the selected pod";
    Files => "files", "Files console of the selected catalog: a shell with its files volume at /data";
    DeployFiles => "deploy_files", "Deploy the selected catalog's files into every pod of its apps";
    Batch => "batch", "Run a command in every pod of every app of the selected catalog";
    Console => "console", "KUBIC console: a shell in a fresh toolbox pod (also :console)";
    Detach => "detach", "Leave the console; it keeps running (:consoles lists them)";
    Follow => "follow", "Follow the log: jump to the end and keep up";
    Timestamps => "timestamps", "Show or hide timestamps";
    Wrap => "wrap", "Wrap long lines or cut them";
    Search => "search", "Search the log (highlights matches)";
    SearchNext => "search_next", "Next match";
    SearchPrevious => "search_previous", "Previous match";
    SaveLog => "save", "Save the log buffer to a file";
    Container => "container", "Choose the container: all, then each in turn";
    Tail => "tail", "Lines to start with: 100, 1000, 10000, all";
    Since => "since", "Start from: all, 1m, 5m, 15m, 1h ago";
    Previous => "previous", "Show the previous (terminated) container's log";
    Cordon => "cordon", "Cordon the selected host (no new pods)";
    Uncordon => "uncordon", "Uncordon the selected host";
    Drain => "drain", "Drain the selected host (evict its pods)";
    Taint => "taint", "Add or remove a taint of the selected host";
    Monitor => "monitor", "Monitor the selected host live (charts)";
    SetPassword => "password", "Set the selected user's password";
}
