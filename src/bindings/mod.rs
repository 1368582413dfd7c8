//! The JavaScript API (wasm32 only). The only module that touches `JsValue`.
