//! Article extraction from HTML pages.
//!
//! `claimex-html` turns a news or blog page into the article's own text plus
//! its metadata:
//!
//! - [`extract`] / [`extract_with`]: an [`Article`] with the headline, the
//!   body text (headline first, then paragraphs separated by blank lines),
//!   publication date, author, site name, canonical URL and language;
//! - [`decode`]: bytes to text, with the charset from the BOM, the
//!   `Content-Type` header or a `<meta>` declaration;
//! - [`looks_like_html`]: sniffing for inputs of unknown type.
//!
//! How the body is found: scripts, styles, forms, media, navigation, page
//! headers and footers, asides, hidden elements and elements whose class,
//! id or role mark them as navigation, ads, share bars, cookie notices,
//! newsletters, related lists or comments are dropped. Then JSON-LD
//! `articleBody` is used when present and as long as the page's own body;
//! else the container marked as the body (`itemprop=articleBody`, a name
//! like `article-body`, `<article>`), else the best container by a
//! readability-style score of text length, commas and link density.
//!
//! What it does not do: fetch pages (no network code), run scripts, follow
//! "next page" links, or keep images, links and tables as anything but text.
//!
//! It never panics on any input, and any nesting depth is safe: the page is
//! walked iteratively, and nesting deeper than [`Options::max_depth`] is
//! flattened before parsing (the HTML tree builder is quadratic in depth).
#![deny(missing_docs)]

mod content;
mod decode;
mod dom;
mod meta;
mod nesting;
mod patterns;
mod text;

pub use decode::{Decoded, decode, looks_like_html};

/// An extracted article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// The headline: `og:title`, JSON-LD `headline`, the first `<h1>` or
    /// `<title>`, with a site suffix such as " - Reuters" dropped when it is
    /// clearly one.
    pub title: Option<String>,
    /// The document text: the headline as its own first paragraph, then the
    /// body; paragraphs (and headings, list items) are separated by "\n\n",
    /// `<br>` gives "\n", whitespace inside a paragraph is collapsed.
    pub text: String,
    /// Publication date as found (ISO 8601 in most pages):
    /// `article:published_time`, JSON-LD `datePublished`, `<time datetime>`.
    pub published: Option<String>,
    /// Author name(s), comma separated when several.
    pub author: Option<String>,
    /// Site name: `og:site_name` or the JSON-LD publisher.
    pub site_name: Option<String>,
    /// `<link rel=canonical>`, else `og:url`, else the JSON-LD URL.
    pub canonical_url: Option<String>,
    /// `<html lang>` or a declared content language.
    pub language: Option<String>,
}

/// Extraction options. Build with `Options { field: value, ..Options::default() }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Put the headline first in [`Article::text`] (default true).
    pub headline: bool,
    /// Use the JSON-LD `articleBody` when it is at least
    /// [`Options::min_json_ld_body`] characters and not shorter than the
    /// body found in the page (default true).
    pub json_ld_body: bool,
    /// Minimum length of a JSON-LD `articleBody` to be used (default 250).
    pub min_json_ld_body: usize,
    /// Deepest element nesting kept before parsing; deeper start tags are
    /// dropped, their text kept (default 512, as browsers do).
    pub max_depth: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            headline: true,
            json_ld_body: true,
            min_json_ld_body: 250,
            max_depth: 512,
        }
    }
}

/// Extracts the article of an HTML page with default [`Options`].
///
/// ```
/// let html = r#"<html><head><title>Chips ship - Example News</title>
///   <meta property="og:site_name" content="Example News"></head>
///   <body><nav><a href="/">Home</a></nav>
///   <article><h1>Chips ship</h1><p>The firm shipped 2,000 chips, it said.</p></article>
///   </body></html>"#;
/// let a = claimex_html::extract(html);
/// assert_eq!(a.title.as_deref(), Some("Chips ship"));
/// assert_eq!(a.text, "Chips ship\n\nThe firm shipped 2,000 chips, it said.");
/// ```
pub fn extract(html: &str) -> Article {
    extract_with(html, &Options::default())
}

/// Extracts the article of an HTML page.
pub fn extract_with(html: &str, opts: &Options) -> Article {
    let source = nesting::limit_nesting(html, opts.max_depth.max(1));
    // `scraper::Html` is not `Send`: it lives and dies inside this function.
    let doc = scraper::Html::parse_document(&source);
    let mut dom = dom::build(&doc);
    drop(doc);
    let meta = meta::interpret(&dom.meta);
    dom.mark_boilerplate();
    let analysis = content::analyse(&dom);
    let roots = content::select(&dom, &analysis);
    let mut body = content::render(&dom, &analysis, &roots, meta.title.as_deref());

    if opts.json_ld_body
        && let Some(ld) = meta.body.as_deref()
    {
        let ld_text = json_ld_text(ld);
        if ld_text.chars().count() >= opts.min_json_ld_body
            && ld_text.len() as f32 >= body.len() as f32 * 0.9
        {
            body = ld_text;
        }
    }

    let mut text = String::new();
    if opts.headline
        && let Some(t) = meta.title.as_deref()
    {
        text.push_str(t);
    }
    // Drop a first body paragraph that repeats the headline.
    let body = match (meta.title.as_deref(), body.split_once("\n\n")) {
        (Some(t), Some((first, rest))) if content::squash(first) == content::squash(t) => {
            rest.to_string()
        }
        (Some(t), None) if content::squash(&body) == content::squash(t) => String::new(),
        _ => body,
    };
    if !body.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&body);
    }
    Article {
        title: meta.title,
        text,
        published: meta.published,
        author: meta.author,
        site_name: meta.site_name,
        canonical_url: meta.canonical_url,
        language: meta.language,
    }
}

/// The text of a JSON-LD `articleBody`: plain text with its line breaks
/// turned into paragraphs, or, when it holds markup, that markup rendered.
/// Entities are decoded, twice when the markup itself was escaped
/// (`&lt;p&gt;`, `&amp;quot;`).
fn json_ld_text(s: &str) -> String {
    let mut s = s.to_string();
    for _ in 0..2 {
        if ["&lt;", "&gt;", "&amp;", "&quot;", "&#"]
            .iter()
            .any(|e| s.contains(e))
        {
            s = decode_entities(&s);
        }
    }
    let has_markup = ["</p>", "<br", "</div>", "<p>", "</h2>", "</li>"]
        .iter()
        .any(|t| s.contains(t));
    if has_markup {
        let frag = scraper::Html::parse_fragment(&nesting::limit_nesting(&s, 512));
        let mut dom = dom::build(&frag);
        dom.mark_boilerplate();
        let an = content::analyse(&dom);
        return content::render(&dom, &an, &[0], None);
    }
    let mut out = String::with_capacity(s.len());
    for para in s.split('\n') {
        let p = text::collapse(para);
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p);
    }
    out
}

/// Decodes character references in text (markup-looking text is kept as
/// text), whitespace unchanged.
fn decode_entities(s: &str) -> String {
    // Escape the markup characters so the parser sees text only.
    let escaped = s.replace('<', "&lt;");
    let frag = scraper::Html::parse_fragment(&escaped);
    let mut out = String::with_capacity(s.len());
    for n in frag.tree.root().descendants() {
        if let scraper::Node::Text(t) = n.value() {
            out.push_str(t);
        }
    }
    out
}

/// Debug aid (temporary): the ancestor chain of the first text node holding `needle`.
#[doc(hidden)]
pub fn debug_path(html: &str, needle: &str) -> String {
    let source = nesting::limit_nesting(html, 512);
    let doc = scraper::Html::parse_document(&source);
    let mut dom = dom::build(&doc);
    dom.mark_boilerplate();
    let an = content::analyse(&dom);
    let roots = content::select(&dom, &an);
    let mut out = format!("roots {roots:?}\n");
    for r in &roots {
        let n = &dom.nodes[*r as usize];
        out += &format!(
            "root {r} {:?} {:?} chars {}\n",
            n.tag, n.class, n.stats.chars
        );
    }
    for i in 0..dom.nodes.len() as u32 {
        if needle.parse::<u32>().ok() == Some(i)
            || (dom.nodes[i as usize].tag == dom::Tag::Text && dom.text_of(i).contains(needle))
        {
            let mut x = i;
            while x != dom::NONE {
                let n = &dom.nodes[x as usize];
                out += &format!(
                    "{x} {:?} removed={} dead={} score={:.1} chars={} ld={:.2} p={} class={:?} marker={}\n",
                    n.tag,
                    n.removed,
                    an.dead[x as usize],
                    an.score[x as usize],
                    n.stats.chars,
                    n.stats.link_density(),
                    n.stats.p,
                    n.class,
                    n.itemprop_body
                );
                x = n.parent;
            }
            break;
        }
    }
    out
}
