//! The pods table's title as the benchmarks read it off kubic's screen.

/// The row count in a line holding the pods table's title (`pods(all) [N] …`), and the
/// text after the count (`loading…`, `STALE`, or the rest of the title).
pub fn pods_title(line: &str) -> Option<(usize, &str)> {
    // The breadcrumbs say `<pods(all)>` too: the title is the one with a count after it.
    let at = line.find("pods(all) [")?;
    let count = &line[at + "pods(all) [".len()..];
    let end = count.find(']')?;
    Some((count[..end].parse().ok()?, &count[end + 1..]))
}
