//! The queue coalesces, bounds its writes and its memory, and a far terminal that
//! stopped reading gets the whole screen back once it reads again.

use futures::FutureExt;
use ratatui::layout::Size;
use ratatui::widgets::Paragraph;

use super::*;
use crate::tui::{SessionTerminal, StreamTerminal, TermEvent, WriterBackend};

fn commit(writer: &mut OutputWriter, bytes: &[u8]) {
    writer.write_all(bytes).unwrap();
    writer.flush().unwrap();
}

/// What `reader` has ready now, without waiting.
fn ready(reader: &mut OutputReader) -> Option<Option<Vec<u8>>> {
    reader.next().now_or_never()
}

#[test]
fn committed_frames_are_read_together_and_a_frame_in_progress_is_not() {
    let (mut writer, mut reader) = output_queue(1024);
    commit(&mut writer, b"one ");
    commit(&mut writer, b"two");
    writer.write_all(b"three").unwrap();
    assert_eq!(ready(&mut reader), Some(Some(b"one two".to_vec())));
    assert_eq!(ready(&mut reader), None, "nothing committed waits");
    writer.flush().unwrap();
    assert_eq!(ready(&mut reader), Some(Some(b"three".to_vec())));
    assert!(!writer.take_lost());
}

#[test]
fn a_large_frame_is_read_in_writes_of_at_most_max_write() {
    let (mut writer, mut reader) = output_queue(1024);
    let frame = vec![b'x'; 2 * MAX_WRITE + 10];
    commit(&mut writer, &frame);
    drop(writer);
    let sizes: Vec<usize> = std::iter::from_fn(|| ready(&mut reader).flatten().map(|bytes| bytes.len())).collect();
    assert_eq!(sizes, [MAX_WRITE, MAX_WRITE, 10]);
    assert_eq!(
        ready(&mut reader),
        Some(None),
        "the writer is gone and everything was taken"
    );
}

#[tokio::test]
async fn the_reader_wakes_when_a_frame_is_committed() {
    let (mut writer, mut reader) = output_queue(1024);
    let read = tokio::spawn(async move { (reader.next().await, reader.next().await) });
    tokio::task::yield_now().await;
    commit(&mut writer, b"frame");
    drop(writer);
    assert_eq!(read.await.unwrap(), (Some(b"frame".to_vec()), None));
}

#[test]
fn a_reader_that_never_reads_costs_no_more_than_the_limit() {
    let limit = 64 * 1024;
    let (mut writer, reader) = output_queue(limit);
    for frame in 0..200u8 {
        commit(&mut writer, &vec![frame; 10 * 1024]);
        assert!(reader.queued() <= limit, "{} bytes queued", reader.queued());
    }
    assert!(writer.take_lost());
    assert!(!writer.take_lost(), "the flag is taken");
}

/// A screen of `size` whose every row names the frame it was drawn in.
fn rows_of_frame(frame: usize, size: Size) -> Vec<String> {
    (0..size.height)
        .map(|row| format!("frame {frame} row {row} {}", "#".repeat(frame % 7 + 1)))
        .collect()
}

fn draw_rows(terminal: &mut impl SessionTerminal, rows: &[String]) {
    let text = rows.join("\n");
    terminal
        .draw(|frame| frame.render_widget(Paragraph::new(text.as_str()), frame.area()))
        .unwrap();
}

/// The far terminal's rows as a person sees them (trailing blanks are blanks, written or not).
fn far_rows(far: &vt100::Parser) -> Vec<String> {
    let width = far.screen().size().1;
    far.screen()
        .rows(0, width)
        .map(|row| row.trim_end().to_string())
        .collect()
}

/// Everything queued so far, given to the far terminal.
fn catch_up(reader: &mut OutputReader, far: &mut vt100::Parser) {
    while let Some(Some(bytes)) = ready(reader) {
        far.process(&bytes);
    }
}

#[test]
fn after_lost_output_the_next_frame_redraws_the_whole_far_screen() {
    let size = Size::new(40, 10);
    let limit = 4 * 1024;
    let (writer, mut reader) = output_queue(limit);
    let backend = WriterBackend::new(writer, size);
    let mut terminal = StreamTerminal::new(backend, size, futures::stream::empty::<TermEvent>()).unwrap();
    let mut far = vt100::Parser::new(size.height, size.width, 0);
    draw_rows(&mut terminal, &rows_of_frame(0, size));
    catch_up(&mut reader, &mut far);
    assert_eq!(far_rows(&far), rows_of_frame(0, size));

    let mut frame = 0;
    loop {
        frame += 1;
        let queued_before = reader.queued();
        draw_rows(&mut terminal, &rows_of_frame(frame, size));
        assert!(reader.queued() <= limit, "{} bytes queued", reader.queued());
        if reader.queued() < queued_before {
            break;
        }
        assert!(frame < 1000, "no frame was ever dropped");
    }
    catch_up(&mut reader, &mut far);
    assert_eq!(far_rows(&far), rows_of_frame(0, size), "what was queued was dropped");

    let mut last = rows_of_frame(frame, size);
    last[0] = "the next frame changes one row".into();
    draw_rows(&mut terminal, &last);
    catch_up(&mut reader, &mut far);
    assert_eq!(far_rows(&far), last);
}
