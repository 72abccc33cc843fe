//! `skolbryggan changes`.

use std::fmt::Write as _;

use skolbryggan::time;

use crate::args::{ChangesArgs, GlobalArgs};
use crate::exit::Failure;

/// Lists the change feed (unread by default).
pub async fn run(global: &GlobalArgs, args: &ChangesArgs) -> Result<(), Failure> {
    let client = super::open::client(global).await?;
    let changes = client.changes(!args.all).await?;
    let mut out = String::new();
    if args.json {
        out = super::pretty_json(&changes)?;
    } else {
        let children = client.children().await?.value;
        for c in &changes {
            let who = children
                .iter()
                .find(|x| x.id == c.child_id)
                .map(|x| x.first_name.as_str())
                .unwrap_or("?");
            let kind = serde_json::to_value(c.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}  {who}: {kind}: {}{}",
                time::from_timestamp(c.at).strftime("%Y-%m-%d %H:%M"),
                c.title,
                if c.read { "" } else { " (new)" }
            );
        }
        if changes.is_empty() {
            out.push_str("No changes.\n");
        }
    }
    crate::output::print(&out)?;
    if args.mark_read && !changes.is_empty() {
        client
            .mark_read(changes.iter().map(|c| c.id).collect())
            .await?;
        eprintln!("marked {} as read", changes.len());
    }
    Ok(())
}
