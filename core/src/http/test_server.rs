//! A tiny plain-HTTP server on 127.0.0.1 that answers crafted bytes, for transport tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request (given the request head).
pub(crate) type Script = Arc<dyn Fn(&str) -> Reply + Send + Sync>;

/// One scripted answer.
pub(crate) struct Reply {
    pub bytes: Vec<u8>,
    pub delay: Duration,
}

impl Reply {
    pub fn raw(bytes: impl Into<Vec<u8>>) -> Self {
        Reply {
            bytes: bytes.into(),
            delay: Duration::ZERO,
        }
    }

    /// A complete answer with `Content-Length` and `Connection: close`.
    pub fn full(status: &str, headers: &[(&str, &str)], body: &str) -> Self {
        let mut out = format!("HTTP/1.1 {status}\r\n");
        for (n, v) in headers {
            out.push_str(&format!("{n}: {v}\r\n"));
        }
        out.push_str(&format!(
            "content-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        ));
        Reply::raw(out)
    }

    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// A running server; its task stops when the test's runtime ends.
pub(crate) struct TestServer {
    pub base: String,
    pub max_in_flight: Arc<AtomicUsize>,
    pub requests: Arc<std::sync::Mutex<Vec<String>>>,
}

pub(crate) async fn serve(script: Script) -> TestServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let in_flight = Arc::new(AtomicUsize::new(0));
    let max_in_flight = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (inf, maxf, reqs) = (in_flight.clone(), max_in_flight.clone(), requests.clone());
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let (script, inf, maxf, reqs) =
                (script.clone(), inf.clone(), maxf.clone(), reqs.clone());
            tokio::spawn(async move {
                handle(stream, script, inf, maxf, reqs).await;
            });
        }
    });
    TestServer {
        base: format!("http://{addr}"),
        max_in_flight,
        requests,
    }
}

async fn handle(
    mut stream: TcpStream,
    script: Script,
    in_flight: Arc<AtomicUsize>,
    max_in_flight: Arc<AtomicUsize>,
    requests: Arc<std::sync::Mutex<Vec<String>>>,
) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).to_string();
    requests.lock().unwrap().push(head.clone());
    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    max_in_flight.fetch_max(now, Ordering::SeqCst);
    let reply = script(&head);
    tokio::time::sleep(reply.delay).await;
    let _ = stream.write_all(&reply.bytes).await;
    let _ = stream.flush().await;
    in_flight.fetch_sub(1, Ordering::SeqCst);
    let _ = stream.shutdown().await;
}
