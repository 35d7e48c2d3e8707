//! One style of a theme file — `{ fg = "cyan", bg = "#202020", modifiers = ["bold"] }` —
//! turned into a ratatui `Style`, or into a warning that says what is wrong and what is valid.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::de::DeValue;

use super::doc::{Doc, Value, entries};

/// What a colour may be written as.
pub const COLOR_CHOICES: &[&str] = &[
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
    "reset",
    "\"#rrggbb\"",
    "\"0\"..\"255\"",
];

/// The modifiers a style may list, by the name theme files use.
pub const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
    ("slow_blink", Modifier::SLOW_BLINK),
    ("rapid_blink", Modifier::RAPID_BLINK),
    ("hidden", Modifier::HIDDEN),
];

/// The fields of a style.
pub const FIELDS: &[&str] = &["fg", "bg", "modifiers"];

/// Reads one style table; the first problem found is the warning and the style is not used.
pub fn parse_style(doc: &Doc<'_>, value: &Value<'_>) -> Result<Style, String> {
    let DeValue::Table(table) = value.get_ref() else {
        return Err(doc.wrong_type(
            value,
            "a style",
            "a table like { fg = \"cyan\", modifiers = [\"bold\"] }",
        ));
    };
    let mut style = Style::default();
    for (key, field) in entries(table) {
        style = match key.get_ref().as_ref() {
            "fg" => style.fg(parse_color(doc, field)?),
            "bg" => style.bg(parse_color(doc, field)?),
            "modifiers" => style.add_modifier(parse_modifiers(doc, field)?),
            other => return Err(doc.warn(key.span().start, format!("unknown style field {other:?}"), FIELDS)),
        };
    }
    Ok(style)
}

fn parse_color(doc: &Doc<'_>, value: &Value<'_>) -> Result<Color, String> {
    let Some(name) = value.get_ref().as_str() else {
        return Err(doc.wrong_type(value, "a colour", "a string"));
    };
    Color::from_str(name).map_err(|_| doc.warn(value.span().start, format!("unknown colour {name:?}"), COLOR_CHOICES))
}

fn parse_modifiers(doc: &Doc<'_>, value: &Value<'_>) -> Result<Modifier, String> {
    let Some(items) = value.get_ref().as_array() else {
        return Err(doc.wrong_type(value, "modifiers", "an array of strings"));
    };
    let mut modifiers = Modifier::empty();
    for item in items.iter() {
        modifiers |= parse_modifier(doc, item)?;
    }
    Ok(modifiers)
}

fn parse_modifier(doc: &Doc<'_>, value: &Value<'_>) -> Result<Modifier, String> {
    let Some(name) = value.get_ref().as_str() else {
        return Err(doc.wrong_type(value, "a modifier", "a string"));
    };
    match MODIFIERS.iter().find(|(known, _)| *known == name) {
        Some((_, modifier)) => Ok(*modifier),
        None => {
            let valid: Vec<&str> = MODIFIERS.iter().map(|(known, _)| *known).collect();
            Err(doc.warn(value.span().start, format!("unknown modifier {name:?}"), &valid))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_of(text: &str) -> Result<Style, String> {
        let doc = Doc::new("t.toml", text);
        let table = doc.parse()?;
        let value = table.get("s").ok_or("no s")?;
        parse_style(&doc, value)
    }

    #[test]
    fn colours_and_modifiers() {
        let style = style_of("s = { fg = \"cyan\", bg = \"#102030\", modifiers = [\"bold\", \"reversed\"] }");
        let expected = Style::new()
            .fg(Color::Cyan)
            .bg(Color::Rgb(0x10, 0x20, 0x30))
            .add_modifier(Modifier::BOLD | Modifier::REVERSED);
        assert_eq!(style, Ok(expected));
        assert_eq!(
            style_of("s = { fg = \"123\" }"),
            Ok(Style::new().fg(Color::Indexed(123)))
        );
        assert_eq!(style_of("s = {}"), Ok(Style::new()));
    }

    #[test]
    fn bad_colour_names_its_line_and_the_choices() {
        let warning = style_of("\ns = { fg = \"cyan\",\n bg = \"blurple\" }")
            .err()
            .unwrap_or_default();
        assert!(
            warning.starts_with("t.toml:3: unknown colour \"blurple\"; valid: black, red,"),
            "{warning}"
        );
        assert!(warning.ends_with("\"#rrggbb\", \"0\"..\"255\""), "{warning}");
    }

    #[test]
    fn bad_modifier_field_and_type() {
        let modifier = style_of("s = { modifiers = [\"bold\", \"blink\"] }")
            .err()
            .unwrap_or_default();
        assert!(
            modifier.starts_with("t.toml:1: unknown modifier \"blink\"; valid: bold, dim,"),
            "{modifier}"
        );
        let field = style_of("s = { colour = \"red\" }").err().unwrap_or_default();
        assert_eq!(
            field,
            "t.toml:1: unknown style field \"colour\"; valid: fg, bg, modifiers"
        );
        let not_table = style_of("s = \"red\"").err().unwrap_or_default();
        assert!(
            not_table.starts_with("t.toml:1: a style must be a table like"),
            "{not_table}"
        );
        let number = style_of("s = { fg = 3 }").err().unwrap_or_default();
        assert_eq!(number, "t.toml:1: a colour must be a string, not integer");
    }
}
