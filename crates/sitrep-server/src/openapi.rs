//! The OpenAPI 3.1 document served at `/api/openapi.json`. It lives in `openapi.json` beside this
//! file; the tests check that every path in it answers and that every answer fits its schema.

pub const DOCUMENT: &str = include_str!("openapi.json");
