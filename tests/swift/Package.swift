// swift-tools-version:5.9
// Linux test package for the generated Swift bindings. scripts/test-swift.sh assembles it under
// target/bindings/swift-pkg (generated sources + ios/Sources helpers + these tests) and runs
// `swift test` in the Debian trixie chroot. SKOLBRYGGAN_LIB_DIR is the directory of
// libskolbryggan.so.
import Foundation
import PackageDescription

let libDir = ProcessInfo.processInfo.environment["SKOLBRYGGAN_LIB_DIR"] ?? "/usr/local/lib"

let package = Package(
    name: "SkolbrygganLinuxTests",
    targets: [
        .systemLibrary(name: "SkolbrygganFFI", path: "Sources/SkolbrygganFFI"),
        .target(
            name: "Skolbryggan",
            dependencies: ["SkolbrygganFFI"],
            path: "Sources/Skolbryggan",
            linkerSettings: [.unsafeFlags(["-L", libDir, "-Xlinker", "-rpath", "-Xlinker", libDir])]
        ),
        .testTarget(name: "SkolbrygganTests", dependencies: ["Skolbryggan"], path: "Tests/SkolbrygganTests"),
    ]
)
