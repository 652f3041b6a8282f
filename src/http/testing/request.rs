//! [`Sample::to_request`]: a sample as an `http::Request` (the `http` feature).

use super::Sample;

/// The port a sample's peer sends from, in the `ConnectInfo` of its request: one of the
/// ephemeral ports a client's system picks.
#[cfg(feature = "axum")]
const PEER_PORT: u16 = 49152;

impl Sample {
    /// The request to `path` (`/webhooks`) on your server: its method, the path with the
    /// query string, the headers and the body, of any body type made from a `Vec<u8>`
    /// (`Vec<u8>`, `bytes::Bytes`, `axum::body::Body`). With the `axum` feature it also
    /// carries the peer address as `axum::extract::ConnectInfo<SocketAddr>`, as a server
    /// sets it, so that a router's `oneshot` checks the address as a server would. An
    /// error when `path` is no URL path.
    ///
    /// ```
    /// use provider_payloads::http::{Policy, receive_request};
    /// use provider_payloads::http::testing::Sample;
    /// use provider_payloads::Payload;
    ///
    /// let sample = Sample::named("esms/promo_sms_type1").unwrap();
    /// let request: http::Request<Vec<u8>> = sample.to_request("/webhooks")?;
    /// assert_eq!(request.method(), "GET");
    /// assert_eq!(request.uri().query(), Some(sample.query()));
    /// let payload: Payload = receive_request(&request, Some(sample.peer_address()), &Policy::new())?;
    /// assert_eq!(payload.event(), sample.event());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn to_request<B: From<Vec<u8>>>(
        &self,
        path: &str,
    ) -> Result<::http::Request<B>, ::http::Error> {
        let target = if self.query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", self.query)
        };
        let mut request = ::http::Request::builder().method(self.method()).uri(target);
        for (name, value) in self.headers() {
            request = request.header(name, value);
        }
        #[cfg(feature = "axum")]
        {
            let peer = std::net::SocketAddr::new(self.peer, PEER_PORT);
            request = request.extension(::axum::extract::ConnectInfo(peer));
        }
        request.body(B::from(self.body.clone()))
    }
}
