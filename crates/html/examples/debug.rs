use std::io::Read;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&a[1]).unwrap())
        .read_to_string(&mut s)
        .unwrap();
    print!("{}", claimex_html::debug_path(&s, &a[2]));
}
