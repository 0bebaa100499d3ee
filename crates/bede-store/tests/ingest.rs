//! The write side of the store: idempotent ingest, replacement, clustering.
//! Events here are built by hand so each test controls exactly the fields
//! clustering looks at.

use bede_core::{event_id, ActorRef, Article, DateBasis, Event, Evidence, PartialDate, PloverRef, VerbRef};
use bede_store::rusqlite::{self, params};
use bede_store::{event_from_row, ArticleInput, ClusterOptions, Store, EVENT_COLUMNS};
use proptest::prelude::*;

fn actor(code: &str, country: Option<&str>, sector: Option<&str>, name: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        country: country.map(Into::into),
        sectors: sector.into_iter().map(Into::into).collect(),
        name: name.into(),
        text: name.into(),
        span: [0, name.len() as u32],
    }
}

fn rus() -> ActorRef {
    actor("RUSGOV", Some("RUS"), Some("GOV"), "Sergey Lavrov")
}
fn tur() -> ActorRef {
    actor("TURGOV", Some("TUR"), Some("GOV"), "Mevlut Cavusoglu")
}

/// An event of article `doc`, sentence `sentence`, dated `date` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or none).
fn ev(doc: &str, sentence: u32, source: ActorRef, target: Option<ActorRef>, cameo: &str, date: Option<&str>) -> Event {
    let date = date.map(|d| PartialDate::parse(d).expect("test date"));
    Event {
        id: event_id(doc, sentence, &source, target.as_ref(), cameo),
        doc_id: doc.into(),
        sentence,
        date,
        date_precision: date.map(|d| d.precision()),
        date_basis: if date.is_some() { DateBasis::Explicit } else { DateBasis::Unknown },
        source,
        target,
        cameo: cameo.into(),
        cameo_name: format!("name of {cameo}"),
        quad_class: 1,
        goldstein: 1.0,
        plover: PloverRef { kind: "CONSULT".into(), mode: None },
        negated: false,
        location: None,
        issues: vec![],
        evidence: Evidence {
            text: format!("sentence {sentence} of {doc}"),
            verb: VerbRef { text: "met".into(), span: [0, 3] },
            pattern: "verbs.txt:1: MEET".into(),
        },
    }
}

/// An article whose text is `text` (its content hash), from `outlet`, holding `events`.
fn art(id: &str, text: &str, outlet: Option<&str>, events: Vec<Event>) -> ArticleInput {
    let n = events.iter().map(|e| e.sentence as usize + 1).max().unwrap_or(1);
    ArticleInput {
        article: Article {
            id: id.into(),
            text: text.into(),
            outlet: outlet.map(Into::into),
            published: chrono::NaiveDate::from_ymd_opt(2020, 7, 24),
            ..Default::default()
        },
        sentences: (0..n).map(|i| format!("sentence {i} of {id}")).collect(),
        events,
    }
}

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path().join("t.db")).unwrap();
    (dir, s)
}

fn opts(w: u32) -> ClusterOptions {
    ClusterOptions { window_days: w }
}

/// (cluster id, num_mentions, num_sources, num_articles, day_min, day_max), by id.
type ClusterRow = (i64, i64, i64, i64, Option<i64>, Option<i64>);

fn clusters(s: &Store) -> Vec<ClusterRow> {
    let mut st =
        s.conn().prepare("SELECT id, num_mentions, num_sources, num_articles, day_min, day_max FROM clusters ORDER BY id").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The cluster of each event, by event id.
fn cluster_of(s: &Store, event: &Event) -> i64 {
    s.conn().query_row("SELECT cluster FROM events WHERE event_id = ?1", [&event.id], |r| r.get(0)).unwrap()
}

/// Every cluster's stored counts equal what its mentions say, and none is empty.
fn assert_clusters_consistent(s: &Store) {
    let bad: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM clusters c WHERE c.num_mentions != (SELECT count(*) FROM events e WHERE e.cluster = c.id)
                OR c.num_articles != (SELECT count(DISTINCT article) FROM events e WHERE e.cluster = c.id)
                OR c.num_mentions = 0
                OR c.rep_event != (SELECT e.id FROM events e JOIN articles a ON a.id = e.article WHERE e.cluster = c.id
                                   ORDER BY e.day IS NULL, e.day, a.published IS NULL, a.published, e.event_id LIMIT 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "clusters whose counts disagree with their mentions");
    // The full-text index holds exactly the stored evidence (ingest indexes
    // it itself, not through the insert trigger), and the flag that defers
    // the trigger never outlives a batch.
    s.conn().execute("INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)", []).expect("FTS index matches events");
    let flag: i64 = s.conn().query_row("SELECT count(*) FROM meta WHERE key = 'fts_deferred'", [], |r| r.get(0)).unwrap();
    assert_eq!(flag, 0);
    assert_actor_tables_consistent(s);
}

/// The actor aggregates the triggers keep hold exactly what `events` says.
fn assert_actor_tables_consistent(s: &Store) {
    let rows = |sql: &str| -> Vec<(String, String, i64)> {
        s.conn().prepare(sql).unwrap().query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(
        rows("SELECT source_code, target_code, mentions FROM actor_dyads ORDER BY 1, 2"),
        rows("SELECT source_code, coalesce(target_code, ''), count(*) FROM events GROUP BY 1, 2 ORDER BY 1, 2"),
        "actor_dyads"
    );
    assert_eq!(
        rows("SELECT code, name, mentions FROM actor_names ORDER BY 1, 2"),
        rows(
            "SELECT code, name, count(*) FROM (SELECT source_code AS code, source_name AS name FROM events
             UNION ALL SELECT target_code, target_name FROM events WHERE target_code IS NOT NULL) GROUP BY 1, 2 ORDER BY 1, 2"
        ),
        "actor_names"
    );
}

#[test]
fn actor_tables_of_an_older_store_are_filled_when_opened_for_writing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("old.db");
    {
        let mut s = Store::open(&p).unwrap();
        let a = ev("a", 0, rus(), Some(tur()), "040", Some("2020-07-23"));
        let b = ev("a", 1, tur(), None, "010", Some("2020-07-23"));
        s.ingest_batch(&[art("a", "a", None, vec![a, b])], &opts(1)).unwrap();
        assert!(s.has_actor_tables().unwrap());
        // What a store written before the actor tables looks like.
        s.conn().execute_batch("DELETE FROM actor_dyads; DELETE FROM actor_names; DELETE FROM meta WHERE key = 'actor_tables';").unwrap();
    }
    assert!(!Store::open_read_only(&p).unwrap().has_actor_tables().unwrap());
    let s = Store::open(&p).unwrap();
    assert!(s.has_actor_tables().unwrap());
    let n: i64 = s.conn().query_row("SELECT sum(mentions) FROM actor_dyads", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 2);
    assert_clusters_consistent(&s);
}

#[test]
fn stored_events_read_back_identical() {
    let (_d, mut s) = open();
    let mut a = ev("a", 1, rus(), Some(tur()), "0411", Some("2020-07-23"));
    a.goldstein = -2.5;
    a.quad_class = 2;
    a.plover = PloverRef { kind: "ASSAULT".into(), mode: Some("beat".into()) };
    a.location = Some("Moscow".into());
    a.issues = vec!["SECURITY".into(), "OIL".into()];
    a.negated = true;
    a.date_basis = DateBasis::WeekdayRelative;
    a.source.sectors = vec!["GOV".into(), "MIL".into()];
    a.source.span = [4, 17];
    let mut b = ev("a", 0, actor("IGOUNO", None, None, "the United Nations"), None, "010", Some("1992"));
    b.date_basis = DateBasis::Relative;
    let c = ev("a", 0, rus(), Some(actor("TUR", Some("TUR"), None, "Turkey")), "040", None);
    let input = art("a", "text a", Some("Reuters"), vec![b.clone(), a.clone(), c.clone()]);
    let r = s.ingest_batch(&[input], &opts(1)).unwrap();
    assert_eq!((r.added, r.events), (1, 3));

    let mut st = s.conn().prepare(&format!("SELECT {EVENT_COLUMNS} FROM events e ORDER BY e.id")).unwrap();
    let back: Vec<Event> = st.query_map([], event_from_row).unwrap().collect::<rusqlite::Result<_>>().unwrap();
    assert_eq!(back, vec![b, a, c]);
    assert_eq!(s.counts().unwrap(), (1, 3, 3));
    let sentences: i64 = s.conn().query_row("SELECT count(*) FROM sentences", [], |r| r.get(0)).unwrap();
    assert_eq!(sentences, 2);
}

#[test]
fn re_ingest_adds_nothing_and_same_text_under_another_id_is_unchanged() {
    let (_d, mut s) = open();
    let batch = vec![
        art("a", "text a", Some("Reuters"), vec![ev("a", 0, rus(), Some(tur()), "040", Some("2020-07-23"))]),
        art("b", "text b", Some("TASS"), vec![ev("b", 0, tur(), Some(rus()), "040", Some("2020-07-23"))]),
    ];
    let first = s.ingest_batch(&batch, &opts(1)).unwrap();
    assert_eq!((first.added, first.unchanged, first.events), (2, 0, 2));
    let before = (s.counts().unwrap(), clusters(&s));

    let again = s.ingest_batch(&batch, &opts(1)).unwrap();
    assert_eq!((again.added, again.replaced, again.unchanged, again.events), (0, 0, 2, 0));
    // A repost: the same text under a new id (and even another outlet).
    let repost = art("a-copy", "text a", Some("Other"), vec![ev("a-copy", 0, rus(), Some(tur()), "040", Some("2020-07-23"))]);
    let r = s.ingest_batch(&[repost], &opts(1)).unwrap();
    assert_eq!((r.added, r.unchanged, r.events), (0, 1, 0));
    assert_eq!((s.counts().unwrap(), clusters(&s)), before);

    // The same id twice in one batch: the second sees the first.
    let twice = vec![art("c", "text c", None, vec![]), art("c", "text c", None, vec![])];
    let r = s.ingest_batch(&twice, &opts(1)).unwrap();
    assert_eq!((r.added, r.unchanged), (1, 1));
}

#[test]
fn changed_text_replaces_events_and_recounts_their_clusters() {
    let (_d, mut s) = open();
    let a_meet = ev("a", 0, rus(), Some(tur()), "040", Some("2020-07-23"));
    let a_other = ev("a", 1, rus(), Some(actor("AZEGOV", Some("AZE"), Some("GOV"), "Azerbaijan")), "036", Some("2020-07-23"));
    let b_meet = ev("b", 0, rus(), Some(tur()), "040", Some("2020-07-23"));
    s.ingest_batch(
        &[art("a", "v1", Some("Reuters"), vec![a_meet.clone(), a_other.clone()]), art("b", "b", Some("TASS"), vec![b_meet.clone()])],
        &opts(1),
    )
    .unwrap();
    let shared = cluster_of(&s, &a_meet);
    assert_eq!(shared, cluster_of(&s, &b_meet));
    let lone = cluster_of(&s, &a_other);
    assert_eq!(clusters(&s).iter().find(|c| c.0 == shared).unwrap().1, 2);

    // Version 2 of "a" no longer reports the meeting nor the other event, but a new one.
    let a_new = ev("a", 2, tur(), Some(actor("ARM", Some("ARM"), None, "Armenia")), "111", Some("2020-07-22"));
    let r = s.ingest_batch(&[art("a", "v2", Some("Reuters"), vec![a_new.clone()])], &opts(1)).unwrap();
    assert_eq!((r.added, r.replaced, r.unchanged, r.events), (0, 1, 0, 1));
    assert_eq!(r.clusters_removed, 1, "a's lone cluster is emptied and deleted");

    let ids: Vec<String> = s
        .conn()
        .prepare("SELECT e.event_id FROM events e JOIN articles a ON a.id = e.article WHERE a.doc_id = 'a'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(ids, vec![a_new.id.clone()]);
    let cs = clusters(&s);
    let shared_row = cs.iter().find(|c| c.0 == shared).expect("the shared cluster keeps b's mention");
    assert_eq!((shared_row.1, shared_row.2, shared_row.3), (1, 1, 1));
    assert!(cs.iter().all(|c| c.0 != lone), "emptied cluster deleted");
    let (text, sentences): (String, i64) = s
        .conn()
        .query_row("SELECT text, (SELECT count(*) FROM sentences WHERE article = a.id) FROM articles a WHERE doc_id = 'a'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((text.as_str(), sentences), ("v2", 3));
    assert_eq!(s.counts().unwrap(), (2, 2, 2));
    assert_clusters_consistent(&s);
}

#[test]
fn counts_mentions_sources_and_articles() {
    let (_d, mut s) = open();
    let d = Some("2020-07-23");
    let batch = vec![
        // Two mentions in one article: one article, one source, two mentions.
        art("a", "a", Some("Reuters"), vec![ev("a", 0, rus(), Some(tur()), "040", d), ev("a", 1, rus(), Some(tur()), "043", d)]),
        // The same outlet, spelled differently: still one source.
        art("b", "b", Some(" reuters "), vec![ev("b", 0, rus(), Some(tur()), "042", d)]),
        // No outlet: each such article is its own source.
        art("c", "c", None, vec![ev("c", 0, rus(), Some(tur()), "040", d)]),
        art("d", "d", Some(""), vec![ev("d", 0, rus(), Some(tur()), "040", d)]),
        art("e", "e", Some("TASS"), vec![ev("e", 3, rus(), Some(tur()), "040", Some("2020-07-24"))]),
    ];
    s.ingest_batch(&batch, &opts(1)).unwrap();
    let cs = clusters(&s);
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert_eq!((cs[0].1, cs[0].2, cs[0].3), (6, 4, 5));
    let (d0, d1) = (cs[0].4.unwrap(), cs[0].5.unwrap());
    assert_eq!(d1 - d0, 1);
    assert_clusters_consistent(&s);
    // The representative: the earliest-dated mentions share a publication date, so the smallest event id among them.
    let first = batch.iter().flat_map(|a| &a.events).min_by(|x, y| (x.date, &x.id).cmp(&(y.date, &y.id))).unwrap();
    let (rep, cameo): (String, String) = s
        .conn()
        .query_row("SELECT e.event_id, c.cameo FROM clusters c JOIN events e ON e.id = c.rep_event", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((rep.as_str(), cameo.as_str()), (first.id.as_str(), first.cameo.as_str()));
}

#[test]
fn the_representative_is_the_earliest_mention_whatever_the_ingest_order() {
    let d = Some("2020-07-23");
    let mut early = art("early", "early", Some("TASS"), vec![ev("early", 0, rus(), Some(tur()), "043", d)]);
    early.article.published = chrono::NaiveDate::from_ymd_opt(2020, 7, 23);
    let batch = [
        art("a", "a", Some("Reuters"), vec![ev("a", 0, rus(), Some(tur()), "040", d)]),
        early,
        art("c", "c", None, vec![ev("c", 0, rus(), Some(tur()), "042", d)]),
    ];
    for order in [vec![0, 1, 2], vec![2, 1, 0], vec![1, 0, 2]] {
        let (_d, mut s) = open();
        for i in order {
            s.ingest_batch(std::slice::from_ref(&batch[i]), &opts(1)).unwrap();
        }
        let cameo: String = s.conn().query_row("SELECT cameo FROM clusters", [], |r| r.get(0)).unwrap();
        assert_eq!(cameo, "043", "the article published a day earlier gives the representative");
        assert_clusters_consistent(&s);
    }
}

#[test]
fn keys_are_country_and_sector_root_and_negation() {
    let (_d, mut s) = open();
    let d = Some("2020-07-23");
    let putin = actor("RUSGOV", Some("RUS"), Some("GOV"), "Vladimir Putin");
    let army = actor("RUSMIL", Some("RUS"), Some("MIL"), "Russian army");
    let mut negated = ev("e", 0, rus(), Some(tur()), "040", d);
    negated.negated = true;
    negated.id = "negated".into();
    let batch = vec![
        art("a", "a", Some("A"), vec![ev("a", 0, rus(), Some(tur()), "040", d)]),
        art("b", "b", Some("B"), vec![ev("b", 0, putin, Some(tur()), "043", d)]), // same key, same root: joins
        art("c", "c", Some("C"), vec![ev("c", 0, army, Some(tur()), "040", d)]),  // other sector
        art("d", "d", Some("D"), vec![ev("d", 0, rus(), Some(tur()), "051", d)]), // other root
        art("e", "e", Some("E"), vec![negated]),
        art("f", "f", Some("F"), vec![ev("f", 0, tur(), Some(rus()), "040", d)]), // other direction
        art("g", "g", Some("G"), vec![ev("g", 0, rus(), None, "040", d)]),        // no target
    ];
    s.ingest_batch(&batch, &opts(1)).unwrap();
    let ids: Vec<i64> = batch.iter().map(|a| cluster_of(&s, &a.events[0])).collect();
    assert_eq!(ids[0], ids[1]);
    let distinct: std::collections::BTreeSet<i64> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), 6, "{ids:?}");
}

#[test]
fn window_joins_near_days_and_never_chains_beyond_twice_the_window() {
    let (_d, mut s) = open();
    let day = |doc: &str, d: &str| art(doc, doc, Some(doc), vec![ev(doc, 0, rus(), Some(tur()), "040", Some(d))]);
    let batch =
        vec![day("a", "2020-07-10"), day("b", "2020-07-11"), day("c", "2020-07-12"), day("d", "2020-07-13"), day("e", "2020-07-20")];
    s.ingest_batch(&batch, &opts(1)).unwrap();
    let ids: Vec<i64> = batch.iter().map(|a| cluster_of(&s, &a.events[0])).collect();
    // 10, 11, 12 are within one day of the cluster's middle; 13 would stretch it to 4 days.
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[0], ids[2]);
    assert_ne!(ids[2], ids[3]);
    assert_ne!(ids[3], ids[4]);
    assert_clusters_consistent(&s);

    // Window 0: only the same day.
    let (_d2, mut s0) = open();
    let batch = vec![day("a", "2020-07-10"), day("b", "2020-07-11"), day("c", "2020-07-10")];
    s0.ingest_batch(&batch, &opts(0)).unwrap();
    let ids: Vec<i64> = batch.iter().map(|a| cluster_of(&s0, &a.events[0])).collect();
    assert_ne!(ids[0], ids[1]);
    assert_eq!(ids[0], ids[2]);

    // A wider window joins what the default keeps apart; and the nearest cluster wins.
    let (_d3, mut s3) = open();
    let batch = vec![day("a", "2020-07-01"), day("b", "2020-07-10"), day("c", "2020-07-04"), day("d", "2020-07-08")];
    s3.ingest_batch(&batch, &opts(3)).unwrap();
    let ids: Vec<i64> = batch.iter().map(|a| cluster_of(&s3, &a.events[0])).collect();
    assert_ne!(ids[0], ids[1]);
    assert_eq!(ids[2], ids[0], "4 July is 3 days from 1 July and 6 from 10 July");
    assert_eq!(ids[3], ids[1], "8 July is nearer 10 July than [1, 4] July");
}

#[test]
fn year_and_month_dates_cluster_only_with_the_same_precision_and_period() {
    let (_d, mut s) = open();
    let dated = |doc: &str, d: &str| art(doc, doc, Some(doc), vec![ev(doc, 0, rus(), Some(tur()), "190", Some(d))]);
    let batch = vec![
        dated("a", "1992"),
        dated("b", "1992-01-01"), // the day a year-precision date starts on: not the same event
        dated("c", "1992"),       // the same background year from another outlet: joins a
        dated("d", "1993"),
        dated("e", "1992-01"),
        dated("f", "1992-01"),
        dated("g", "1992-02"),
        dated("h", "1992-01-02"), // joins b, the day cluster, not the month or the year
    ];
    s.ingest_batch(&batch, &opts(1)).unwrap();
    let ids: Vec<i64> = batch.iter().map(|a| cluster_of(&s, &a.events[0])).collect();
    assert_eq!(ids[0], ids[2]);
    assert_eq!(ids[4], ids[5]);
    assert_eq!(ids[1], ids[7]);
    let distinct: std::collections::BTreeSet<i64> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), 5, "{ids:?}");
    let precision: String = s.conn().query_row("SELECT date_precision FROM clusters WHERE id = ?1", params![ids[0]], |r| r.get(0)).unwrap();
    assert_eq!(precision, "year");
}

#[test]
fn undated_events_cluster_only_within_their_article() {
    let (_d, mut s) = open();
    let batch = vec![
        art("a", "a", Some("A"), vec![ev("a", 0, rus(), Some(tur()), "040", None), ev("a", 1, rus(), Some(tur()), "042", None)]),
        art("b", "b", Some("B"), vec![ev("b", 0, rus(), Some(tur()), "040", None)]),
    ];
    s.ingest_batch(&batch, &opts(1)).unwrap();
    assert_eq!(cluster_of(&s, &batch[0].events[0]), cluster_of(&s, &batch[0].events[1]));
    assert_ne!(cluster_of(&s, &batch[0].events[0]), cluster_of(&s, &batch[1].events[0]));
    let cs = clusters(&s);
    assert_eq!(cs.len(), 2);
    assert!(cs.iter().all(|c| c.4.is_none()));
    // Replacing the article removes its undated cluster with it.
    s.ingest_batch(&[art("a", "a2", Some("A"), vec![])], &opts(1)).unwrap();
    assert_eq!(clusters(&s).len(), 1);
}

#[test]
fn a_batch_with_a_foreign_event_is_refused_whole() {
    let (_d, mut s) = open();
    let good = art("a", "a", None, vec![ev("a", 0, rus(), Some(tur()), "040", None)]);
    let bad = art("b", "b", None, vec![ev("zzz", 0, rus(), Some(tur()), "040", None)]);
    let e = s.ingest_batch(&[good, bad], &opts(1)).unwrap_err();
    assert!(e.to_string().contains("\"b\"") && e.to_string().contains("t.db"), "{e}");
    assert_eq!(s.counts().unwrap(), (0, 0, 0));
}

#[test]
fn a_second_event_with_the_same_id_is_counted_not_stored() {
    let (_d, mut s) = open();
    let one = ev("a", 0, rus(), Some(tur()), "040", Some("2020-07-23"));
    let mut two = one.clone();
    two.source.name = "Vladimir Putin".into();
    let r = s.ingest_batch(&[art("a", "a", None, vec![one, two])], &opts(1)).unwrap();
    assert_eq!((r.events, r.duplicate_ids), (1, 1));
}

/// A small random corpus: articles over a few outlets, dyads, roots and days.
fn corpus() -> impl Strategy<Value = Vec<ArticleInput>> {
    let event = (0usize..3, 0usize..3, 0u32..2, prop_oneof![Just(None), (1u32..8).prop_map(Some), Just(Some(0))]);
    let article = (0usize..4, 0usize..3, proptest::collection::vec(event, 0..4));
    proptest::collection::vec(article, 1..14).prop_map(|arts| {
        let dyads = [(rus(), Some(tur())), (tur(), Some(rus())), (rus(), None)];
        arts.into_iter()
            .enumerate()
            .map(|(i, (outlet, version, evs))| {
                // Ids repeat (i % 6) so some articles replace or repeat earlier ones.
                let id = format!("doc{}", i % 6);
                let events = evs
                    .into_iter()
                    .enumerate()
                    .map(|(k, (dyad, root, sentence, day))| {
                        let (src, tgt) = dyads[dyad].clone();
                        let date = match day {
                            None => None,
                            Some(0) => Some("2020".to_string()),
                            Some(d) => Some(format!("2020-07-{d:02}")),
                        };
                        let mut e = ev(&id, sentence + 2 * k as u32, src, tgt, ["040", "190", "111"][root], date.as_deref());
                        e.id = format!("{id}-{version}-{k}");
                        e
                    })
                    .collect();
                let outlet = ["A", "B", "C", ""][outlet];
                art(&id, &format!("{id} version {version}"), Some(outlet), events)
            })
            .collect()
    })
}

fn snapshot(s: &Store) -> (Vec<ClusterRow>, Vec<(String, i64)>) {
    let ev: Vec<(String, i64)> = s
        .conn()
        .prepare("SELECT event_id, cluster FROM events ORDER BY event_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    (clusters(s), ev)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the input, counts equal what the mentions say; and how the
    /// same input is cut into batches changes nothing (a crashed ingest
    /// re-run from the start gives the store a clean one would).
    #[test]
    fn clusters_stay_consistent_and_batching_does_not_matter(input in corpus(), cut in 1usize..5) {
        let (_d1, mut one) = open();
        one.ingest_batch(&input, &opts(1)).unwrap();
        assert_clusters_consistent(&one);
        let (_d2, mut cutup) = open();
        for chunk in input.chunks(cut) {
            cutup.ingest_batch(chunk, &opts(1)).unwrap();
        }
        assert_clusters_consistent(&cutup);
        prop_assert_eq!(snapshot(&one), snapshot(&cutup));
        // Re-ingesting each id's last version changes nothing.
        let mut last: std::collections::BTreeMap<&str, &ArticleInput> = std::collections::BTreeMap::new();
        for a in &input {
            last.insert(a.article.id.as_str(), a);
        }
        let finals: Vec<ArticleInput> = last.into_values().cloned().collect();
        let r = cutup.ingest_batch(&finals, &opts(1)).unwrap();
        prop_assert_eq!(r.added + r.replaced, 0);
        prop_assert_eq!(snapshot(&one), snapshot(&cutup));
    }
}
