//! The closed vocabulary of English time expressions: every word the scanner
//! reacts to, folded to lower case and classified once.

use chrono::Weekday;

/// A unit as written, before it is mapped to a [`crate::Unit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitWord {
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Decade,
}

/// What a word means to the scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    Other,
    Month(u8),
    MonthAbbr(u8),
    Weekday(Weekday),
    WeekdayAbbr(Weekday),
    NumWord(u32),
    A,
    Couple,
    Unit(UnitWord),
    Weekend,
    Yesterday,
    Today,
    Tomorrow,
    Tonight,
    Ago,
    Later,
    Earlier,
    After,
    Before,
    Last,
    Next,
    This,
    That,
    The,
    Same,
    Following,
    Previous,
    Past,
    Early,
    Late,
    Mid,
    In,
    On,
    Since,
    From,
    Until,
    Through,
    During,
    By,
    Of,
    To,
    And,
    Or,
    Between,
    Over,
    At,
    Around,
    Night,
    DayPart,
    /// end, beginning, start, middle, half: "the end of March".
    PeriodPart,
    Season,
    /// st, nd, rd, th after a digit.
    Ordinal,
}

impl Lex {
    /// Words that alone make a sentence worth scanning (digits do too).
    pub(crate) fn is_trigger(self) -> bool {
        matches!(
            self,
            Lex::Month(_)
                | Lex::Weekday(_)
                | Lex::Unit(_)
                | Lex::Weekend
                | Lex::Yesterday
                | Lex::Today
                | Lex::Tomorrow
                | Lex::Tonight
                | Lex::Night
                | Lex::DayPart
        )
    }
}

/// Classify one word (letters only). Anything non-ASCII or longer than the
/// longest keyword is [`Lex::Other`] without further work.
pub(crate) fn classify(word: &str) -> Lex {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 10 || !b.is_ascii() {
        return Lex::Other;
    }
    let mut buf = [0u8; 10];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    use Lex::*;
    use UnitWord as U;
    match &buf[..b.len()] {
        b"january" => Month(1),
        b"february" => Month(2),
        b"march" => Month(3),
        b"april" => Month(4),
        b"may" => Month(5),
        b"june" => Month(6),
        b"july" => Month(7),
        b"august" => Month(8),
        b"september" => Month(9),
        b"october" => Month(10),
        b"november" => Month(11),
        b"december" => Month(12),
        b"jan" => MonthAbbr(1),
        b"feb" => MonthAbbr(2),
        b"mar" => MonthAbbr(3),
        b"apr" => MonthAbbr(4),
        b"jun" => MonthAbbr(6),
        b"jul" => MonthAbbr(7),
        b"aug" => MonthAbbr(8),
        b"sep" | b"sept" => MonthAbbr(9),
        b"oct" => MonthAbbr(10),
        b"nov" => MonthAbbr(11),
        b"dec" => MonthAbbr(12),
        b"monday" => Weekday(chrono::Weekday::Mon),
        b"tuesday" => Weekday(chrono::Weekday::Tue),
        b"wednesday" => Weekday(chrono::Weekday::Wed),
        b"thursday" => Weekday(chrono::Weekday::Thu),
        b"friday" => Weekday(chrono::Weekday::Fri),
        b"saturday" => Weekday(chrono::Weekday::Sat),
        b"sunday" => Weekday(chrono::Weekday::Sun),
        b"mon" => WeekdayAbbr(chrono::Weekday::Mon),
        b"tue" | b"tues" => WeekdayAbbr(chrono::Weekday::Tue),
        b"wed" => WeekdayAbbr(chrono::Weekday::Wed),
        b"thu" | b"thur" | b"thurs" => WeekdayAbbr(chrono::Weekday::Thu),
        b"fri" => WeekdayAbbr(chrono::Weekday::Fri),
        b"sat" => WeekdayAbbr(chrono::Weekday::Sat),
        b"sun" => WeekdayAbbr(chrono::Weekday::Sun),
        b"one" => NumWord(1),
        b"two" => NumWord(2),
        b"three" => NumWord(3),
        b"four" => NumWord(4),
        b"five" => NumWord(5),
        b"six" => NumWord(6),
        b"seven" => NumWord(7),
        b"eight" => NumWord(8),
        b"nine" => NumWord(9),
        b"ten" => NumWord(10),
        b"eleven" => NumWord(11),
        b"twelve" => NumWord(12),
        b"thirteen" => NumWord(13),
        b"fourteen" => NumWord(14),
        b"fifteen" => NumWord(15),
        b"sixteen" => NumWord(16),
        b"seventeen" => NumWord(17),
        b"eighteen" => NumWord(18),
        b"nineteen" => NumWord(19),
        b"twenty" => NumWord(20),
        b"thirty" => NumWord(30),
        b"forty" => NumWord(40),
        b"fifty" => NumWord(50),
        b"sixty" => NumWord(60),
        b"seventy" => NumWord(70),
        b"eighty" => NumWord(80),
        b"ninety" => NumWord(90),
        b"a" | b"an" => A,
        b"couple" => Couple,
        b"minute" | b"minutes" => Unit(U::Minute),
        b"hour" | b"hours" => Unit(U::Hour),
        b"day" | b"days" => Unit(U::Day),
        b"week" | b"weeks" => Unit(U::Week),
        b"fortnight" => Unit(U::Fortnight),
        b"month" | b"months" => Unit(U::Month),
        b"year" | b"years" => Unit(U::Year),
        b"decade" | b"decades" => Unit(U::Decade),
        b"weekend" => Weekend,
        b"yesterday" => Yesterday,
        b"today" => Today,
        b"tomorrow" => Tomorrow,
        b"tonight" => Tonight,
        b"ago" => Ago,
        b"later" => Later,
        b"earlier" => Earlier,
        b"after" => After,
        b"before" => Before,
        b"last" => Last,
        b"next" => Next,
        b"this" => This,
        b"that" => That,
        b"the" => The,
        b"same" => Same,
        b"following" => Following,
        b"previous" | b"preceding" => Previous,
        b"past" => Past,
        b"early" => Early,
        b"late" => Late,
        b"mid" => Mid,
        b"in" => In,
        b"on" => On,
        b"since" => Since,
        b"from" => From,
        b"until" | b"till" | b"untill" => Until,
        b"through" | b"throughout" => Through,
        b"during" => During,
        b"by" => By,
        b"of" => Of,
        b"to" => To,
        b"and" => And,
        b"or" => Or,
        b"between" => Between,
        b"over" => Over,
        b"at" => At,
        b"circa" => Around,
        b"night" => Night,
        b"morning" | b"afternoon" | b"evening" => DayPart,
        b"end" | b"beginning" | b"start" | b"middle" | b"half" => PeriodPart,
        b"spring" | b"summer" | b"autumn" | b"fall" | b"winter" => Season,
        b"st" | b"nd" | b"rd" | b"th" => Ordinal,
        _ => Other,
    }
}

/// Nouns a year may modify and still be a date: "the 1994 ceasefire",
/// "the 2019 elections". A year before any other noun is not taken ("the
/// 2000 troops" is a count).
pub(crate) fn is_event_noun(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() > 14 || !b.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 14];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..b.len()];
    let singular = w.strip_suffix(b"s").filter(|s| s.len() > 3);
    is_event_stem(w) || singular.is_some_and(is_event_stem)
}

fn is_event_stem(w: &[u8]) -> bool {
    matches!(
        w,
        b"agreement"
            | b"accord"
            | b"ceasefire"
            | b"cease"
            | b"truce"
            | b"armistice"
            | b"treaty"
            | b"treatie"
            | b"deal"
            | b"pact"
            | b"protocol"
            | b"memorandum"
            | b"declaration"
            | b"charter"
            | b"convention"
            | b"constitution"
            | b"referendum"
            | b"election"
            | b"vote"
            | b"poll"
            | b"war"
            | b"invasion"
            | b"occupation"
            | b"annexation"
            | b"coup"
            | b"revolution"
            | b"uprising"
            | b"crisis"
            | b"conflict"
            | b"offensive"
            | b"attack"
            | b"bombing"
            | b"massacre"
            | b"genocide"
            | b"earthquake"
            | b"summit"
            | b"talk"
            | b"meeting"
            | b"visit"
            | b"census"
            | b"budget"
            | b"law"
            | b"resolution"
            | b"decision"
            | b"ruling"
            | b"report"
            | b"statement"
            | b"campaign"
            | b"clashe"
            | b"hostilitie"
            | b"independence"
            | b"escalation"
            | b"protest"
            | b"riot"
            | b"sanction"
            | b"ban"
            | b"embargo"
            | b"withdrawal"
            | b"deployment"
            | b"negotiation"
            | b"roadmap"
            | b"plan"
            | b"document"
            | b"contract"
            | b"season"
            | b"olympic"
            | b"game"
            | b"tournament"
            | b"championship"
    )
}

/// A word after a bare number that shows the number counts things ("in 2000
/// troops", "until 2100 hours"), so it is not a year.
pub(crate) fn is_count_noun(word: &str) -> bool {
    let b = word.as_bytes();
    if !b.is_ascii() || b.is_empty() {
        return false;
    }
    if b[0].is_ascii_uppercase() {
        // "in 1992 Armenian forces ..." starts a clause.
        return matches!(word, "GMT" | "UTC");
    }
    let lw = word;
    if matches!(
        lw,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "personnel"
            | "staff"
            | "local"
            | "hrs"
            | "h"
            | "gmt"
            | "utc"
            | "percent"
            | "per"
            | "km"
            | "kg"
            | "million"
            | "billion"
            | "thousand"
            | "more"
            | "other"
            | "of"
    ) {
        return true;
    }
    b.len() > 3
        && b[b.len() - 1] == b's'
        && b[b.len() - 2] != b's'
        && !matches!(
            lw,
            "was"
                | "has"
                | "is"
                | "this"
                | "its"
                | "his"
                | "thus"
                | "as"
                | "whereas"
                | "unless"
                | "always"
                | "perhaps"
                | "towards"
                | "afterwards"
                | "besides"
                | "does"
                | "goes"
        )
}
