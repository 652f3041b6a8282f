//! What a provider expects back from your webhook.

use std::borrow::Cow;

/// The HTTP answer a provider expects to a callback: send it, or the provider retries.
///
/// Each provider's module has its own: [`Answer::OK`] for most callbacks,
/// [`wappin::Callback::ANSWER`](crate::wappin::Callback::ANSWER), and
/// [`viva::Verification::answer`](crate::viva::Verification::answer) for Viva's URL
/// verification.
///
/// ```
/// use provider_payloads::Answer;
///
/// let answer = provider_payloads::parse(br#"{"message_id":"5cdbe7774a059","client_id":"0009",
///     "client_name":"wappin-info","status_messages":"read","callback_type":"status"}"#, "")?
///     .answer()
///     .unwrap();
/// assert_eq!((answer.status, &*answer.body), (200, &br#"{"status":"000"}"#[..]));
/// assert_eq!(answer.content_type, Some("application/json"));
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` of the body; `None` for an empty body.
    pub content_type: Option<&'static str>,
    /// The body.
    pub body: Cow<'static, [u8]>,
}

impl Answer {
    /// HTTP 200 with an empty body: what NXCloud, eSMS ("the callback will be retried a
    /// maximum of 5 times" otherwise) and Viva ("if you respond with http status 200")
    /// expect.
    pub const OK: Answer = Answer {
        status: 200,
        content_type: None,
        body: Cow::Borrowed(b""),
    };

    /// HTTP 200 with the JSON `body`.
    pub(crate) const fn json(body: Cow<'static, [u8]>) -> Answer {
        Answer {
            status: 200,
            content_type: Some("application/json"),
            body,
        }
    }
}
