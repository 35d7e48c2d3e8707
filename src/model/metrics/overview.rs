//! The dashboard's facts besides charts: how many hosts, projects, apps and pods the
//! cluster has (with how many are ready), and the description operators share.

use crate::model::failure::Failure;
use crate::model::invalid::Invalid;

/// How many objects of a kind exist, and how many of them are ready when that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    pub total: usize,
    pub ready: Option<usize>,
}

impl Count {
    /// `3/5 ready` or `5`.
    pub fn text(&self) -> String {
        match self.ready {
            Some(ready) => format!("{ready}/{} ready", self.total),
            None => self.total.to_string(),
        }
    }
}

/// One poll of the counts; each one may fail on its own (apps without their CRD…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub hosts: Result<Count, Failure>,
    pub projects: Result<Count, Failure>,
    pub apps: Result<Count, Failure>,
    pub pods: Result<Count, Failure>,
    /// The shared description; `Ok(None)` when nobody has written one yet.
    pub description: Result<Option<String>, Failure>,
}

/// The longest description accepted.
pub const DESCRIPTION_MAX: usize = 200;

/// A description must be one line of printable text, at most [`DESCRIPTION_MAX`] characters.
pub fn validate_description(text: &str) -> Result<String, Invalid> {
    let text = text.trim();
    if text.chars().any(char::is_control) {
        return Err(Invalid::DescriptionLine);
    }
    let length = text.chars().count();
    if length > DESCRIPTION_MAX {
        return Err(Invalid::DescriptionTooLong {
            max: DESCRIPTION_MAX,
            typed: length,
        });
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_one_printable_line_of_bounded_length() {
        assert_eq!(
            validate_description("  Production, Paris DC  "),
            Ok("Production, Paris DC".into())
        );
        assert_eq!(validate_description(""), Ok(String::new()));
        assert!(validate_description("a\tb").is_err());
        let long = "x".repeat(DESCRIPTION_MAX + 1);
        assert!(
            validate_description(&long)
                .unwrap_err()
                .to_string()
                .contains("201 typed")
        );
        assert!(validate_description(&"é".repeat(DESCRIPTION_MAX)).is_ok());
    }

    #[test]
    fn counts_say_ready_over_total_where_it_applies() {
        assert_eq!(
            Count {
                total: 5,
                ready: Some(3)
            }
            .text(),
            "3/5 ready"
        );
        assert_eq!(Count { total: 2, ready: None }.text(), "2");
    }
}
