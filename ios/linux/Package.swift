// swift-tools-version:5.9
// The Linux build of the iOS app's testable half: the generated bindings, SkolbrygganKit (app-side
// protocol, demo core, view models, background/notification/calendar logic) and
// SkolbrygganLive (the protocol on the bindings), with their tests against the real library.
// scripts/test-ios.sh assembles it under target/ios-linux and runs `swift build` + `swift test`
// in the Debian trixie chroot. SKOLBRYGGAN_LIB_DIR is the directory of libskolbryggan.so.
import Foundation
import PackageDescription

let libDir = ProcessInfo.processInfo.environment["SKOLBRYGGAN_LIB_DIR"] ?? "/usr/local/lib"

let package = Package(
    name: "SkolbrygganIOSLinux",
    targets: [
        .systemLibrary(name: "SkolbrygganFFI", path: "Sources/SkolbrygganFFI"),
        .target(
            name: "Skolbryggan",
            dependencies: ["SkolbrygganFFI"],
            path: "Sources/Skolbryggan",
            linkerSettings: [.unsafeFlags(["-L", libDir, "-Xlinker", "-rpath", "-Xlinker", libDir])]
        ),
        // Debian's libswiftObservation.so needs swift::threading::fatal, which no Debian library
        // exports; this C file defines it (Linux only; Apple's toolchain has it).
        .target(name: "ObservationLinuxShim", path: "Sources/ObservationLinuxShim"),
        .target(name: "SkolbrygganKit", dependencies: ["ObservationLinuxShim"], path: "Sources/SkolbrygganKit"),
        .target(name: "SkolbrygganLive", dependencies: ["Skolbryggan", "SkolbrygganKit"], path: "Sources/SkolbrygganLive"),
        .testTarget(name: "SkolbrygganKitTests", dependencies: ["SkolbrygganKit", "SkolbrygganLive", "Skolbryggan"],
                    path: "Tests/SkolbrygganKitTests"),
    ]
)
