// SchoolCore on the generated bindings (scripts/test-android.sh generates them into
// target/bindings/android-kotlin; run it, or the uniffi-bindgen step of android/README.md, first).
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "se.skolbryggan.bridge"
    compileSdk = 35
    defaultConfig { minSdk = 26 }
    sourceSets["main"].kotlin.srcDirs("src/main/kotlin", "../../target/bindings/android-kotlin")
    sourceSets["test"].kotlin.srcDirs("src/test/kotlin", "../test-support/kotlin")
    compileOptions { sourceCompatibility = JavaVersion.VERSION_17; targetCompatibility = JavaVersion.VERSION_17 }
}

kotlin { jvmToolchain(17) }

dependencies {
    api(project(":ui"))
    implementation("net.java.dev.jna:jna:5.19.1@aar")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
}
