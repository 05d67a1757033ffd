//! The facade, `claimex::Pipeline::analyze`: the sentence and mention
//! invariants, one attribution per mention, records that serialize with
//! their `text` equal to the slice; and `analyze_into` a buffer that held
//! another text's analysis gives the same result.
#![no_main]

use claimex::{Analysis, Pipeline};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);
static OTHER: LazyLock<Analysis> = LazyLock::new(|| {
    PIPELINE.analyze("DeepSeek spent $294,000 training R1 for 80 hours on 512 Nvidia H800 chips. It said so.")
});

fuzz_target!(|data: &[u8]| {
    let text = claimex_fuzz::text_of(data);
    let a = PIPELINE.analyze(&text);
    claimex_fuzz::check_analysis(&text, &a);
    let mut reused = OTHER.clone();
    PIPELINE.analyze_into(&text, &mut reused);
    assert_eq!(reused, a, "analyze_into a used buffer differs from analyze");
});
