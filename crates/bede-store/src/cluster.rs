//! Cross-outlet event clustering (to be built: issue 4, ingest work).

/// How mentions are grouped into one event cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterOptions {
    /// Two mentions' dates may differ by at most this many days (default 1: ±1 day).
    pub window_days: u32,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions { window_days: 1 }
    }
}
