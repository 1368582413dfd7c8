//! What a failed load, submit or wait means for the person in front of a page, and
//! what helps: one explanation per `ForkError`, in one voice, for UIs (the widget
//! renders it as it is).
//!
//! Each failure falls in one class: **transient** (no answer, a server error, a rate
//! limit, an answer that could not be read, a stop or a timeout: the same step again
//! can succeed, and for a submit it never makes a second service) or **needs a fix**
//! (the credentials, access, the name, the source or the request): repeating the
//! step cannot help, so the action names the fix instead. The code and HTTP status go
//! into a separate details line, never into the sentences.

use crate::core::issue::{cat, Code};
use crate::core::json::Value;
use crate::core::shapes::visible;

/// The step that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the source (`getForkContext`).
    Load,
    /// Submitting the fork (`fork`).
    Submit,
    /// Following the fork until RUNNING (`waitUntilRunning`).
    Wait,
}

impl Stage {
    /// `load`, `submit`, `wait` (what JS passes); `None` for anything else.
    pub fn parse(text: &str) -> Option<Stage> {
        match text {
            "load" => Some(Stage::Load),
            "submit" => Some(Stage::Submit),
            "wait" => Some(Stage::Wait),
            _ => None,
        }
    }
}

/// The failure as a `ForkError` carries it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Failed<'a> {
    /// `ForkError.code` (empty for anything that is not a `ForkError`).
    pub code: &'a str,
    /// `ForkError.message` (or the text of whatever was thrown).
    pub message: &'a str,
    /// HTTP status, when the API answered.
    pub status: Option<u16>,
    /// The API's own message, when it sent one.
    pub server_message: Option<&'a str>,
}

/// The names the sentences use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names<'a> {
    /// The project the fork goes to.
    pub project: &'a str,
    /// The source service.
    pub service: &'a str,
    /// The project of the source, when it is another one.
    pub source_project: Option<&'a str>,
    /// The fork's name (submit and wait).
    pub name: &'a str,
}

/// What helps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The same step again (load again, submit the same request, wait again).
    Retry,
    /// Choose another name for the fork.
    EditName,
    /// Change the request (a rule or the API refused it).
    EditRequest,
    /// Check the API token or the console sign-in.
    CheckToken,
    /// Check the project, or get access to it.
    CheckAccess,
    /// Choose another source service.
    PickService,
    /// The fork is gone: start a new one.
    NewFork,
    /// Check the settings (API URL, names) the page was given.
    CheckSettings,
}

impl Action {
    /// `retry`, `edit_name`, ... (what JS gets).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Retry => "retry",
            Action::EditName => "edit_name",
            Action::EditRequest => "edit_request",
            Action::CheckToken => "check_token",
            Action::CheckAccess => "check_access",
            Action::PickService => "pick_service",
            Action::NewFork => "new_fork",
            Action::CheckSettings => "check_settings",
        }
    }
}

/// One explanation of a failure.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The same step again can succeed (then `action` is [`Action::Retry`]).
    pub transient: bool,
    pub action: Action,
    /// What failed, in a few words (`Could not load demo-pg`).
    pub title: String,
    /// Why, and what to do, in one or two sentences.
    pub message: String,
    /// `code api_error · HTTP 502` (the code alone without a status).
    pub details: String,
}

impl Explanation {
    /// `{transient, action, title, message, details}`: what JS gets.
    pub fn to_value(&self) -> Value {
        Value::Object(vec![
            ("transient".to_string(), Value::Bool(self.transient)),
            ("action".to_string(), Value::str(self.action.as_str())),
            ("title".to_string(), Value::str(&self.title)),
            ("message".to_string(), Value::str(&self.message)),
            ("details".to_string(), Value::str(&self.details)),
        ])
    }
}

/// `“text”` for a server message quoted inside a sentence.
fn quoted(text: &str) -> String {
    cat(&["\u{201c}", text.trim_end_matches('.'), "\u{201d}"])
}

/// ` (“text”)` when the server said something, else nothing.
fn said(server: Option<&str>) -> String {
    match server {
        Some(s) if !s.trim().is_empty() => cat(&[" (", &quoted(s.trim()), ")"]),
        _ => String::new(),
    }
}

/// Explain `failed` at `stage` with `names`. The names, the code and the words of
/// the server or of whatever was thrown are shown as text: hidden characters are
/// escaped ([`visible`]), as in every message of the library.
pub fn explain(failed: &Failed, stage: Stage, names: &Names) -> Explanation {
    let mut e = sentences(failed, stage, names);
    e.title = visible(e.title);
    e.message = visible(e.message);
    e.details = visible(e.details);
    e
}

fn sentences(failed: &Failed, stage: Stage, names: &Names) -> Explanation {
    let status = failed.status;
    let server = failed.server_message;
    let code = Code::parse(failed.code);
    let mut details = cat(&[
        "code ",
        if failed.code.is_empty() {
            "unknown"
        } else {
            failed.code
        },
    ]);
    if let Some(s) = status {
        details.push_str(" \u{b7} HTTP ");
        crate::core::num::push_u64(&mut details, u64::from(s));
    }
    let title = match stage {
        Stage::Load => cat(&["Could not load ", names.service]),
        Stage::Submit => cat(&["The fork ", names.name, " was not confirmed"]),
        Stage::Wait => cat(&["Waiting for ", names.name, " stopped"]),
    };
    let source_project = names.source_project.unwrap_or(names.project);
    let fix = |action: Action, title: String, message: String| Explanation {
        transient: false,
        action,
        title,
        message,
        details: details.clone(),
    };
    // Needs a fix: the answer says what is wrong.
    match (code, status) {
        (_, Some(401)) => {
            let goes_on = if stage == Stage::Wait {
                cat(&[" ", names.name, " goes on at Aiven."])
            } else {
                String::new()
            };
            return fix(
                Action::CheckToken,
                title,
                cat(&[
                    "The API did not accept the credentials",
                    &said(server),
                    ". Check the API token, or sign in again.",
                    &goes_on,
                ]),
            );
        }
        (_, Some(403)) => {
            let project = if stage == Stage::Load {
                source_project
            } else {
                names.project
            };
            return fix(
                Action::CheckAccess,
                title,
                cat(&[
                    "No access to project ",
                    project,
                    &said(server),
                    ". Check the project name, or ask for access to it.",
                ]),
            );
        }
        (Some(Code::NameTaken), _) if stage != Stage::Load => {
            return fix(
                Action::EditName,
                cat(&[names.name, " cannot be created"]),
                cat(&[
                    "A service named ",
                    names.name,
                    " already exists in project ",
                    names.project,
                    " and is not a fork of ",
                    names.service,
                    ". Choose another name.",
                ]),
            );
        }
        (Some(Code::SourceNotFound), _) => {
            return fix(
                Action::PickService,
                title,
                cat(&[
                    names.service,
                    " does not exist in project ",
                    source_project,
                    ". Pick another service.",
                ]),
            );
        }
        (_, Some(404)) if stage == Stage::Wait => {
            return fix(
                Action::NewFork,
                cat(&[names.name, " no longer exists"]),
                cat(&[
                    names.name,
                    " was deleted from project ",
                    names.project,
                    " before it was running. Start a new fork.",
                ]),
            );
        }
        (_, Some(404)) => {
            return fix(
                Action::PickService,
                title,
                cat(&[
                    "The API does not know ",
                    names.service,
                    " in project ",
                    source_project,
                    &said(server),
                    ". Pick another service.",
                ]),
            );
        }
        (
            Some(
                Code::InsecureBaseUrl
                | Code::InvalidBaseUrl
                | Code::InvalidPathSegment
                | Code::MissingField
                | Code::InvalidType
                | Code::InvalidValue
                | Code::InvalidProjectName
                | Code::ClientFreed,
            ),
            None,
        ) if stage == Stage::Load => {
            return fix(
                Action::CheckSettings,
                title,
                cat(&[
                    "The settings are not usable: ",
                    failed.message,
                    ". Check them.",
                ]),
            );
        }
        (_, Some(s)) if (400..500).contains(&s) && s != 408 && s != 429 => {
            let message = match stage {
                Stage::Submit => cat(&[
                    "Aiven refused the fork",
                    &said(server),
                    ". Change the request and submit it again.",
                ]),
                _ => cat(&[
                    "The API refused the request",
                    &said(server),
                    ". Check the settings.",
                ]),
            };
            let action = if stage == Stage::Submit {
                Action::EditRequest
            } else {
                Action::CheckSettings
            };
            return fix(action, title, message);
        }
        _ => {}
    }
    // A rule refused the request before anything was sent (a ForkError of validation).
    if status.is_none() && !failed.code.is_empty() && !code.is_some_and(is_transient) {
        return fix(
            Action::EditRequest,
            title,
            cat(&[
                "The request breaks a rule: ",
                failed.message,
                ". Change the request and submit it again.",
            ]),
        );
    }
    // Transient: the same step again can succeed.
    let why = match (code, status) {
        (Some(Code::Aborted), _) => "",
        (Some(Code::RateLimited), _) | (_, Some(429)) => {
            "The API asked to slow down (too many requests)."
        }
        (Some(Code::WaitTimeout), _) => "",
        (Some(Code::InvalidResponse), _) => "The API's answer could not be read.",
        (_, Some(_)) => "The API failed with a server error.",
        (Some(Code::NetworkError), None) => "The API did not answer.",
        _ => "",
    };
    let (title, message) = match (stage, code) {
        (Stage::Load, _) => (
            title,
            cat(&[
                if why.is_empty() {
                    "Reading the service failed."
                } else {
                    why
                },
                " Retry reads it again.",
            ]),
        ),
        (Stage::Submit, Some(Code::Aborted)) => (
            cat(&["Stopped before ", names.name, " was confirmed"]),
            cat(&[
                "If the request reached Aiven, the fork goes on there and this page finds it when opened again. ",
                "Retry sends the same request: it never creates a second service.",
            ]),
        ),
        (Stage::Submit, _) => (
            title,
            cat(&[
                if why.is_empty() {
                    "The fork was not confirmed."
                } else {
                    why
                },
                " It is not known whether ",
                names.name,
                " was created. Retry checks first and never creates a second service.",
            ]),
        ),
        (Stage::Wait, Some(Code::Aborted)) => (
            cat(&["Stopped waiting for ", names.name]),
            cat(&[
                names.name,
                " goes on at Aiven; this page finds it when opened again. Retry follows it again.",
            ]),
        ),
        (Stage::Wait, Some(Code::WaitTimeout)) => (
            cat(&[names.name, " is not running yet"]),
            cat(&[
                names.name,
                " did not reach RUNNING in the time waited; it goes on at Aiven. Retry waits again.",
            ]),
        ),
        (Stage::Wait, _) => (
            title,
            cat(&[
                if why.is_empty() {
                    "Reading the fork failed."
                } else {
                    why
                },
                " ",
                names.name,
                " goes on at Aiven. Retry follows it again.",
            ]),
        ),
    };
    Explanation {
        transient: true,
        action: Action::Retry,
        title,
        message,
        details,
    }
}

/// Codes of failures the same step again can get past.
fn is_transient(code: Code) -> bool {
    matches!(
        code,
        Code::NetworkError
            | Code::RateLimited
            | Code::WaitTimeout
            | Code::Aborted
            | Code::InvalidResponse
            | Code::ApiError
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: Names = Names {
        project: "demo-project",
        service: "demo-pg",
        source_project: None,
        name: "demo-pg-fork",
    };

    fn failed<'a>(code: &'a str, status: Option<u16>, server: Option<&'a str>) -> Failed<'a> {
        Failed {
            code,
            message: "x",
            status,
            server_message: server,
        }
    }

    #[test]
    fn needs_a_fix_never_offers_retry() {
        let e = explain(
            &failed("api_error", Some(401), Some("Invalid token")),
            Stage::Load,
            &NAMES,
        );
        assert_eq!((e.transient, e.action), (false, Action::CheckToken));
        assert_eq!(e.message, "The API did not accept the credentials (\u{201c}Invalid token\u{201d}). Check the API token, or sign in again.");
        assert_eq!(e.details, "code api_error \u{b7} HTTP 401");
        let e = explain(
            &failed(
                "source_not_found",
                Some(404),
                Some("Service demo-pg does not exist"),
            ),
            Stage::Load,
            &NAMES,
        );
        assert_eq!((e.transient, e.action), (false, Action::PickService));
        assert_eq!(e.title, "Could not load demo-pg");
        assert_eq!(
            e.message,
            "demo-pg does not exist in project demo-project. Pick another service."
        );
        let e = explain(
            &failed("name_taken", Some(409), None),
            Stage::Submit,
            &NAMES,
        );
        assert_eq!((e.transient, e.action), (false, Action::EditName));
        let e = explain(&failed("api_error", Some(404), None), Stage::Wait, &NAMES);
        assert_eq!((e.transient, e.action), (false, Action::NewFork));
        assert_eq!(e.message, "demo-pg-fork was deleted from project demo-project before it was running. Start a new fork.");
    }

    #[test]
    fn names_and_server_text_reach_the_sentences_without_hidden_characters() {
        let names = Names {
            project: "demo-project",
            service: "demo\u{1b}[2Jpg",
            source_project: None,
            name: "fork",
        };
        let e = explain(
            &failed("api_error", Some(404), Some("No \u{202e}service")),
            Stage::Load,
            &names,
        );
        assert_eq!(e.title, r"Could not load demo\u001b[2Jpg");
        assert_eq!(
            e.message,
            "The API does not know demo\\u001b[2Jpg in project demo-project (\u{201c}No \\u202eservice\u{201d}). Pick another service."
        );
        let mut f = failed("\u{7}x", None, None);
        f.message = "bell\u{7}";
        let e = explain(&f, Stage::Submit, &NAMES);
        assert_eq!(e.details, r"code \u0007x");
        assert_eq!(
            e.message,
            "The request breaks a rule: bell\\u0007. Change the request and submit it again."
        );
    }

    #[test]
    fn transient_failures_say_retry_is_safe_without_contradiction() {
        let e = explain(&failed("network_error", None, None), Stage::Submit, &NAMES);
        assert_eq!((e.transient, e.action), (true, Action::Retry));
        assert_eq!(e.message, "The API did not answer. It is not known whether demo-pg-fork was created. Retry checks first and never creates a second service.");
        assert_eq!(e.details, "code network_error");
        let e = explain(
            &failed("api_error", Some(502), Some("Bad Gateway")),
            Stage::Load,
            &NAMES,
        );
        assert_eq!(
            e.message,
            "The API failed with a server error. Retry reads it again."
        );
        let e = explain(&failed("aborted", None, None), Stage::Wait, &NAMES);
        assert_eq!(e.title, "Stopped waiting for demo-pg-fork");
        let e = explain(&failed("", None, None), Stage::Load, &NAMES);
        assert!(e.transient);
        assert_eq!(e.details, "code unknown");
    }

    #[test]
    fn rule_failures_and_refusals_ask_for_a_change() {
        let mut f = failed("recovery_time_out_of_range", None, None);
        f.message = "recovery time 2025-01-01 00:00:00 UTC is outside the backup window 2025-01-02 00:00:00 UTC to now";
        let e = explain(&f, Stage::Submit, &NAMES);
        assert_eq!((e.transient, e.action), (false, Action::EditRequest));
        let e = explain(
            &failed("api_error", Some(400), Some("Invalid user_config")),
            Stage::Submit,
            &NAMES,
        );
        assert_eq!(e.message, "Aiven refused the fork (\u{201c}Invalid user_config\u{201d}). Change the request and submit it again.");
        let e = explain(
            &failed("insecure_base_url", None, None),
            Stage::Load,
            &NAMES,
        );
        assert_eq!(e.action, Action::CheckSettings);
    }
}
