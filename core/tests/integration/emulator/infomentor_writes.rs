//! InfoMentor's write actions through the client against the emulator: the fresh read of the
//! offers, the write, the read-back stored in the cache, the subscriber told, a retry sending
//! nothing, a locked day refused with a typed reason before anything is sent.

use jiff::ToSpan;
use skolbryggan::Error;
use skolbryggan::client::{DataChanged, WriteAction};
use skolbryggan::error::WriteRefusal;
use skolbryggan::model::Platform;
use skolbryggan::provider::WriteOutcome;
use skolbryggan::sync::RefreshRequest;

use crate::support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infomentor_absence_report_is_stored_told_idempotent_and_refused_when_locked() {
    let emu = support::demo_emulator();
    let session = support::logged_in(&emu, Platform::InfoMentor).await;
    let client = &session.client;
    let today = client.today();
    let tomorrow = today.checked_add(1.day()).unwrap();
    let report = client
        .refresh(&RefreshRequest::everything(today), None)
        .await
        .unwrap();
    assert!(
        report
            .resources
            .iter()
            .any(|r| r.resource.kind.as_str() == "absence_options" && r.failure().is_none()),
        "{report:?}"
    );
    let child = client
        .children()
        .await
        .unwrap()
        .value
        .into_iter()
        .find(|c| c.platform == Platform::InfoMentor)
        .unwrap();
    let cached = client.absence_options(&child.id).await.unwrap().value;
    assert!(cached.iter().any(|a| a.day == tomorrow && a.can_report()));

    let mut events = client.subscribe();
    assert_eq!(
        client
            .report_absence(&child.id, tomorrow, true)
            .await
            .unwrap(),
        WriteOutcome::Done
    );
    let writes = emu.infomentor_writes();
    assert_eq!(writes.len(), 1);
    assert_eq!(writes[0].date, tomorrow);
    // The read-back is in the cache and the subscriber was told.
    let cached = client.absence_options(&child.id).await.unwrap().value;
    assert!(
        cached
            .iter()
            .any(|a| a.day == tomorrow && a.already_reported)
    );
    let event = loop {
        match events.try_recv().unwrap() {
            DataChanged::Written {
                child,
                action,
                outcome,
            } => break (child, action, outcome),
            _ => continue,
        }
    };
    assert_eq!(
        event,
        (
            child.id.clone(),
            WriteAction::AbsenceReport,
            WriteOutcome::Done
        )
    );

    // A retry sends nothing.
    assert_eq!(
        client
            .report_absence(&child.id, tomorrow, true)
            .await
            .unwrap(),
        WriteOutcome::AlreadyDone
    );
    assert_eq!(emu.infomentor_writes().len(), 1);

    // Today locked: a typed refusal, nothing sent.
    emu.set_infomentor_today_locked(true);
    assert!(matches!(
        client.report_absence(&child.id, today, true).await,
        Err(Error::WriteRefused(WriteRefusal::Locked))
    ));
    assert!(matches!(
        client
            .report_absence(&child.id, today.checked_add(5.days()).unwrap(), true)
            .await,
        Err(Error::WriteRefused(WriteRefusal::NotOffered))
    ));
    assert_eq!(emu.infomentor_writes().len(), 1);

    // Withdrawn: one more write, and the cache shows it.
    assert_eq!(
        client
            .report_absence(&child.id, tomorrow, false)
            .await
            .unwrap(),
        WriteOutcome::Done
    );
    assert_eq!(emu.infomentor_writes().len(), 2);
    let cached = client.absence_options(&child.id).await.unwrap().value;
    assert!(
        cached
            .iter()
            .all(|a| a.day != tomorrow || !a.already_reported)
    );
}
