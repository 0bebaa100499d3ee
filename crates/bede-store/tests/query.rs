//! The read side against a database built by hand from the schema: each test
//! knows exactly which rows exist, so every count it expects is worked out
//! from the rows, not from a run of the code under test.

use bede_core::{ActorRef, DateBasis, Event, Evidence, PartialDate, PloverRef, VerbRef};
use bede_store::query::{self, Filter, Order, PageRequest, Param, Period, QueryError, Unit};
use rusqlite::{params, Connection};

fn actor(code: &str) -> ActorRef {
    let country = (code.len() >= 3 && !code.starts_with("IGO")).then(|| code[..3].to_string());
    let sectors = code.get(3..).filter(|s| !s.is_empty()).map(|s| vec![s.to_string()]).unwrap_or_default();
    ActorRef { code: code.into(), country, sectors, name: format!("name of {code}"), text: code.into(), span: [0, 3] }
}

/// An event as the coder makes it: code facts from the CAMEO table.
fn event(doc: &str, sentence: u32, src: &str, tgt: Option<&str>, cameo: &str, date: Option<&str>, evidence: &str) -> Event {
    let c = bede_cameo::lookup(cameo).expect("test uses real codes");
    let date = date.map(|d| PartialDate::parse(d).unwrap());
    let (source, target) = (actor(src), tgt.map(actor));
    Event {
        id: bede_core::event_id(doc, sentence, &source, target.as_ref(), cameo),
        doc_id: doc.into(),
        sentence,
        date,
        date_precision: date.map(|d| d.precision()),
        date_basis: if date.is_some() { DateBasis::Explicit } else { DateBasis::Unknown },
        source,
        target,
        cameo: cameo.into(),
        cameo_name: c.name.into(),
        quad_class: c.quad_class,
        goldstein: c.goldstein,
        plover: PloverRef { kind: c.plover_type.into(), mode: c.plover_mode.map(str::to_string) },
        negated: false,
        location: None,
        issues: vec!["NUCLEAR".into()],
        evidence: Evidence {
            text: evidence.into(),
            verb: VerbRef { text: "verb".into(), span: [4, 8] },
            pattern: "verbs.txt:1: pattern".into(),
        },
    }
}

struct Db {
    conn: Connection,
    _dir: tempfile::TempDir,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let conn = Connection::open(dir.path().join("t.db")).unwrap();
    conn.execute_batch(bede_store::SCHEMA_SQL).unwrap();
    Db { conn, _dir: dir }
}

fn day_of(d: &PartialDate) -> i64 {
    query::day_number(d.first_day().unwrap())
}

impl Db {
    fn article(&self, doc: &str, outlet: &str) -> i64 {
        self.conn
            .execute(
                "INSERT INTO articles (doc_id, content_hash, outlet, url, title, published, text, ingested_at) \
                 VALUES (?1, ?1, ?2, 'https://x/' || ?1, 'Title ' || ?1, '2020-07-24', 'text', '2024-01-02T03:04:05Z')",
                params![doc, outlet],
            )
            .unwrap();
        self.conn.last_insert_rowid()
    }

    /// A new cluster whose representative mention is `e` (counts set by `mention`).
    fn cluster(&self, e: &Event) -> i64 {
        let day = e.date.as_ref().map(day_of);
        self.conn
            .execute(
                "INSERT INTO clusters (source_key, target_key, root, negated, day_min, day_max, cameo, quad_class, \
                 goldstein, plover_type, source_code, source_country, target_code, target_country, date, day, \
                 num_mentions, num_sources, num_articles, date_precision) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?5, 0, 0, 0, ?15)",
                params![
                    e.source.code,
                    e.target.as_ref().map(|t| t.code.clone()).unwrap_or_default(),
                    &e.cameo[..2],
                    e.negated,
                    day,
                    e.cameo,
                    e.quad_class,
                    e.goldstein,
                    e.plover.kind,
                    e.source.code,
                    e.source.country,
                    e.target.as_ref().map(|t| t.code.clone()),
                    e.target.as_ref().and_then(|t| t.country.clone()),
                    e.date.map(|d| d.to_string()),
                    e.date_precision.map(|p| serde_json::to_value(p).unwrap().as_str().unwrap().to_string()),
                ],
            )
            .unwrap();
        self.conn.last_insert_rowid()
    }

    /// Store mention `e` of article `article` in `cluster` (the first mention becomes its representative).
    fn mention(&self, article: i64, cluster: i64, e: &Event) -> i64 {
        let t = e.target.as_ref();
        self.conn
            .execute(
                "INSERT INTO events (event_id, article, cluster, sentence, date, date_precision, date_basis, day, \
                 source_code, source_country, source_sectors, source_name, source_text, source_start, source_end, \
                 target_code, target_country, target_sectors, target_name, target_text, target_start, target_end, \
                 cameo, root, cameo_name, quad_class, goldstein, plover_type, plover_mode, negated, location, issues, \
                 evidence, verb_text, verb_start, verb_end, pattern) VALUES \
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, \
                  ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37)",
                rusqlite::params_from_iter::<Vec<rusqlite::types::Value>>(vec![
                    e.id.clone().into(),
                    article.into(),
                    cluster.into(),
                    (e.sentence as i64).into(),
                    e.date.map(|d| d.to_string()).into(),
                    e.date_precision.map(|p| serde_json::to_value(p).unwrap().as_str().unwrap().to_string()).into(),
                    serde_json::to_value(e.date_basis).unwrap().as_str().unwrap().to_string().into(),
                    e.date.as_ref().map(day_of).into(),
                    e.source.code.clone().into(),
                    e.source.country.clone().into(),
                    e.source.sectors.join(" ").into(),
                    e.source.name.clone().into(),
                    e.source.text.clone().into(),
                    (e.source.span[0] as i64).into(),
                    (e.source.span[1] as i64).into(),
                    t.map(|t| t.code.clone()).into(),
                    t.and_then(|t| t.country.clone()).into(),
                    t.map(|t| t.sectors.join(" ")).into(),
                    t.map(|t| t.name.clone()).into(),
                    t.map(|t| t.text.clone()).into(),
                    t.map(|t| t.span[0] as i64).into(),
                    t.map(|t| t.span[1] as i64).into(),
                    e.cameo.clone().into(),
                    e.cameo[..2].to_string().into(),
                    e.cameo_name.clone().into(),
                    (e.quad_class as i64).into(),
                    (e.goldstein as f64).into(),
                    e.plover.kind.clone().into(),
                    e.plover.mode.clone().into(),
                    (e.negated as i64).into(),
                    e.location.clone().into(),
                    serde_json::to_string(&e.issues).unwrap().into(),
                    e.evidence.text.clone().into(),
                    e.evidence.verb.text.clone().into(),
                    (e.evidence.verb.span[0] as i64).into(),
                    (e.evidence.verb.span[1] as i64).into(),
                    e.evidence.pattern.clone().into(),
                ]),
            )
            .unwrap();
        let id = self.conn.last_insert_rowid();
        self.conn
            .execute(
                "UPDATE clusters SET rep_event = coalesce(rep_event, ?2), \
                 num_mentions = (SELECT count(*) FROM events WHERE cluster = ?1), \
                 num_articles = (SELECT count(DISTINCT article) FROM events WHERE cluster = ?1), \
                 num_sources = (SELECT count(DISTINCT coalesce(a.outlet, 'article ' || a.id)) FROM events e \
                                JOIN articles a ON a.id = e.article WHERE e.cluster = ?1) \
                 WHERE id = ?1",
                params![cluster, id],
            )
            .unwrap();
        id
    }

    /// A one-mention cluster.
    fn single(&self, article: i64, e: &Event) -> i64 {
        let c = self.cluster(e);
        self.mention(article, c, e);
        c
    }
}

fn count(db: &Db, f: Filter) -> u64 {
    query::count(&db.conn, &f.validate().unwrap()).unwrap()
}

/// The store every test below queries:
///
/// | cluster | mentions (articles) | dyad | code | date |
/// |---|---|---|---|---|
/// | 1 | 3 (a1 a2 a3; a2, a3 same outlet) | RUSGOV→TURGOV | 040 | 2020-07-23 |
/// | 2 | 1 | TURGOV→RUSGOV | 0311 | 2020-07-25 |
/// | 3 | 1 | RUSMIL→TURMIL | 190 | 2020-08-02 |
/// | 4 | 1 | RUS→TUR | 042 | 2020-08 (month) |
/// | 5 | 1 | RUS→TUR | 111 | 2019 (year) |
/// | 6 | 1 | RUSGOV→TURGOV | 040 | undated |
/// | 7 | 1 | RUSGOV→TURGOV | 040 | 2020-07-23, negated |
/// | 8 | 2 (a1 a2) | USAGOV→IGOUNO | 0233 | 2020-07-24 |
/// | 9 | 1 | ARMMIL→AZEMIL | 193 | 2020-09-28 |
fn fixture() -> Db {
    let db = db();
    let a1 = db.article("a1", "Sputnik");
    let a2 = db.article("a2", "Reuters");
    let a3 = db.article("a3", "Reuters");
    let meet = |doc: &str| {
        event(
            doc,
            0,
            "RUSGOV",
            Some("TURGOV"),
            "040",
            Some("2020-07-23"),
            "Russian Foreign Minister Sergey Lavrov and his Turkish counterpart discussed the situation in Transcaucasia.",
        )
    };
    let c1 = db.cluster(&meet("a1"));
    for (a, doc) in [(a1, "a1"), (a2, "a2"), (a3, "a3")] {
        db.mention(a, c1, &meet(doc));
    }
    db.single(a2, &event("a2", 1, "TURGOV", Some("RUSGOV"), "0311", Some("2020-07-25"), "Ankara agreed on trade with Moscow."));
    db.single(a1, &event("a1", 2, "RUSMIL", Some("TURMIL"), "190", Some("2020-08-02"), "Russian troops fought Turkish troops."));
    db.single(a1, &event("a1", 3, "RUS", Some("TUR"), "042", Some("2020-08"), "Russia visited Turkey in August."));
    db.single(a1, &event("a1", 4, "RUS", Some("TUR"), "111", Some("2019"), "Russia criticised Turkey in 2019."));
    db.single(a3, &event("a3", 5, "RUSGOV", Some("TURGOV"), "040", None, "Moscow and Ankara held talks."));
    let mut neg = event("a3", 6, "RUSGOV", Some("TURGOV"), "040", Some("2020-07-23"), "Lavrov did not meet Cavusoglu.");
    neg.negated = true;
    db.single(a3, &neg);
    let appeal = |doc: &str| event(doc, 7, "USAGOV", Some("IGOUNO"), "0233", Some("2020-07-24"), "Washington urged the UN to send aid.");
    let c8 = db.cluster(&appeal("a1"));
    db.mention(a1, c8, &appeal("a1"));
    db.mention(a2, c8, &appeal("a2"));
    db.single(a2, &event("a2", 8, "ARMMIL", Some("AZEMIL"), "193", Some("2020-09-28"), "Armenian forces shelled Azerbaijani positions."));
    db
}

#[test]
fn counts_clusters_by_default_and_mentions_on_request() {
    let db = fixture();
    // 9 clusters, one negated; 12 mentions, one negated.
    assert_eq!(count(&db, Filter::default()), 8);
    assert_eq!(count(&db, Filter { unit: Unit::Mentions, ..Default::default() }), 11);
    assert_eq!(count(&db, Filter { include_negated: true, ..Default::default() }), 9);
    assert_eq!(count(&db, Filter { include_negated: true, unit: Unit::Mentions, ..Default::default() }), 12);
}

#[test]
fn dyads_both_directions_or_one() {
    let db = fixture();
    let dyad = |d: &str, directed: bool, unit: Unit| count(&db, Filter { dyad: Some(d.into()), directed, unit, ..Default::default() });
    // RUS-TUR: clusters 1..6 (7 is negated).
    assert_eq!(dyad("RUS-TUR", false, Unit::Clusters), 6);
    assert_eq!(dyad("TUR-RUS", false, Unit::Clusters), 6);
    assert_eq!(dyad("RUS-TUR", true, Unit::Clusters), 5);
    assert_eq!(dyad("TUR-RUS", true, Unit::Clusters), 1);
    assert_eq!(dyad("RUS-TUR", false, Unit::Mentions), 8);
    // An actor-code side: the UN (no country) by its code.
    assert_eq!(dyad("USA-IGOUNO", false, Unit::Clusters), 1);
    assert_eq!(dyad("rusmil-TUR", true, Unit::Clusters), 1);
    assert_eq!(dyad("AZE-ARM", true, Unit::Clusters), 0);
}

#[test]
fn actor_country_and_code_filters() {
    let db = fixture();
    let f = |f: Filter| count(&db, f);
    assert_eq!(f(Filter { source: vec!["RUS".into()], ..Default::default() }), 5);
    assert_eq!(f(Filter { source: vec!["RUSGOV".into()], ..Default::default() }), 2);
    assert_eq!(f(Filter { source: vec!["RUSGOV".into(), "RUSMIL".into()], ..Default::default() }), 3);
    assert_eq!(f(Filter { target: vec!["IGOUNO".into()], ..Default::default() }), 1);
    assert_eq!(f(Filter { actor: vec!["TURGOV".into()], ..Default::default() }), 3);
    assert_eq!(f(Filter { country: vec!["TUR".into()], ..Default::default() }), 6);
    assert_eq!(f(Filter { source_country: vec!["TUR".into()], ..Default::default() }), 1);
    assert_eq!(f(Filter { target_country: vec!["AZE".into(), "TUR".into()], ..Default::default() }), 6);
    // Filters of different kinds all hold.
    assert_eq!(f(Filter { country: vec!["TUR".into()], source: vec!["TUR".into()], ..Default::default() }), 1);
}

#[test]
fn code_filters() {
    let db = fixture();
    let f = |f: Filter| count(&db, f);
    assert_eq!(f(Filter { cameo: vec!["040".into()], ..Default::default() }), 2);
    assert_eq!(f(Filter { cameo: vec!["04".into()], ..Default::default() }), 0, "exact: no event is coded 04 itself");
    assert_eq!(f(Filter { cameo: vec!["04*".into()], ..Default::default() }), 3);
    assert_eq!(f(Filter { cameo: vec!["19*".into()], ..Default::default() }), 2);
    assert_eq!(f(Filter { root: vec!["4".into(), "03".into()], ..Default::default() }), 4);
    assert_eq!(f(Filter { plover: vec!["consult".into()], ..Default::default() }), 3);
    assert_eq!(f(Filter { quad: vec![4], ..Default::default() }), 2);
    assert_eq!(f(Filter { quad: vec![1, 3], ..Default::default() }), 6);
}

#[test]
fn date_ranges_compare_first_days() {
    let db = fixture();
    let f = |from: Option<&str>, to: Option<&str>| {
        count(&db, Filter { from: from.map(Into::into), to: to.map(Into::into), ..Default::default() })
    };
    assert_eq!(f(Some("2020-07-23"), Some("2020-07-24")), 2);
    assert_eq!(f(Some("2020-07"), Some("2020-07")), 3);
    // A month-precision date counts from its first day: 2020-08 is in August.
    assert_eq!(f(Some("2020-08"), Some("2020-08")), 2);
    assert_eq!(f(None, Some("2019")), 1);
    // Undated events are outside any range.
    assert_eq!(f(Some("1900"), None), 7);
}

#[test]
fn text_search_over_evidence() {
    let db = fixture();
    let t = |q: &str, unit: Unit| count(&db, Filter { text: Some(q.into()), unit, ..Default::default() });
    assert_eq!(t("Transcaucasia", Unit::Clusters), 1);
    assert_eq!(t("Transcaucasia", Unit::Mentions), 3);
    assert_eq!(t("troops OR forces", Unit::Clusters), 2);
    assert_eq!(t("\"foreign minister\"", Unit::Clusters), 1);
    assert_eq!(t("Cavusoglu", Unit::Clusters), 0, "only the negated event names him");
    assert_eq!(t("Transc*", Unit::Clusters), 1);
    for bad in ["\"unbalanced", "AND", "nosuchcolumn: x"] {
        let f = Filter { text: Some(bad.into()), ..Default::default() }.validate().unwrap();
        match query::count(&db.conn, &f) {
            Err(QueryError::Invalid(e)) => assert_eq!(e.param, Param::Text, "{bad}: {e}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn list_pages_with_a_cursor_visit_every_row_once_in_order() {
    let db = fixture();
    // An undirected country dyad is read one direction at a time and merged: paged the same.
    for (unit, dyad) in [Unit::Clusters, Unit::Mentions].into_iter().flat_map(|u| [(u, None), (u, Some("TUR-RUS"))]) {
        for order in [Order::Asc, Order::Desc] {
            let f = Filter { unit, include_negated: true, dyad: dyad.map(Into::into), ..Default::default() }.validate().unwrap();
            let total = query::count(&db.conn, &f).unwrap() as usize;
            let mut seen = Vec::new();
            let mut req = PageRequest { limit: 2, cursor: None, order };
            loop {
                let page = query::list(&db.conn, &f, &req).unwrap();
                assert!(page.items.len() <= 2);
                seen.extend(page.items.into_iter().map(|h| (h.event.date.and_then(|d| d.first_day()), h.cluster.id, h.event.id)));
                match page.next {
                    Some(c) => req.cursor = Some(c),
                    None => break,
                }
            }
            assert_eq!(seen.len(), total, "{unit:?} {order:?} {dyad:?}");
            assert!(total >= 5, "{unit:?} {dyad:?}: enough rows for several pages");
            let mut ids: Vec<_> = seen.iter().map(|s| s.2.clone()).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), total, "no row twice ({unit:?} {order:?})");
            let days: Vec<_> = seen.iter().map(|s| s.0).collect();
            let mut sorted = days.clone();
            sorted.sort();
            if order == Order::Desc {
                sorted.reverse();
            }
            assert_eq!(days, sorted, "{unit:?} {order:?}");
        }
    }
}

#[test]
fn list_returns_the_stored_event_and_cluster_counts() {
    let db = fixture();
    let f = Filter { text: Some("Transcaucasia".into()), ..Default::default() }.validate().unwrap();
    let page = query::list(&db.conn, &f, &PageRequest::default()).unwrap();
    assert_eq!(page.items.len(), 1);
    let h = &page.items[0];
    assert_eq!(
        h.event,
        event(
            "a1",
            0,
            "RUSGOV",
            Some("TURGOV"),
            "040",
            Some("2020-07-23"),
            "Russian Foreign Minister Sergey Lavrov and his Turkish counterpart discussed the situation in Transcaucasia."
        )
    );
    assert_eq!((h.cluster.num_mentions, h.cluster.num_sources, h.cluster.num_articles), (3, 2, 3));
    assert_eq!(h.article.doc_id, "a1");
    assert_eq!(h.article.outlet.as_deref(), Some("Sputnik"));
    assert_eq!(h.article.published.as_deref(), Some("2020-07-24"));
    assert!(page.next.is_none());
    // Serialisable for the HTTP API.
    let json = serde_json::to_value(&page).unwrap();
    assert_eq!(json["items"][0]["event"]["cameo"], "040");
}

#[test]
fn list_rejects_bad_limits_and_foreign_cursors() {
    let db = fixture();
    let f = Filter::default().validate().unwrap();
    for limit in [0, query::MAX_LIMIT + 1] {
        let e = query::list(&db.conn, &f, &PageRequest { limit, ..Default::default() }).unwrap_err();
        assert!(matches!(e, QueryError::Invalid(ref e) if e.param == Param::Limit), "{e}");
    }
    let page = query::list(&db.conn, &f, &PageRequest { limit: 1, ..Default::default() }).unwrap();
    let mentions = Filter { unit: Unit::Mentions, ..Default::default() }.validate().unwrap();
    let e = query::list(&db.conn, &mentions, &PageRequest { limit: 1, cursor: page.next, order: Order::Asc }).unwrap_err();
    assert!(matches!(e, QueryError::Invalid(ref e) if e.param == Param::Cursor), "{e}");
}

#[test]
fn dyad_series_by_month_counts_each_cluster_once() {
    let db = fixture();
    let f = Filter { dyad: Some("RUS-TUR".into()), ..Default::default() }.validate().unwrap();
    let s = query::series(&db.conn, &f, Period::Month).unwrap();
    let rows: Vec<(&str, [u64; 4], f64)> = s.periods.iter().map(|p| (p.period.as_str(), p.by_quad(), p.goldstein)).collect();
    let g = |c: &str| bede_cameo::lookup(c).unwrap().goldstein as f64;
    let round = |x: f64| (x * 10.0).round() / 10.0;
    assert_eq!(
        rows,
        vec![
            // July: cluster 1 (040, three mentions, counted once) and 2 (0311), both QuadClass 1.
            ("2020-07", [2, 0, 0, 0], round(g("040") + g("0311"))),
            // August: cluster 3 (190) and 4 (042, a month-precision date: fine by month).
            ("2020-08", [1, 0, 0, 1], round(g("042") + g("190"))),
        ]
    );
    assert_eq!(s.periods[0].total, 2);
    assert_eq!(s.coarser, 1, "the 2019 year-only event");
    assert_eq!(s.undated, 1);
    let by_year = query::series(&db.conn, &f, Period::Year).unwrap();
    assert_eq!(by_year.periods.iter().map(|p| (p.period.as_str(), p.total)).collect::<Vec<_>>(), vec![("2019", 1), ("2020", 4)]);
    assert_eq!(by_year.coarser, 0);
    // Directed, by mentions: RUS→TUR mentions are cluster 1's three and cluster 3's one (4 is month-only).
    let f = Filter { dyad: Some("RUS-TUR".into()), directed: true, unit: Unit::Mentions, ..Default::default() }.validate().unwrap();
    let s = query::series(&db.conn, &f, Period::Week).unwrap();
    let weeks: Vec<(&str, u64)> = s.periods.iter().map(|p| (p.period.as_str(), p.total)).collect();
    // 2020-07-23 is in W30, 2020-08-02 (a Sunday) in W31; no gap between.
    assert_eq!(weeks, vec![("2020-W30", 3), ("2020-W31", 1)]);
    assert_eq!(s.coarser, 2);
    assert!(s.directed);
}

#[test]
fn series_fills_gaps_with_empty_periods() {
    let db = fixture();
    let f = Filter { country: vec!["TUR".into(), "AZE".into()], ..Default::default() }.validate().unwrap();
    let s = query::series(&db.conn, &f, Period::Month).unwrap();
    let months: Vec<(&str, u64)> = s.periods.iter().map(|p| (p.period.as_str(), p.total)).collect();
    assert_eq!(months, vec![("2020-07", 2), ("2020-08", 2), ("2020-09", 1)]);
    let s = query::series(&db.conn, &f, Period::Day).unwrap();
    assert_eq!(s.periods.first().unwrap().period, "2020-07-23");
    assert_eq!(s.periods.last().unwrap().period, "2020-09-28");
    assert_eq!(s.periods.len(), 68);
    assert_eq!(s.periods.iter().map(|p| p.total).sum::<u64>(), 4);
}

#[test]
fn for_each_hit_streams_what_count_counts() {
    let db = fixture();
    for unit in [Unit::Clusters, Unit::Mentions] {
        let f = Filter { unit, ..Default::default() }.validate().unwrap();
        let mut ids = Vec::new();
        let n = query::for_each_hit(&db.conn, &f, |h| -> Result<(), QueryError> {
            ids.push(h.event.id);
            Ok(())
        })
        .unwrap();
        assert_eq!(n, query::count(&db.conn, &f).unwrap());
        assert_eq!(ids.len() as u64, n);
    }
    // The callback's error stops the scan.
    let f = Filter::default().validate().unwrap();
    let mut seen = 0;
    let r = query::for_each_hit(&db.conn, &f, |_| {
        seen += 1;
        if seen == 2 {
            Err(QueryError::Corrupt { table: "test", id: 0, reason: "stop".into() })
        } else {
            Ok(())
        }
    });
    assert!(r.is_err());
    assert_eq!(seen, 2);
}

/// Through the real writer: two outlets report the same meeting (one cluster,
/// two mentions), and the read side gives back exactly the ingested events.
#[test]
fn reads_back_what_ingest_stored() {
    use bede_store::{ArticleInput, ClusterOptions, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let sentence = "Lavrov met Cavusoglu in Moscow on Thursday.";
    let meet = |doc: &str, date: &str| event(doc, 0, "RUSGOV", Some("TURGOV"), "040", Some(date), sentence);
    let input = |doc: &str, outlet: &str, events: Vec<Event>| ArticleInput {
        article: bede_core::Article {
            id: doc.into(),
            text: format!("{doc}: {sentence}"),
            outlet: Some(outlet.into()),
            published: chrono::NaiveDate::from_ymd_opt(2020, 7, 24),
            ..Default::default()
        },
        sentences: vec![sentence.into()],
        events,
    };
    let (a, b) = (meet("x1", "2020-07-23"), meet("x2", "2020-07-24"));
    {
        let mut store = Store::open(&path).unwrap();
        store
            .ingest_batch(&[input("x1", "Sputnik", vec![a.clone()]), input("x2", "Reuters", vec![b.clone()])], &ClusterOptions::default())
            .unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    let conn = store.conn();
    let clusters = Filter { dyad: Some("TUR-RUS".into()), ..Default::default() }.validate().unwrap();
    let page = query::list(conn, &clusters, &PageRequest::default()).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].event, a, "the representative is the earliest-dated mention");
    assert_eq!((page.items[0].cluster.num_mentions, page.items[0].cluster.num_sources), (2, 2));
    let mentions = Filter { dyad: Some("TUR-RUS".into()), unit: Unit::Mentions, ..Default::default() }.validate().unwrap();
    let got: Vec<Event> = query::list(conn, &mentions, &PageRequest::default()).unwrap().items.into_iter().map(|h| h.event).collect();
    assert_eq!(got, vec![a, b]);
    let s = query::series(conn, &clusters, Period::Month).unwrap();
    assert_eq!(s.periods.len(), 1);
    assert_eq!((s.periods[0].total, s.periods[0].verbal_cooperation), (1, 1));
    let s = query::series(conn, &mentions, Period::Day).unwrap();
    assert_eq!(s.periods.iter().map(|p| p.total).collect::<Vec<_>>(), vec![1, 1]);
}

/// A dyad whose sides can both match one row (a country and a code of that
/// country) must still count the row once.
#[test]
fn overlapping_dyad_sides_count_a_row_once() {
    let db = db();
    let a = db.article("d1", "TASS");
    db.single(a, &event("d1", 0, "RUSGOV", Some("RUSGOV"), "040", Some("2020-07-23"), "The Kremlin consulted the government."));
    for dyad in ["RUS-RUSGOV", "RUSGOV-RUS", "RUS-RUS"] {
        assert_eq!(count(&db, Filter { dyad: Some(dyad.into()), ..Default::default() }), 1, "{dyad}");
        let f = Filter { dyad: Some(dyad.into()), ..Default::default() }.validate().unwrap();
        let s = query::series(&db.conn, &f, Period::Year).unwrap();
        assert_eq!(s.periods.iter().map(|p| p.total).sum::<u64>(), 1, "{dyad}");
    }
}
