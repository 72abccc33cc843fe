//! `skolbryggan-emulator`: runs the emulator on the demo family until Ctrl-C.

use std::path::PathBuf;

use clap::Parser;
use skolbryggan_emulator::{CONTROL_HOST, Emulator, EmulatorConfig};

/// HTTPS emulator of Stockholm's Skolplattformen and Skola24 on loopback.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Where to write the CA certificate (PEM).
    #[arg(long)]
    ca_out: Option<PathBuf>,
    /// Seed of the demo family.
    #[arg(long)]
    seed: Option<u64>,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let mut config = match args.seed {
        Some(seed) => EmulatorConfig::demo_with_seed(seed),
        None => EmulatorConfig::demo(),
    };
    config.port = args.port;
    let emulator = match Emulator::start(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("skolbryggan-emulator: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let ca_path = args
        .ca_out
        .unwrap_or_else(|| std::env::temp_dir().join("skolbryggan-emulator-ca.pem"));
    if let Err(e) = std::fs::write(&ca_path, emulator.ca_pem()) {
        eprintln!(
            "skolbryggan-emulator: cannot write {}: {e}",
            ca_path.display()
        );
        return std::process::ExitCode::FAILURE;
    }
    let addr = emulator.addr();
    let port = addr.port();
    let ca = ca_path.display();
    println!("skolbryggan-emulator listening on {addr}");
    println!("CA certificate: {ca}");
    println!("use it:   SKOLBRYGGAN_EMULATOR_CA={ca} skolbryggan --emulator {addr} …");
    let curl = format!("curl -s --cacert {ca} https://localhost:{port}/__control");
    println!("control:  https://{CONTROL_HOST}:{port}/__control/… (also on localhost)");
    println!("state:    {curl}/state");
    println!(
        "bankid:   {curl}/bankid -d '{{\"pendingPolls\":2,\"userSignPolls\":1,\"outcome\":\"ok\"}}'   (outcome ok|error|cancelled|expire)"
    );
    println!(
        "freja:    {curl}/freja -d '{{\"startedPolls\":1,\"deliveredPolls\":1,\"outcome\":\"approved\"}}'   (approved|canceled|expired|rp_canceled|error)"
    );
    println!("expire:   {curl}/sessions/expire -X POST");
    println!("lifetime: {curl}/sessions/lifetime -d '{{\"seconds\":60}}'   (null = no expiry)");
    println!(
        "fault:    {curl}/faults -d '{{\"endpoint\":\"GetChildren\",\"times\":1,\"fault\":{{\"latencyMs\":0,\"effect\":{{\"kind\":\"status\",\"status\":503,\"retryAfterSecs\":2}}}}}}'"
    );
    println!(
        "          effects: none | status {{status, retryAfterSecs}} | truncated_body | html_instead_of_json | wrong_child;  clear: {curl}/faults -X DELETE"
    );
    println!("log:      {curl}/log   (reset: {curl}/log -X DELETE)");
    println!(
        "menu:     {curl}/menu -d '{{\"childId\":\"<Stockholm child Id>\",\"kind\":\"rss\"}}'   (rss|list)"
    );
    println!("family:   {curl}/family   (PUT a FamilySnapshot JSON to replace it)");
    println!("Stop with Ctrl-C.");
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("skolbryggan-emulator: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let _ = runtime.block_on(tokio::signal::ctrl_c());
    drop(emulator);
    std::process::ExitCode::SUCCESS
}
