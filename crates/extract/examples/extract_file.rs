//! Extracts the mentions of a file (for profiling): `extract_file PATH [REPEAT]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: extract_file PATH [REPEAT]");
    let repeat: usize = args.next().map_or(1, |r| r.parse().expect("REPEAT is a number"));
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let sentences = claimex_segment::split(&text);
    let ex = claimex_extract::Extractor::new();
    let mut out = Vec::new();
    let mut n = 0;
    for _ in 0..repeat {
        out.clear();
        ex.extract_into(&text, &sentences, &mut out);
        n += out.len();
    }
    println!("{n} mentions");
}
