//! The API's errors, as JSON: `{"error", "param", "value", "reason"}` with
//! 400 for bad input (naming the parameter), 404 for what does not exist, 503
//! for a query over the time limit and 500 for a fault of ours or the store's.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bede_store::query::{FilterError, QueryError};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    /// One line for people: `<param> "<value>": <reason>`.
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub reason: String,
}

impl ApiError {
    /// A bad parameter value: 400.
    pub fn bad(param: &str, value: &str, reason: impl Into<String>) -> ApiError {
        let reason = reason.into();
        ApiError {
            status: StatusCode::BAD_REQUEST,
            error: format!("{param} {value:?}: {reason}"),
            param: Some(param.to_string()),
            value: Some(value.to_string()),
            reason,
        }
    }

    /// Nothing with this id: 404.
    pub fn not_found(param: &str, value: &str, what: &str) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, ..ApiError::bad(param, value, format!("no {what} with this {param}")) }
    }

    /// No such endpoint: 404.
    pub fn no_route(path: &str) -> ApiError {
        let reason = "no such API endpoint (see docs/api.md)".to_string();
        ApiError { status: StatusCode::NOT_FOUND, error: format!("{path}: {reason}"), param: None, value: Some(path.to_string()), reason }
    }

    pub fn timeout(limit: std::time::Duration) -> ApiError {
        let reason = "query timed out".to_string();
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            error: format!("the query ran longer than {} s; narrow the filters", limit.as_secs_f64()),
            param: None,
            value: None,
            reason,
        }
    }

    pub fn internal(what: impl std::fmt::Display) -> ApiError {
        let error = what.to_string();
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, reason: "internal error".to_string(), error, param: None, value: None }
    }

    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }
}

impl From<FilterError> for ApiError {
    fn from(e: FilterError) -> Self {
        ApiError::bad(e.param.name(), &e.value, e.reason)
    }
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::Invalid(f) => f.into(),
            QueryError::Sqlite(rusqlite_err) => rusqlite_err.into(),
            other => ApiError::internal(other),
        }
    }
}

impl From<bede_store::rusqlite::Error> for ApiError {
    fn from(e: bede_store::rusqlite::Error) -> Self {
        if let bede_store::rusqlite::Error::SqliteFailure(f, _) = &e {
            if f.code == bede_store::rusqlite::ErrorCode::OperationInterrupted {
                // Interrupted by the time limit: the caller has had its 503 already.
                return ApiError::timeout(std::time::Duration::ZERO);
            }
        }
        ApiError::internal(format!("reading the event store: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            eprintln!("bede serve: {} {}", self.status.as_u16(), self.error);
        }
        let body = serde_json::to_vec(&self).unwrap_or_else(|_| b"{\"error\":\"internal error\"}".to_vec());
        (self.status, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body).into_response()
    }
}
