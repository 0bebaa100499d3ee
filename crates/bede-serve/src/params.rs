//! Query-string parameters: parsed once, every name checked against what the
//! endpoint takes, every value checked before it reaches the store. Errors
//! name the parameter (see [`ApiError`]).

use crate::error::ApiError;
use bede_store::query::{Filter, Order, Period, Unit, ValidFilter};

/// The longest query string accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 8192;

/// The filter parameters of `/api/events`, `/api/count` and `/api/series`:
/// the fields of [`Filter`].
pub const FILTER_PARAMS: &[&str] = &[
    "source",
    "target",
    "actor",
    "country",
    "source_country",
    "target_country",
    "dyad",
    "directed",
    "cameo",
    "root",
    "plover",
    "quad",
    "from",
    "to",
    "text",
    "include_negated",
    "unit",
];

/// The decoded name/value pairs of a query string.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decode `raw` and check that every name is in one of `allowed`.
    pub fn parse(raw: Option<&str>, allowed: &[&[&str]]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_BYTES {
            let mut cut = 64;
            while !raw.is_char_boundary(cut) {
                cut -= 1;
            }
            return Err(ApiError::bad("query", &raw[..cut], format!("the query string is longer than {MAX_QUERY_BYTES} bytes")));
        }
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        for (k, v) in &pairs {
            if !allowed.iter().any(|set| set.contains(&k.as_str())) {
                let mut names: Vec<&str> = allowed.iter().flat_map(|s| s.iter().copied()).collect();
                names.sort_unstable();
                let takes = if names.is_empty() { "no parameters".to_string() } else { names.join(", ") };
                return Err(ApiError::bad(k, v, format!("unknown parameter; this endpoint takes {takes}")));
            }
        }
        Ok(Params { pairs })
    }

    /// Every value of a multi-valued parameter: repeated, comma-separated, or both.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The value of a single-valued parameter; given twice is an error, an
    /// empty value is the same as none.
    pub fn one(&self, name: &str) -> Result<Option<&str>, ApiError> {
        let mut it = self.pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let first = it.next();
        if let Some(second) = it.next() {
            return Err(ApiError::bad(name, second, "given more than once; this parameter takes one value"));
        }
        Ok(first.map(str::trim).filter(|v| !v.is_empty()))
    }

    pub fn bool(&self, name: &str) -> Result<bool, ApiError> {
        match self.one(name)? {
            None => Ok(false),
            Some("true" | "1" | "yes" | "on") => Ok(true),
            Some("false" | "0" | "no" | "off") => Ok(false),
            Some(v) => Err(ApiError::bad(name, v, "not a boolean (true or false)")),
        }
    }

    /// A page size: `default` when absent, 1..=`max` otherwise.
    pub fn limit(&self, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.one("limit")? {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                Ok(_) => Err(ApiError::bad("limit", v, format!("a page holds 1 to {max} rows; page on with the cursor"))),
                Err(_) => Err(ApiError::bad("limit", v, format!("not a number (1 to {max})"))),
            },
        }
    }

    pub fn order(&self, default: Order) -> Result<Order, ApiError> {
        match self.one("order")? {
            None => Ok(default),
            Some("asc") => Ok(Order::Asc),
            Some("desc") => Ok(Order::Desc),
            Some(v) => Err(ApiError::bad("order", v, "asc or desc")),
        }
    }

    pub fn period(&self) -> Result<Period, ApiError> {
        match self.one("by")? {
            None | Some("month") => Ok(Period::Month),
            Some("day") => Ok(Period::Day),
            Some("week") => Ok(Period::Week),
            Some("year") => Ok(Period::Year),
            Some(v) => Err(ApiError::bad("by", v, "day, week, month or year")),
        }
    }

    /// The filter the parameters describe, validated.
    pub fn filter(&self) -> Result<ValidFilter, ApiError> {
        let unit = match self.one("unit")? {
            None | Some("clusters") => Unit::Clusters,
            Some("mentions") => Unit::Mentions,
            Some(v) => return Err(ApiError::bad("unit", v, "clusters or mentions")),
        };
        let mut quad = Vec::new();
        for q in self.list("quad") {
            match q.parse::<u8>() {
                Ok(n) => quad.push(n),
                Err(_) => return Err(ApiError::bad("quad", &q, "a QuadClass is 1, 2, 3 or 4")),
            }
        }
        let f = Filter {
            source: self.list("source"),
            target: self.list("target"),
            actor: self.list("actor"),
            country: self.list("country"),
            source_country: self.list("source_country"),
            target_country: self.list("target_country"),
            dyad: self.one("dyad")?.map(str::to_string),
            directed: self.bool("directed")?,
            cameo: self.list("cameo"),
            root: self.list("root"),
            plover: self.list("plover"),
            quad,
            from: self.one("from")?.map(str::to_string),
            to: self.one("to")?.map(str::to_string),
            text: self.one("text")?.map(str::to_string),
            include_negated: self.bool("include_negated")?,
            unit,
        };
        if f.directed && f.dyad.is_none() {
            return Err(ApiError::bad("directed", "true", "only with dyad"));
        }
        Ok(f.validate()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str) -> Result<Params, ApiError> {
        Params::parse(Some(q), &[FILTER_PARAMS, &["limit", "cursor", "order", "by"]])
    }

    #[test]
    fn lists_take_repeats_and_commas() {
        let q = p("cameo=040,042&cameo=%2004%2A%20&quad=1").unwrap();
        assert_eq!(q.list("cameo"), ["040", "042", "04*"]);
        assert_eq!(q.list("root"), Vec::<String>::new());
        let f = q.filter().unwrap();
        assert_eq!(f.filter().quad, [1]);
    }

    #[test]
    fn errors_name_the_parameter() {
        assert_eq!(p("colour=red").unwrap_err().param(), Some("colour"));
        assert_eq!(p("dyad=RUS-TUR&dyad=ARM-AZE").unwrap().filter().unwrap_err().param(), Some("dyad"));
        assert_eq!(p("quad=5").unwrap().filter().unwrap_err().param(), Some("quad"));
        assert_eq!(p("quad=x").unwrap().filter().unwrap_err().param(), Some("quad"));
        assert_eq!(p("from=2020-13").unwrap().filter().unwrap_err().param(), Some("from"));
        assert_eq!(p("directed=maybe").unwrap().filter().unwrap_err().param(), Some("directed"));
        assert_eq!(p("directed=true").unwrap().filter().unwrap_err().param(), Some("directed"));
        assert_eq!(p("unit=articles").unwrap().filter().unwrap_err().param(), Some("unit"));
        assert_eq!(p("limit=0").unwrap().limit(50, 1000).unwrap_err().param(), Some("limit"));
        assert_eq!(p("limit=1001").unwrap().limit(50, 1000).unwrap_err().param(), Some("limit"));
        assert_eq!(p("limit=1000").unwrap().limit(50, 1000).unwrap(), 1000);
        assert_eq!(p("by=fortnight").unwrap().period().unwrap_err().param(), Some("by"));
        assert_eq!(p("order=up").unwrap().order(Order::Desc).unwrap_err().param(), Some("order"));
        let long = format!("text={}", "a".repeat(MAX_QUERY_BYTES));
        assert_eq!(p(&long).unwrap_err().param(), Some("query"));
    }

    #[test]
    fn empty_values_do_not_filter() {
        let f = p("dyad=&text=&cameo=,&from=").unwrap().filter().unwrap();
        assert_eq!(f.filter(), &Filter::default());
    }
}
