//! The functions of `boundary.js`, the JavaScript side of the bindings: the
//! `ForkError` constructor, the safe input reader, the output builder and the
//! `PreparedForkContext` handles. One extern block for the one snippet, so the glue
//! imports it once (scripts/build-pkg.sh rewrites that import for each target).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/bindings/boundary.js")]
extern "C" {
    /// `new ForkError(code, message, errors, status, serverMessage)`.
    #[wasm_bindgen(js_name = newForkError)]
    pub(crate) fn new_fork_error(
        code: &str,
        message: &str,
        errors: JsValue,
        status: Option<u16>,
        server_message: Option<String>,
    ) -> JsValue;

    /// Reads an untrusted JS value as JSON data: the UTF-8 text of its input tape
    /// (`core::json::Doc::from_tape`); its codes follow from [`input_tape_codes`]. A
    /// `ForkError` when it is not JSON-like data or its text would pass `max_bytes`
    /// (see `boundary.js`). Bytes, not a string: the glue copies them at once.
    #[wasm_bindgen(catch, js_name = inputTape)]
    pub(crate) fn input_tape(
        value: &JsValue,
        what: &str,
        max_bytes: u32,
    ) -> Result<Vec<u8>, JsValue>;

    /// The codes of the tape [`input_tape`] just read.
    #[wasm_bindgen(js_name = inputTapeCodes)]
    pub(crate) fn input_tape_codes() -> Vec<u32>;

    /// `{report, call}`: the answer of `checkForkRequest`, from its two parts.
    /// (`catch` keeps it behind a glue shim, like `newPrepared` below.)
    #[wasm_bindgen(catch, js_name = newCheck)]
    pub(crate) fn new_check(report: &JsValue, call: &JsValue) -> Result<JsValue, JsValue>;

    /// `JSON.parse(text)`: builds every output that holds user keys or API JSON.
    #[wasm_bindgen(catch, js_name = outputJson)]
    pub(crate) fn output_json(text: &str) -> Result<JsValue, JsValue>;

    /// A new `PreparedForkContext` handle for prepared context `id`, whose `free()`
    /// releases `owner` (a `PreparedOwner`).
    /// (`catch` and `Option` keep these two behind named glue shims: a plain
    /// `(externref, f64)` signature would be imported straight into the module as a
    /// second import of the snippet, which scripts/build-pkg.sh does not rewrite.)
    #[wasm_bindgen(catch, js_name = newPrepared)]
    pub(crate) fn new_prepared(owner: &JsValue, id: f64) -> Result<JsValue, JsValue>;

    /// The id `value` was registered with, or `None` when it is not a prepared context.
    #[wasm_bindgen(js_name = preparedId)]
    pub(crate) fn prepared_id(value: &JsValue) -> Option<f64>;
}
