//! The fuzz targets (`fuzz/`, docs/fuzzing.md) stay in step with the registry, and every input
//! they found crashing a parser stays fixed here.

use skolbryggan::provider::registry;

/// Every `parse --platform` system of the registry has its fuzz target
/// (`fuzz/fuzz_targets/endpoints_<platform>.rs`, listed in `fuzz/Cargo.toml`) and fixtures to
/// seed it from.
#[test]
fn every_registered_parser_system_has_a_fuzz_target() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let manifest = std::fs::read_to_string(format!("{root}/fuzz/Cargo.toml")).unwrap();
    for parser in registry::parsers() {
        let target = format!("endpoints_{}", parser.platform);
        let file = format!("{root}/fuzz/fuzz_targets/{target}.rs");
        let body = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            body.contains(&format!("endpoints_target!({:?})", parser.platform)),
            "{file}"
        );
        assert!(
            manifest.contains(&format!("name = \"{target}\"")),
            "{target} in fuzz/Cargo.toml"
        );
        let fixtures = format!("{root}/core/tests/fixtures");
        let own = std::fs::read_dir(format!("{fixtures}/{}", parser.platform)).is_ok();
        let constructed = std::fs::read_dir(format!("{fixtures}/constructed"))
            .unwrap()
            .any(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{}-", parser.platform))
            });
        assert!(
            own || constructed,
            "no seed fixtures for {}",
            parser.platform
        );
    }
}
