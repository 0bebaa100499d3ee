//! Rough throughput of `TimeFinder::find` on a mix of made-up news sentences
//! (most without any time expression, as in real articles).
//!
//! `cargo run --release -p bede-time --example throughput`

use std::hint::black_box;
use std::time::Instant;

const SENTENCES: &[&str] = &[
    "The ministers exchanged views on the current situation in the region and agreed to keep in touch.",
    "The parties stressed the need for a balanced approach to prevent a further escalation of the conflict.",
    "It was agreed to continue the dialogue on a wide range of issues of mutual interest, the ministry said.",
    "The foreign ministers of both countries spoke by phone on Thursday as consultations continued.",
    "The call came one day after a conversation between the two presidents that also focused on the conflict.",
    "The truce brokered by the mediators on October 10 has been repeatedly violated, officials said.",
    "Speaking in the capital earlier on Wednesday, the president denied reports that fighters had been sent.",
    "The conflict began in 1988, and in 1992 armed forces occupied 20 percent of the territory.",
    "Over 200 representatives of business will attend the forum, which will be held in October.",
    "\"We greatly value our trustful dialogue,\" he added, according to the agency.",
    "This year they met in person three times and held nearly two dozen phone conversations.",
    "MOSCOW (Wire Service - 23rd July, 2020) The ministers discussed the situation in the region.",
    "He regretted that the pandemic kept the countries from a full celebration of the anniversary of their relations.",
    "The sides expressed the desire for further coordinated work to advance the political process.",
    "Armenia has not yet implemented the council's four resolutions on the liberation of the occupied regions.",
    "The topic of combating the spread of COVID-19 was thoroughly discussed, taking into account the situation.",
];

fn main() {
    let finder = bede_time::TimeFinder::new();
    let rounds = 200_000;
    let bytes: usize = SENTENCES.iter().map(|s| s.len()).sum::<usize>() * rounds;
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for s in SENTENCES {
            n += black_box(finder.find(black_box(s))).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let count = rounds * SENTENCES.len();
    println!(
        "{count} sentences, {n} expressions in {secs:.2} s: {:.0} sentences/s, {:.0} MB/s",
        count as f64 / secs,
        bytes as f64 / secs / 1e6
    );
}
