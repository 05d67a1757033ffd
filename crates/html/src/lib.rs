//! Article extraction from HTML pages.
//!
//! `claimex-html` turns a news or blog page into the article's own text plus
//! its metadata:
//!
//! - [`extract`] / [`extract_with`]: an [`Article`] with the headline, the
//!   body text (headline first, then paragraphs separated by blank lines),
//!   publication date, author, site name, canonical URL and language;
//! - [`decode()`]: bytes to text, with the charset from the BOM, the
//!   `Content-Type` header or a `<meta>` declaration, else UTF-8 (and it
//!   says when it assumed so; guessing a legacy encoding is left to the
//!   caller, `claimex-ingest`);
//! - [`looks_like_html`]: sniffing for inputs of unknown type.
//!
//! How the body is found:
//!
//! 1. Dropped outright: scripts, styles, templates, SVG, iframes, form
//!    controls, media, `nav`, `header`, `footer`, `aside`, comments, hidden
//!    elements (`hidden`, `aria-hidden`, `display:none`), figure captions.
//! 2. Dropped by name: elements whose class, id or role mark them as
//!    navigation, ads, share bars, cookie notices, newsletters, related or
//!    recommended lists, comments, popups or bylines (by word: `ad-slot`
//!    yes, `header` no; a wrapper holding most of the page is kept), and
//!    sections that open with a heading such as "Related articles".
//! 3. Dropped by content: small picture boxes, link lines ("Related: ...",
//!    "Tags ..."), short lines that are page metadata (bylines, date
//!    lines, "8 comments", picture credits, contact and promotion lines),
//!    and forms (search boxes, comment forms, sign-ups) unless a form holds
//!    the page's content: a body container, more than half of the text
//!    left on the page, or more than half of its paragraphs' text (ASP.NET
//!    WebForms pages wrap the whole body in one `<form>`).
//! 4. The body: the container marked as the body (`itemprop=articleBody`,
//!    a name like `article-body` or `entry-content`, an `<article>`; bodies
//!    split in chunks are joined) when it holds enough of the text, else the
//!    best container by a readability-style score of paragraphs' length,
//!    commas and link density, with its good siblings. Inside it, link
//!    lists, image galleries and tiny boxes are dropped.
//! 5. Fallbacks: JSON-LD `articleBody` replaces the body when at least as
//!    long (and 200+ characters), or at any length when the body found is
//!    missing or less than a quarter of it. Then the article read from the
//!    page's `<noscript>` blocks (the parser keeps their content as text)
//!    replaces a body still missing or less than a quarter of it; notices
//!    such as "Please enable JavaScript" are left out.
//!
//! On the article-extraction benchmark's dev pages this scores F1 0.98
//! (the best open-source peer, rs_trafilatura, 0.967); see
//! `tests/article_benchmark.rs`.
//!
//! What it does not do: fetch pages (no network code), run scripts, follow
//! "next page" links, or keep images, links and tables as anything but text.
//!
//! It never panics on any input, and any nesting depth is safe: the page is
//! walked iteratively, and nesting deeper than [`Options::max_depth`] is
//! flattened before parsing (the HTML tree builder is quadratic in depth).
//! Likewise a tag's attributes past [`Options::max_attributes`] (256) are
//! dropped before parsing (the tokenizer's duplicate check is quadratic in
//! a tag's attributes: one `<p>` with 200,000 of them took over 30 s), and
//! formatting elements (`b`, `font`, `i`, ...) left open past
//! [`Options::max_formatting`] (16) are dropped (the tree builder reopens
//! every one in each block after them: a 100 KB page of `<p><b c=1>x<p><b
//! c=2>x...` took 14 s and 3 GB). Memory is bounded too: markup past
//! [`Options::max_elements`] (100,000 elements and comments) is read as
//! text (a 10 MB page of tiny paragraphs took 370 MiB). Pages under the
//! limits are parsed exactly as written.
#![deny(missing_docs)]

mod attrs;
mod content;
mod decode;
mod dom;
mod elements;
mod formatting;
mod meta;
mod nesting;
mod patterns;
mod text;

pub use decode::{Decoded, decode, looks_like_html};

use std::borrow::Cow;

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
    /// body found in the page, or, at any length, when the page's own body
    /// (the headline left out) is missing or less than a quarter of it
    /// (default true).
    pub json_ld_body: bool,
    /// Minimum length of a JSON-LD `articleBody` to replace a body found in
    /// the page that is not much shorter (default 200).
    pub min_json_ld_body: usize,
    /// Read the article from the page's `<noscript>` blocks when the body
    /// found otherwise (the headline left out, JSON-LD included) is missing
    /// or less than a quarter of theirs; notices such as "Please enable
    /// JavaScript" are left out (default true).
    pub noscript_body: bool,
    /// Deepest element nesting kept before parsing; deeper start tags are
    /// dropped, their text kept (default 512, as browsers do).
    pub max_depth: usize,
    /// Most attributes kept on one tag before parsing (and on all `<html>`,
    /// and all `<body>`, start tags together); the rest of the tag's
    /// attributes are dropped (default 256; real pages stay far below it).
    pub max_attributes: usize,
    /// Most formatting elements (`b`, `font`, `i`, ...) left open at once,
    /// as the parser counts them (its "active formatting elements", reopened
    /// in every block after them); further formatting start tags are
    /// dropped with their end tags, their text kept; `<a>` is never dropped
    /// (default 16; real pages keep at most a handful).
    pub max_formatting: usize,
    /// Most elements and comments parsed as markup; the rest of the page
    /// is read as text: tags past the limit are removed (a block tag
    /// becomes a line break) and scripts and styles go with their content.
    /// It bounds the memory of one page, whatever it holds (default
    /// 100,000; real news pages hold a few thousand).
    pub max_elements: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            headline: true,
            json_ld_body: true,
            min_json_ld_body: 200,
            noscript_body: true,
            max_depth: 512,
            max_attributes: 256,
            max_formatting: 16,
            max_elements: 100_000,
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
    // `scraper::Html` is not `Send`: it lives and dies inside this function.
    let doc = scraper::Html::parse_document(&bounded(html, opts));
    let mut dom = dom::build(&doc);
    drop(doc);
    let meta = meta::interpret(&dom.meta);
    dom.mark_boilerplate();
    let analysis = content::analyse(&dom);
    let roots = content::select(&dom, &analysis);
    let title = meta.title.as_deref();
    let mut body = content::render(&dom, &analysis, &roots, title);

    if opts.json_ld_body
        && let Some(ld) = meta.body.as_deref()
    {
        let ld_text = json_ld_text(ld, opts);
        let ld_chars = ld_text.chars().count();
        if (ld_chars >= opts.min_json_ld_body && ld_text.len() as f32 >= body.len() as f32 * 0.9)
            || much_shorter(without_headline(&body, title), ld_chars)
        {
            body = ld_text;
        }
    }

    if opts.noscript_body {
        // Blocks inside removed boilerplate do not count.
        let blocks: Vec<&str> =
            dom.noscript.iter().filter(|(at, _)| !analysis.dead[*at as usize]).map(|(_, s)| s.as_str()).collect();
        // The source's length (plus a paragraph break per block) bounds
        // its text's: most pages stop here.
        let source_len: usize = blocks.iter().map(|b| b.len() + 2).sum();
        if much_shorter(without_headline(&body, title), source_len) {
            let ns_text = noscript_text(&blocks, title, opts);
            if much_shorter(without_headline(&body, title), ns_text.chars().count()) {
                body = ns_text;
            }
        }
    }

    let mut text = String::new();
    if opts.headline
        && let Some(t) = title
    {
        text.push_str(t);
    }
    let body = without_headline(&body, title).to_string();
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

/// `html` with the pre-passes applied: markup past
/// [`Options::max_elements`] read as text, and attributes past
/// [`Options::max_attributes`], nesting past [`Options::max_depth`] and
/// formatting elements past [`Options::max_formatting`] dropped (borrowed
/// when none changes anything).
fn bounded<'a>(html: &'a str, opts: &Options) -> Cow<'a, str> {
    let page = elements::limit_elements(html, opts.max_elements.max(1));
    let page = then(page, attrs::limit_attributes, opts.max_attributes);
    let page = then(page, nesting::limit_nesting, opts.max_depth.max(1));
    then(page, formatting::limit_formatting, opts.max_formatting.max(1))
}

/// `page` through one more pre-pass.
fn then<'a>(page: Cow<'a, str>, pass: fn(&str, usize) -> Cow<'_, str>, limit: usize) -> Cow<'a, str> {
    match page {
        Cow::Borrowed(h) => pass(h, limit),
        Cow::Owned(h) => {
            let changed = match pass(&h, limit) {
                Cow::Owned(s) => Some(s),
                Cow::Borrowed(_) => None,
            };
            Cow::Owned(changed.unwrap_or(h))
        }
    }
}

/// For the pre-passes' tests: `pass` with `limit` returns every HTML page
/// of the repository's fixtures (real news pages) unchanged, borrowed.
#[cfg(test)]
pub(crate) fn assert_real_pages_unchanged(pass: fn(&str, usize) -> Cow<'_, str>, limit: usize) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/html");
    let mut pages = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures/html") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).expect("UTF-8 page");
            assert!(matches!(pass(&html, limit), Cow::Borrowed(_)), "{}", path.display());
            pages += 1;
        }
    }
    assert!(pages >= 5, "{pages} pages");
}

/// `body` without a first paragraph that repeats the headline.
fn without_headline<'a>(body: &'a str, title: Option<&str>) -> &'a str {
    match (title, body.split_once("\n\n")) {
        (Some(t), Some((first, rest))) if content::squash(first) == content::squash(t) => rest,
        (Some(t), None) if content::squash(body) == content::squash(t) => "",
        _ => body,
    }
}

/// True when `body` (the page's own, headline left out) is missing or less
/// than a quarter of another text of `other_chars` characters, which is
/// then the better guess at the article.
fn much_shorter(body: &str, other_chars: usize) -> bool {
    other_chars > 0 && body.chars().count() * 4 < other_chars
}

/// The article in the page's `<noscript>` blocks (their source, as the
/// parser keeps it), found as in a page, with notices such as "Please
/// enable JavaScript" left out.
fn noscript_text(blocks: &[&str], title: Option<&str>, opts: &Options) -> String {
    let mut html = String::new();
    for b in blocks {
        html.push_str("<div>");
        html.push_str(b);
        html.push_str("</div>");
    }
    let frag = scraper::Html::parse_fragment(&bounded(&html, opts));
    let mut dom = dom::build(&frag);
    drop(frag);
    dom.mark_boilerplate();
    let an = content::analyse(&dom);
    let roots = content::select(&dom, &an);
    let text = content::render(&dom, &an, &roots, title);
    let kept: Vec<&str> = text.split("\n\n").filter(|p| !patterns::script_notice(p)).collect();
    kept.join("\n\n")
}

/// The text of a JSON-LD `articleBody`: plain text with its line breaks
/// turned into paragraphs, or, when it holds markup, that markup rendered.
/// Entities are decoded, twice when the markup itself was escaped
/// (`&lt;p&gt;`, `&amp;quot;`).
fn json_ld_text(s: &str, opts: &Options) -> String {
    let mut s = s.to_string();
    for _ in 0..2 {
        if ["&lt;", "&gt;", "&amp;", "&quot;", "&#"].iter().any(|e| s.contains(e)) {
            s = decode_entities(&s);
        }
    }
    let has_markup = ["</p>", "<br", "</div>", "<p>", "</h2>", "</li>"].iter().any(|t| s.contains(t));
    if has_markup {
        let frag = scraper::Html::parse_fragment(&bounded(&s, opts));
        let mut dom = dom::build(&frag);
        dom.mark_boilerplate();
        let an = content::analyse(&dom);
        return content::render(&dom, &an, &[0], None);
    }
    let mut out = String::with_capacity(s.len());
    for para in s.split('\n') {
        let p = unglue_paragraphs(&text::collapse(para));
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

/// Splits paragraphs that lost their separator ("...79 moons.The find"):
/// a lowercase letter, a full stop (or ! ?, maybe a closing quote), then an
/// uppercase letter with no space starts a new paragraph. Abbreviations
/// ("U.S.") and decimals are left alone.
fn unglue_paragraphs(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        if !matches!(c, '.' | '!' | '?' | '"' | '\u{201d}') || i == 0 {
            continue;
        }
        let next = chars.get(i + 1).copied();
        let prev = chars[i - 1];
        let stop_then_quote =
            matches!(c, '"' | '\u{201d}') && matches!(prev, '.' | '!' | '?') && i >= 2 && chars[i - 2].is_lowercase();
        let stop = matches!(c, '.' | '!' | '?') && prev.is_lowercase();
        if (stop || stop_then_quote) && next.is_some_and(char::is_uppercase) {
            out.push_str("\n\n");
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with one article paragraph per item of `paras` and the
    /// boilerplate a real page carries around it.
    const BOILERPLATE_PAGE: &str = r##"<!doctype html><html lang="en"><head>
<title>Chipmaker ships 2,000 GPUs - Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-05-01T10:00:00Z">
<meta name="author" content="Ann Lee">
<link rel="canonical" href="https://news.example.com/chips">
</head><body>
<div class="cookie-banner">We use cookies. <a href="/privacy">Accept all</a></div>
<header class="site-header"><a href="/">Example News</a></header>
<nav><ul><li><a href="/world">World</a></li><li><a href="/tech">Tech</a></li></ul></nav>
<div class="layout">
 <main>
  <article>
   <h1>Chipmaker ships 2,000 GPUs</h1>
   <div class="share-bar"><a href="#">Share on X</a> <a href="#">Email</a></div>
   <div class="article-body">
    <p>The company shipped 2,000 H800 GPUs to the lab in March, a spokesperson said on Tuesday.</p>
    <div class="ad-slot">Advertisement</div>
    <p>Training the model took 55 days and cost about $5.6 million, according to the paper.</p>
   </div>
   <section class="related-articles"><h2>Related articles</h2><ul>
    <li><a href="/a">Rival buys 10,000 chips for $300 million</a></li>
    <li><a href="/b">Prices of GPUs fall 20% in May 2024</a></li></ul></section>
  </article>
  <div id="comments" class="comments-section"><h3>12 comments</h3>
   <p>I paid $1,500 for my card in 2023, what a rip-off, honestly.</p></div>
 </main>
 <aside class="sidebar"><h3>Markets</h3><p>Gold $2,300 on 1 May 2024, oil $80 a barrel.</p></aside>
</div>
<div class="newsletter-signup"><p>Get our daily newsletter, free, every morning.</p></div>
<footer><p>&copy; 2024 Example News. All rights reserved.</p></footer>
</body></html>"##;

    #[test]
    fn extraction_examples() {
        // (what, html, expected text)
        let cases: &[(&str, &str, &str)] = &[
            (
                "boilerplate removed, headline first",
                BOILERPLATE_PAGE,
                "Chipmaker ships 2,000 GPUs\n\n\
                 The company shipped 2,000 H800 GPUs to the lab in March, a spokesperson said on Tuesday.\n\n\
                 Training the model took 55 days and cost about $5.6 million, according to the paper.",
            ),
            (
                "boilerplate named by class and id only (no semantic tags)",
                r##"<html><head><meta property="og:title" content="Rates held at 5%"></head><body>
                <div id="cookie-notice"><p>This site uses cookies to improve your experience, as described.</p></div>
                <div id="top-nav"><a href="/">Home</a> | <a href="/markets">Markets</a> | <a href="/tech">Tech</a></div>
                <div class="container"><div class="main-column">
                 <div class="story-body">
                  <p>The central bank held its main rate at 5% on Thursday, as expected by most economists.</p>
                  <p>It said inflation, at 3.1% in March, was still too high, and that cuts would come later.</p>
                  <p class="byline">By Ann Lee</p>
                 </div>
                 <div class="related-stories"><h3>Related stories</h3>
                  <div><a href="/x">Dollar rises 2% against the yen, to 155</a></div>
                  <div><a href="/y">Bonds fall for a third day as yields hit 4.5%</a></div></div>
                 <div id="comments"><div class="comment"><p>Rates should be 2%, not 5%, in my humble opinion, frankly.</p></div></div>
                </div>
                <div class="sidebar"><div class="widget"><p>Brent crude $84.10, up 1.2% on 4 April 2024, at 10:00 GMT.</p>
                 <p>Gold $2,290 an ounce, a record high for the metal, on Thursday.</p></div></div>
                </div>
                <div class="subscribe-box"><p>Sign up for our free daily newsletter, sent every morning at six.</p></div>
                <div class="site-footer"><p>Copyright 2024, Example Media Group, with all rights reserved.</p></div>
                </body></html>"##,
                "Rates held at 5%\n\n\
                 The central bank held its main rate at 5% on Thursday, as expected by most economists.\n\n\
                 It said inflation, at 3.1% in March, was still too high, and that cuts would come later.",
            ),
            (
                "headline from <title> with the site suffix dropped, <br> and lists",
                "<html><head><title>Budget deal reached | The Daily</title></head><body><div>\
                 <p>Lawmakers agreed on a budget late on Monday, after weeks of talks.<br>Both houses vote on Friday.</p>\
                 <p>The deal covers three items, officials said:</p>\
                 <ul><li>$40 billion for roads</li><li>$12 billion for schools</li></ul>\
                 <p>It also extends the current tax rates by two years, a key demand.</p></div></body></html>",
                "Budget deal reached\n\n\
                 Lawmakers agreed on a budget late on Monday, after weeks of talks.\nBoth houses vote on Friday.\n\n\
                 The deal covers three items, officials said:\n\n\
                 $40 billion for roads\n\n$12 billion for schools\n\n\
                 It also extends the current tax rates by two years, a key demand.",
            ),
            (
                "entities decoded, whitespace collapsed, subheadings kept",
                "<html><head><meta property=\"og:title\" content=\"Caf&eacute; prices rise\"></head><body><article>\
                 <p>Prices at the caf&eacute;   rose by &euro;2 &amp; more,\n   the owner&#8217;s   data show, \
                 according to a survey of 300 shops.</p><h2>What comes next</h2>\
                 <p>Owners expect a further rise in June, citing costs, wages and rent.</p></article></body></html>",
                "Café prices rise\n\n\
                 Prices at the café rose by €2 & more, the owner’s data show, according to a survey of 300 shops.\n\n\
                 What comes next\n\n\
                 Owners expect a further rise in June, citing costs, wages and rent.",
            ),
            (
                "JSON-LD articleBody used when the page body is a stub",
                r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org",
                 "@type":"NewsArticle","headline":"Lab trains model for $294,000",
                 "articleBody":"The lab said training cost $294,000 on 512 chips, a fraction of rivals' budgets.\nThe run took 80 hours, it said in a paper published on Wednesday in the journal.\nOther labs have spent tens of millions of dollars on similar runs, analysts said."}
                 </script></head><body><div class="teaser"><p>Subscribe to read the full story.</p></div></body></html>"#,
                "Lab trains model for $294,000\n\n\
                 The lab said training cost $294,000 on 512 chips, a fraction of rivals' budgets.\n\n\
                 The run took 80 hours, it said in a paper published on Wednesday in the journal.\n\n\
                 Other labs have spent tens of millions of dollars on similar runs, analysts said.",
            ),
            (
                "no headline: body only",
                "<p>Just a paragraph of text, with a comma, and nothing else at all.</p>",
                "Just a paragraph of text, with a comma, and nothing else at all.",
            ),
            ("empty input", "", ""),
            ("not HTML at all: NUL dropped, the rest is text", "\u{0}\u{ffff}<<<>>>&&&;", "\u{ffff}<<<>>>&&&;"),
        ];
        for &(what, html, want) in cases {
            assert_eq!(extract(html).text, want, "{what}");
        }
    }

    /// Forms: a form that holds the page's content stays, search boxes,
    /// comment forms and sign-ups next to an article go.
    #[test]
    fn forms() {
        // The story, with `{}` where a form goes between its paragraphs.
        let article = |form: &str| {
            format!(
                "<div class=\"story\"><h1>Lab trains model</h1>\
                 <p>DeepSeek said its R1 model cost $294,000 to train, on 512 chips, in a paper on Wednesday.</p>{form}\
                 <p>Rivals have spent tens of millions of dollars on similar runs, analysts said.</p>\
                 <p>The lab did not say how much the earlier runs cost, or how many chips it owns.</p></div>"
            )
        };
        const BODY: &str = "Lab trains model\n\n\
            DeepSeek said its R1 model cost $294,000 to train, on 512 chips, in a paper on Wednesday.\n\n\
            Rivals have spent tens of millions of dollars on similar runs, analysts said.\n\n\
            The lab did not say how much the earlier runs cost, or how many chips it owns.";
        // (what, html, expected text)
        let cases: Vec<(&str, String, String)> = vec![
            (
                "a short article wrapped in a form",
                "<html><body><form id=f><div><h1>Title</h1><p>DeepSeek said its R1 model cost $294,000 to train.</p>\
                 <p>More text here.</p></div></form></body></html>"
                    .into(),
                "Title\n\nDeepSeek said its R1 model cost $294,000 to train.\n\nMore text here.".into(),
            ),
            (
                "an ASP.NET WebForms page: one form around the whole body, a search box inside",
                format!(
                    "<html><body><form id=\"form1\" runat=\"server\" action=\"./story.aspx\">\
                     <input type=hidden name=__VIEWSTATE value=\"dDwtMTI3\">\
                     <div class=\"top\"><a href=\"/\">Home</a> <span>Search</span><input name=q><button>Go</button></div>\
                     {}</form></body></html>",
                    article("")
                ),
                BODY.into(),
            ),
            (
                "the article's paragraphs in a form, more text outside it",
                format!(
                    "<html><body><form action=\"/x\">{}</form><div><ul>\
                     <li>Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor</li>\
                     <li>Ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip</li>\
                     <li>Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu</li>\
                     <li>Excepteur sint occaecat cupidatat non proident sunt in culpa qui officia deserunt</li>\
                     </ul></div></body></html>",
                    article("")
                ),
                BODY.into(),
            ),
            (
                "a search box in the article",
                format!(
                    "<html><body>{}</body></html>",
                    article(
                        "<form action=\"/search\" method=get><p>Search 5,000 stories from 2010 to 2024, free.</p>\
                         <input name=q><button>Search</button></form>"
                    )
                ),
                BODY.into(),
            ),
            (
                "a comment form in the article",
                format!(
                    "<html><body>{}</body></html>",
                    article(
                        "<form action=\"/post\" method=post><p>Leave a reply, now.</p>\
                         <p>Your email address will not be published, and fields marked * are required.</p>\
                         <textarea name=c></textarea><input name=email><button>Post</button></form>"
                    )
                ),
                BODY.into(),
            ),
            (
                "a newsletter sign-up in the article",
                format!(
                    "<html><body>{}</body></html>",
                    article(
                        "<form action=\"/join\"><p>Get our free daily briefing at 6am, with 3 stories, \
                         1 chart and no ads.</p><input name=email><button>Join</button></form>"
                    )
                ),
                BODY.into(),
            ),
            (
                "a page that is only a search box",
                "<html><body><form action=\"/search\"><label>Search</label><input name=q>\
                 <span>Find stories</span></form></body></html>"
                    .into(),
                "".into(),
            ),
        ];
        for (what, html, want) in &cases {
            assert_eq!(extract(html).text, *want, "{what}");
        }
    }

    /// The fallbacks: a short JSON-LD `articleBody`, `<noscript>` content.
    #[test]
    fn fallbacks() {
        // (what, html, expected text)
        let cases: &[(&str, &str, &str)] = &[
            (
                "a short JSON-LD articleBody on a page with no body",
                r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Lab cuts cost",
                 "articleBody":"The lab said training cost $294,000 on 512 chips."}</script></head>
                 <body><div id="app"></div></body></html>"#,
                "Lab cuts cost\n\nThe lab said training cost $294,000 on 512 chips.",
            ),
            (
                "a short JSON-LD articleBody does not replace a longer body",
                r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Lab cuts cost",
                 "articleBody":"Teaser: the lab cut its costs."}</script></head>
                 <body><article><p>The lab said training cost $294,000 on 512 chips, a fraction of rivals' budgets.</p>
                 <p>The run took 80 hours, it said in a paper published on Wednesday.</p></article></body></html>"#,
                "Lab cuts cost\n\nThe lab said training cost $294,000 on 512 chips, a fraction of rivals' budgets.\n\n\
                 The run took 80 hours, it said in a paper published on Wednesday.",
            ),
            (
                "the article in <noscript> on a page that needs scripts",
                "<html><head><title>Lab cuts cost</title><noscript><link rel=stylesheet href=a.css></noscript></head>\
                 <body><div id=\"app\">Loading</div><noscript><p>Please enable JavaScript to use this site.</p>\
                 <article><p>The lab said training cost $294,000 on 512 chips, it said on Wednesday.</p>\
                 <p>The run took 80 hours.</p></article></noscript></body></html>",
                "Lab cuts cost\n\nThe lab said training cost $294,000 on 512 chips, it said on Wednesday.\n\n\
                 The run took 80 hours.",
            ),
            (
                "a <noscript> notice alone is not an article",
                "<html><head><title>Lab cuts cost</title></head><body><div id=\"app\"></div>\
                 <noscript>You need to enable JavaScript to run this app.</noscript></body></html>",
                "Lab cuts cost",
            ),
            (
                "<noscript> pixels and notices beside an article change nothing",
                "<html><head><title>Lab cuts cost</title></head><body><noscript><img src=\"/px.gif\"></noscript>\
                 <article><p>The lab said training cost $294,000 on 512 chips, it said on Wednesday.</p></article>\
                 <noscript>Please enable JavaScript to view the 12 comments.</noscript></body></html>",
                "Lab cuts cost\n\nThe lab said training cost $294,000 on 512 chips, it said on Wednesday.",
            ),
            (
                "<noscript> inside removed boilerplate is not read",
                "<html><head><title>Lab cuts cost</title></head><body><div id=\"app\"></div>\
                 <div class=\"comments\"><noscript><p>I think the lab spent far more than $294,000 on this, \
                 honestly, whatever it says in the paper.</p></noscript></div></body></html>",
                "Lab cuts cost",
            ),
        ];
        for &(what, html, want) in cases {
            assert_eq!(extract(html).text, want, "{what}");
        }
        let no_ns = Options { noscript_body: false, ..Options::default() };
        assert_eq!(extract_with(cases[2].1, &no_ns).text, "Lab cuts cost\n\nLoading");
    }

    /// Tags with absurd numbers of attributes are cut down before parsing:
    /// the text is still found, and the attributes the extractor reads
    /// within the limit still count.
    #[test]
    fn attribute_bombs() {
        let many = |n: usize, from: usize| (from..from + n).map(|i| format!("a{i}=1")).collect::<Vec<_>>().join(" ");
        let html = format!("<p {}>It cost $5 million.</p>", many(200_000, 0));
        assert_eq!(extract(&html).text, "It cost $5 million.");
        // Repeated <body> tags merge their attributes into one element.
        let html = format!(
            "{}<p>It cost $5 million.</p>",
            (0..1000).map(|k| format!("<body {}>", many(200, k * 200))).collect::<String>()
        );
        assert_eq!(extract(&html).text, "It cost $5 million.");
        // A tag inside SVG <style> is a tag (the tokenizer reads it so).
        let html = format!("<svg><style><p {}></style></svg><p>It cost $5 million.</p>", many(200_000, 0));
        assert_eq!(extract(&html).text, "It cost $5 million.");
        // Within the limit, a hidden box is still hidden and a class still read.
        let html = format!(
            "<div hidden {}><p>Hidden text, with a comma, in a hidden box.</p></div>\
             <div class=\"share-bar\" {}>Share on X</div><p>It cost $5 million, it said.</p>",
            many(255, 0),
            many(255, 0)
        );
        assert_eq!(extract(&html).text, "It cost $5 million, it said.");
    }

    #[test]
    fn ungluing() {
        let cases: &[(&str, &str)] = &[
            ("79 moons.The find", "79 moons.\n\nThe find"),
            ("he said!Then", "he said!\n\nThen"),
            ("the U.S.Army", "the U.S.Army"),
            ("cost 3.5 million.", "cost 3.5 million."),
            ("so. The end", "so. The end"),
            ("iPhone.Apple", "iPhone.\n\nApple"),
            ("she said.\u{201d}Then", "she said.\u{201d}\n\nThen"),
            ("A.\"B", "A.\"B"),
        ];
        for &(input, want) in cases {
            assert_eq!(unglue_paragraphs(input), want, "{input:?}");
        }
    }

    #[test]
    fn metadata() {
        let a = extract(BOILERPLATE_PAGE);
        assert_eq!(a.title.as_deref(), Some("Chipmaker ships 2,000 GPUs"));
        assert_eq!(a.published.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(a.author.as_deref(), Some("Ann Lee"));
        assert_eq!(a.site_name.as_deref(), Some("Example News"));
        assert_eq!(a.canonical_url.as_deref(), Some("https://news.example.com/chips"));
        assert_eq!(a.language.as_deref(), Some("en"));

        let ld = r#"<html><head><script type="application/ld+json">
            [{"@type":"WebSite","name":"Tech Daily"},
             {"@type":"BlogPosting","headline":"H100 prices drop","datePublished":"2023-11-02",
              "author":{"@type":"Person","name":"Bo Chen"},"url":"https://t.example/h100"}]
            </script></head><body><p>x</p><time datetime="2020-01-01">old</time></body></html>"#;
        let a = extract(ld);
        assert_eq!(a.title.as_deref(), Some("H100 prices drop"));
        assert_eq!(a.published.as_deref(), Some("2023-11-02"));
        assert_eq!(a.author.as_deref(), Some("Bo Chen"));
        assert_eq!(a.site_name.as_deref(), Some("Tech Daily"));
        assert_eq!(a.canonical_url.as_deref(), Some("https://t.example/h100"));

        // <time datetime> when nothing else says when
        let a = extract("<body><time datetime=\"2022-03-04T05:06:07Z\">March 4</time><p>x</p></body>");
        assert_eq!(a.published.as_deref(), Some("2022-03-04T05:06:07Z"));
        assert_eq!(extract("").title, None);
    }

    #[test]
    fn latin1_page() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 news</title></head>\
            <body><p>Le caf\xe9 co\xfbte 2,50 \xa3 de plus, selon l'enqu\xeate publi\xe9e lundi.</p></body></html>"
            .to_vec();
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "windows-1252");
        assert!(!d.had_errors);
        let a = extract(&d.text);
        assert_eq!(a.text, "Café news\n\nLe café coûte 2,50 £ de plus, selon l'enquête publiée lundi.");
        // The same bytes read as UTF-8 are flagged.
        assert!(decode(&bytes, Some("text/html; charset=utf-8")).had_errors);
    }

    #[test]
    fn deeply_nested_input() {
        let n = 100_000;
        let html = format!(
            "<html><body>{}<p>Deep text, at the bottom of the page, is still found.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let a = extract(&html);
        assert_eq!(a.text, "Deep text, at the bottom of the page, is still found.");
        // unclosed, and mixed inline elements
        let html = "<span><b><i>".repeat(30_000) + "x";
        assert_eq!(extract(&html).text, "x");
    }

    #[test]
    fn options() {
        let html = "<title>Big news here</title><p>Body text of the story, with a comma, is here.</p>";
        let no_head = Options { headline: false, ..Options::default() };
        assert_eq!(extract_with(html, &no_head).text, "Body text of the story, with a comma, is here.");
        assert_eq!(extract(html).text, "Big news here\n\nBody text of the story, with a comma, is here.");
    }

    /// Past `max_elements` the page is read as text: every paragraph's
    /// words are still in the article, each paragraph still a sentence of
    /// its own, and the code of a script past the limit is not.
    #[test]
    fn markup_past_the_element_limit_is_read_as_text() {
        let paras: String =
            (0..200).map(|i| format!("<p>Item {i} cost ${i} million.</p><script>var x{i};</script>")).collect();
        let html =
            format!("<html><head><title>A long list</title></head><body><article>{paras}</article></body></html>");
        let full = extract(&html);
        let cut = extract_with(&html, &Options { max_elements: 50, ..Options::default() });
        for i in [0, 30, 199] {
            let item = format!("Item {i} cost ${i} million.");
            assert!(full.text.contains(&item) && cut.text.contains(&item), "{item}");
        }
        assert!(!cut.text.contains("var x"), "{}", cut.text);
        let count = |t: &str| t.matches(" million.").count();
        assert_eq!((count(&full.text), count(&cut.text)), (200, 200));
        assert_eq!(cut.title.as_deref(), Some("A long list"));
    }

    #[test]
    fn article_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Article>();
        check::<Options>();
        check::<Decoded>();
    }
}
