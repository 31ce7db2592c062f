//! The live wing: the writer, which commits room events in order (one at a time per database,
//! in groups) and publishes each only after its commit; the hub, which fans a committed event
//! out to sockets as bytes encoded once; and presence, who is online. It calls only `db`.
pub mod hub;
pub mod presence;
pub mod relay;
pub mod writer;
