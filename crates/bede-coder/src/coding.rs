//! Final actor codes: an actor's CAMEO code depends on the event date (a
//! minister is coded as such only during his term), so codes are settled
//! after dating.

use crate::extract::Actor;
use bede_actors::{ActorDict, EntityKind, NameForm};
use chrono::NaiveDate;

/// An actor as it goes into the event record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coded {
    pub code: String,
    pub country: Option<String>,
    pub sectors: Vec<String>,
    /// The office, when known (`foreign-minister`), used for "counterpart"
    /// and for recognising the same actors across sentences.
    pub role: Option<String>,
    pub name: String,
}

fn agent_role(dict: &ActorDict, a: &Actor) -> Option<String> {
    a.agent.and_then(|g| dict.entity(g).role.clone())
}

/// Code an actor on `date`. `partner` is the other side of the event, which
/// a "counterpart" takes its office from.
pub fn code_actor(dict: &ActorDict, a: &Actor, date: Option<NaiveDate>, partner: Option<&Coded>) -> Option<Coded> {
    let mut country: Option<String> = None;
    let mut sectors: Vec<String> = Vec::new();
    let mut role = agent_role(dict, a);
    let mut name: Option<String> = a.name.clone();
    if let Some(p) = a.person {
        let e = dict.entity(p);
        name = Some(e.name.clone());
        if let Some(r) = dict.role_at(p, date) {
            return Some(finish(Some(r.country.clone()), None, vec![r.sector.clone()], Some(r.role.clone()), e.name.clone()));
        }
        if a.country.is_none() && a.agent.is_none() && a.igo.is_none() {
            let iso = e.country.clone().or_else(|| e.roles.last().map(|r| r.country.clone()))?;
            let eli = date.is_some_and(|d| dict.had_role_before(p, d));
            return Some(finish(Some(iso), None, if eli { vec!["ELI".into()] } else { vec![] }, None, e.name.clone()));
        }
    }
    let igo = a.igo.map(|i| dict.entity(i));
    if let Some((c, form)) = a.country {
        // A generic actor without a code on this date is not coded at all.
        country = Some(dict.code_at(c, date)?.to_string());
        match form {
            NameForm::Capital | NameForm::Government => sectors.push("GOV".into()),
            NameForm::Demonym => sectors.push("CVL".into()),
            _ => {}
        }
    }
    if country.is_none() && igo.is_none() {
        // Only kept when the coder codes bare agents: an unknown country.
        a.agent?;
        country = Some("---".into());
    }
    if let Some(g) = a.agent {
        let ag = dict.entity(g);
        if role.as_deref() == Some("counterpart") {
            match partner {
                Some(p) => {
                    sectors = p.sectors.clone();
                    role = p.role.clone();
                }
                None => sectors = vec![ag.code.clone()],
            }
        } else if ag.kind == EntityKind::Agent && ag.prefix {
            // An organisation type written before the actor ("MSF Arnor": NGO + ARN).
            country = country.map(|c| format!("{}{c}", ag.code));
        } else if ag.kind == EntityKind::Agent && igo.is_none() {
            // An IGO's officials are the IGO ("UN Secretary-General" is IGOUNO).
            sectors = vec![ag.code.clone()];
        }
    }
    if let Some(pf) = a.prefix {
        // "An MSF Arnor diplomat": the organisation type before the country code.
        country = country.map(|c| format!("{}{c}", dict.entity(pf).code));
    }
    if a.former && a.agent.is_some() && role.as_deref() != Some("counterpart") {
        // CAMEO codes former office-holders as elites (ELI) in place of their office.
        sectors = vec!["ELI".into()];
        role = None;
    }
    let base = igo.map(|i| i.name.clone()).or_else(|| a.country.map(|(c, _)| dict.entity(c).name.clone())).unwrap_or_default();
    let display = match name {
        Some(n) => n,
        None => match (&role, a.agent) {
            (Some(r), _) => format!("{base} {}", r.replace('-', " ")),
            (None, Some(g)) => format!("{base} {}", dict.entity(g).name),
            _ => match sectors.first().map(String::as_str) {
                Some("GOV") => format!("{base} government"),
                _ => base,
            },
        },
    };
    Some(finish(country, igo.map(|i| i.code.clone()), sectors, role, display))
}

fn finish(country: Option<String>, igo: Option<String>, sectors: Vec<String>, role: Option<String>, name: String) -> Coded {
    let mut code = igo.or_else(|| country.clone()).unwrap_or_default();
    for s in &sectors {
        if !code.ends_with(s.as_str()) {
            code.push_str(s);
        }
    }
    Coded { code, country, sectors, role, name }
}
