use super::{params, Store, Tx};

use crate::{
    model::{message::Reaction, Message},
    AppError,
};

/// Fills in the reactions of `messages` (one query for all of them), in a transaction.
pub async fn attach(tx: &mut Tx, messages: &mut [Message]) -> Result<(), AppError> {
    let (sql, ids) = of(messages);
    let rows = on!(&mut *tx, |t| {
        let mut query = sqlx::query_as(&sql);
        for id in &ids {
            query = query.bind(id);
        }
        query.fetch_all(&mut **t).await
    })?;
    fill(messages, rows);
    Ok(())
}

/// [`attach`] outside a transaction.
pub async fn attach_from(pool: &Store, messages: &mut [Message]) -> Result<(), AppError> {
    if messages.is_empty() {
        return Ok(());
    }
    let (sql, ids) = of(messages);
    let rows = on!(pool, |p| {
        let mut query = sqlx::query_as(&sql);
        for id in &ids {
            query = query.bind(id);
        }
        query.fetch_all(p).await
    })?;
    fill(messages, rows);
    Ok(())
}

/// The query for the reactions of `messages` and what it binds.
fn of(messages: &[Message]) -> (String, Vec<i64>) {
    let ids: Vec<i64> = messages.iter().map(|m| m.id).collect();
    let sql = format!(
        "SELECT r.message_id, r.emoji, u.username FROM reactions r
         JOIN users u ON u.id = r.user_id
         WHERE r.message_id IN ({}) ORDER BY r.created_at, r.user_id",
        params(1, ids.len())
    );
    (sql, ids)
}

fn fill(messages: &mut [Message], rows: Vec<(i64, String, String)>) {
    for (message_id, emoji, username) in rows {
        let Some(message) = messages.iter_mut().find(|m| m.id == message_id) else {
            continue;
        };
        match message.reactions.iter_mut().find(|r| r.emoji == emoji) {
            Some(reaction) => reaction.usernames.push(username),
            None => message.reactions.push(Reaction {
                emoji,
                usernames: vec![username],
            }),
        }
    }
}

/// Sets a reaction: `Some(true)` adds it, `Some(false)` takes it back, `None` toggles it.
/// Returns whether anything changed (adding one that is there changes nothing).
pub async fn set(
    tx: &mut Tx,
    message_id: i64,
    user_id: i64,
    emoji: &str,
    want: Option<bool>,
) -> Result<bool, AppError> {
    let delete = "DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3";
    let insert = "INSERT INTO reactions (message_id, user_id, emoji) VALUES ($1, $2, $3)
                  ON CONFLICT DO NOTHING";
    let run = async |tx: &mut Tx, statement| -> Result<bool, AppError> {
        let done = on!(tx, |t| sqlx::query(statement)
            .bind(message_id)
            .bind(user_id)
            .bind(emoji)
            .execute(&mut **t)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(done > 0)
    };
    Ok(match want {
        Some(true) => run(tx, insert).await?,
        Some(false) => run(tx, delete).await?,
        None => {
            if !run(tx, delete).await? {
                run(tx, insert).await?;
            }
            true
        }
    })
}
