//! The one writer of room events. Posts queue here; the writer takes everything queued (up to
//! `MAX_GROUP`), commits it in one transaction, then publishes each event in sequence order.
//! Nothing is published before it is committed, and with a single writer no two events can
//! leave out of order.
use std::sync::Arc;

use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use super::{
    db::messages::{self, NewMessage, Posted},
    hub::Hub,
};
use crate::{model::LiveEvent, AppError};

const MAX_GROUP: usize = 256;
/// Posts waiting for the writer; beyond this, posting waits (back-pressure, not memory).
const QUEUE: usize = 4096;

struct Job {
    message: NewMessage,
    reply: oneshot::Sender<Result<Posted, AppError>>,
}

pub struct Writer {
    queue: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer task (needs a running Tokio runtime).
    pub fn start(pool: SqlitePool, hub: Arc<Hub>) -> Writer {
        let (queue, jobs) = mpsc::channel(QUEUE);
        tokio::spawn(write(pool, hub, jobs));
        Writer { queue }
    }

    /// Stores the message (or finds the one stored earlier with its client id) and returns it
    /// once it is committed.
    pub async fn post(&self, message: NewMessage) -> Result<Posted, AppError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Job { message, reply })
            .await
            .map_err(|_| AppError::Internal)?;
        answer.await.map_err(|_| AppError::Internal)?
    }
}

async fn write(pool: SqlitePool, hub: Arc<Hub>, mut queue: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        let group: Vec<NewMessage> = jobs.iter().map(|job| job.message.clone()).collect();
        match messages::insert_group(&pool, &group).await {
            Ok(stored) => {
                for (job, posted) in jobs.drain(..).zip(stored) {
                    if posted.is_new {
                        hub.publish(
                            job.message.room_id,
                            &LiveEvent::posted(posted.message.clone()),
                        );
                    }
                    let _ = job.reply.send(Ok(posted));
                }
            }
            Err(err) => {
                for job in jobs.drain(..) {
                    let _ = job.reply.send(Err(err.clone()));
                }
            }
        }
    }
}
