//! Per-tier counters and a latency histogram, all relaxed atomics: reading them never
//! slows the tier down.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use serde::Serialize;

const BUCKETS: usize = 40; // bucket i holds latencies below 2^i microseconds

pub struct TierMetrics {
    submitted: AtomicU64,
    started: AtomicU64,
    completed: AtomicU64,
    panicked: AtomicU64,
    /// Storage only: transactions, each holding one or more completed jobs.
    groups: AtomicU64,
    latency_us: [AtomicU64; BUCKETS],
}

impl Default for TierMetrics {
    fn default() -> Self {
        TierMetrics {
            submitted: AtomicU64::new(0),
            started: AtomicU64::new(0),
            completed: AtomicU64::new(0),
            panicked: AtomicU64::new(0),
            groups: AtomicU64::new(0),
            latency_us: [const { AtomicU64::new(0) }; BUCKETS],
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TierSnapshot {
    pub queued: u64,
    pub running: u64,
    pub completed: u64,
    pub panicked: u64,
    /// Storage: transactions committed (group commit puts many jobs in one).
    pub groups: u64,
    /// Submission to completion, in microseconds (upper bounds of log2 buckets).
    pub latency_p50_us: u64,
    pub latency_p90_us: u64,
    pub latency_p99_us: u64,
}

impl TierMetrics {
    pub fn submitted(&self) {
        self.submitted.fetch_add(1, Relaxed);
    }

    pub fn started(&self) {
        self.started.fetch_add(1, Relaxed);
    }

    pub fn group_committed(&self) {
        self.groups.fetch_add(1, Relaxed);
    }

    pub fn panicked(&self) {
        self.panicked.fetch_add(1, Relaxed);
    }

    pub fn completed(&self, since_submit: Duration) {
        let micros = since_submit.as_micros().min(u64::MAX as u128) as u64;
        let bucket = (u64::BITS - micros.leading_zeros()) as usize;
        self.latency_us[bucket.min(BUCKETS - 1)].fetch_add(1, Relaxed);
        self.completed.fetch_add(1, Relaxed);
    }

    pub fn snapshot(&self) -> TierSnapshot {
        let submitted = self.submitted.load(Relaxed);
        let started = self.started.load(Relaxed);
        let completed = self.completed.load(Relaxed);
        let counts: Vec<u64> = self.latency_us.iter().map(|b| b.load(Relaxed)).collect();
        TierSnapshot {
            queued: submitted.saturating_sub(started),
            running: started.saturating_sub(completed),
            completed,
            panicked: self.panicked.load(Relaxed),
            groups: self.groups.load(Relaxed),
            latency_p50_us: percentile(&counts, 0.50),
            latency_p90_us: percentile(&counts, 0.90),
            latency_p99_us: percentile(&counts, 0.99),
        }
    }
}

fn percentile(counts: &[u64], q: f64) -> u64 {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return 0;
    }
    let rank = ((total as f64) * q).ceil().max(1.0) as u64;
    let mut seen = 0;
    for (bucket, count) in counts.iter().enumerate() {
        seen += count;
        if seen >= rank {
            return 1u64 << bucket;
        }
    }
    1u64 << (counts.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_come_from_the_buckets() {
        let m = TierMetrics::default();
        for _ in 0..99 {
            m.submitted();
            m.started();
            m.completed(Duration::from_micros(3)); // bucket 2: below 4 us
        }
        m.submitted();
        m.started();
        m.completed(Duration::from_millis(5)); // below 8192 us
        m.submitted();
        let s = m.snapshot();
        assert_eq!((s.queued, s.running, s.completed), (1, 0, 100));
        assert_eq!(s.latency_p50_us, 4);
        assert_eq!(s.latency_p99_us, 4);
        assert_eq!(percentile(&[0, 0, 99, 0, 1], 1.0), 16);
    }
}
