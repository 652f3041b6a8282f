// Included by the tests that send requests over HTTP/1.1 (`#[path]`).

//! A request's bytes sent over a connection of their own, and the answer read to its end.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// What an answer is made of, as a provider sees it.
#[derive(Debug, PartialEq)]
pub struct Answered {
    pub status: u16,
    pub content_type: Option<String>,
    pub www_authenticate: Option<String>,
    pub body: Vec<u8>,
}

/// `request`'s bytes sent to `server` as they are, and the answer read to its end.
pub fn send_bytes(server: SocketAddr, request: &[u8]) -> Answered {
    let mut stream = TcpStream::connect(server).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let end = answer
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("an answer's head");
    let head = String::from_utf8(answer[..end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap();
    let header = |name: &str| {
        head.split("\r\n").skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    };
    assert_eq!(header("transfer-encoding"), None, "{head}");
    Answered {
        status: status.parse().unwrap(),
        content_type: header("content-type"),
        www_authenticate: header("www-authenticate"),
        body: answer[end + 4..].to_vec(),
    }
}
