//! How many rooms one account may make: 20 at once, then one every 3 minutes (rooms and direct
//! conversations alike). Each room is stored for good and followed by its members' sockets, so
//! a runaway script must not make thousands; a person starting a study group never notices.
use std::{num::NonZeroU32, time::Duration};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::AppError;

pub const BURST: NonZeroU32 = NonZeroU32::new(20).unwrap();
pub const ONE_MORE_EVERY: Duration = Duration::from_secs(180);

pub struct RoomRate(DefaultKeyedRateLimiter<i64>);

impl Default for RoomRate {
    fn default() -> Self {
        let quota = Quota::with_period(ONE_MORE_EVERY)
            .expect("a period above zero")
            .allow_burst(BURST);
        RoomRate(RateLimiter::keyed(quota))
    }
}

impl RoomRate {
    pub fn check(&self, user_id: i64) -> Result<(), AppError> {
        self.0
            .check_key(&user_id)
            .map_err(|_| AppError::TooManyNewRooms)
    }
}
