//! Transport: pure planning of HTTP calls (URLs, headers, retries, idempotency)
//! and, on wasm32 only, the fetch calls themselves (gloo-net).
