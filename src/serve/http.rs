//! The preview's HTTP/1.1 server: GET and HEAD of files held in memory, and event streams
//! (server-sent events, or a WebSocket: [`super::socket`]).
//!
//! Written here rather than taken from tiny_http, which this used first: tiny_http 0.12 (its
//! latest) leaves Nagle's algorithm on, so every response after the first on a kept-alive
//! connection waited ~40 ms for a delayed ACK; it cannot close a kept-alive connection from the
//! server's side; and its thread pool queued a burst of new connections behind idle kept-alive
//! ones, stalling a browser's parallel requests for seconds (measured with `benches/soak.py`).
//! The preview needs little: one thread a connection (capped), requests read with limits and
//! timeouts, each response written at once (no delay between its head and body).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A request's line and the headers the server acts on.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The request target as sent (`/guide/?q=1`).
    pub target: String,
    /// The `Host` header, as sent (`127.0.0.1:3000`).
    pub host: Option<String>,
    /// The `Origin` header: the site of the page that sent the request, if a page did.
    pub origin: Option<String>,
    /// `Sec-WebSocket-Key`, when the request asks for a WebSocket (`Upgrade: websocket`).
    pub websocket_key: Option<String>,
    keep_alive: bool,
}

impl Request {
    pub fn is_head(&self) -> bool {
        self.method == "HEAD"
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Arc<Vec<u8>>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Arc<Vec<u8>>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into(),
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// What a handler answers: a whole response, or a stream that takes the connection over.
pub enum Reply {
    Full(Response),
    Stream(Box<dyn FnOnce(&mut TcpStream) + Send>),
}

/// Connections served at once; more are answered 503 and closed.
const MAX_CONNECTIONS: usize = 512;
/// A kept-alive connection with no request for this long is closed (its thread freed).
const IDLE: Duration = Duration::from_secs(30);
/// The request line and headers may not be longer.
const MAX_HEAD: u64 = 16 * 1024;
const MAX_HEADERS: usize = 100;

/// Serves `listener` for ever, one thread a connection, answering with `handler`.
pub fn serve(listener: TcpListener, handler: Arc<dyn Fn(&Request) -> Reply + Send + Sync>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if open.load(Ordering::Acquire) >= MAX_CONNECTIONS {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = stream.write_all(&head(503, &[], 0, false));
            continue;
        }
        open.fetch_add(1, Ordering::AcqRel);
        let (count, handler) = (open.clone(), handler.clone());
        let spawned = std::thread::Builder::new()
            .name("handbook-http".into())
            .spawn(move || {
                connection(stream, &*handler);
                count.fetch_sub(1, Ordering::AcqRel);
            });
        if spawned.is_err() {
            // Out of threads: the connection is dropped (closed) with the closure.
            open.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// Answers the requests of one connection until it closes, errs, idles or asks to close.
fn connection(stream: TcpStream, handler: &(dyn Fn(&Request) -> Reply + Send + Sync)) {
    // Each response goes out in one write: no reason to wait for more.
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let request = match read_request(&mut reader) {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(status) => {
                let body = format!("{} {}\n", status, reason(status));
                let mut bytes = head(status, &[("Content-Type", "text/plain")], body.len(), false);
                bytes.extend_from_slice(body.as_bytes());
                if writer.write_all(&bytes).is_ok() {
                    close(&writer, reader);
                }
                return;
            }
        };
        match handler(&request) {
            Reply::Full(response) => {
                let keep_alive = request.keep_alive;
                let headers: Vec<(&str, &str)> = response
                    .headers
                    .iter()
                    .map(|(n, v)| (*n, v.as_str()))
                    .collect();
                let bytes = head(response.status, &headers, response.body.len(), keep_alive);
                // Two writes, no copy of the body: with Nagle off, neither waits for the other.
                let body: &[u8] = if request.is_head() {
                    &[]
                } else {
                    &response.body
                };
                if writer
                    .write_all(&bytes)
                    .and_then(|()| writer.write_all(body))
                    .is_err()
                {
                    return;
                }
                if !keep_alive {
                    close(&writer, reader);
                    return;
                }
            }
            Reply::Stream(stream) => {
                stream(&mut writer);
                return;
            }
        }
    }
}

/// Closes a connection the client may still be sending on: closing with unread input would
/// reset it, and the client could lose the response it has not read yet.
fn close(writer: &TcpStream, mut reader: BufReader<TcpStream>) {
    let _ = writer.shutdown(std::net::Shutdown::Write);
    let _ = writer.set_read_timeout(Some(Duration::from_secs(1)));
    let mut sink = [0u8; 8192];
    let mut left: usize = 256 * 1024;
    while left > 0 {
        match reader.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// Reads one request's line and headers; `Ok(None)` when the connection closed or idled before
/// one began, `Err(status)` for a request to refuse.
fn read_request(reader: &mut BufReader<TcpStream>) -> Result<Option<Request>, u16> {
    let mut limited = reader.take(MAX_HEAD);
    let mut line = Vec::new();
    // Blank lines before a request are allowed.
    loop {
        line.clear();
        match limited.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(_) if !line.ends_with(b"\n") => return Err(431),
            Ok(_) if line == b"\r\n" || line == b"\n" => continue,
            Ok(_) => break,
        }
    }
    let request_line = std::str::from_utf8(&line)
        .map_err(|_| 400u16)?
        .trim_end()
        .to_string();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(505),
    };
    let mut connection = String::new();
    let mut has_body = false;
    let (mut host, mut origin, mut upgrade, mut websocket_key) = (None, None, false, None);
    for n in 0.. {
        if n > MAX_HEADERS {
            return Err(431);
        }
        line.clear();
        match limited.read_until(b'\n', &mut line) {
            Ok(0) => return Ok(None),
            Ok(_) if !line.ends_with(b"\n") => return Err(431),
            Ok(_) => {}
            Err(_) => return Ok(None),
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let Some((name, value)) = text.split_once(':') else {
            return Err(400);
        };
        let written = value.trim();
        let value = written.to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" => connection = value,
            "content-length" => has_body |= value != "0",
            "transfer-encoding" => has_body = true,
            "host" => host = Some(written.to_string()),
            "origin" => origin = Some(written.to_string()),
            "upgrade" => upgrade = value == "websocket",
            // A key is case-sensitive base64.
            "sec-websocket-key" => websocket_key = Some(written.to_string()),
            _ => {}
        }
    }
    let keep_alive = if http11 {
        !connection.contains("close")
    } else {
        connection.contains("keep-alive")
    };
    Ok(Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        host,
        origin,
        websocket_key: websocket_key.filter(|_| upgrade),
        // A body (which GET and HEAD do not have) is never read: the connection then closes.
        keep_alive: keep_alive && !has_body,
    }))
}

/// A response's status line and headers.
fn head(status: u16, headers: &[(&str, &str)], length: usize, keep_alive: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {length}\r\nConnection: {}\r\n\r\n",
        if keep_alive { "keep-alive" } else { "close" }
    ));
    out.into_bytes()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(raw: &[u8]) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            serve(
                listener,
                Arc::new(|r: &Request| {
                    Reply::Full(Response::new(
                        200,
                        "text/plain",
                        format!("{} {}", r.method, r.target).into_bytes(),
                    ))
                }),
            )
        });
        let mut client = TcpStream::connect(address).unwrap();
        client.write_all(raw).unwrap();
        client.shutdown(std::net::Shutdown::Write).unwrap();
        let mut out = String::new();
        client.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn kept_alive_requests_are_answered_in_order_then_closed() {
        let out = roundtrip(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\nConnection: close\r\n\r\nGET /never HTTP/1.1\r\n\r\n");
        assert_eq!(out.matches("HTTP/1.1 200 OK").count(), 3, "{out}");
        assert!(out.contains("GET /a") && !out.contains("HEAD /b") && out.contains("GET /c"));
        assert!(out.contains("Content-Length: 7\r\nConnection: keep-alive"));
        assert!(!out.contains("/never"));
    }

    #[test]
    fn bad_requests_are_refused() {
        assert!(roundtrip(b"GARBAGE\r\n\r\n").starts_with("HTTP/1.1 400"));
        assert!(roundtrip(b"GET / HTTP/2.0\r\n\r\n").starts_with("HTTP/1.1 505"));
        let long = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(20_000));
        assert!(roundtrip(long.as_bytes()).starts_with("HTTP/1.1 431"));
        let many: String = (0..200).map(|i| format!("X-{i}: y\r\n")).collect();
        assert!(
            roundtrip(format!("GET / HTTP/1.1\r\n{many}\r\n").as_bytes())
                .starts_with("HTTP/1.1 431")
        );
        // HTTP/1.0 closes unless asked to keep the connection.
        let out = roundtrip(b"GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
        assert_eq!(out.matches("200 OK").count(), 1, "{out}");
    }
}
