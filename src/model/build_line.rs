//! A line of an image build's log as the kube layer follows it: the builder's own line,
//! or kubic's note that the build pod waits (said in the session's language by the app).

/// One line of a followed build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildLine {
    /// A line the builder wrote (or the record kept).
    Log(String),
    /// The build pod has not started: why it waits (the scheduler's or kubelet's words).
    PodWaits(String),
}
