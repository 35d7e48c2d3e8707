//! A time series kept in memory over a bounded window: old points fall off as new ones
//! arrive, so a dashboard left open for days uses the same memory as one opened now.

use std::collections::VecDeque;

/// The most points any series keeps, whatever the window says (a safety bound).
pub const MAX_POINTS: usize = 4096;

/// Points `(seconds since the epoch, value)` no older than `window` seconds before the newest.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    window: i64,
    points: VecDeque<(i64, f64)>,
}

impl Series {
    /// An empty series keeping `window` seconds (at least one).
    pub fn new(window: i64) -> Series {
        Series {
            window: window.max(1),
            points: VecDeque::new(),
        }
    }

    /// Adds a point; points older than the window (relative to `at`) are dropped. A point
    /// older than the newest one is ignored, so the series stays in time order.
    pub fn push(&mut self, at: i64, value: f64) {
        if self.points.back().is_some_and(|&(last, _)| at < last) || !value.is_finite() {
            return;
        }
        self.points.push_back((at, value));
        while self.points.front().is_some_and(|&(t, _)| t < at - self.window) || self.points.len() > MAX_POINTS {
            self.points.pop_front();
        }
    }

    pub fn latest(&self) -> Option<f64> {
        self.points.back().map(|&(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn window(&self) -> i64 {
        self.window
    }

    /// The points as chart coordinates: x in seconds relative to `now` (≤ 0).
    pub fn relative_to(&self, now: i64) -> Vec<(f64, f64)> {
        self.points.iter().map(|&(t, v)| ((t - now) as f64, v)).collect()
    }

    /// The points scaled by `factor` (TX drawn negative, bytes to MiB…).
    pub fn scaled_relative_to(&self, now: i64, factor: f64) -> Vec<(f64, f64)> {
        self.points
            .iter()
            .map(|&(t, v)| ((t - now) as f64, v * factor))
            .collect()
    }

    pub fn max(&self) -> Option<f64> {
        self.points.iter().map(|&(_, v)| v).reduce(f64::max)
    }

    /// The time of the newest point.
    pub fn newest(&self) -> Option<i64> {
        self.points.back().map(|&(t, _)| t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_points_fall_out_of_the_window() {
        let mut s = Series::new(60);
        for t in (0..=120).step_by(10) {
            s.push(t, t as f64);
        }
        assert_eq!(s.len(), 7, "60 s window with a point every 10 s keeps 60..=120");
        assert_eq!(s.relative_to(120).first(), Some(&(-60.0, 60.0)));
        assert_eq!(s.latest(), Some(120.0));
        assert_eq!(s.max(), Some(120.0));
    }

    #[test]
    fn out_of_order_and_non_finite_points_are_ignored() {
        let mut s = Series::new(60);
        s.push(10, 1.0);
        s.push(5, 2.0);
        s.push(11, f64::NAN);
        assert_eq!(s.len(), 1);
        assert_eq!(s.latest(), Some(1.0));
    }

    #[test]
    fn the_point_count_is_bounded_even_with_a_huge_window() {
        let mut s = Series::new(i64::MAX / 4);
        for t in 0..(MAX_POINTS as i64 + 10) {
            s.push(t, 1.0);
        }
        assert_eq!(s.len(), MAX_POINTS);
        assert_eq!(s.newest(), Some(MAX_POINTS as i64 + 9));
    }

    #[test]
    fn a_window_is_at_least_a_second_and_scaling_negates_tx() {
        let mut s = Series::new(0);
        assert_eq!(s.window(), 1);
        s.push(100, 5.0);
        assert_eq!(s.scaled_relative_to(100, -1.0), vec![(0.0, -5.0)]);
    }
}
