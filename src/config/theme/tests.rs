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

mod props {
    use proptest::prelude::*;

    use super::*;
    use crate::config::doc::tests::{any_bytes_text, check_warnings, config_like};
    use crate::config::style::MODIFIERS;

    const PATH: &str = "theme.toml";

    /// A colour as a theme file writes it, and the colour it means.
    fn color() -> impl Strategy<Value = (String, Color)> {
        let named = [
            ("black", Color::Black),
            ("red", Color::Red),
            ("lightcyan", Color::LightCyan),
            ("darkgray", Color::DarkGray),
            ("white", Color::White),
            ("reset", Color::Reset),
        ];
        prop_oneof![
            prop::sample::select(named.to_vec()).prop_map(|(name, color)| (name.to_string(), color)),
            any::<u8>().prop_map(|n| (n.to_string(), Color::Indexed(n))),
            any::<(u8, u8, u8)>().prop_map(|(r, g, b)| (format!("#{r:02x}{g:02X}{b:02x}"), Color::Rgb(r, g, b))),
        ]
    }

    /// One style table as written, and the style it means.
    fn style() -> impl Strategy<Value = (String, Style)> {
        let modifiers = prop::sample::subsequence(MODIFIERS.to_vec(), 0..4);
        (
            prop::option::of(color()),
            prop::option::of(color()),
            prop::option::of(modifiers),
        )
            .prop_map(|(fg, bg, modifiers)| {
                let (mut fields, mut style) = (Vec::new(), Style::new());
                if let Some((text, color)) = fg {
                    fields.push(format!("fg = {text:?}"));
                    style = style.fg(color);
                }
                if let Some((text, color)) = bg {
                    fields.push(format!("bg = {text:?}"));
                    style = style.bg(color);
                }
                if let Some(modifiers) = modifiers {
                    let names: Vec<String> = modifiers.iter().map(|(name, _)| format!("{name:?}")).collect();
                    fields.push(format!("modifiers = [{}]", names.join(", ")));
                    style = style.add_modifier(modifiers.iter().fold(Modifier::empty(), |all, (_, m)| all | *m));
                }
                (format!("{{ {} }}", fields.join(", ")), style)
            })
    }

    proptest! {
        #[test]
        fn any_bytes_are_read_without_a_panic_and_warn_in_lines(text in any_bytes_text()) {
            let (patch, warnings) = parse_theme(PATH, &text);
            check_warnings(PATH, &text, &warnings)?;
            Theme::default().apply(&patch);
        }

        #[test]
        fn a_hand_edited_file_is_read_without_a_panic_and_warns_in_lines(
            text in config_like(
                Role::names().into_iter().chain(["styles", "fg", "bg", "modifiers"]).collect(),
                vec!["red", "#102030", "#1020", "255", "256", "bold", "blink", "lightblue"],
            )
        ) {
            let (patch, warnings) = parse_theme(PATH, &text);
            check_warnings(PATH, &text, &warnings)?;
            Theme::default().apply(&patch);
        }

        #[test]
        fn a_written_theme_reads_back_and_styles_its_roles(
            roles in prop::sample::subsequence(Role::ALL.to_vec(), 0..8).prop_shuffle(),
            styles in prop::collection::vec(style(), 8),
        ) {
            let mut text = String::from("[styles]\n");
            let mut expected = Vec::new();
            for (role, (written, style)) in roles.iter().zip(styles) {
                text.push_str(&format!("{} = {written}\n", role.name()));
                expected.push((*role, style));
            }
            let (patch, warnings) = parse_theme(PATH, &text);
            prop_assert_eq!(warnings, Vec::<String>::new());
            prop_assert_eq!(&patch.styles, &expected, "{}", text);
            let mut theme = Theme::plain();
            theme.apply(&patch);
            for (role, style) in expected {
                prop_assert_eq!(theme.style(role), style);
            }
        }
    }
}
