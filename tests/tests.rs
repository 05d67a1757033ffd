//! Integration tests: the real `claimex` binary on fixtures and bad input,
//! and the library on the peer projects' public test suites.

mod util;

mod bad_input;
mod check;
mod extract;
mod peer_suites;
mod reconcile;
mod regression;
mod web;
