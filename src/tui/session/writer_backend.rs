//! A ratatui backend over any writer, for a terminal that is not this process's (the
//! far end of a network channel): frames are written as crossterm's escape sequences,
//! in the colours the far terminal shows, and the size is the one the far end
//! announced, never a query of the local terminal.

use std::borrow::Cow;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use crate::serve::color::{self, ColorDepth};

/// A backend whose size is set from outside (a window-change of the far terminal).
pub trait SizedBackend: Backend {
    /// The far terminal's new size, before the next frame.
    fn set_size(&mut self, size: Size);

    /// Whether output was dropped since the last call (a slow far end): the next frame
    /// must then be drawn whole. The flag is cleared.
    fn take_lost_output(&mut self) -> bool {
        false
    }

    /// Writes `bytes` to the far terminal as they are, whole, between two frames; the
    /// default: this backend has no far terminal to write to.
    fn write_raw(&mut self, _bytes: &[u8]) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "this terminal takes no escape sequences",
        ))
    }
}

/// A writer frames go to: `flush` ends a frame's bytes. One that may drop frames (a
/// bounded queue to a slow reader) says so.
pub trait FrameSink: Write {
    /// Whether output was dropped since the last call; the flag is cleared.
    fn take_lost(&mut self) -> bool {
        false
    }
}

impl FrameSink for Vec<u8> {}

impl FrameSink for io::Sink {}

/// Frames written to `W`; the size and the cursor are kept here, since the far
/// terminal cannot be asked.
pub struct WriterBackend<W: Write> {
    inner: CrosstermBackend<W>,
    size: Size,
    cursor: Position,
    depth: ColorDepth,
}

impl<W: Write> WriterBackend<W> {
    /// Frames go to `writer` (a handle the caller keeps a way to read or send from,
    /// such as a channel's sending end), in true colour.
    pub fn new(writer: W, size: Size) -> WriterBackend<W> {
        WriterBackend {
            inner: CrosstermBackend::new(writer),
            size,
            cursor: Position::ORIGIN,
            depth: ColorDepth::TrueColor,
        }
    }

    /// Each colour is sent as the nearest one a terminal of `depth` shows.
    pub fn with_color_depth(mut self, depth: ColorDepth) -> WriterBackend<W> {
        self.depth = depth;
        self
    }
}

impl<W: FrameSink> SizedBackend for WriterBackend<W> {
    fn set_size(&mut self, size: Size) {
        self.size = size;
    }

    fn take_lost_output(&mut self) -> bool {
        self.inner.writer_mut().take_lost()
    }

    /// One write and one flush: a frame sink sends the bytes as one piece.
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        let writer = self.inner.writer_mut();
        writer.write_all(bytes)?;
        writer.flush()
    }
}

impl SizedBackend for ratatui::backend::TestBackend {
    fn set_size(&mut self, size: Size) {
        self.resize(size.width, size.height);
    }
}

/// `cell` in the colours of `depth`; cloned only when a colour changes.
fn cell_at_depth(cell: &Cell, depth: ColorDepth) -> Cow<'_, Cell> {
    let fg = color::reduce(cell.fg, depth);
    let bg = color::reduce(cell.bg, depth);
    let underline_color = color::reduce(cell.underline_color, depth);
    if (fg, bg, underline_color) == (cell.fg, cell.bg, cell.underline_color) {
        return Cow::Borrowed(cell);
    }
    let mut reduced = cell.clone();
    reduced.fg = fg;
    reduced.bg = bg;
    reduced.underline_color = underline_color;
    Cow::Owned(reduced)
}

impl<W: Write> Backend for WriterBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if self.depth == ColorDepth::TrueColor {
            return self.inner.draw(content);
        }
        let depth = self.depth;
        let cells: Vec<(u16, u16, Cow<'a, Cell>)> =
            content.map(|(x, y, cell)| (x, y, cell_at_depth(cell, depth))).collect();
        self.inner
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell.as_ref())))
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::ZERO,
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    use super::*;

    /// What a far terminal received, readable while the backend writes to it.
    #[derive(Clone, Default)]
    struct Received(Arc<Mutex<Vec<u8>>>);

    impl Write for Received {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl FrameSink for Received {}

    impl Received {
        /// The screen these bytes draw on a terminal of `size`; the bytes are taken.
        fn screen(&self, size: Size) -> vt100::Parser {
            let mut parser = vt100::Parser::new(size.height, size.width, 0);
            parser.process(&std::mem::take(&mut *self.0.lock().unwrap()));
            parser
        }
    }

    #[test]
    fn frames_reach_the_far_terminal_at_the_size_it_announced() {
        let size = Size::new(30, 4);
        let received = Received::default();
        let backend = WriterBackend::new(received.clone(), size);
        let viewport = Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 30, 4));
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        terminal
            .draw(|frame| frame.render_widget(Paragraph::new("pods [2]\nsession-web"), frame.area()))
            .unwrap();
        assert_eq!(received.screen(size).screen().contents(), "pods [2]\nsession-web");

        let smaller = Size::new(20, 3);
        terminal.backend_mut().set_size(smaller);
        terminal.resize(ratatui::layout::Rect::new(0, 0, 20, 3)).unwrap();
        terminal
            .draw(|frame| frame.render_widget(Paragraph::new("hosts [2]"), frame.area()))
            .unwrap();
        assert_eq!(terminal.backend().size().unwrap(), smaller);
        assert_eq!(received.screen(smaller).screen().contents(), "hosts [2]");
    }

    #[test]
    fn a_raw_write_reaches_the_far_terminal_as_written_and_a_test_backend_refuses_it() {
        let received = Received::default();
        let mut backend = WriterBackend::new(received.clone(), Size::new(10, 2));
        let copy = crate::model::clipboard::osc52("web-1", false);
        backend.write_raw(&copy).unwrap();
        assert_eq!(*received.0.lock().unwrap(), copy);
        let mut test = ratatui::backend::TestBackend::new(10, 2);
        let refused = SizedBackend::write_raw(&mut test, b"x").unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::Unsupported);
    }

    /// The colours of the first cell a far terminal of `depth` shows for red on navy.
    fn colours_at(depth: ColorDepth) -> (vt100::Color, vt100::Color) {
        use ratatui::style::{Color, Style};
        let size = Size::new(10, 1);
        let received = Received::default();
        let backend = WriterBackend::new(received.clone(), size).with_color_depth(depth);
        let viewport = Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 10, 1));
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        let style = Style::new().fg(Color::Rgb(250, 10, 10)).bg(Color::Rgb(0, 0, 128));
        terminal
            .draw(|frame| frame.render_widget(Paragraph::new("pods").style(style), frame.area()))
            .unwrap();
        let far = received.screen(size);
        let cell = far.screen().cell(0, 0).unwrap();
        (cell.fgcolor(), cell.bgcolor())
    }

    #[test]
    fn colours_reach_the_far_terminal_at_its_depth() {
        use vt100::Color::{Idx, Rgb};
        assert_eq!(colours_at(ColorDepth::TrueColor), (Rgb(250, 10, 10), Rgb(0, 0, 128)));
        assert_eq!(colours_at(ColorDepth::Indexed256), (Idx(196), Idx(18)));
        assert_eq!(colours_at(ColorDepth::Ansi16), (Idx(9), Idx(4)));
    }
}
