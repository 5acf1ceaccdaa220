//! The OpenAPI document is committed (`tests/snapshots/openapi.json`), so that any change
//! of the API's shape shows in review (crates.io's snapshot test). After an intended
//! change: `ZHIJIAO_UPDATE_SNAPSHOTS=1 cargo test -p zhijiao --test openapi`.

#[test]
fn the_openapi_document_matches_the_committed_snapshot() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json");
    let now = zhijiao::areas::openapi().to_pretty_json().expect("OpenAPI serialises") + "\n";
    if std::env::var_os("ZHIJIAO_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &now).expect("write the snapshot");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != now {
        let line = committed.lines().zip(now.lines()).position(|(a, b)| a != b).unwrap_or(committed.lines().count().min(now.lines().count()));
        panic!(
            "the OpenAPI document differs from tests/snapshots/openapi.json from line {}:\n  committed: {:?}\n  now:       {:?}\nIf the change is intended: ZHIJIAO_UPDATE_SNAPSHOTS=1 cargo test -p zhijiao --test openapi",
            line + 1,
            committed.lines().nth(line).unwrap_or("<end>"),
            now.lines().nth(line).unwrap_or("<end>")
        );
    }
}
