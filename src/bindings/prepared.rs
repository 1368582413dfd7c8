//! `prepareForkContext(context)` → an opaque `PreparedForkContext`: the context read
//! once (safe JS reader, then `ForkContext::from_doc` of its tape) and kept in wasm,
//! accepted wherever a context is (`validateFork`, `buildForkRequest`,
//! `forkEquivalents`). Reading a context is most of the cost of a call with a
//! context (see benches/NOTES.md), and a widget or console validates many requests
//! against one source.
//!
//! How a handle is recognised: the handle is an instance of the `PreparedForkContext`
//! class of `boundary.js`, which keeps what it stands for in a module-private
//! `WeakMap` (handle → id and owner). That marker cannot be forged from outside (the
//! handle has no property at all, so no writable pointer such as wasm-bindgen's
//! `__wbg_ptr`) and a `WeakMap` lookup runs no user code, even on a Proxy. The id
//! indexes a registry of live contexts here; ids are never reused, so a handle whose
//! `free()` was called (or a copy of one) finds nothing and gets a `ForkError`,
//! never another context and never a dangling pointer. The owner is a private
//! wasm-bindgen object ([`PreparedOwner`]) whose release removes the registry entry:
//! `free()` releases it once (a second `free()` does nothing), and garbage collection
//! of the handle releases it too.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::bindings::boundary::{new_prepared, prepared_id};
use crate::bindings::convert::read_context_object;
use crate::bindings::error;
use crate::core::context::ForkContext;
use crate::core::issue::Code;

thread_local! {
    /// Live prepared contexts: (id, context). Few at a time, so a Vec.
    static REGISTRY: RefCell<Vec<(f64, Rc<ForkContext>)>> = const { RefCell::new(Vec::new()) };
    /// The next id; ids are never reused (f64 counts exactly to 2^53).
    static NEXT_ID: RefCell<f64> = const { RefCell::new(1.0) };
}

/// The wasm side of one `PreparedForkContext` handle: dropping it (the handle's
/// `free()`, or garbage collection of the handle) removes the context from the
/// registry. Private to the module: JS code only ever sees the handle.
#[wasm_bindgen(private, js_name = PreparedContextOwner, skip_typescript)]
pub struct PreparedOwner {
    id: f64,
}

impl Drop for PreparedOwner {
    fn drop(&mut self) {
        let id = self.id;
        REGISTRY.with(|registry| registry.borrow_mut().retain(|(live, _)| *live != id));
    }
}

fn insert(context: Rc<ForkContext>) -> Result<JsValue, JsValue> {
    let id = NEXT_ID.with(|next| {
        let mut next = next.borrow_mut();
        let id = *next;
        *next += 1.0;
        id
    });
    REGISTRY.with(|registry| registry.borrow_mut().push((id, context)));
    // The owner removes the entry again when it is dropped, also if no handle is made.
    let owner = JsValue::from(PreparedOwner { id });
    new_prepared(&owner, id).map_err(|_| error::unconvertible())
}

/// What a `context` argument turned out to be.
pub enum ContextArg {
    /// A live prepared context (shared, not read again).
    Prepared(Rc<ForkContext>),
    /// Not a prepared context: the caller reads it as a context object.
    NotPrepared,
}

/// Look `value` up as a prepared context: `Ok(NotPrepared)` when it is not one, the shared
/// context when it is live, a `ForkError` (`invalid_request`, field `context`) when
/// it was freed.
pub fn lookup(value: &JsValue) -> Result<ContextArg, JsValue> {
    let Some(id) = prepared_id(value) else {
        return Ok(ContextArg::NotPrepared);
    };
    let found = REGISTRY.with(|registry| {
        registry
            .borrow()
            .iter()
            .find(|(live, _)| *live == id)
            .map(|(_, context)| Rc::clone(context))
    });
    match found {
        Some(context) => Ok(ContextArg::Prepared(context)),
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
    if let ContextArg::Prepared(shared) = lookup(&context)? {
        return insert(shared);
    }
    if context.is_undefined() || context.is_null() {
        return Err(error::new(
            Code::InvalidRequest,
            "context",
            "context must be an object (what ForkClient.getForkContext returns)",
        ));
    }
    insert(Rc::new(read_context_object(&context)?))
}
