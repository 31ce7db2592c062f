//! How fast one account may post: a burst of 100, then 10 a second. Generous for people and
//! scripts, a wall for a runaway bot.
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::AppError;

const PER_SECOND: NonZeroU32 = NonZeroU32::new(10).unwrap();
const BURST: NonZeroU32 = NonZeroU32::new(100).unwrap();

pub struct PostRate(DefaultKeyedRateLimiter<i64>);

impl Default for PostRate {
    fn default() -> Self {
        PostRate(RateLimiter::keyed(
            Quota::per_second(PER_SECOND).allow_burst(BURST),
        ))
    }
}

impl PostRate {
    pub fn check(&self, user_id: i64) -> Result<(), AppError> {
        self.0.check_key(&user_id).map_err(|_| AppError::TooFast)
    }
}
