//! The four metric charts shared by the dashboard and the host monitor: CPU and memory
//! use against allocatable, network RX above the axis and TX below it, filesystem used
//! against total. A source that cannot tell draws "N/A: why" instead of a flat line.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Wrap};

use crate::config::i18n::{Lang, t};
use crate::config::theme::{Role, Theme};
use crate::model::metrics::{HostSeries, Series, format};

/// Draws the four charts of `series` in a 2×2 grid; `now` is the right edge (seconds).
pub fn grid(frame: &mut Frame, area: Rect, series: &HostSeries, frame_of: Window, theme: &Theme) {
    let Window { now, window, lang } = frame_of;
    let [top, bottom] = Layout::vertical([Constraint::Ratio(1, 2); 2]).areas(area);
    let [cpu, memory] = Layout::horizontal([Constraint::Ratio(1, 2); 2]).areas(top);
    let [network, filesystem] = Layout::horizontal([Constraint::Ratio(1, 2); 2]).areas(bottom);
    let charts = Charts {
        now,
        window,
        lang,
        theme,
    };
    let usage = series.usage_na.as_deref();
    let cpu_gauge = Gauge {
        name: t!(lang, "chart.cpu"),
        na: usage,
        used: &series.cpu_used,
        total: &series.cpu_allocatable,
        show: format::cpu,
        title: |lang, used, total, percent| t!(lang, "chart.cpu_of", used = used, total = total, percent = percent),
    };
    charts.used_of_total(frame, cpu, cpu_gauge);
    let memory_gauge = Gauge {
        name: t!(lang, "chart.memory"),
        na: usage,
        used: &series.memory_used,
        total: &series.memory_allocatable,
        show: format::bytes,
        title: |lang, used, total, percent| t!(lang, "chart.memory_of", used = used, total = total, percent = percent),
    };
    charts.used_of_total(frame, memory, memory_gauge);
    charts.network(frame, network, series);
    let filesystem_gauge = Gauge {
        name: t!(lang, "chart.filesystem"),
        na: series.filesystem_na.as_deref(),
        used: &series.fs_used,
        total: &series.fs_capacity,
        show: format::bytes,
        title: |lang, used, total, percent| {
            t!(
                lang,
                "chart.filesystem_of",
                used = used,
                total = total,
                percent = percent
            )
        },
    };
    charts.used_of_total(frame, filesystem, filesystem_gauge);
}

/// A figure used out of a total: what a chart of that kind needs.
struct Gauge<'a> {
    name: &'a str,
    /// Why the source cannot tell, if it cannot.
    na: Option<&'a str>,
    used: &'a Series,
    total: &'a Series,
    show: fn(f64) -> String,
    /// The chart's title from the latest figures: `CPU 2 of 8 cores allocatable (25%)`.
    title: fn(Lang, String, String, String) -> String,
}

/// The time frame of a grid: its right edge (seconds), how far back it reaches, and the
/// language of its words.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub now: i64,
    pub window: i64,
    pub lang: Lang,
}

/// The time frame, language and theme every chart of a grid shares.
struct Charts<'a> {
    now: i64,
    window: i64,
    lang: Lang,
    theme: &'a Theme,
}

impl Charts<'_> {
    fn block(&self, title: String) -> Block<'static> {
        Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.style(Role::Border))
            .title(Span::styled(format!(" {title} "), self.theme.style(Role::Title)))
    }

    /// A chart of `used` under `total`, titled with the latest figures and percentage.
    fn used_of_total(&self, frame: &mut Frame, area: Rect, gauge: Gauge) {
        let Gauge {
            name,
            na,
            used,
            total,
            show,
            title,
        } = gauge;
        if let Some(why) = na {
            return self.not_available(frame, area, name, why);
        }
        let (Some(latest), Some(capacity)) = (used.latest(), total.latest()) else {
            return self.message(frame, area, name.to_string(), t!(self.lang, "chart.waiting").into());
        };
        let percent = if capacity > 0.0 {
            format!(" ({})", format::percent(latest * 100.0 / capacity))
        } else {
            String::new()
        };
        let title = title(self.lang, show(latest), show(capacity), percent);
        let top = total.max().unwrap_or(0.0).max(used.max().unwrap_or(0.0)).max(1.0);
        let used_points = used.relative_to(self.now);
        let total_points = total.relative_to(self.now);
        let datasets = vec![
            self.dataset("total", &total_points, self.theme.style(Role::RowPending)),
            self.dataset("used", &used_points, self.theme.style(Role::RowOk)),
        ];
        let labels = [show(0.0), show(top / 2.0), show(top)];
        self.draw(frame, area, title, datasets, [0.0, top], labels);
    }

    /// RX drawn above the axis, TX below it.
    fn network(&self, frame: &mut Frame, area: Rect, series: &HostSeries) {
        if let Some(why) = series.network_na.as_deref() {
            return self.not_available(frame, area, t!(self.lang, "chart.network"), why);
        }
        let (Some(rx), Some(tx)) = (series.rx.latest(), series.tx.latest()) else {
            let name = t!(self.lang, "chart.network");
            return self.message(frame, area, name.into(), t!(self.lang, "chart.waiting_network").into());
        };
        let (rx, tx) = (format::rate(rx), format::rate(tx));
        let title = t!(self.lang, "chart.network_of", rx = rx, tx = tx);
        let top = series
            .rx
            .max()
            .unwrap_or(0.0)
            .max(series.tx.max().unwrap_or(0.0))
            .max(1.0)
            * 1.05;
        let rx_points = series.rx.relative_to(self.now);
        let tx_points = series.tx.scaled_relative_to(self.now, -1.0);
        let datasets = vec![
            self.dataset("RX", &rx_points, self.theme.style(Role::RowOk)),
            self.dataset("TX", &tx_points, self.theme.style(Role::RowPending)),
        ];
        let labels = [format!("-{}", format::rate(top)), "0".into(), format::rate(top)];
        self.draw(frame, area, title, datasets, [-top, top], labels);
    }

    fn dataset<'a>(&self, name: &'static str, points: &'a [(f64, f64)], style: Style) -> Dataset<'a> {
        Dataset::default()
            .name(name)
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(style)
            .data(points)
    }

    fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        title: String,
        datasets: Vec<Dataset>,
        y_bounds: [f64; 2],
        y_labels: [String; 3],
    ) {
        let axis_style = self.theme.style(Role::Border);
        let x = Axis::default()
            .style(axis_style)
            .bounds([-(self.window as f64), 0.0])
            .labels([
                Line::from(format!("-{}", minutes(self.window))),
                Line::from(t!(self.lang, "chart.now")),
            ]);
        let y = Axis::default()
            .style(axis_style)
            .bounds(y_bounds)
            .labels(y_labels.map(Line::from));
        let chart = Chart::new(datasets)
            .block(self.block(title))
            .x_axis(x)
            .y_axis(y)
            .legend_position(None);
        frame.render_widget(chart, area);
    }

    fn not_available(&self, frame: &mut Frame, area: Rect, name: &str, why: &str) {
        let title = t!(self.lang, "chart.na_title", name = name);
        self.message(frame, area, title, t!(self.lang, "chart.na", why = why));
    }

    fn message(&self, frame: &mut Frame, area: Rect, title: String, text: String) {
        let block = self.block(title);
        let text = Paragraph::new(text)
            .style(self.theme.style(Role::Stale))
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .block(block);
        frame.render_widget(text, area);
    }
}

/// `10m`, `90s`: the window as the x axis labels it.
fn minutes(seconds: i64) -> String {
    if seconds % 60 == 0 {
        format!("{}m", seconds / 60)
    } else {
        format!("{seconds}s")
    }
}
