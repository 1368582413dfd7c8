//! `ForkClient`: the JavaScript face of the fetch transport (written with `src/transport`).
