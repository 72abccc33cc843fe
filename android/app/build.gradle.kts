// The app: the same sources, manifest, resources and Robolectric tests as app/pom.xml.
// libskolbryggan.so per ABI: scripts/build-phone-lib.sh <target> into src/main/jniLibs/<abi>/.
plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
    id("org.jetbrains.kotlin.plugin.compose")
}

android {
    namespace = "se.skolbryggan.app"
    compileSdk = 35
    defaultConfig {
        applicationId = "se.skolbryggan.app"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
    }
    sourceSets["main"].kotlin.srcDir("src/main/kotlin")
    sourceSets["test"].kotlin.srcDirs("src/test/kotlin", "../test-support/kotlin")
    testOptions { unitTests.isIncludeAndroidResources = true }
    compileOptions { sourceCompatibility = JavaVersion.VERSION_17; targetCompatibility = JavaVersion.VERSION_17 }
}

kotlin { jvmToolchain(17) }

dependencies {
    implementation(project(":bridge"))
    implementation("androidx.core:core-ktx:1.17.0")
    implementation("androidx.activity:activity-compose:1.12.4")
    implementation("androidx.work:work-runtime-ktx:2.11.2")
    implementation("androidx.browser:browser:1.8.0")
    testImplementation("junit:junit:4.13.2")
    testImplementation("org.robolectric:robolectric:4.16.1")
    testImplementation("androidx.work:work-testing:2.11.2")
    // The unit tests load the host build of the library through JNA, not the AAR's.
    testImplementation("net.java.dev.jna:jna:5.19.1")
}

tasks.withType<Test>().configureEach {
    systemProperty("jna.library.path", rootProject.file("../target/debug").absolutePath)
    jvmArgs("--add-opens", "java.base/java.io=ALL-UNNAMED")
}
