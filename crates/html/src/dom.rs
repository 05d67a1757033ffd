//! A compact arena copy of the parsed page: only the elements and text that
//! can hold article content, with per-element statistics.
//!
//! The copy is made in one iterative pass over scraper's tree (no recursion,
//! so any depth is safe). Scripts, styles, forms controls, embedded media,
//! navigation, page headers and footers, asides and hidden elements are not
//! copied; their metadata (`<meta>`, `<link>`, JSON-LD, `<time>`) is still
//! collected on the way, and so is the source of `<noscript>` elements in
//! the copied part of the body (the page's fallback when it shows nothing
//! else).

use crate::patterns::{self, Boiler, ClassInfo, ValueInfo};
use scraper::Node as HtmlNode;
use std::collections::HashMap;

/// Most text bytes copied from one page (offsets and counts are `u32`).
const MAX_TEXT: usize = i32::MAX as usize;

/// Sentinel for "no node".
pub(crate) const NONE: u32 = u32::MAX;

/// The element kinds the extractor tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// The arena root (the document).
    Root,
    Body,
    Div,
    P,
    A,
    Br,
    Hr,
    /// `h1`..`h6`.
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Tr,
    Td,
    Pre,
    Blockquote,
    Article,
    Section,
    Main,
    Figure,
    Img,
    Form,
    Time,
    /// Other block-level elements (`center`, `details`, `address`, ...).
    Block,
    /// Other inline elements (`span`, `b`, `em`, ...).
    Inline,
    /// A text node.
    Text,
}

impl Tag {
    /// True for elements that start a new block of text.
    pub(crate) fn is_block(self) -> bool {
        !matches!(self, Tag::A | Tag::Inline | Tag::Text | Tag::Img | Tag::Time | Tag::Br)
    }
}

/// Text statistics of a node and everything under it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Stats {
    /// Characters, with each run of whitespace counted as one.
    pub chars: u32,
    /// Of those, characters inside links.
    pub link_chars: u32,
    /// Commas (any script's).
    pub commas: u32,
    /// Sentence ends (`.`, `!`, `?` and CJK full stops).
    pub stops: u32,
    /// `<p>` elements.
    pub p: u32,
    /// `<li>` elements.
    pub li: u32,
    /// `<img>` elements.
    pub img: u32,
    /// Headings.
    pub h: u32,
    /// Characters inside headings.
    pub h_chars: u32,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.commas += o.commas;
        self.stops += o.stops;
        self.p += o.p;
        self.li += o.li;
        self.img += o.img;
        self.h += o.h;
        self.h_chars += o.h_chars;
    }

    /// Share of characters inside links.
    pub(crate) fn link_density(&self) -> f32 {
        if self.chars == 0 { 0.0 } else { self.link_chars as f32 / self.chars as f32 }
    }
}

/// One node of the arena.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub tag: Tag,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next: u32,
    /// Byte range of a text node's text in [`Dom::text`].
    pub text: (u32, u32),
    /// Class, id and role verdict.
    pub class: ClassInfo,
    /// `itemprop="articleBody"` (or `articlebody`, any case).
    pub itemprop_body: bool,
    /// Stats of this node and its subtree.
    pub stats: Stats,
    /// Stats of the inline content directly inside this element (text and
    /// inline children without blocks), the "loose paragraph" of a div.
    pub direct: Stats,
    /// Some descendant is a block element.
    pub has_block: bool,
    /// Some descendant is a body container marker ([`Node::is_marker`]).
    pub has_marker: bool,
    /// Removed as boilerplate (decided after the statistics are known).
    pub removed: bool,
}

impl Node {
    fn new(tag: Tag, parent: u32) -> Node {
        Node {
            tag,
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            text: (0, 0),
            class: ClassInfo::default(),
            itemprop_body: false,
            stats: Stats::default(),
            direct: Stats::default(),
            has_block: false,
            has_marker: false,
            removed: false,
        }
    }

    /// True for containers marked as the article body by name or microdata
    /// (an `<article>` element alone is a weaker sign: teasers use it too).
    pub(crate) fn is_marker(&self) -> bool {
        self.itemprop_body || (self.class.body && self.tag != Tag::Body)
    }
}

/// Metadata found while copying the page.
#[derive(Debug, Default)]
pub(crate) struct RawMeta {
    /// `<meta>` name/property/itemprop (lowercased) and content, in order.
    pub meta: Vec<(String, String)>,
    /// Text of each `application/ld+json` script.
    pub json_ld: Vec<String>,
    /// The first `<title>`.
    pub title: Option<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `datetime` of `<time>` elements, with whether it looks like the
    /// publication time (itemprop/class/pubdate say so).
    pub times: Vec<(String, bool)>,
    /// Text of the first `<h1>` elements (kept even when in a page header).
    pub h1: Vec<String>,
    /// Text of `rel=author` / `itemprop=author` elements.
    pub authors: Vec<String>,
}

/// The arena copy of a page.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    /// All text of text nodes, concatenated.
    pub text: String,
    pub meta: RawMeta,
    /// The source of each `<noscript>` in the copied part of the body (the
    /// parser reads it as text), with the arena node it sits in.
    pub noscript: Vec<(u32, String)>,
}

/// What to do with an element of the parsed page.
enum Action {
    /// Copy it and its content.
    Keep(Tag),
    /// Do not copy it, but look inside for metadata.
    MetaOnly,
    /// Ignore it and everything inside.
    Skip,
}

fn action(name: &str) -> Action {
    use Action::*;
    match name {
        "html" | "body" => Keep(Tag::Body),
        "div" => Keep(Tag::Div),
        "p" => Keep(Tag::P),
        "a" => Keep(Tag::A),
        "br" => Keep(Tag::Br),
        "hr" => Keep(Tag::Hr),
        "h1" => Keep(Tag::H(1)),
        "h2" => Keep(Tag::H(2)),
        "h3" => Keep(Tag::H(3)),
        "h4" => Keep(Tag::H(4)),
        "h5" => Keep(Tag::H(5)),
        "h6" => Keep(Tag::H(6)),
        "ul" | "menu" => Keep(Tag::Ul),
        "ol" => Keep(Tag::Ol),
        "li" => Keep(Tag::Li),
        "dl" => Keep(Tag::Dl),
        "dt" => Keep(Tag::Dt),
        "dd" => Keep(Tag::Dd),
        "table" => Keep(Tag::Table),
        "tr" => Keep(Tag::Tr),
        "td" | "th" => Keep(Tag::Td),
        "pre" | "listing" | "plaintext" => Keep(Tag::Pre),
        "blockquote" => Keep(Tag::Blockquote),
        "article" => Keep(Tag::Article),
        "section" => Keep(Tag::Section),
        "main" => Keep(Tag::Main),
        "figure" => Keep(Tag::Figure),
        "figcaption" => MetaOnly,
        "img" => Keep(Tag::Img),
        "form" => Keep(Tag::Form),
        "time" => Keep(Tag::Time),
        "center" | "details" | "summary" | "address" | "caption" | "thead" | "tbody" | "tfoot" | "fieldset"
        | "legend" | "hgroup" | "dialog" => Keep(Tag::Block),
        "head" | "nav" | "header" | "footer" | "aside" => MetaOnly,
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object" | "embed" | "canvas"
        | "audio" | "video" | "button" | "select" | "input" | "textarea" | "option" | "datalist" | "map"
        | "frameset" | "frame" | "noframes" | "title" | "meta" | "link" | "base" | "source" | "track" | "picture"
        | "label" | "output" | "progress" | "meter" | "slot" | "portal" | "param" | "area" | "wbr" => Skip,
        _ => Keep(Tag::Inline),
    }
}

/// Parses the attributes of a tag's source (`name="v" other=w`), lowercasing
/// names; used by the charset prescan.
pub(crate) fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if ns == i {
            break;
        }
        let name = s[ns..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                i = vs;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = s[vs..i].to_string();
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = s[vs..i].to_string();
            }
        }
        out.push((name, value));
    }
    out
}

/// True when an inline `style` hides the element.
fn hidden_style(style: &str) -> bool {
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Adds a text's statistics into `st`; returns nothing.
fn text_stats(t: &str, st: &mut Stats) {
    let mut in_ws = true; // leading whitespace counts as nothing
    let mut chars = 0u32;
    let mut pending_ws = false;
    let mut prev_stop = false;
    for c in t.chars() {
        if c.is_whitespace() {
            if !in_ws {
                pending_ws = true;
            }
            in_ws = true;
            if prev_stop {
                st.stops += 1;
                prev_stop = false;
            }
            continue;
        }
        if pending_ws {
            chars += 1;
            pending_ws = false;
        }
        in_ws = false;
        chars += 1;
        prev_stop = false;
        match c {
            ',' | '\u{3001}' | '\u{FF0C}' | '\u{060C}' => st.commas += 1,
            '.' | '!' | '?' => prev_stop = true,
            '\u{3002}' | '\u{FF01}' | '\u{FF1F}' => st.stops += 1,
            _ => {}
        }
    }
    if prev_stop {
        st.stops += 1;
    }
    // A text node that has inner whitespace on either side still separates
    // words; count one for a trailing run.
    if pending_ws {
        chars += 1;
    }
    st.chars += chars;
}

/// The attributes the extractor reads.
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    rel: Option<&'a str>,
    hidden: bool,
}

impl<'a> Attrs<'a> {
    /// One pass over an element's attributes (a lookup by name interns
    /// the name each time: a pass costs less than two lookups).
    fn of(e: &'a scraper::node::Element) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (k, v) in e.attrs() {
            match k {
                "class" => a.class = Some(v),
                "id" => a.id = Some(v),
                "role" => a.role = Some(v),
                "itemprop" => a.itemprop = Some(v),
                "rel" => a.rel = Some(v),
                "hidden" => a.hidden = true,
                "aria-hidden" => a.hidden |= v.trim() == "true",
                "style" => a.hidden |= hidden_style(v),
                _ => {}
            }
        }
        a
    }
}

/// Builds the arena from a parsed page.
pub(crate) fn build<'d>(html: &'d scraper::Html) -> Dom {
    let mut scratch = patterns::Scratch::default();
    // Class lists repeat across a page: read each distinct one once.
    let mut cache: HashMap<&'d str, ValueInfo> = HashMap::new();
    let mut dom =
        Dom { nodes: Vec::with_capacity(1024), text: String::new(), meta: RawMeta::default(), noscript: Vec::new() };
    dom.nodes.push(Node::new(Tag::Root, NONE));

    // Traversal state: the scraper node, its depth, and a stack of
    // (arena parent or NONE when copying is off) per open level.
    let root = html.tree.root();
    let mut parents: Vec<u32> = vec![0];
    let mut in_link: Vec<bool> = vec![false];
    let mut cur = match root.first_child() {
        Some(c) => c,
        None => return finish(dom),
    };
    loop {
        let parent = *parents.last().unwrap_or(&NONE);
        let linked = *in_link.last().unwrap_or(&false);
        let mut descend: Option<(u32, bool)> = None;
        match cur.value() {
            // Text past 2 GiB is dropped: offsets and counts are 32-bit.
            HtmlNode::Text(t) if parent != NONE && dom.text.len() + t.len() < MAX_TEXT => {
                let s = &**t;
                let start = dom.text.len() as u32;
                dom.text.push_str(s);
                let end = dom.text.len() as u32;
                let idx = push(&mut dom.nodes, Tag::Text, parent);
                let n = &mut dom.nodes[idx as usize];
                n.text = (start, end);
                text_stats(s, &mut n.stats);
                if linked {
                    n.stats.link_chars = n.stats.chars;
                }
            }
            HtmlNode::Element(e) => {
                let name = e.name();
                let a = Attrs::of(e);
                collect_meta(&mut dom.meta, e, &a, name, cur);
                if name == "noscript" && parent != NONE {
                    let mut src = String::new();
                    for c in cur.children() {
                        if let HtmlNode::Text(t) = c.value() {
                            src.push_str(t);
                        }
                    }
                    if !src.trim().is_empty() {
                        dom.noscript.push((parent, src));
                    }
                }
                let action = action(name);
                if matches!(action, Action::Skip) {
                    // nothing inside is copied or read
                } else {
                    match action {
                        Action::Keep(tag) if parent != NONE && !a.hidden => {
                            let mut info = |v: Option<&'d str>| match v {
                                None => ValueInfo::default(),
                                Some(v) => *cache.entry(v).or_insert_with(|| patterns::classify_value(v, &mut scratch)),
                            };
                            let class = patterns::combine(info(a.class), info(a.id), a.role);
                            let idx = push(&mut dom.nodes, tag, parent);
                            let n = &mut dom.nodes[idx as usize];
                            n.class = class;
                            n.itemprop_body = a.itemprop.is_some_and(|v| v.eq_ignore_ascii_case("articlebody"));
                            match tag {
                                Tag::P => n.stats.p += 1,
                                Tag::Li => n.stats.li += 1,
                                Tag::Img => n.stats.img += 1,
                                Tag::H(_) => n.stats.h += 1,
                                _ => {}
                            }
                            descend = Some((idx, linked || tag == Tag::A));
                        }
                        _ => descend = Some((NONE, linked)),
                    }
                }
            }
            _ => {}
        }
        // Move to the next node in document order.
        if let Some((p, l)) = descend
            && let Some(child) = cur.first_child()
        {
            parents.push(p);
            in_link.push(l);
            cur = child;
            continue;
        }
        let mut node = cur;
        loop {
            if let Some(next) = node.next_sibling() {
                cur = next;
                break;
            }
            match node.parent() {
                Some(p) if parents.len() > 1 => {
                    parents.pop();
                    in_link.pop();
                    node = p;
                }
                _ => return finish(dom),
            }
        }
    }
}

/// Appends a child node under `parent`; returns its index.
fn push(nodes: &mut Vec<Node>, tag: Tag, parent: u32) -> u32 {
    let idx = nodes.len() as u32;
    nodes.push(Node::new(tag, parent));
    let p = &mut nodes[parent as usize];
    if p.last_child == NONE {
        p.first_child = idx;
    } else {
        let last = p.last_child as usize;
        nodes[last].next = idx;
    }
    nodes[parent as usize].last_child = idx;
    idx
}

/// Collects metadata from an element of the parsed page.
fn collect_meta(
    meta: &mut RawMeta,
    e: &scraper::node::Element,
    a: &Attrs<'_>,
    name: &str,
    node: ego_tree::NodeRef<'_, HtmlNode>,
) {
    match name {
        "meta" => {
            let key = e
                .attr("property")
                .or_else(|| e.attr("name"))
                .or_else(|| e.attr("itemprop"))
                .or_else(|| e.attr("http-equiv"));
            if let (Some(k), Some(v)) = (key, e.attr("content")) {
                meta.meta.push((k.trim().to_ascii_lowercase(), v.to_string()));
            }
        }
        "link" => {
            let rel = a.rel.unwrap_or("");
            if meta.canonical.is_none()
                && rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical"))
                && let Some(h) = e.attr("href")
            {
                meta.canonical = Some(url_attr(h));
            }
        }
        "title" if meta.title.is_none() => meta.title = Some(node_text(node)),
        "html" if meta.lang.is_none() => {
            meta.lang = e.attr("lang").or_else(|| e.attr("xml:lang")).map(str::to_string);
        }
        "script" if e.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
            meta.json_ld.push(node_text(node));
        }
        "time" => {
            if let Some(dt) = e.attr("datetime") {
                let class = a.class.unwrap_or("").to_ascii_lowercase();
                let published = e.attr("pubdate").is_some()
                    || a.itemprop.is_some_and(|v| v.eq_ignore_ascii_case("datepublished"))
                    || class.contains("publish")
                    || class.contains("pubdate");
                meta.times.push((crate::text::collapse(dt), published));
            }
        }
        "h1" if meta.h1.len() < 4 => meta.h1.push(node_text(node)),
        _ => {}
    }
    if name != "meta" && name != "link" && meta.authors.len() < 4 {
        let is_author = a.rel.is_some_and(|r| r.eq_ignore_ascii_case("author"))
            || a.itemprop.is_some_and(|v| v.eq_ignore_ascii_case("author"));
        if is_author {
            let t = node_text(node);
            if !t.is_empty() && t.len() < 100 {
                meta.authors.push(t);
            }
        }
    }
}

/// All text under a parsed node, whitespace collapsed (iterative).
pub(crate) fn node_text(node: ego_tree::NodeRef<'_, HtmlNode>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let HtmlNode::Text(t) = d.value() {
            s.push_str(t);
            s.push(' ');
        }
    }
    crate::text::collapse(&s)
}

/// Computes subtree statistics bottom-up (children come after parents in
/// the arena, so one reverse pass suffices).
fn finish(mut dom: Dom) -> Dom {
    for i in (1..dom.nodes.len()).rev() {
        let (parent, stats, tag, has_block, marker) = {
            let n = &dom.nodes[i];
            let marker = n.has_marker || n.is_marker();
            (n.parent, n.stats, n.tag, n.has_block, marker)
        };
        if tag == Tag::H(1)
            || tag == Tag::H(2)
            || tag == Tag::H(3)
            || tag == Tag::H(4)
            || tag == Tag::H(5)
            || tag == Tag::H(6)
        {
            dom.nodes[i].stats.h_chars = stats.chars;
        }
        let stats = dom.nodes[i].stats;
        let p = &mut dom.nodes[parent as usize];
        p.stats.add(&stats);
        p.has_block |= has_block || tag.is_block();
        p.has_marker |= marker;
        if tag == Tag::Text || (!tag.is_block() && !has_block) {
            p.direct.add(&stats);
        }
    }
    dom
}

impl Dom {
    /// Children of `i`, in order.
    pub(crate) fn children(&self, i: u32) -> Children<'_> {
        Children { dom: self, next: self.nodes[i as usize].first_child }
    }

    /// The text of a text node.
    pub(crate) fn text_of(&self, i: u32) -> &str {
        let (s, e) = self.nodes[i as usize].text;
        &self.text[s as usize..e as usize]
    }

    /// True for whitespace-only text nodes.
    pub(crate) fn is_blank(&self, i: u32) -> bool {
        let n = &self.nodes[i as usize];
        n.tag == Tag::Text && n.stats.chars == 0
    }

    /// The text under a node, whitespace collapsed (iterative).
    pub(crate) fn subtree_text(&self, i: u32) -> String {
        let mut s = String::new();
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            if self.nodes[x as usize].tag == Tag::Text {
                s.push_str(self.text_of(x));
                s.push(' ');
            }
            let start = stack.len();
            stack.extend(self.children(x));
            stack[start..].reverse();
        }
        crate::text::collapse(&s)
    }

    /// True when `a` is `b` or an ancestor of `b`.
    pub(crate) fn contains(&self, a: u32, b: u32) -> bool {
        let mut x = b;
        while x != NONE {
            if x == a {
                return true;
            }
            x = self.nodes[x as usize].parent;
        }
        false
    }

    /// Marks boilerplate elements as removed. An element named like
    /// boilerplate stays when it holds a body container, or (except comment
    /// sections) when it holds most of the page's text: then the name is a
    /// page wrapper's (`has-sidebar`), not a box's.
    pub(crate) fn mark_boilerplate(&mut self) {
        let total = self.nodes[0].stats.chars.max(1) as f32;
        for i in 1..self.nodes.len() {
            let n = &self.nodes[i];
            let Some(kind) = n.class.boiler else {
                continue;
            };
            if n.is_marker() || n.has_marker || matches!(n.tag, Tag::Body | Tag::Main) {
                continue;
            }
            let share = n.stats.chars as f32 / total;
            if kind == Boiler::Other && share > 0.4 && n.stats.link_density() < 0.5 {
                continue;
            }
            self.nodes[i].removed = true;
        }
        // A section that opens with a heading like "Related articles" or
        // "Comments" (by its words or its class) is that kind of section.
        // A short paragraph can play the heading ("You may also like...");
        // then the link-only blocks after it go with it.
        for i in 1..self.nodes.len() {
            let n = &self.nodes[i];
            let heading = matches!(n.tag, Tag::H(_));
            let pseudo = matches!(n.tag, Tag::P | Tag::Div | Tag::Block) && !n.has_block;
            if !(heading || pseudo) || n.stats.chars > 60 || n.stats.link_chars * 2 > n.stats.chars {
                continue;
            }
            let by_class = heading && n.class.boiler.is_some();
            if !by_class && !crate::patterns::boiler_heading(&self.subtree_text(i as u32)) {
                continue;
            }
            let parent = n.parent;
            let links_only = |m: &Node| m.stats.chars > 0 && m.stats.link_density() > 0.8;
            if pseudo {
                // A paragraph is such a heading only when what follows it is
                // links, boilerplate, or nothing.
                let mut next = n.next;
                while next != NONE && self.is_blank(next) {
                    next = self.nodes[next as usize].next;
                }
                if next != NONE && !links_only(&self.nodes[next as usize]) && !self.nodes[next as usize].removed {
                    continue;
                }
            }
            self.nodes[i].removed = true;
            let first = self.children(parent).find(|&c| !self.is_blank(c));
            let p = &self.nodes[parent as usize];
            if heading
                && first == Some(i as u32)
                && !p.is_marker()
                && !p.has_marker
                && !matches!(p.tag, Tag::Body | Tag::Root | Tag::Main)
            {
                self.nodes[parent as usize].removed = true;
                continue;
            }
            let mut next = self.nodes[i].next;
            while next != NONE {
                let m = &self.nodes[next as usize];
                if !(self.is_blank(next) || links_only(m)) {
                    break;
                }
                let after = m.next;
                self.nodes[next as usize].removed = true;
                next = after;
            }
        }
        // Pictures with their captions and credits: a figure, or a small
        // box around an image with a line of text.
        for i in 1..self.nodes.len() {
            let n = &self.nodes[i];
            let picture = match n.tag {
                Tag::Figure => n.stats.chars < 300,
                Tag::Div | Tag::Block | Tag::P | Tag::Section => {
                    n.stats.img > 0 && n.stats.chars < 100 && n.stats.p <= 1 && n.stats.stops <= 1
                }
                _ => false,
            };
            if picture {
                self.nodes[i].removed = true;
            }
        }
        // Bylines, date lines, counts and credits.
        for i in 1..self.nodes.len() {
            let n = &self.nodes[i];
            // A span directly in a container (not inside running text) is a
            // line of its own.
            let loose_inline = matches!(n.tag, Tag::Inline | Tag::Time)
                && matches!(
                    self.nodes[n.parent as usize].tag,
                    Tag::Div | Tag::Section | Tag::Article | Tag::Block | Tag::Main | Tag::Body
                );
            let block = matches!(
                n.tag,
                Tag::P | Tag::Li | Tag::Div | Tag::Block | Tag::Section | Tag::H(_) | Tag::Dd | Tag::Dt
            );
            // A <time> on a line of its own is the page's date display.
            let loose_time = loose_inline && n.tag == Tag::Time && n.stats.chars <= 60;
            if loose_time
                || ((block || loose_inline)
                    && !n.has_block
                    && n.stats.chars <= 200
                    && (crate::patterns::meta_line(&self.subtree_text(i as u32))
                        || (n.stats.link_chars > 0 && crate::patterns::promo_line(&self.subtree_text(i as u32)))))
            {
                self.nodes[i].removed = true;
            }
        }
        // Link lines: "Related: <a>...</a>", "READ MORE: <a>...</a>".
        for i in 1..self.nodes.len() {
            let n = &self.nodes[i];
            if matches!(n.tag, Tag::P | Tag::Li | Tag::Div | Tag::H(_) | Tag::Block)
                && n.stats.chars < 300
                && n.stats.link_density() > 0.4
                && crate::patterns::link_line(&self.subtree_text(i as u32))
            {
                self.nodes[i].removed = true;
            }
        }
        // Forms: search boxes, comment forms and sign-ups go; a form that
        // holds the page's content stays (ASP.NET WebForms pages wrap the
        // whole body in one `<form runat=server>`).
        let live = self.live_text();
        for i in 1..self.nodes.len() {
            let n = &self.nodes[i];
            if n.tag == Tag::Form && !n.removed && !live.holds_content(n, i) {
                self.nodes[i].removed = true;
            }
        }
    }

    /// Characters of text not inside a removed element, per subtree: all of
    /// it, and the part inside `<p>` elements.
    fn live_text(&self) -> LiveText {
        let len = self.nodes.len();
        let mut dead = vec![false; len];
        let mut all = vec![0u32; len];
        let mut para = vec![0u32; len];
        // Parents come before their children in the arena.
        for i in 1..len {
            let n = &self.nodes[i];
            dead[i] = n.removed || dead[n.parent as usize];
            if n.tag == Tag::Text && !dead[i] {
                all[i] = n.stats.chars;
            }
        }
        for i in (1..len).rev() {
            if self.nodes[i].tag == Tag::P {
                para[i] = all[i];
            }
            let p = self.nodes[i].parent as usize;
            all[p] += all[i];
            para[p] += para[i];
        }
        LiveText { all, para }
    }
}

/// What [`Dom::live_text`] counts.
struct LiveText {
    /// Live characters under each node.
    all: Vec<u32>,
    /// Live characters inside `<p>` elements under each node.
    para: Vec<u32>,
}

impl LiveText {
    /// True when the form `n` (node `i`) holds the page's content rather
    /// than being a box on it: it holds a body container, or more than half
    /// of the live text of the page (and at least a short paragraph's
    /// worth), or more than half of the live text in paragraphs. A search
    /// box, a comment form or a newsletter sign-up next to an article holds
    /// neither.
    fn holds_content(&self, n: &Node, i: usize) -> bool {
        let (all, para) = (self.all[i], self.para[i]);
        n.has_marker || (all >= 25 && all * 2 > self.all[0]) || para * 2 > self.para[0]
    }
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let c = self.next;
        self.next = self.dom.nodes[c as usize].next;
        Some(c)
    }
}

/// A URL attribute's value as a browser reads it: surrounding whitespace
/// trimmed, and tabs and line breaks inside it removed (the WHATWG URL
/// parser drops them, so `href="https://a.org/x\n/y"` is `https://a.org/x/y`).
fn url_attr(value: &str) -> String {
    value.trim().chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `<time datetime>` values are one line, whitespace collapsed (a fuzzed
    /// page with `datetime="2025\n\0"` gave a publication date with a line
    /// break in it).
    #[test]
    fn time_datetime_attribute() {
        // (datetime as written, publication date)
        let cases: &[(&str, Option<&str>)] = &[
            ("2024-05-01T10:00:00Z", Some("2024-05-01T10:00:00Z")),
            (" 2024-05-01\n   10:00 ", Some("2024-05-01 10:00")),
            ("2025\n\0", Some("2025 \u{fffd}")),
            ("\n\t", None),
        ];
        for &(datetime, want) in cases {
            let page = format!("<html><body><time datetime=\"{datetime}\">then</time><p>x</p></body></html>");
            assert_eq!(crate::extract(&page).published.as_deref(), want, "{datetime:?}");
        }
    }

    /// Canonical URLs with line breaks inside (a fuzzed page whose `href`
    /// ran over several lines gave a canonical URL with newlines in it).
    #[test]
    fn canonical_url_attribute() {
        // (href as written, canonical URL)
        let cases: &[(&str, &str)] = &[
            ("https://news.example/a", "https://news.example/a"),
            ("  https://news.example/a\n", "https://news.example/a"),
            ("https://news.example/\n  story-2024\r\n", "https://news.example/  story-2024"),
            ("https://news.example/a\tb", "https://news.example/ab"),
        ];
        for &(href, want) in cases {
            let page =
                format!("<html><head><link rel=\"canonical\" href=\"{href}\"></head><body><p>x</p></body></html>");
            assert_eq!(crate::extract(&page).canonical_url.as_deref(), Some(want), "{href:?}");
        }
    }

    #[test]
    fn attrs() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (" charset=\"utf-8\"", &[("charset", "utf-8")]),
            (
                " HTTP-EQUIV='Content-Type' content=\"text/html; charset=x\" /",
                &[("http-equiv", "Content-Type"), ("content", "text/html; charset=x")],
            ),
            (" a = b c", &[("a", "b"), ("c", "")]),
            ("", &[]),
        ];
        for &(src, want) in cases {
            let got = parse_attrs(src);
            let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            assert_eq!(got, want, "{src:?}");
        }
    }

    #[test]
    fn stats_count_collapsed_chars() {
        let cases: &[(&str, u32, u32, u32)] = &[
            // (text, chars, commas, stops)
            ("a  b", 3, 0, 0),
            ("  a b  ", 4, 0, 0),
            ("One, two. Three!", 16, 1, 2),
            ("3.5 million", 11, 0, 0),
        ];
        for &(t, chars, commas, stops) in cases {
            let mut st = Stats::default();
            text_stats(t, &mut st);
            assert_eq!((st.chars, st.commas, st.stops), (chars, commas, stops), "{t:?}");
        }
    }
}
