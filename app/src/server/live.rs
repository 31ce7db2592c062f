//! The live wing: the writer, which commits room events in order (one at a time per database,
//! in groups) and publishes each only after its commit; the relay, which hands committed events
//! to the hub in order and, on PostgreSQL, to and from the other instances; the hub, which fans
//! an event out to sockets as bytes encoded once; and presence, who is online (on any
//! instance). It calls only `db`.
pub mod hub;
pub mod presence;
pub mod relay;
pub mod writer;
