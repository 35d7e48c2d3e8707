//! What a finished KUBIC operation reports, as data rather than words, so each session
//! says it in its own language (`app::kubic::done`) and the log in English.

/// The outcome of an operation that succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Done as asked: the operation's own description says what.
    AsAsked,
    /// Image build `name` started (its Job runs).
    BuildStarted { name: String },
    /// Image build `name` deleted; `image` is what became of its image, in the
    /// registry's or kubic's words (deleted, or why it stays).
    BuildDeleted { name: String, image: String },
    /// Host `host`'s IP pool: each IP, and the app holding it (`project/name`).
    Pool {
        host: String,
        ips: Vec<(String, Option<String>)>,
    },
    /// A report in the kube layer's words (a drain's summary).
    Report(String),
}
