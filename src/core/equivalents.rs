//! The same fork as an `avn` command, a curl command and Terraform HCL.

use serde::Serialize;

/// Three ways to run the same fork outside this library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Equivalents {
    /// `avn service create ...`; the CLI sends exactly the library's body.
    pub cli: String,
    /// curl with `Authorization: aivenv1 $AIVEN_TOKEN` and valid JSON.
    pub curl: String,
    /// Terraform HCL: the type's resource with its `*_user_config` block.
    pub terraform: String,
}
