//! A small HTTP/1.1 test server on 127.0.0.1: one thread per connection,
//! one request per connection (`Connection: close`), every request logged.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub at: Instant,
    /// How many earlier requests had the same path.
    pub nth_for_path: usize,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

type Handler = dyn Fn(&Request, &mut Conn<'_>) + Send + Sync;

/// The connection a handler answers on. A request counts as in flight from
/// its arrival to the first byte of its answer: a client can start its
/// next request only once the answer is complete, so this count never
/// runs ahead of the client's (counting to the end of the handler did,
/// when the handler's thread was descheduled after its last write).
pub struct Conn<'a> {
    stream: &'a mut TcpStream,
    /// Taken (and decremented) at the first write.
    in_flight: Option<&'a AtomicUsize>,
}

impl Conn<'_> {
    fn answered(&mut self) {
        if let Some(n) = self.in_flight.take() {
            n.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

impl Write for Conn<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.answered();
        self.stream.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}

pub struct Server {
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<Request>>>,
    in_flight: Arc<AtomicUsize>,
    max_in_flight: Arc<AtomicUsize>,
}

impl Server {
    /// Starts a server that answers each request with `handler`.
    pub fn start(handler: impl Fn(&Request, &mut Conn<'_>) + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (l, f, m) = (log.clone(), in_flight.clone(), max_in_flight.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (l, f, m, h) = (l.clone(), f.clone(), m.clone(), handler.clone());
                std::thread::spawn(move || serve_one(stream, &l, &f, &m, &*h));
            }
        });
        Server { addr, log, in_flight, max_in_flight }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    pub fn count(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    /// The most requests that were being handled at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

fn serve_one(
    mut stream: TcpStream,
    log: &Mutex<Vec<Request>>,
    in_flight: &AtomicUsize,
    max_in_flight: &AtomicUsize,
    handler: &Handler,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 {
            break;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    max_in_flight.fetch_max(now, Ordering::SeqCst);
    let req = {
        let mut log = log.lock().unwrap();
        let nth_for_path = log.iter().filter(|r| r.path == path).count();
        let req = Request { path, headers, at: Instant::now(), nth_for_path };
        log.push(req.clone());
        req
    };
    let mut conn = Conn { stream: &mut stream, in_flight: Some(in_flight) };
    handler(&req, &mut conn);
    conn.answered();
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// Writes a complete response with a Content-Length.
pub fn respond(stream: &mut Conn<'_>, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

/// `respond` with an HTML body.
pub fn html(stream: &mut Conn<'_>, body: &str) {
    respond(stream, "200 OK", &[("Content-Type", "text/html; charset=utf-8")], body.as_bytes());
}
