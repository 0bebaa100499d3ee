//! bede-serve's query-string checking, as `/api/events` and `/api/series` do
//! it: parse against the filter parameters plus limit/cursor/order/by, then
//! every accessor. Errors (HTTP 400 naming the parameter) are fine; panics
//! are not. The cursor is parsed the way the store parses it.
#![no_main]

use bede_serve::params::{Params, FILTER_PARAMS};
use bede_store::query::{Cursor, Order};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(p) = Params::parse(Some(text.as_ref()), &[FILTER_PARAMS, &["limit", "cursor", "order", "by"]]) else { return };
    let _ = p.filter();
    let _ = p.limit(50, 1000);
    let _ = p.period();
    let _ = p.order(Order::Desc);
    let _ = p.bool("include_negated");
    let _ = p.list("cameo");
    if let Ok(Some(c)) = p.one("cursor") {
        let _ = c.parse::<Cursor>();
    }
});
