//! When the browser tries again to send a referral: a pure decision, so the browser's sending
//! code only carries it out.

/// Tries at most this many times before telling the person it failed.
pub const MAX_TRIES: u32 = 4;

/// What one try came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// No answer: the network failed or the try timed out.
    NoAnswer,
    /// An HTTP status, and the seconds of a `Retry-After` header if there was one.
    Status(u16, Option<u32>),
}

/// Whether to try again after try number `tries` (from 1), and after how many milliseconds.
/// Network failures, timeouts, 408, 429 and 5xx are worth another try; any other answer is
/// final. The wait doubles from one second, plus up to half again at random (`jitter` in
/// 0..1) so that many browsers do not retry in step; a `Retry-After` is honoured, up to a minute.
pub fn retry_after_ms(tries: u32, attempt: Attempt, jitter: f64) -> Option<u32> {
    let transient = match attempt {
        Attempt::NoAnswer => true,
        // 409: a twin of this request is still being handled (a try that timed out here but
        // not yet there); once it ends, the same referral gets the same answer.
        Attempt::Status(code, _) => matches!(code, 408 | 409 | 429) || (500..600).contains(&code),
    };
    if !transient || tries >= MAX_TRIES {
        return None;
    }
    let backoff = 1_000u32 << (tries - 1).min(5);
    let wait = backoff + (f64::from(backoff) * jitter.clamp(0.0, 1.0) / 2.0) as u32;
    Some(match attempt {
        Attempt::Status(_, Some(seconds)) => seconds.min(60) * 1_000,
        _ => wait,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_failures_are_tried_again_with_growing_waits() {
        assert_eq!(retry_after_ms(1, Attempt::NoAnswer, 0.0), Some(1_000));
        assert_eq!(
            retry_after_ms(2, Attempt::Status(503, None), 0.0),
            Some(2_000)
        );
        assert_eq!(
            retry_after_ms(3, Attempt::Status(500, None), 1.0),
            Some(6_000)
        );
        for code in [408, 409, 429, 500, 502, 599] {
            assert!(
                retry_after_ms(1, Attempt::Status(code, None), 0.5).is_some(),
                "{code}"
            );
        }
    }

    #[test]
    fn other_answers_are_final_and_tries_are_limited() {
        for code in [200, 201, 400, 401, 403, 404, 413, 415, 422] {
            assert_eq!(
                retry_after_ms(1, Attempt::Status(code, None), 0.5),
                None,
                "{code}"
            );
        }
        assert_eq!(retry_after_ms(MAX_TRIES, Attempt::NoAnswer, 0.5), None);
    }

    #[test]
    fn retry_after_is_honoured_up_to_a_minute() {
        assert_eq!(
            retry_after_ms(1, Attempt::Status(429, Some(7)), 0.9),
            Some(7_000)
        );
        assert_eq!(
            retry_after_ms(1, Attempt::Status(503, Some(3600)), 0.9),
            Some(60_000)
        );
    }
}
