//! What takes typing besides the table: the one-line prompts (`:` and `/` and KUBIC's
//! inputs), multi-field forms, and the overlays (text viewer, inline editor,
//! confirmations), with the `:` command line and saving the editor.

pub mod choices;
mod command_line;
pub mod editing;
pub mod form;
mod form_keys;
pub mod overlay;
pub mod prompt;

pub use editing::yaml_text;
