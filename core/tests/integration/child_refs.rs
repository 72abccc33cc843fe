//! `Child::refs`: every provider's reference type, in the JSON shape caches already hold.

use skolbryggan::model::Child;
use skolbryggan::provider::infomentor::InfoMentorPupilRef;
use skolbryggan::provider::skola24::Skola24ChildRef;
use skolbryggan::provider::stockholm::StockholmChildRef;

/// The shape caches already hold: `refs` keyed by platform name. Whatever form `ChildRefs`
/// takes, this JSON must keep reading and writing back unchanged.
#[test]
fn cached_refs_shape_reads_and_writes_back() {
    let json = serde_json::json!({
        "id": "stockholm:acc:child:42",
        "platform": "stockholm",
        "firstName": "Demo",
        "lastName": "Barn",
        "schoolForms": ["grundskola"],
        "refs": {
            "stockholm": {"id": "42", "sdsId": "S1", "schoolId": "SC", "status": "GR"},
            "skola24": {
                "personGuid": "P", "unitGuid": "U", "schoolGuid": "G", "schoolId": "Skolan",
                "timetableId": "T", "firstName": "Demo", "lastName": "Barn"
            },
            "infomentor": {"pupilId": "7", "switchUrl": "/Account/PupilSwitcher/SwitchPupil/9"}
        }
    });
    let child: Child = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(child.refs.get::<StockholmChildRef>().unwrap().sds_id, "S1");
    assert_eq!(
        child
            .refs
            .get::<Skola24ChildRef>()
            .unwrap()
            .timetable_id
            .as_deref(),
        Some("T")
    );
    assert_eq!(
        child.refs.get::<InfoMentorPupilRef>().unwrap().pupil_id,
        "7"
    );
    assert_eq!(serde_json::to_value(&child).unwrap(), json);
}
