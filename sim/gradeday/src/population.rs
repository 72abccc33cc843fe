//! The families: how many children, when they open the app, how old their cache is.

/// One family.
#[derive(Debug, Clone, Copy)]
pub struct Family {
    /// School children (1–3).
    pub children: u8,
    /// First open, seconds from the start of the hour.
    pub first_open: f64,
    /// When the app last synced before grade day, seconds (negative: before the hour).
    pub last_sync: f64,
    /// Whether our saved session is still valid (no BankID needed).
    pub session_valid: bool,
}

/// How the population is drawn.
#[derive(Debug, Clone)]
pub struct PopulationModel {
    /// Families.
    pub families: u32,
    /// Shares of families with 1, 2 and 3 school children.
    pub children_shares: [f64; 3],
    /// The hour's length, seconds.
    pub hour: f64,
    /// When the grades are published, seconds into the hour.
    pub publication: f64,
    /// Share of families that open at the peak (the rest open evenly over the hour).
    pub peak_share: f64,
    /// Mean delay of a peak open after publication, seconds (exponential).
    pub peak_mean: f64,
    /// Share of families whose saved session has expired (they log in with BankID).
    pub expired_share: f64,
    /// Share of families that used the app earlier the same day (the rest 1–7 days ago).
    pub used_today_share: f64,
}

impl Default for PopulationModel {
    fn default() -> Self {
        PopulationModel {
            families: 500_000,
            children_shares: [0.45, 0.35, 0.20],
            hour: 3600.0,
            publication: 600.0,
            peak_share: 0.8,
            peak_mean: 480.0,
            expired_share: 0.25,
            used_today_share: 0.6,
        }
    }
}

impl PopulationModel {
    /// The families, drawn from `rng` (the same seed gives the same population).
    pub fn draw(&self, rng: &mut fastrand::Rng) -> Vec<Family> {
        (0..self.families)
            .map(|_| {
                let u = rng.f64();
                let children = if u < self.children_shares[0] {
                    1
                } else if u < self.children_shares[0] + self.children_shares[1] {
                    2
                } else {
                    3
                };
                let first_open = if rng.f64() < self.peak_share {
                    loop {
                        let t = self.publication - self.peak_mean * (1.0 - rng.f64()).ln();
                        if t < self.hour {
                            break t;
                        }
                    }
                } else {
                    rng.f64() * self.hour
                };
                let age = if rng.f64() < self.used_today_share {
                    // Earlier today: exponential, mean 4 hours.
                    -4.0 * 3600.0 * (1.0 - rng.f64()).ln()
                } else {
                    86_400.0 * (1.0 + 6.0 * rng.f64())
                };
                Family {
                    children,
                    first_open,
                    last_sync: first_open - age,
                    session_valid: rng.f64() >= self.expired_share,
                }
            })
            .collect()
    }
}
