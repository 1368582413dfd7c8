//! `prepareForkContext(context)` → an opaque `PreparedForkContext`: the context read
//! once (safe JS reader, `json::parse`, `ForkContext::from_value`) and kept in wasm,
//! accepted wherever a context is (`validateFork`, `buildForkRequest`,
//! `forkEquivalents`). Reading a context is most of the cost of a call with a
//! context (see benches/NOTES.md), and a widget or console validates many requests
//! against one source.
//!
//! How a handle is recognised: the JS object wasm-bindgen creates for the struct is
//! registered in a module-private `WeakMap` of `boundary.js` (object → id). That
//! marker cannot be forged from outside (unlike a property such as `__wbg_ptr`, which
//! is writable) and a `WeakMap` lookup runs no user code, even on a Proxy. The id
//! indexes a registry of live contexts here; ids are never reused, so a handle whose
//! `free()` was called (or a copy of one) finds nothing and gets a `ForkError`,
//! never another context and never a dangling pointer.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::bindings::boundary::{prepared_id, register_prepared};
use crate::bindings::convert::read_context_input;
use crate::bindings::error;
use crate::core::context::ForkContext;
use crate::core::issue::Code;

thread_local! {
    /// Live prepared contexts: (id, context). Few at a time, so a Vec.
    static REGISTRY: RefCell<Vec<(f64, Rc<ForkContext>)>> = const { RefCell::new(Vec::new()) };
    /// The next id; ids are never reused (f64 counts exactly to 2^53).
    static NEXT_ID: RefCell<f64> = const { RefCell::new(1.0) };
}

/// A fork context read once and kept in WebAssembly memory. Create it with
/// `prepareForkContext(context)`; release it with `free()` (garbage collection also
/// does). No constructor and no fields are exposed to JS.
#[wasm_bindgen(skip_typescript)]
pub struct PreparedForkContext {
    id: f64,
}

impl Drop for PreparedForkContext {
    fn drop(&mut self) {
        let id = self.id;
        REGISTRY.with(|registry| registry.borrow_mut().retain(|(live, _)| *live != id));
    }
}

fn insert(context: Rc<ForkContext>) -> JsValue {
    let id = NEXT_ID.with(|next| {
        let mut next = next.borrow_mut();
        let id = *next;
        *next += 1.0;
        id
    });
    REGISTRY.with(|registry| registry.borrow_mut().push((id, context)));
    let handle = JsValue::from(PreparedForkContext { id });
    // `WeakMap.prototype.set` on a fresh object cannot throw; if it ever did, the
    // handle would only be unrecognised (read as a plain object, a ForkError).
    let _ = register_prepared(&handle, id);
    handle
}

/// What a `context` argument turned out to be.
pub enum ContextArg {
    /// A plain context object (read now) or a prepared one (shared).
    Context(Rc<ForkContext>),
    /// Not a prepared context: the caller reads it as a plain object.
    Plain,
}

/// Look `value` up as a prepared context: `Ok(Plain)` when it is not one, the shared
/// context when it is live, a `ForkError` (`invalid_request`, field `context`) when
/// it was freed.
pub fn lookup(value: &JsValue) -> Result<ContextArg, JsValue> {
    let Some(id) = prepared_id(value) else {
        return Ok(ContextArg::Plain);
    };
    let found = REGISTRY.with(|registry| {
        registry
            .borrow()
            .iter()
            .find(|(live, _)| *live == id)
            .map(|(_, context)| Rc::clone(context))
    });
    match found {
        Some(context) => Ok(ContextArg::Context(context)),
        None => Err(error::new(
            Code::InvalidRequest,
            "context",
            "context is a PreparedForkContext that was freed; prepare the context again",
        )),
    }
}

/// `prepareForkContext(context)`: read and check `context` once (the same checks
/// and `ForkError`s as a context passed to `validateFork`); a prepared context
/// given again yields a new handle to the same data.
#[wasm_bindgen(js_name = prepareForkContext, skip_typescript)]
pub fn prepare_fork_context(context: JsValue) -> Result<JsValue, JsValue> {
    if let ContextArg::Context(shared) = lookup(&context)? {
        return Ok(insert(shared));
    }
    if context.is_undefined() || context.is_null() {
        return Err(error::new(
            Code::InvalidRequest,
            "context",
            "context must be an object (what ForkClient.getForkContext returns)",
        ));
    }
    let value = read_context_input(&context)?;
    let context = ForkContext::from_value(&value).map_err(|issues| error::from_issues(&issues))?;
    Ok(insert(Rc::new(context)))
}
