//! [`DemoFamily`]: the generated demo family on its own, for previews and for measuring the cost
//! of crossing the boundary against the same call in Rust.

use std::sync::Arc;

use skolbryggan::model::FamilySnapshot;
use skolbryggan::provider::demo::{DemoConfig, DemoFamily as CoreFamily};
use skolbryggan::week::WeekOverview as CoreWeekOverview;

use crate::error::FfiResult;
use crate::records::{WeekOverview, parse_date};

/// The built-in demo family, generated in memory (no client, no cache).
#[derive(uniffi::Object)]
pub struct DemoFamily {
    snapshot: FamilySnapshot,
}

#[uniffi::export]
impl DemoFamily {
    /// Generates the family for the school year containing `date` (`YYYY-MM-DD`), `scale` times
    /// as large (1: five children; 10: fifty, as the benchmarks use).
    #[uniffi::constructor]
    pub fn generate(date: String, scale: u32) -> FfiResult<Arc<Self>> {
        let config = DemoConfig::for_date(parse_date(&date)?).with_scale(scale);
        Ok(Arc::new(DemoFamily {
            snapshot: CoreFamily::generate(&config).as_shown(),
        }))
    }

    /// The family's week containing `date`: the same `WeekOverview::build` the client runs on
    /// its cache.
    pub fn week_overview(&self, date: String) -> FfiResult<WeekOverview> {
        Ok(WeekOverview::from(&CoreWeekOverview::build(
            &self.snapshot,
            parse_date(&date)?,
        )))
    }

    /// Number of children.
    pub fn child_count(&self) -> FfiResult<u32> {
        Ok(u32::try_from(self.snapshot.children.len()).unwrap_or(u32::MAX))
    }
}
