// swift-tools-version:5.9
// Skolbryggan for iOS and macOS apps: the Rust core as an XCFramework plus the generated Swift
// bindings and small Swift-concurrency helpers.
//
// Build the XCFramework and the generated Swift first (on a Mac with Xcode and rustup):
//
//     ios/build-xcframework.sh            # → ios/SkolbrygganFFI.xcframework, ios/Sources/Skolbryggan/Skolbryggan.swift
//
// then add this directory as a local Swift package in Xcode (File ▸ Add Package Dependencies ▸
// Add Local…) and `import Skolbryggan`. The same generated Swift is compiled and tested on Linux
// by scripts/test-swift.sh (tests/swift).
import PackageDescription

let package = Package(
    name: "Skolbryggan",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Skolbryggan", targets: ["Skolbryggan"]),
    ],
    targets: [
        // libskolbryggan.a for every Apple target, with the generated C header and module map
        // (module `SkolbrygganFFI`).
        .binaryTarget(name: "SkolbrygganFFI", path: "SkolbrygganFFI.xcframework"),
        // The generated Skolbryggan.swift (written here by build-xcframework.sh, not committed)
        // and the hand-written helpers (Skolbryggan+Concurrency.swift).
        .target(name: "Skolbryggan", dependencies: ["SkolbrygganFFI"], path: "Sources/Skolbryggan"),
    ]
)
