// swift-tools-version:5.9
// Skolbryggan for iOS and macOS apps: the Rust core as an XCFramework plus the generated Swift
// bindings and small Swift-concurrency helpers (`Skolbryggan`), the app-side protocol, demo core
// and view models (`SkolbrygganKit`, no SwiftUI/UIKit) and the protocol on the bindings
// (`SkolbrygganLive`). The app itself is App/project.yml (XcodeGen) over this package.
//
// Build the XCFramework and the generated Swift first (on a Mac with Xcode and rustup):
//
//     ios/build-xcframework.sh            # → ios/SkolbrygganFFI.xcframework, ios/Sources/Skolbryggan/Skolbryggan.swift
//
// then `swift test` here runs the view-model suite on the Mac, and ios/README.md builds the app.
// On Linux the same sources are compiled and tested by scripts/test-ios.sh (ios/linux/Package.swift).
import PackageDescription

let package = Package(
    name: "Skolbryggan",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "Skolbryggan", targets: ["Skolbryggan"]),
        .library(name: "SkolbrygganKit", targets: ["SkolbrygganKit"]),
        .library(name: "SkolbrygganLive", targets: ["SkolbrygganLive"]),
    ],
    targets: [
        // libskolbryggan.a for every Apple target, with the generated C header and module map
        // (module `SkolbrygganFFI`).
        .binaryTarget(name: "SkolbrygganFFI", path: "SkolbrygganFFI.xcframework"),
        // The generated Skolbryggan.swift (written here by build-xcframework.sh, not committed)
        // and the hand-written helpers (Skolbryggan+Concurrency.swift).
        .target(name: "Skolbryggan", dependencies: ["SkolbrygganFFI"], path: "Sources/Skolbryggan"),
        .target(name: "SkolbrygganKit", path: "Sources/SkolbrygganKit"),
        .target(name: "SkolbrygganLive", dependencies: ["Skolbryggan", "SkolbrygganKit"], path: "Sources/SkolbrygganLive"),
        .testTarget(name: "SkolbrygganKitTests", dependencies: ["SkolbrygganKit", "SkolbrygganLive", "Skolbryggan"],
                    path: "Tests/SkolbrygganKitTests"),
    ]
)
