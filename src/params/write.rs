//! Writing a body back: the form encoder.

/// Builds a `application/x-www-form-urlencoded` body.
///
/// Letters, digits and `*-._` stay as they are, a space becomes `+`, every other byte is
/// `%XX`: so a phone number's `+` is written `%2B`, as Twilio does.
#[derive(Default)]
pub(crate) struct FormWriter {
    out: String,
}

impl FormWriter {
    pub(crate) fn pair(&mut self, name: &str, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        encode_into(name, &mut self.out);
        self.out.push('=');
        encode_into(value, &mut self.out);
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

fn encode_into(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 0x0f)] as char);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_encodes_like_twilio() {
        let mut out = FormWriter::default();
        out.pair("From", "+14155550100");
        out.pair("Timestamp", "2020-08-19T17:40:05.273Z");
        out.pair("City", "São Paulo");
        assert_eq!(
            out.finish(),
            "From=%2B14155550100&Timestamp=2020-08-19T17%3A40%3A05.273Z&City=S%C3%A3o+Paulo"
        );
    }
}
