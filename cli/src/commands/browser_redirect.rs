//! The browser step of `login --browser`: where the platform sends the browser back. By
//! default a one-shot listener on a loopback port (the redirect SchoolSoft is known to accept)
//! catches it; the address can also be pasted on standard input (a browser on another
//! machine, or a `--redirect-uri` nobody listens on).

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::exit::Failure;

/// The callback path of the loopback listener.
const CALLBACK_PATH: &str = "/callback";

/// Waits for the redirect of one browser login.
pub struct RedirectCatcher {
    listener: Option<TcpListener>,
    /// The `redirect_uri` to log in with.
    pub redirect_uri: String,
}

impl RedirectCatcher {
    /// A listener on `127.0.0.1` (any free port), or none when `given` names the redirect.
    pub async fn new(given: Option<&str>) -> Result<Self, Failure> {
        if let Some(uri) = given {
            return Ok(RedirectCatcher {
                listener: None,
                redirect_uri: uri.to_owned(),
            });
        }
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| Failure::usage(format!("no loopback port for the login: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| Failure::usage(format!("no loopback port for the login: {e}")))?
            .port();
        Ok(RedirectCatcher {
            listener: Some(listener),
            redirect_uri: format!("http://127.0.0.1:{port}{CALLBACK_PATH}"),
        })
    }

    /// The full address the browser was sent to: caught by the listener or pasted.
    pub async fn wait(self) -> Result<String, Failure> {
        let pasted = async {
            let mut line = String::new();
            let mut stdin = BufReader::new(tokio::io::stdin());
            match stdin.read_line(&mut line).await {
                Ok(n) if n > 0 && !line.trim().is_empty() => Ok(line.trim().to_owned()),
                _ => Err(Failure::usage("no redirect address on standard input")),
            }
        };
        match self.listener {
            None => pasted.await,
            Some(listener) => {
                let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
                tokio::select! {
                    caught = catch(listener, port) => caught,
                    pasted = pasted => pasted,
                }
            }
        }
    }
}

/// Answers requests on `listener` until one is a `GET` of the callback path; its address.
async fn catch(listener: TcpListener, port: u16) -> Result<String, Failure> {
    loop {
        let (mut stream, _) = listener
            .accept()
            .await
            .map_err(|e| Failure::usage(format!("the login listener failed: {e}")))?;
        let mut head = vec![0u8; 8192];
        let n = stream.read(&mut head).await.unwrap_or(0);
        let text = String::from_utf8_lossy(head.get(..n).unwrap_or_default()).into_owned();
        let target = text
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("GET "))
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_default()
            .to_owned();
        let is_callback = target.split('?').next() == Some(CALLBACK_PATH);
        let body = if is_callback {
            "Skolbryggan: the login is done, this window can be closed."
        } else {
            "Not found."
        };
        let status = if is_callback {
            "200 OK"
        } else {
            "404 Not Found"
        };
        let answer = format!(
            "HTTP/1.1 {status}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(answer.as_bytes()).await;
        if is_callback {
            return Ok(format!("http://127.0.0.1:{port}{target}"));
        }
    }
}
