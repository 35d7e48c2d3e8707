//! Why a value typed into kubic is refused, as data rather than words: the checks of
//! `validate`, the password rules and the forms return it; a session reads it in its own
//! language and the kube layer, the logs and the subcommands in English
//! (`config::i18n::invalid` holds the words, so the catalogs are their only source).

use crate::model::refusal::Refusal;

/// A refused value and what the reason names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    NameRequired,
    NameTooLong {
        typed: usize,
    },
    NameChar {
        bad: char,
    },
    NameEdges,
    NotIp {
        text: String,
    },
    CpuZero,
    CpuNotNumber {
        text: String,
    },
    MemoryNotSize {
        text: String,
    },
    MemoryTooSmall {
        text: String,
    },
    ReplicasRange {
        count: i32,
    },
    ReplicasNotNumber {
        text: String,
    },
    /// An image tag left empty or holding a space (the app form).
    ImageTag,
    /// An image version with other characters than a tag takes (the image form).
    Version,
    /// The one-line input of an IP for a host's pool without both halves.
    HostAndIp,
    /// A rollback's revision that is not a number from 1 up.
    Revision,
    PortNumber {
        item: String,
    },
    PortProtocol {
        item: String,
    },
    PasswordShort {
        min: usize,
        typed: usize,
    },
    PasswordIsName,
    PasswordsDiffer,
    CurrentPasswordRequired,
    NotRole {
        text: String,
    },
    /// A taint input left empty: how to type one.
    TaintUsage,
    /// A taint to add without its effect.
    TaintEffectMissing,
    TaintEffect {
        text: String,
    },
    KeyPrefix {
        prefix: String,
    },
    KeyRequired,
    /// A character a label's or taint's key or value may not hold.
    QualifiedChar {
        bad: char,
    },
    /// A label's or taint's key or value that starts or ends with neither a letter nor a digit.
    QualifiedEdges,
    DrainSwitch {
        name: String,
        value: String,
    },
    DrainOption {
        word: String,
    },
    DrainTimeout {
        value: String,
    },
    /// A cluster description with a line break or another control character.
    DescriptionLine,
    DescriptionTooLong {
        max: usize,
        typed: usize,
    },
    /// A batch command line with an open quote.
    QuoteNotClosed,
    /// A batch command line left empty.
    CommandRequired,
    /// A table filter that is not a valid regular expression, with the engine's words.
    FilterPattern {
        why: String,
    },
    /// `-l` without a selector.
    SelectorRequired,
    LabelNoKey {
        term: String,
    },
    LabelEmptyTerm,
    /// A KUBIC rule the operation broke, found by the kube layer.
    Rule(Refusal),
    /// The reason of a check whose words are not kubic's own (a URL parser's).
    Said(String),
    /// One of a list's items (a project, an IP) and why it is refused.
    Item {
        item: String,
        why: Box<Invalid>,
    },
    /// Which field or part of a request a reason is about (`replicas`, `user name`).
    Of {
        what: Part,
        why: Box<Invalid>,
    },
}

/// A part of a request a reason can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    AppName,
    CatalogName,
    Host,
    Memory,
    MetadataName,
    Project,
    ProjectName,
    RegistryName,
    Replicas,
    TaintKey,
    TaintValue,
    UserName,
}

impl Invalid {
    /// The same reason, said to be about `what`.
    pub fn of(self, what: Part) -> Invalid {
        Invalid::Of {
            what,
            why: Box::new(self),
        }
    }

    /// The same reason, about list item `item`.
    pub fn item(self, item: &str) -> Invalid {
        Invalid::Item {
            item: item.to_string(),
            why: Box::new(self),
        }
    }
}

impl From<Refusal> for Invalid {
    fn from(rule: Refusal) -> Invalid {
        Invalid::Rule(rule)
    }
}

impl From<Invalid> for String {
    fn from(invalid: Invalid) -> String {
        invalid.to_string()
    }
}
