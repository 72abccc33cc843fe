// Android Studio / Gradle build of the app, beside the Maven build CI runs (android/README.md).
// Not run on the CI machine: it has no Android SDK and no Gradle distribution.
pluginManagement {
    repositories { google(); mavenCentral(); gradlePluginPortal() }
}
dependencyResolutionManagement {
    repositories { google(); mavenCentral() }
}
rootProject.name = "skolbryggan-android"
include(":ui", ":bridge", ":app")
