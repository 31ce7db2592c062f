//! How fast one account may post (creating rooms, inviting and starting direct conversations
//! count too). The default, a burst of 100 and then 10 a second, is generous for people and
//! scripts and a wall for a runaway bot; operators can change it.
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::AppError;

pub const DEFAULT_PER_SECOND: NonZeroU32 = NonZeroU32::new(10).unwrap();
pub const DEFAULT_BURST: NonZeroU32 = NonZeroU32::new(100).unwrap();

pub struct PostRate(DefaultKeyedRateLimiter<i64>);

impl PostRate {
    pub fn new(per_second: NonZeroU32, burst: NonZeroU32) -> Self {
        PostRate(RateLimiter::keyed(
            Quota::per_second(per_second).allow_burst(burst),
        ))
    }

    pub fn check(&self, user_id: i64) -> Result<(), AppError> {
        self.0.check_key(&user_id).map_err(|_| AppError::TooFast)
    }
}
