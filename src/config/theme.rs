//! Colour themes as data: the roles a pane can paint, theme files that give each role a
//! style, and the resolved `Theme` panes ask for styles. Files are resolved once, at load.

use ratatui::style::{Color, Modifier, Style};
use toml::de::DeValue;

use super::doc::{Doc, entries};
use super::style::parse_style;

macro_rules! roles {
    ($($variant:ident => $name:literal,)*) => {
        /// Something on screen a theme gives a style to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Role {
            $($variant,)*
        }

        impl Role {
            pub const ALL: &'static [Role] = &[$(Role::$variant,)*];

            /// The name theme files use.
            pub fn name(self) -> &'static str {
                match self {
                    $(Role::$variant => $name,)*
                }
            }
        }
    };
}

roles! {
    HeaderLabel => "header_label",
    HeaderValue => "header_value",
    Title => "title",
    Border => "border",
    TableHeader => "table_header",
    Row => "row",
    RowSelected => "row_selected",
    RowOk => "row_ok",
    RowPending => "row_pending",
    RowError => "row_error",
    RowDeleting => "row_deleting",
    Stale => "stale",
    StatusInfo => "status_info",
    StatusError => "status_error",
    CommandLine => "command_line",
    Completion => "completion",
    YamlKey => "yaml_key",
    YamlValue => "yaml_value",
    YamlComment => "yaml_comment",
    HelpKey => "help_key",
    HelpDescription => "help_description",
    DialogBorder => "dialog_border",
    Readonly => "readonly",
}

impl Role {
    const COUNT: usize = Role::ALL.len();

    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|role| role.name() == name)
    }

    fn names() -> Vec<&'static str> {
        Role::ALL.iter().map(|role| role.name()).collect()
    }
}

/// The themes kubic ships, by name; the files in `themes/` are the only definition of them.
pub const SHIPPED: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("16", include_str!("../../themes/16.toml")),
];

/// The theme used when the configuration names none.
pub const DEFAULT_THEME: &str = "dark";

/// The table of a theme file that holds the styles.
const STYLES: &str = "styles";

/// The roles one theme file gives styles to, each already resolved to a style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemePatch {
    styles: Vec<(Role, Style)>,
}

impl ThemePatch {
    /// The roles this file names, in file order.
    pub fn roles(&self) -> impl Iterator<Item = Role> + '_ {
        self.styles.iter().map(|(role, _)| *role)
    }
}

/// Reads a theme file. Bad entries are skipped with a warning; the rest applies.
pub fn parse_theme(path: &str, text: &str) -> (ThemePatch, Vec<String>) {
    let doc = Doc::new(path, text);
    let mut warnings = Vec::new();
    let mut patch = ThemePatch::default();
    let table = match doc.parse() {
        Ok(table) => table,
        Err(warning) => return (patch, vec![warning]),
    };
    for (key, value) in entries(&table) {
        match (key.get_ref().as_ref(), value.get_ref()) {
            (STYLES, DeValue::Table(styles)) => {
                for (role, style) in entries(styles) {
                    match Role::from_name(role.get_ref()) {
                        Some(role) => match parse_style(&doc, style) {
                            Ok(style) => patch.styles.push((role, style)),
                            Err(warning) => warnings.push(warning),
                        },
                        None => {
                            let problem = format!("unknown role {:?}", role.get_ref());
                            warnings.push(doc.warn(role.span().start, problem, &Role::names()));
                        }
                    }
                }
            }
            (STYLES, _) => warnings.push(doc.wrong_type(value, "styles", "a table")),
            (other, _) => warnings.push(doc.warn(key.span().start, format!("unknown table {other:?}"), &[STYLES])),
        }
    }
    (patch, warnings)
}

/// A style for every role, resolved from theme files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    styles: [Style; Role::COUNT],
    /// False under `NO_COLOR`: colours a log line brings are dropped too.
    colored: bool,
}

impl Default for Theme {
    /// The default shipped theme.
    fn default() -> Theme {
        Theme::shipped(DEFAULT_THEME).unwrap_or_else(Theme::plain)
    }
}

impl Theme {
    /// A theme with no styles at all.
    pub fn plain() -> Theme {
        Theme {
            styles: [Style::new(); Role::COUNT],
            colored: true,
        }
    }

    /// The names of the shipped themes.
    pub fn shipped_names() -> Vec<&'static str> {
        SHIPPED.iter().map(|(name, _)| *name).collect()
    }

    /// A shipped theme by name.
    pub fn shipped(name: &str) -> Option<Theme> {
        let (_, text) = SHIPPED.iter().find(|(shipped, _)| *shipped == name)?;
        let (patch, _) = parse_theme(&format!("themes/{name}.toml"), text);
        let mut theme = Theme::plain();
        theme.apply(&patch);
        Some(theme)
    }

    /// Replaces the style of every role the patch names; the other roles keep theirs.
    pub fn apply(&mut self, patch: &ThemePatch) {
        for (role, style) in &patch.styles {
            self.styles[*role as usize] = *style;
        }
    }

    /// The style to paint `role` with.
    pub fn style(&self, role: Role) -> Style {
        self.styles[role as usize]
    }

    /// The same theme without any colour, for `NO_COLOR`: modifiers stay, and a role that
    /// was set apart by its background is shown reversed so it still stands out.
    pub fn without_colors(self) -> Theme {
        Theme {
            styles: self.styles.map(uncoloured),
            colored: false,
        }
    }

    /// Whether colours are shown at all (not under `NO_COLOR`).
    pub fn shows_colors(&self) -> bool {
        self.colored
    }
}

fn uncoloured(style: Style) -> Style {
    let had_background = style.bg.is_some_and(|bg| bg != Color::Reset);
    let mut plain = Style::new()
        .fg(Color::Reset)
        .bg(Color::Reset)
        .add_modifier(style.add_modifier)
        .remove_modifier(style.sub_modifier);
    if had_background {
        plain = plain.add_modifier(Modifier::REVERSED);
    }
    plain
}

#[cfg(test)]
mod tests;
