//! The family snapshot seen through the upstream systems, and rendered in their formats.

pub(crate) mod skola24;
pub(crate) mod stockholm;

use jiff::ZonedDateTime;
use skolbryggan::model::{Child, EntityId, FamilySnapshot};
use skolbryggan::provider::skola24::Skola24ChildRef;
use skolbryggan::provider::stockholm::StockholmChildRef;

/// A child known to the Stockholm e-services.
#[derive(Clone)]
pub(crate) struct StockholmKid<'a> {
    pub child: &'a Child,
    pub r: StockholmChildRef,
}

impl StockholmKid<'_> {
    /// True for a pre-school child (status contains the form `FS`).
    pub fn is_fs(&self) -> bool {
        is_fs_status(&self.r.status)
    }
}

/// True when a `;`-separated Stockholm status contains `FS`.
pub(crate) fn is_fs_status(status: &str) -> bool {
    status.split(';').any(|s| s.trim() == "FS")
}

/// The children served by the e-services, in snapshot order.
pub(crate) fn stockholm_kids(family: &FamilySnapshot) -> Vec<StockholmKid<'_>> {
    family
        .children
        .iter()
        .filter_map(|child| {
            child
                .refs
                .get::<StockholmChildRef>()
                .map(|r| StockholmKid { child, r })
        })
        .collect()
}

/// The e-service child with this `Id` (GUIDs compared case-insensitively).
pub(crate) fn kid_by_id<'a>(family: &'a FamilySnapshot, id: &str) -> Option<StockholmKid<'a>> {
    stockholm_kids(family)
        .into_iter()
        .find(|k| k.r.id.eq_ignore_ascii_case(id))
}

/// The e-service child with this `SDSId`.
pub(crate) fn kid_by_sds<'a>(family: &'a FamilySnapshot, sds: &str) -> Option<StockholmKid<'a>> {
    stockholm_kids(family)
        .into_iter()
        .find(|k| k.r.sds_id.eq_ignore_ascii_case(sds))
}

/// True when any e-service child goes to pre-school: the FS queue rules apply.
pub(crate) fn family_has_fs(family: &FamilySnapshot) -> bool {
    stockholm_kids(family).iter().any(StockholmKid::is_fs)
}

/// Another e-service child than `id`, preferring a pre-school child (for the wrong-child fault).
pub(crate) fn other_kid<'a>(family: &'a FamilySnapshot, id: &str) -> Option<StockholmKid<'a>> {
    let others: Vec<_> = stockholm_kids(family)
        .into_iter()
        .filter(|k| !k.r.id.eq_ignore_ascii_case(id))
        .collect();
    others
        .iter()
        .find(|k| k.is_fs())
        .or(others.first())
        .cloned()
}

/// Children known to Skola24.
pub(crate) fn skola24_kids(family: &FamilySnapshot) -> Vec<(&Child, Skola24ChildRef)> {
    family
        .children
        .iter()
        .filter_map(|c| c.refs.get::<Skola24ChildRef>().map(|r| (c, r)))
        .collect()
}

/// The upstream part of a child's item id (`<child>/<item>` → `<item>`).
pub(crate) fn item_local(child_id: &EntityId, id: &EntityId) -> String {
    let prefix = format!("{}/", child_id.local());
    id.local()
        .strip_prefix(&prefix)
        .unwrap_or(id.local())
        .to_owned()
}

/// An instant in Swedish local time.
pub(crate) fn local(z: &ZonedDateTime) -> ZonedDateTime {
    skolbryggan::time::in_stockholm(z)
}

/// The old ASP.NET JSON date, `/Date(<ms>)/`.
pub(crate) fn ms_date(z: &ZonedDateTime) -> String {
    format!("/Date({})/", z.timestamp().as_millisecond())
}

use skolbryggan::time::SWEDISH_MONTHS as MONTHS;

/// Swedish month name, full (`"december"`).
pub(crate) fn month_name(month: i8) -> &'static str {
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

/// Swedish month name, short (`"dec"`, `"maj"`).
pub(crate) fn month_short(month: i8) -> String {
    month_name(month).chars().take(3).collect()
}

/// Swedish text form `"18 december 2020 16:15"`.
pub(crate) fn swedish_text(z: &ZonedDateTime) -> String {
    let l = local(z);
    format!(
        "{} {} {} {:02}:{:02}",
        l.day(),
        month_name(l.month()),
        l.year(),
        l.hour(),
        l.minute()
    )
}
