//! A person's answer given on its page, with what it makes the answers forget and remember.

use super::answers::{choices, Answers};
use super::field::Field;
use super::question::question;
use super::route::route;
use super::schema::{Kind, Worded::Either, AGREED};
use super::table::QUESTIONS;
use crate::rules::{evaluate, Facts, Reason};

impl Answers {
    /// A person's answer to `field`, given on its page. Answers whose question changed meaning
    /// are forgotten, so the wizard asks them again: changing "Who is making this referral?"
    /// between "I am referring myself" and a professional turns "the person you are
    /// referring" into "you", and a choice no longer offered (such as "someone who caused harm"
    /// for an organisation supporting victims, or a letter once the address is gone) is no
    /// answer.
    ///
    /// Once a self-referral's answers meet the victim-led stop (a person who caused harm, or is
    /// in a conflict, asking for restorative justice after domestic abuse or sexual violence),
    /// the answers remember it: no later answer, "I was harmed" included, lets the case go on
    /// online (`Reason::VictimLedStopHeld`). A victim who mis-clicked talks to a person.
    pub fn answer(&mut self, field: Field, raw: impl Into<String>) {
        let was_self = self.is_self_referral();
        self.set(field, raw);
        if field == Field::Referrer && was_self != self.is_self_referral() {
            // The questions about the person, which say "you" to a person referring themselves.
            for e in QUESTIONS.iter().filter(|e| matches!(e.text, Either { .. })) {
                self.forget(e.field);
            }
        }
        for f in route(self) {
            if let (Kind::Radios(listed) | Kind::Checkboxes(listed), Some(raw)) =
                (question(f, self).kind, self.get(f))
            {
                if !choices(raw).all(|code| listed.iter().any(|c| c.code == code)) {
                    self.forget(f);
                }
            }
        }
        let stopped = Facts {
            referrer: self.referrer(),
            self_role: self.role(),
            offence: self.offence(),
            ..Facts::default()
        };
        if self.is_self_referral()
            && evaluate(&stopped)
                .reasons
                .contains(&Reason::VictimLedRequired)
        {
            self.set(Field::VictimLedStop, AGREED);
        }
    }
}
