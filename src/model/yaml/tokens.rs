//! Splits YAML lines into coloured pieces for the YAML view; the pieces always add up to the line.

/// What a piece of a YAML line is, for syntax colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlToken {
    /// A mapping key, quotes included.
    Key,
    /// A scalar or flow value.
    Value,
    /// A `# …` comment.
    Comment,
    /// Indentation, `- ` list markers, the `:` after a key, `---`, block scalar indicators (`|`, `>-`).
    Punctuation,
    /// Spacing between pieces and the content of block scalars.
    Plain,
}

/// The pieces of one YAML line, read without context (a block scalar's content may look like keys).
pub fn tokenize_line(line: &str) -> Vec<(YamlToken, &str)> {
    scan(line).tokens
}

/// The pieces of consecutive lines of one document; block scalar content lines are `Plain`.
pub fn tokenize_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<Vec<(YamlToken, &'a str)>> {
    let mut block_parent: Option<usize> = None;
    let mut result = Vec::new();
    for line in lines {
        if let Some(parent) = block_parent {
            let indent = line.len() - line.trim_start_matches(' ').len();
            if line.trim().is_empty() || indent > parent {
                result.push(plain(line));
                continue;
            }
        }
        let scanned = scan(line);
        block_parent = scanned.block_parent;
        result.push(scanned.tokens);
    }
    result
}

fn plain(line: &str) -> Vec<(YamlToken, &str)> {
    if line.is_empty() {
        Vec::new()
    } else {
        vec![(YamlToken::Plain, line)]
    }
}

/// One scanned line, and the column a block scalar it opens must be indented beyond.
struct Scanned<'a> {
    tokens: Vec<(YamlToken, &'a str)>,
    block_parent: Option<usize>,
}

struct Scanner<'a> {
    line: &'a str,
    pos: usize,
    tokens: Vec<(YamlToken, &'a str)>,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        &self.line[self.pos..]
    }

    fn take(&mut self, kind: YamlToken, len: usize) {
        if len > 0 {
            self.tokens.push((kind, &self.line[self.pos..self.pos + len]));
            self.pos += len;
        }
    }

    fn take_spaces(&mut self, kind: YamlToken) {
        let rest = self.rest();
        self.take(kind, rest.len() - rest.trim_start_matches([' ', '\t']).len());
    }
}

fn scan(line: &str) -> Scanned<'_> {
    let mut s = Scanner {
        line,
        pos: 0,
        tokens: Vec::new(),
    };
    s.take_spaces(YamlToken::Punctuation);
    let mut parent = s.pos;
    if is_document_marker(s.rest()) {
        s.take(YamlToken::Punctuation, 3);
    }
    while s.rest() == "-" || s.rest().starts_with("- ") {
        parent = s.pos;
        s.take(YamlToken::Punctuation, 1);
        s.take_spaces(YamlToken::Punctuation);
    }
    if let Some(len) = key_length(s.rest()) {
        parent = s.pos;
        s.take(YamlToken::Key, len);
        s.take(YamlToken::Punctuation, 1);
    }
    let opens_block = scan_value(&mut s);
    Scanned {
        tokens: s.tokens,
        block_parent: opens_block.then_some(parent),
    }
}

fn is_document_marker(rest: &str) -> bool {
    ["---", "..."].iter().any(|marker| {
        rest.strip_prefix(marker)
            .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t']))
    })
}

/// Scans what follows the key (or the whole line); true when it is a block scalar indicator.
fn scan_value(s: &mut Scanner<'_>) -> bool {
    s.take_spaces(YamlToken::Plain);
    let rest = s.rest();
    let comment = comment_start(rest).unwrap_or(rest.len());
    let value = rest[..comment].trim_end_matches([' ', '\t']);
    let is_block = is_block_indicator(value);
    let kind = if is_block {
        YamlToken::Punctuation
    } else {
        YamlToken::Value
    };
    s.take(kind, value.len());
    s.take(YamlToken::Plain, comment - value.len());
    s.take(YamlToken::Comment, rest.len() - comment);
    is_block
}

/// `|`, `>`, `|-`, `>+`, `|2-` …
fn is_block_indicator(value: &str) -> bool {
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>'))
        && value.len() <= 3
        && chars.all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

/// The length of the key when `rest` starts with `key:` followed by a space or the end of the line.
fn key_length(rest: &str) -> Option<usize> {
    let ends_key =
        |at: usize| rest[at..].starts_with(':') && rest[at + 1..].chars().next().is_none_or(|c| c == ' ' || c == '\t');
    match rest.chars().next()? {
        quote @ ('"' | '\'') => quoted_length(rest, quote).filter(|&len| ends_key(len)),
        '#' | '[' | '{' | '|' | '>' | '&' | '*' | '!' | '%' | '@' | '`' | ',' | ':' => None,
        _ => {
            let end = comment_start(rest).unwrap_or(rest.len());
            rest[..end]
                .match_indices(':')
                .map(|(at, _)| at)
                .find(|&at| ends_key(at))
        }
    }
}

/// The length of the quoted scalar at the start of `text`, quotes included; None when unterminated.
fn quoted_length(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        let backslash_escape = quote == '"' && c == '\\';
        let doubled_quote = quote == '\'' && c == quote && chars.peek().is_some_and(|&(_, next)| next == quote);
        if backslash_escape || doubled_quote {
            chars.next();
        } else if c == quote {
            return Some(at + 1);
        }
    }
    None
}

/// Where a `#` comment starts: at the start or after a space, outside quoted scalars.
fn comment_start(text: &str) -> Option<usize> {
    let mut at = 0;
    let mut previous: Option<char> = None;
    while let Some(c) = text[at..].chars().next() {
        if c == '#' && previous.is_none_or(|p| p == ' ' || p == '\t') {
            return Some(at);
        }
        let starts_scalar = previous.is_none_or(|p| matches!(p, ' ' | '\t' | '[' | '{' | ','));
        at += if (c == '"' || c == '\'') && starts_scalar {
            quoted_length(&text[at..], c)?
        } else {
            c.len_utf8()
        };
        previous = Some(c);
    }
    None
}

#[cfg(test)]
mod tests;
