//! The Aiven API calls the client makes, as exact URLs.

use crate::core::issue::Issue;
use crate::transport::url::{segment, BaseUrl};

/// URL builder for one base URL; every name goes through [`segment`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Endpoints {
    base: BaseUrl,
}

impl Endpoints {
    /// Endpoints under `base`.
    pub fn new(base: BaseUrl) -> Self {
        Endpoints { base }
    }

    /// The base URL.
    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// `GET` (list) and `POST` (create, i.e. fork): `/v1/project/{p}/service`.
    pub fn services(&self, project: &str) -> Result<String, Issue> {
        Ok(self.base.join(&format!(
            "/v1/project/{}/service",
            segment("project", project)?
        )))
    }

    /// `GET /v1/project/{p}/service/{s}`: the source, and the fork while waiting.
    pub fn service(&self, project: &str, service: &str) -> Result<String, Issue> {
        Ok(format!(
            "{}/{}",
            self.services(project)?,
            segment("serviceName", service)?
        ))
    }

    /// `GET /v1/project/{p}/service/{s}/backups`: backups and the PITR window.
    pub fn backups(&self, project: &str, service: &str) -> Result<String, Issue> {
        Ok(format!("{}/backups", self.service(project, service)?))
    }

    /// `GET /v1/project/{p}/clouds`: the clouds the project can use.
    pub fn clouds(&self, project: &str) -> Result<String, Issue> {
        Ok(self.base.join(&format!(
            "/v1/project/{}/clouds",
            segment("project", project)?
        )))
    }

    /// `GET /v1/project/{p}/service-types/{type}/plans`: plans of one type.
    pub fn plans(&self, project: &str, service_type: &str) -> Result<String, Issue> {
        Ok(self.base.join(&format!(
            "/v1/project/{}/service-types/{}/plans",
            segment("project", project)?,
            segment("serviceType", service_type)?
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::issue::Code;

    fn sandbox() -> Endpoints {
        match BaseUrl::parse("http://127.0.0.1:8787/") {
            Ok(b) => Endpoints::new(b),
            Err(_) => Endpoints::default(),
        }
    }

    #[test]
    fn builds_exact_urls() {
        let e = sandbox();
        assert_eq!(
            e.services("demo-project"),
            Ok("http://127.0.0.1:8787/v1/project/demo-project/service".into())
        );
        assert_eq!(
            e.service("demo-project", "demo-pg"),
            Ok("http://127.0.0.1:8787/v1/project/demo-project/service/demo-pg".into())
        );
        assert_eq!(
            e.backups("demo-project", "demo-pg"),
            Ok("http://127.0.0.1:8787/v1/project/demo-project/service/demo-pg/backups".into())
        );
        assert_eq!(
            e.plans("demo-project", "pg"),
            Ok("http://127.0.0.1:8787/v1/project/demo-project/service-types/pg/plans".into())
        );
        assert_eq!(
            e.clouds("demo-project"),
            Ok("http://127.0.0.1:8787/v1/project/demo-project/clouds".into())
        );
    }

    #[test]
    fn default_base_is_production() {
        assert_eq!(
            Endpoints::default().service("p", "s"),
            Ok("https://api.aiven.io/v1/project/p/service/s".into())
        );
    }

    #[test]
    fn names_cannot_escape_their_segment() {
        let e = Endpoints::default();
        assert_eq!(
            e.service("p", "../../admin"),
            Ok("https://api.aiven.io/v1/project/p/service/..%2F..%2Fadmin".into())
        );
        assert_eq!(
            e.service("p", "..").map_err(|i| (i.code, i.field)),
            Err((Code::InvalidPathSegment, "serviceName".into()))
        );
        assert_eq!(
            e.plans("p", "").map_err(|i| (i.code, i.field)),
            Err((Code::InvalidPathSegment, "serviceType".into()))
        );
    }
}
