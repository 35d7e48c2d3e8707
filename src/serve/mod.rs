//! `kubic serve`: the byte-level ends of a session whose terminal is at the far end of an
//! SSH channel: input bytes decoded into events, frames queued for a slow reader, colours
//! brought down to what the far terminal shows.

pub mod color;
pub mod input;
pub mod output;
