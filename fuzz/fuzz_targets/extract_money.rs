//! Text → sentences → mentions of one kind (Money): no panic; every mention
//! non-empty, on char boundaries, inside its sentence, in text order without
//! overlap; values finite, ranges ordered, kind matching value.
#![no_main]

use claimex_extract::Kind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    claimex_fuzz::extract_one_kind(data, Kind::Money);
});
