//! The live-reload WebSocket: the server's side of RFC 6455, as much as the preview needs. The
//! server only sends (text frames of JSON, pings to find tabs that went away); what a tab sends
//! (its pongs, its close) is never read, and the connection ends when a write fails.
//!
//! A WebSocket rather than server-sent events: a browser keeps at most six HTTP/1.1
//! connections to one server, and each tab's event stream held one for good, so a seventh
//! tab never loaded. WebSockets are not counted against that limit.

use base64::Engine as _;

/// What RFC 6455 has the server add to the client's key before hashing it.
const GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// The response that switches a connection to the WebSocket protocol, for the client's
/// `Sec-WebSocket-Key`.
pub fn handshake(key: &str) -> String {
    let digest = sha1_smol::Sha1::from(format!("{}{GUID}", key.trim())).digest();
    let accept = base64::engine::general_purpose::STANDARD.encode(digest.bytes());
    format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Accept: {accept}\r\n\r\n"
    )
}

/// A frame from the server: final, unmasked, of `opcode` (1 text, 8 close, 9 ping).
fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 10);
    out.push(0x80 | opcode);
    match payload.len() {
        n if n < 126 => out.push(n as u8),
        n if n <= usize::from(u16::MAX) => {
            out.push(126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    out.extend_from_slice(payload);
    out
}

/// One text message.
pub fn text(text: &str) -> Vec<u8> {
    frame(1, text.as_bytes())
}

/// A ping, which a closed tab's connection fails to take.
pub fn ping() -> Vec<u8> {
    frame(9, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_key_is_the_rfc_example() {
        // RFC 6455, section 1.3.
        assert!(handshake("dGhlIHNhbXBsZSBub25jZQ==")
            .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    }

    #[test]
    fn frames_carry_their_length_in_one_two_or_eight_bytes() {
        assert_eq!(frame(1, b"hi"), [0x81, 2, b'h', b'i']);
        let long = frame(1, &[b'x'; 300]);
        assert_eq!(&long[..4], &[0x81, 126, 1, 44]);
        assert_eq!(long.len(), 304);
        let huge = frame(1, &vec![b'x'; 70_000]);
        assert_eq!(&huge[..10], &[0x81, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70]);
        assert_eq!(frame(9, &[]), [0x89, 0]);
    }
}
