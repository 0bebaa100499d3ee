//! Made-up sentences in the style of the seed articles.

use super::*;
use chrono::Weekday::*;

fn found(s: &str) -> Vec<(&str, TimeKind)> {
    TimeFinder::new().find(s).into_iter().map(|e| (&s[e.span.clone()], e.kind)).collect()
}

fn abs(year: Option<i32>, month: Option<u8>, day: Option<u8>) -> TimeKind {
    TimeKind::Absolute { year, month, day }
}

fn wd(weekday: chrono::Weekday, shift: i8) -> TimeKind {
    TimeKind::Weekday { weekday, shift }
}

fn rel(unit: Unit, amount: i32) -> TimeKind {
    TimeKind::Relative { unit, amount }
}

fn off(unit: Unit, amount: u32, direction: Direction) -> TimeKind {
    TimeKind::Offset { unit, amount, direction }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 2020-10-15 was a Thursday.
fn thu() -> NaiveDate {
    date(2020, 10, 15)
}

fn res(kind: TimeKind, anchor: NaiveDate) -> (String, DateBasis) {
    let (d, b) = resolve(&kind, anchor).unwrap();
    (d.to_string(), b)
}

fn one(s: &str) -> (&str, TimeKind) {
    let v = found(s);
    assert_eq!(v.len(), 1, "{s:?}: {v:?}");
    v[0]
}

#[test]
fn written_dates() {
    assert_eq!(one("Lavrov made the remarks on June 18 at a briefing."), ("June 18", abs(None, Some(6), Some(18))));
    assert_eq!(one("The report was filed 18 June 2014 in the capital."), ("18 June 2014", abs(Some(2014), Some(6), Some(18))));
    assert_eq!(one("OSLO (Wire Service - 23rd July, 2020) The envoy arrived."), ("23rd July, 2020", abs(Some(2020), Some(7), Some(23))));
    assert_eq!(one("The envoys met on Jul. 23 in the port city."), ("Jul. 23", abs(None, Some(7), Some(23))));
    assert_eq!(one("Filed 2020-07-24 by the desk."), ("2020-07-24", abs(Some(2020), Some(7), Some(24))));
    assert_eq!(one("The two ministers meet in Lisbon, March 29, 2019"), ("March 29, 2019", abs(Some(2019), Some(3), Some(29))));
    assert_eq!(one("the truce brokered by Vienna on October 10."), ("October 10", abs(None, Some(10), Some(10))));
    assert_eq!(one("Elections were held in March 2019 across the country."), ("March 2019", abs(Some(2019), Some(3), None)));
    assert_eq!(one("Talks resumed Sept. 5, 2019, after a pause."), ("Sept. 5, 2019", abs(Some(2019), Some(9), Some(5))));
    assert_eq!(one("It was signed on the 15th of March by both sides."), ("15th of March", abs(None, Some(3), Some(15))));
    assert_eq!(one("He spoke on Thursday, July 23, to reporters."), ("Thursday, July 23", abs(None, Some(7), Some(23))));
    assert_eq!(one("Posted Thu, 18 Jun 2014 14:32:00 +0400"), ("Thu, 18 Jun 2014", abs(Some(2014), Some(6), Some(18))));
    assert_eq!(one("Dated 18.06.2014 and stamped."), ("18.06.2014", abs(Some(2014), Some(6), Some(18))));
    assert_eq!(one("Dated 24/07/2020.").1, abs(Some(2020), Some(7), Some(24)));
    assert_eq!(one("Dated 7/24/2020.").1, abs(Some(2020), Some(7), Some(24)));
    assert!(found("Dated 03/04/2020.").is_empty());
    assert_eq!(one("Sent on March 29,2019 by post").1, abs(Some(2019), Some(3), Some(29)));
}

#[test]
fn date_ranges() {
    let s = "the interdepartmental consultations in Vienna on July 21-22, the ministers said";
    let v = TimeFinder::new().find(s);
    assert_eq!(v.len(), 1);
    assert_eq!(&s[v[0].span.clone()], "July 21-22");
    assert_eq!(v[0].kind, abs(None, Some(7), Some(21)));
    assert_eq!(v[0].range_end, Some(DateParts { year: None, month: Some(7), day: Some(22) }));
    assert_eq!(v[0].resolve_range_end(date(2020, 7, 24)).unwrap().to_string(), "2020-07-22");

    let s = "A summit on 21–22 July 2019 in Oslo.";
    let v = TimeFinder::new().find(s);
    assert_eq!(&s[v[0].span.clone()], "21–22 July 2019");
    assert_eq!(v[0].range_end.unwrap().day, Some(22));

    let s = "The talks ran December 30 - January 2 in Geneva.";
    let v = TimeFinder::new().find(s);
    assert_eq!(&s[v[0].span.clone()], "December 30 - January 2");
    assert_eq!(v[0].resolve_range_end(date(2021, 1, 5)).unwrap().to_string(), "2021-01-02");
    assert_eq!(resolve(&v[0].kind, date(2021, 1, 5)).unwrap().0.to_string(), "2020-12-30");

    let s = "The war lasted from 1992 to 1994 in the region.";
    let v = TimeFinder::new().find(s);
    assert_eq!(v.len(), 1);
    assert_eq!(&s[v[0].span.clone()], "1992 to 1994");
    assert_eq!(v[0].range_end.unwrap().year, Some(1994));

    let s = "Fighting raged between 1992 and 1994.";
    let v = TimeFinder::new().find(s);
    assert_eq!(&s[v[0].span.clone()], "1992 and 1994");

    let s = "during the 1992-94 war";
    let v = TimeFinder::new().find(s);
    assert_eq!(&s[v[0].span.clone()], "1992-94");
    assert_eq!(v[0].range_end.unwrap().year, Some(1994));
}

#[test]
fn years() {
    assert_eq!(one("The war began in 1988 when the region sought to secede."), ("1988", abs(Some(1988), None, None)));
    assert_eq!(one("The two countries signed a truce in 1994."), ("1994", abs(Some(1994), None, None)));
    assert_eq!(one("They have been allies since 2004.").0, "2004");
    assert_eq!(one("As a result, in 1992 rebel forces seized 20 percent of the land.").0, "1992");
    assert_eq!(one("It revived the 1994 ceasefire agreement.").0, "1994");
    assert_eq!(one("The 2019 presidential elections were disputed.").0, "2019");
    assert_eq!(one("Prices rose in early 2019 and fell."), ("early 2019", abs(Some(2019), None, None)));
    assert_eq!(one("Trade peaked in mid-2019.").0, "mid-2019");
    assert_eq!(one("It collapsed at the end of 1991.").0, "1991");
    assert_eq!(one("The census of 1989 showed a majority.").0, "1989");
    assert!(found("The Russia-Turkey 2021 memorandum").is_empty());
    let v = found("in 1992 and 1993 the two sides clashed");
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].0, "1993");
}

#[test]
fn decades() {
    let s = "The region has been disputed since the 1990s.";
    let v = TimeFinder::new().find(s);
    assert_eq!(&s[v[0].span.clone()], "1990s");
    assert_eq!(v[0].kind, abs(Some(1990), None, None));
    assert_eq!(v[0].range_end.unwrap().year, Some(1999));
    assert_eq!(one("in the mid-1980s, talks stalled").0, "mid-1980s");
    assert_eq!(one("during the late 1970's").0, "late 1970's");
}

#[test]
fn not_dates() {
    for s in [
        "May I ask a question?",
        "They may meet again soon.",
        "Thousands joined a protest march in the capital.",
        "March organisers said the route was changed.",
        "The Sunday Times reported the story.",
        "Rebels occupied 20 percent of the territory.",
        "More than 1,000 people fled the fighting.",
        "over 200 representatives of business attended",
        "Resolution 1244 remains in force.",
        "the 100th anniversary of their relations",
        "the spread of COVID-19 in the region",
        "the Sputnik V vaccine",
        "the council's four resolutions on the matter",
        "Prime Minister Theresa May met the leaders.",
        "Theresa May's cabinet met.",
        "a two-day visit to the capital",
        "They arrived at 14:32 (UTC +04:00).",
        "in 2,000 cases the court ruled",
        "Some 2000 troops were deployed in 2000 villages",
        "the Good Friday accord",
        "Super Tuesday results",
        "HJ/FNA13991009000639",
        "The deal took effect on Fridays only.",
        "He appeared on Russia Today to discuss it.",
        "The report was published by 2030 standards.",
        "We will do this day after day.",
        "The leaders said recently that talks were useful.",
        "The army said days later it withdrew.",
        "The next Jan Kubis report is due.",
        "the Long March was remembered",
        "Armed men attacked the post, killing 12 people in June 2020 village",
        "rose from 1500 to 2000 members",
        "He worked for the Security Council resolution 1325 report.",
        "The forum will be held next March.",
    ] {
        let v = found(s);
        // The last-but-one sentence has a real date ("June 2020"); check it separately.
        if s.starts_with("Armed men") {
            assert_eq!(v.len(), 1, "{s:?}: {v:?}");
            assert_eq!(v[0].0, "June 2020");
            continue;
        }
        assert!(v.is_empty(), "{s:?}: {v:?}");
    }
}

#[test]
fn month_context() {
    assert_eq!(one("supply of the vaccine from May is planned").1, abs(None, Some(5), None));
    assert_eq!(one("In May, the talks resumed.").0, "May");
    assert_eq!(one("a forum will be held in October under the auspices").0, "October");
    assert_eq!(one("fighting escalated in mid-March").0, "mid-March");
    assert_eq!(one("until the end of March the border was shut").0, "March");
    assert_eq!(one("Protests broke out last March.").0, "last March");
    let v = found("between March and May the talks stalled");
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].0, "May");
    assert!(found("after May resigned, the party split").is_empty());
    assert_eq!(one("after March the party split").0, "March");
    assert_eq!(one("Talks opened May 5 in Oslo.").1, abs(None, Some(5), Some(5)));
    assert_eq!(one("Talks opened 5 May in Oslo.").1, abs(None, Some(5), Some(5)));
    assert_eq!(one("Talks opened in May 2020.").1, abs(Some(2020), Some(5), None));
}

#[test]
fn weekdays() {
    assert_eq!(one("the Foreign Ministry said on Thursday"), ("Thursday", wd(Thu, 0)));
    assert_eq!(one("Speaking in Ankara earlier on Wednesday, the president denied the reports."), ("earlier on Wednesday", wd(Wed, 0)));
    assert_eq!(one("when they spoke by phone on Monday."), ("Monday", wd(Mon, 0)));
    assert_eq!(one("The diplomats met Tuesday to discuss issues.").1, wd(Tue, 0));
    assert_eq!(one("They met last Monday."), ("last Monday", wd(Mon, -1)));
    assert_eq!(one("They will meet next Friday."), ("next Friday", wd(Fri, 1)));
    assert_eq!(one("They meet this Tuesday."), ("this Tuesday", wd(Tue, 0)));
    assert_eq!(one("Shelling resumed on Monday night."), ("Monday night", wd(Mon, 0)));
    assert_eq!(one("Shelling resumed late Sunday.").0, "late Sunday");
    assert_eq!(one("Thursday's talks were useful.").0, "Thursday");
    assert_eq!(one("Clashes erupted over the weekend."), ("the weekend", wd(Sat, 0)));
    assert_eq!(one("Clashes erupted last weekend.").1, wd(Sat, -1));
}

#[test]
fn weekday_resolution() {
    let a = thu();
    let r = |k| res(k, a).0;
    assert_eq!(r(wd(Thu, 0)), "2020-10-15");
    assert_eq!(r(wd(Wed, 0)), "2020-10-14");
    assert_eq!(r(wd(Mon, 0)), "2020-10-12");
    assert_eq!(r(wd(Fri, 0)), "2020-10-09");
    assert_eq!(r(wd(Mon, -1)), "2020-10-12");
    assert_eq!(r(wd(Thu, -1)), "2020-10-08");
    assert_eq!(r(wd(Fri, 1)), "2020-10-16");
    assert_eq!(r(wd(Thu, 1)), "2020-10-22");
    assert_eq!(res(wd(Thu, 0), a).1, DateBasis::WeekdayRelative);
    // "met Tuesday" published Tuesday 2020-12-29.
    assert_eq!(res(wd(Tue, 0), date(2020, 12, 29)).0, "2020-12-29");
    // Friday anchor, "on Thursday" = the day before.
    assert_eq!(res(wd(Thu, 0), date(2020, 7, 24)).0, "2020-07-23");
}

#[test]
fn relative() {
    assert_eq!(one("The talks collapsed yesterday."), ("yesterday", rel(Unit::Day, -1)));
    assert_eq!(one("He said today that it works.").1, rel(Unit::Day, 0));
    assert_eq!(one("They meet tomorrow.").1, rel(Unit::Day, 1));
    assert_eq!(one("It happened two days ago."), ("two days ago", rel(Unit::Day, -2)));
    assert_eq!(one("It happened a week ago.").1, rel(Unit::Day, -7));
    assert_eq!(one("It happened 3 weeks ago.").1, rel(Unit::Day, -21));
    assert_eq!(one("It happened a month ago.").1, rel(Unit::Month, -1));
    assert_eq!(one("It happened two years ago.").1, rel(Unit::Year, -2));
    assert_eq!(one("It happened a decade ago.").1, rel(Unit::Year, -10));
    assert_eq!(one("It happened hours ago.").1, rel(Unit::Hour, 0));
    assert_eq!(one("They met last week."), ("last week", rel(Unit::Week, -1)));
    assert_eq!(one("They meet this week.").1, rel(Unit::Week, 0));
    assert_eq!(one("They met last month.").1, rel(Unit::Month, -1));
    assert_eq!(one("this year they met in person three times").1, rel(Unit::Year, 0));
    assert_eq!(one("They met last year.").1, rel(Unit::Year, -1));
    assert_eq!(one("They will meet next year.").1, rel(Unit::Year, 1));
    assert_eq!(one("Troops withdrew earlier this month."), ("earlier this month", rel(Unit::Month, 0)));
    assert_eq!(one("Fighting resumed late last year.").0, "late last year");
    assert_eq!(one("Shelling was heard last night.").1, rel(Unit::Day, -1));
    assert_eq!(one("He arrived this morning.").1, rel(Unit::Day, 0));
    assert_eq!(one("He arrived yesterday afternoon.").0, "yesterday afternoon");
    assert_eq!(one("He left earlier today.").0, "earlier today");
    assert_eq!(one("They met the day before yesterday."), ("the day before yesterday", rel(Unit::Day, -2)));
    assert!(found("Over the last week the talks went on.").is_empty());
    assert!(found("in the past year, trade grew").is_empty());
    assert!(found("A few days ago the envoy left.").is_empty());
}

#[test]
fn relative_resolution() {
    let a = thu();
    assert_eq!(res(rel(Unit::Day, -1), a), ("2020-10-14".into(), DateBasis::Relative));
    assert_eq!(res(rel(Unit::Day, -2), a).0, "2020-10-13");
    assert_eq!(res(rel(Unit::Hour, -48), a).0, "2020-10-13");
    assert_eq!(res(rel(Unit::Hour, 0), a).0, "2020-10-15");
    // Weeks stand for their Monday.
    assert_eq!(res(rel(Unit::Week, -1), a).0, "2020-10-05");
    assert_eq!(res(rel(Unit::Week, 0), a).0, "2020-10-12");
    assert_eq!(res(rel(Unit::Month, 0), a).0, "2020-10");
    assert_eq!(res(rel(Unit::Month, -1), date(2021, 1, 3)).0, "2020-12");
    assert_eq!(res(rel(Unit::Year, 0), a).0, "2020");
    assert_eq!(res(rel(Unit::Year, -1), a).0, "2019");
}

#[test]
fn offsets() {
    assert_eq!(
        one("The phone call came one day after a conversation between the two leaders."),
        ("one day after", off(Unit::Day, 1, Direction::After))
    );
    assert_eq!(one("two weeks before the vote").1, off(Unit::Week, 2, Direction::Before));
    assert_eq!(one("A day later, talks resumed.").0, "A day later");
    assert_eq!(one("three days earlier the envoy had left").1, off(Unit::Day, 3, Direction::Before));
    assert_eq!(one("He had arrived the day before.").1, off(Unit::Day, 1, Direction::Before));
    assert_eq!(one("They met again the next day.").1, off(Unit::Day, 1, Direction::After));
    assert_eq!(one("They met again the following week.").1, off(Unit::Week, 1, Direction::After));
    assert_eq!(one("the previous day").1, off(Unit::Day, 1, Direction::Before));
    assert_eq!(one("Hours after the attack, the army responded.").1, off(Unit::Hour, 0, Direction::After));
    assert_eq!(one("24 hours after the attack").1, off(Unit::Hour, 24, Direction::After));
    assert_eq!(one("twenty-four hours later the truce broke").1, off(Unit::Hour, 24, Direction::After));
    assert_eq!(one("later that day").1, off(Unit::Day, 0, Direction::After));
    assert_eq!(one("on the same day").0, "the same day");
    assert_eq!(one("a year after the war").1, off(Unit::Year, 1, Direction::After));
    assert_eq!(one("a couple of days later").1, off(Unit::Day, 2, Direction::After));
}

#[test]
fn offset_resolution() {
    let r = PartialDate::from_date(date(2020, 10, 15));
    let s = |u, n, d| resolve_offset(u, n, d, r).unwrap().to_string();
    assert_eq!(s(Unit::Day, 1, Direction::Before), "2020-10-14");
    assert_eq!(s(Unit::Day, 1, Direction::After), "2020-10-16");
    assert_eq!(s(Unit::Week, 2, Direction::Before), "2020-10-01");
    assert_eq!(s(Unit::Hour, 5, Direction::After), "2020-10-15");
    assert_eq!(s(Unit::Hour, 48, Direction::After), "2020-10-17");
    assert_eq!(s(Unit::Month, 3, Direction::After), "2021-01");
    assert_eq!(s(Unit::Year, 2, Direction::Before), "2018");
    // Coarser references stay as they are for fine offsets.
    let y = PartialDate::year(1992);
    assert_eq!(resolve_offset(Unit::Day, 1, Direction::After, y).unwrap().to_string(), "1992");
    assert_eq!(resolve_offset(Unit::Year, 2, Direction::After, y).unwrap().to_string(), "1994");
    assert_eq!(resolve_offset(Unit::Month, 2, Direction::After, PartialDate::month(2019, 12)).unwrap().to_string(), "2020-02");
    assert!(resolve(&off(Unit::Day, 1, Direction::After), thu()).is_none());
    assert!(resolve_offset(Unit::Year, u32::MAX, Direction::After, y).is_none());
}

#[test]
fn absolute_resolution() {
    let a = thu();
    assert_eq!(res(abs(None, Some(10), Some(10)), a), ("2020-10-10".into(), DateBasis::Explicit));
    assert_eq!(res(abs(None, Some(10), Some(15)), a).0, "2020-10-15");
    assert_eq!(res(abs(None, Some(10), Some(16)), a).0, "2019-10-16");
    assert_eq!(res(abs(None, Some(12), Some(28)), date(2021, 1, 3)).0, "2020-12-28");
    assert_eq!(res(abs(None, Some(10), None), date(2014, 6, 18)).0, "2013-10");
    assert_eq!(res(abs(None, Some(6), None), date(2014, 6, 18)).0, "2014-06");
    assert_eq!(res(abs(Some(1992), None, None), a), ("1992".into(), DateBasis::Explicit));
    assert_eq!(res(abs(Some(2019), Some(3), Some(29)), a).0, "2019-03-29");
    assert_eq!(res(abs(None, Some(2), Some(29)), date(2021, 4, 9)).0, "2020-02-29");
    assert!(resolve(&abs(None, None, None), a).is_none());
    assert!(resolve(&abs(Some(2021), Some(2), Some(29)), a).is_none());
    assert!(resolve(&abs(None, Some(13), None), a).is_none());
}

#[test]
fn date_texts() {
    let p = |t: &str, a: Option<NaiveDate>| parse_date_text(t, a).map(|d| d.to_string());
    assert_eq!(p("23rd July, 2020", None).as_deref(), Some("2020-07-23"));
    assert_eq!(p("June 18", Some(date(2014, 6, 18))).as_deref(), Some("2014-06-18"));
    assert_eq!(p("June 18", None), None);
    assert_eq!(p("2020-07-24", None).as_deref(), Some("2020-07-24"));
    assert_eq!(p("Azerbaijan Materials 18 June 2014 14:32 (UTC +04:00)", None).as_deref(), Some("2014-06-18"));
    assert_eq!(p("Dec 29", Some(date(2021, 1, 2))).as_deref(), Some("2020-12-29"));
    assert_eq!(p("2020-07-24T10:00:00Z", None).as_deref(), Some("2020-07-24"));
    assert_eq!(p("Baku, Azerbaijan, June 18", Some(date(2014, 6, 18))).as_deref(), Some("2014-06-18"));
    assert_eq!(p("date 2020-07-24 Example.com", None).as_deref(), Some("2020-07-24"));
    assert_eq!(p("Thursday", Some(thu())).as_deref(), Some("2020-10-15"));
    assert_eq!(p("June 2019", None).as_deref(), Some("2019-06"));
    assert_eq!(p("June", Some(thu())).as_deref(), Some("2020-06"));
    assert_eq!(p("nothing here", Some(thu())), None);
    assert_eq!(p("", None), None);
}

#[test]
fn order_and_several() {
    let s = "On Monday, two days after the vote on October 10, he said that in 1994 the truce held.";
    let v = found(s);
    let texts: Vec<&str> = v.iter().map(|x| x.0).collect();
    assert_eq!(texts, ["Monday", "two days after", "October 10", "1994"]);
}

#[test]
fn cheap_reject() {
    assert!(!scan::worth_scanning("The parties exchanged views on the situation."));
    assert!(scan::worth_scanning("The parties met on Thursday."));
    assert!(scan::worth_scanning("in 1992"));
    assert!(found("Ünïcödé ✓ text with no dates — none.").is_empty());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn check_spans(s: &str) {
        let v = TimeFinder::new().find(s);
        let mut last = 0;
        for e in &v {
            assert!(e.span.start < e.span.end);
            assert!(e.span.start >= last, "overlap in {s:?}: {v:?}");
            assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
            assert!(e.span.end <= s.len());
            last = e.span.end;
        }
    }

    const WORDS: &[&str] = &[
        "on",
        "in",
        "the",
        "last",
        "next",
        "this",
        "earlier",
        "late",
        "mid",
        "-",
        "–",
        ",",
        ".",
        "Thursday",
        "Monday",
        "Sun",
        "Thu",
        "May",
        "March",
        "June",
        "Jul",
        "Dec",
        "of",
        "and",
        "to",
        "between",
        "since",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "year",
        "years",
        "hours",
        "ago",
        "after",
        "before",
        "later",
        "a",
        "one",
        "two",
        "twenty",
        "couple",
        "yesterday",
        "today",
        "tonight",
        "night",
        "morning",
        "weekend",
        "same",
        "following",
        "previous",
        "18",
        "23rd",
        "1992",
        "1990s",
        "2020-07-24",
        "21-22",
        "1,000",
        "20%",
        "14:32",
        "COVID-19",
        "'s",
        "’",
        "é",
        "日本",
        "0",
        "99999999999",
        "2100",
        "1000",
        "31",
        "29",
        "Feb",
        "February",
        "s",
        "th",
        "'",
        "/",
        "T",
    ];

    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec((0..WORDS.len(), prop::bool::ANY), 0..14).prop_map(|v| {
            let mut s = String::new();
            for (w, space) in v {
                if space {
                    s.push(' ');
                }
                s.push_str(WORDS[w]);
            }
            s
        })
    }

    fn anchor() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| date(y, m, d))
    }

    proptest! {
        #[test]
        fn find_never_panics_on_any_text(s in ".{0,200}") {
            check_spans(&s);
            let _ = parse_date_text(&s, None);
            let _ = parse_date_text(&s, Some(date(2020, 10, 15)));
        }

        #[test]
        fn find_spans_valid_on_date_words(s in sentence()) {
            check_spans(&s);
            let _ = parse_date_text(&s, Some(date(2020, 10, 15)));
            for e in TimeFinder::new().find(&s) {
                let _ = resolve(&e.kind, date(2020, 10, 15));
                let _ = e.resolve_range_end(date(2020, 10, 15));
            }
        }

        #[test]
        fn weekday_never_after_anchor(a in anchor(), w in 0u8..7, shift in -3i8..=0) {
            let weekday = chrono::Weekday::try_from(w).unwrap();
            let (d, _) = resolve(&wd(weekday, shift), a).unwrap();
            prop_assert!(d.to_date().unwrap() <= a);
            prop_assert!(d.to_date().unwrap() > a - chrono::Days::new(7 * (shift.unsigned_abs() as u64 + 1)));
        }

        #[test]
        fn negative_relative_never_after_anchor(a in anchor(), u in 0usize..5, n in -500i32..=0) {
            let unit = [Unit::Hour, Unit::Day, Unit::Week, Unit::Month, Unit::Year][u];
            let (d, _) = resolve(&rel(unit, n), a).unwrap();
            prop_assert!(d.first_day().unwrap() <= a);
        }

        #[test]
        fn absolute_without_year_never_after_anchor(a in anchor(), m in 1u8..=12, d in prop::option::of(1u8..=31)) {
            if let Some((p, _)) = resolve(&abs(None, Some(m), d), a) {
                prop_assert!(p.first_day().unwrap() <= a);
                // Within the last year (February 29 aside).
                if !(m == 2 && d == Some(29)) {
                    prop_assert!(p.first_day().unwrap() > a - chrono::Months::new(12));
                }
            }
        }

        #[test]
        fn resolve_never_panics(y in prop::option::of(any::<i32>()), m in prop::option::of(any::<u8>()), d in prop::option::of(any::<u8>()),
                                n in any::<i32>(), amt in any::<u32>(), s in any::<i8>(), a in anchor()) {
            let _ = resolve(&abs(y, m, d), a);
            let _ = resolve(&rel(Unit::Day, n), a);
            let _ = resolve(&rel(Unit::Week, n), a);
            let _ = resolve(&rel(Unit::Month, n), a);
            let _ = resolve(&rel(Unit::Year, n), a);
            let _ = resolve(&rel(Unit::Hour, n), a);
            let _ = resolve(&wd(chrono::Weekday::Mon, s), a);
            for u in [Unit::Hour, Unit::Day, Unit::Week, Unit::Month, Unit::Year] {
                for dir in [Direction::After, Direction::Before] {
                    let r = PartialDate { year: y.unwrap_or(2000), month: m, day: d };
                    let _ = resolve_offset(u, amt, dir, r);
                }
            }
        }
    }
}
