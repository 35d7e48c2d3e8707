//! Tests of theme files: the shipped themes are complete, user files patch, warnings say where.

use ratatui::style::{Color, Modifier, Style};

use super::*;

fn shipped_patch(name: &str) -> (ThemePatch, Vec<String>) {
    let text = SHIPPED
        .iter()
        .find(|(shipped, _)| *shipped == name)
        .map_or("", |(_, text)| *text);
    parse_theme(name, text)
}

#[test]
fn every_shipped_theme_styles_every_role_without_warnings() {
    for name in Theme::shipped_names() {
        let (patch, warnings) = shipped_patch(name);
        assert_eq!(warnings, Vec::<String>::new(), "theme {name}");
        for role in Role::ALL {
            assert!(
                patch.roles().any(|named| named == *role),
                "theme {name} has no {}",
                role.name()
            );
        }
    }
}

#[test]
fn the_16_colour_theme_uses_only_named_colours() {
    let theme = Theme::shipped("16").unwrap_or_else(Theme::plain);
    for role in Role::ALL {
        let style = theme.style(*role);
        for color in [style.fg, style.bg].into_iter().flatten() {
            assert!(
                !matches!(color, Color::Indexed(_) | Color::Rgb(..)),
                "{} uses {color}",
                role.name()
            );
        }
    }
}

#[test]
fn role_names_round_trip() {
    for role in Role::ALL {
        assert_eq!(Role::from_name(role.name()), Some(*role));
    }
    assert_eq!(Role::from_name("nope"), None);
}

#[test]
fn default_is_the_dark_theme() {
    assert_eq!(Theme::default(), Theme::shipped("dark").unwrap_or_else(Theme::plain));
    assert_ne!(Theme::default(), Theme::plain());
    assert_eq!(Theme::shipped("sepia"), None);
}

#[test]
fn a_patch_replaces_only_the_roles_it_names() {
    let base = Theme::default();
    let (patch, warnings) = parse_theme("theme.toml", "[styles]\nrow_selected = { fg = \"red\" }\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut theme = base.clone();
    theme.apply(&patch);
    assert_eq!(theme.style(Role::RowSelected), Style::new().fg(Color::Red));
    for role in Role::ALL.iter().filter(|role| **role != Role::RowSelected) {
        assert_eq!(theme.style(*role), base.style(*role), "{}", role.name());
    }
}

#[test]
fn bad_entries_are_skipped_with_their_line_and_the_rest_applies() {
    let text = "\
# a comment
[styles]
title = { fg = \"red\" }
titel = { fg = \"red\" }
border = { fg = \"reddish\" }
row = { fg = \"green\", modifiers = [\"shiny\"] }
help_key = { fg = \"blue\" }
";
    let (patch, warnings) = parse_theme("theme.toml", text);
    assert_eq!(patch.roles().collect::<Vec<_>>(), [Role::Title, Role::HelpKey]);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[0].starts_with("theme.toml:4: unknown role \"titel\"; valid: header_label, header_value,"));
    assert!(warnings[0].ends_with(", readonly"));
    assert!(warnings[1].starts_with("theme.toml:5: unknown colour \"reddish\"; valid: black,"));
    assert!(warnings[2].starts_with("theme.toml:6: unknown modifier \"shiny\"; valid: bold,"));
}

#[test]
fn unknown_tables_and_invalid_toml() {
    let (patch, warnings) = parse_theme("theme.toml", "[colors]\nrow = {}\n[styles]\nrow = {}\n");
    assert_eq!(patch.roles().collect::<Vec<_>>(), [Role::Row]);
    assert_eq!(warnings, ["theme.toml:1: unknown table \"colors\"; valid: styles"]);

    let (patch, warnings) = parse_theme("theme.toml", "[styles]\nrow = { fg = \"red\" }\nborder = {\n");
    assert_eq!(patch, ThemePatch::default());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].starts_with("theme.toml:3: not valid TOML, file ignored: "),
        "{warnings:?}"
    );

    let (_, warnings) = parse_theme("theme.toml", "styles = 3\n");
    assert_eq!(warnings, ["theme.toml:1: styles must be a table, not integer"]);
}

#[test]
fn without_colors_keeps_modifiers_and_marks_backgrounds_reversed() {
    let (patch, _) = parse_theme(
        "t",
        "[styles]\ntitle = { fg = \"red\", modifiers = [\"bold\", \"underlined\"] }\nrow_selected = { fg = \"black\", bg = \"cyan\" }\n",
    );
    let mut theme = Theme::plain();
    theme.apply(&patch);
    let theme = theme.without_colors();
    let reset = Style::new().fg(Color::Reset).bg(Color::Reset);
    assert_eq!(
        theme.style(Role::Title),
        reset.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    );
    assert_eq!(theme.style(Role::RowSelected), reset.add_modifier(Modifier::REVERSED));
    assert_eq!(theme.style(Role::Row), reset);
    for role in Role::ALL {
        let style = Theme::default().without_colors().style(*role);
        assert_eq!(
            (style.fg, style.bg),
            (Some(Color::Reset), Some(Color::Reset)),
            "{}",
            role.name()
        );
    }
}
