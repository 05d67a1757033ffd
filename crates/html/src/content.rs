//! Finding the article body in the arena and rendering it as text.
//!
//! Selection: containers marked as the body (`itemprop=articleBody`, names
//! like `article-body`, `<article>`) compete with a readability-style score:
//! every paragraph-like block of 25+ characters adds 1 + its commas + one
//! per 100 characters (up to 3) to its parent, half to its grandparent and
//! less further up; a container's score is weighted by its class/id and
//! scaled by (1 - link density). The best container, its better-scoring
//! parents and its good siblings make the article.
//!
//! Rendering drops, inside the article, the blocks that readability's
//! "clean conditionally" drops: link lists, image galleries, tiny boxes and
//! negatively named boxes.

use crate::dom::{Dom, NONE, Tag};
use crate::text::TextBuilder;

/// Readability's starting score of a container by its tag.
fn tag_score(tag: Tag) -> f32 {
    match tag {
        Tag::Div => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
        Tag::H(_) => -5.0,
        _ => 0.0,
    }
}

/// Per-node flags computed once per extraction.
pub(crate) struct Analysis {
    /// Removed, or inside a removed element.
    pub dead: Vec<bool>,
    /// Readability score (0 when never touched).
    pub score: Vec<f32>,
}

/// Scores every container.
pub(crate) fn analyse(dom: &Dom) -> Analysis {
    let n = dom.nodes.len();
    let mut dead = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        dead[i] = node.removed || dead[node.parent as usize];
    }
    let mut score = vec![0f32; n];
    let mut init = vec![false; n];
    for (i, node) in dom.nodes.iter().enumerate().skip(1) {
        if dead[i] {
            continue;
        }
        // A paragraph-like block adds to its ancestors; a container with
        // loose inline text adds for that text as if it were a paragraph.
        let (chars, commas, start) = match node.tag {
            Tag::P | Tag::Pre | Tag::Td => (node.stats.chars, node.stats.commas, node.parent),
            Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Block if !node.has_block => {
                (node.stats.chars, node.stats.commas, node.parent)
            }
            Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Block | Tag::Body => {
                (node.direct.chars, node.direct.commas, i as u32)
            }
            _ => continue,
        };
        if chars < 25 {
            continue;
        }
        let content = 1.0 + (commas + 1) as f32 + (chars / 100).min(3) as f32;
        let mut a = start;
        let mut level = 0u32;
        while a != NONE && a != 0 && level < 5 {
            let ai = a as usize;
            if !init[ai] {
                init[ai] = true;
                let an = &dom.nodes[ai];
                score[ai] = tag_score(an.tag) + an.class.weight as f32;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[ai] += content / divider;
            a = dom.nodes[ai].parent;
            level += 1;
        }
    }
    for i in 1..n {
        if init[i] {
            score[i] *= 1.0 - dom.nodes[i].stats.link_density();
        } else {
            score[i] = 0.0;
        }
    }
    Analysis { dead, score }
}

/// The containers whose text makes the article, in document order.
pub(crate) fn select(dom: &Dom, an: &Analysis) -> Vec<u32> {
    let n = dom.nodes.len();
    // Readability's top candidate.
    let mut top = NONE;
    let mut best = 0f32;
    for i in 1..n {
        let t = dom.nodes[i].tag;
        if an.dead[i] || t == Tag::Body || t == Tag::Root {
            continue;
        }
        if an.score[i] > best {
            best = an.score[i];
            top = i as u32;
        }
    }
    if top == NONE {
        return vec![body(dom)];
    }
    // Walk up while the parent scores better (readability).
    let mut last = an.score[top as usize];
    let threshold = last / 3.0;
    let mut p = dom.nodes[top as usize].parent;
    while p != NONE && p != 0 && dom.nodes[p as usize].tag != Tag::Body {
        let ps = an.score[p as usize];
        if ps == 0.0 {
            p = dom.nodes[p as usize].parent;
            continue;
        }
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p;
            break;
        }
        last = ps;
        p = dom.nodes[p as usize].parent;
    }
    // An only child stands for its parent.
    loop {
        let p = dom.nodes[top as usize].parent;
        if p == NONE || p == 0 || dom.nodes[p as usize].tag == Tag::Body {
            break;
        }
        let live: Vec<u32> =
            dom.children(p).filter(|&c| !an.dead[c as usize] && dom.nodes[c as usize].tag != Tag::Text).collect();
        let loose_text = dom.nodes[p as usize].direct.chars;
        if live.len() == 1 && loose_text < 25 {
            top = p;
        } else {
            break;
        }
    }
    let marked = marked_body(dom, an, top);
    if let Some(m) = marked {
        return m;
    }
    siblings(dom, an, top)
}

/// The page body element (or the root).
fn body(dom: &Dom) -> u32 {
    (1..dom.nodes.len() as u32).find(|&i| dom.nodes[i as usize].tag == Tag::Body).unwrap_or(0)
}

/// The kinds of body marker a node carries, as bits: 1 `itemprop=articleBody`,
/// 2 a body-like class or id, 4 an `<article>` element.
fn marker_bits(node: &crate::dom::Node) -> u8 {
    u8::from(node.itemprop_body)
        | (u8::from(node.class.body && node.tag != Tag::Body) << 1)
        | (u8::from(node.tag == Tag::Article) << 2)
}

/// Body containers named or marked as such, when they hold enough of the
/// text that the score found.
fn marked_body(dom: &Dom, an: &Analysis, top: u32) -> Option<Vec<u32>> {
    let top_chars = dom.nodes[top as usize].stats.chars as f32;
    // Outermost markers only, strongest kind first.
    let mut kinds: [Vec<u32>; 3] = Default::default();
    for i in 1..dom.nodes.len() {
        let node = &dom.nodes[i];
        let bits = marker_bits(node);
        if bits == 0 || an.dead[i] || node.stats.chars < 100 {
            continue;
        }
        let k = bits.trailing_zeros() as usize;
        // skip markers inside another marker of the same kind
        let mut a = node.parent;
        let mut nested = false;
        while a != NONE {
            if marker_bits(&dom.nodes[a as usize]) & (1 << k) != 0 {
                nested = true;
                break;
            }
            a = dom.nodes[a as usize].parent;
        }
        if !nested {
            kinds[k].push(i as u32);
        }
    }
    for list in kinds.iter() {
        if list.is_empty() {
            continue;
        }
        // Markers related to the scored top (inside it, or holding it).
        let related: Vec<u32> =
            list.iter().copied().filter(|&m| dom.contains(top, m) || dom.contains(m, top)).collect();
        let chosen = if related.is_empty() {
            // The largest marker elsewhere; used only if it clearly holds
            // more text than the scored top.
            let m = *list.iter().max_by_key(|&&m| dom.nodes[m as usize].stats.chars)?;
            if (dom.nodes[m as usize].stats.chars as f32) < top_chars * 1.0 {
                continue;
            }
            vec![m]
        } else {
            related
        };
        // Bodies split in chunks (`article__body` blocks between ads):
        // markers of the same kind near a chosen one join it.
        let near = |a: u32, levels: usize| -> Vec<u32> {
            let mut v = Vec::new();
            let mut x = dom.nodes[a as usize].parent;
            while x != NONE && x != 0 && v.len() < levels {
                v.push(x);
                x = dom.nodes[x as usize].parent;
            }
            v
        };
        let mut chosen = chosen;
        let anchors: Vec<u32> = chosen.iter().flat_map(|&m| near(m, 3)).collect();
        for &x in list {
            if !chosen.contains(&x) && near(x, 3).iter().any(|a| anchors.contains(a)) {
                chosen.push(x);
            }
        }
        chosen.sort_unstable();
        let chars: u32 = chosen.iter().map(|&m| dom.nodes[m as usize].stats.chars).sum();
        if chars as f32 >= top_chars * 0.5 {
            return Some(chosen);
        }
    }
    None
}

/// Readability's sibling step: the top container plus siblings that score
/// well or read like paragraphs.
fn siblings(dom: &Dom, an: &Analysis, top: u32) -> Vec<u32> {
    let parent = dom.nodes[top as usize].parent;
    if parent == NONE || parent == 0 {
        return vec![top];
    }
    let top_score = an.score[top as usize];
    let threshold = (top_score * 0.2).max(10.0);
    let mut out = Vec::new();
    for c in dom.children(parent) {
        if c == top {
            out.push(c);
            continue;
        }
        let node = &dom.nodes[c as usize];
        if an.dead[c as usize] || node.tag == Tag::Text {
            continue;
        }
        if an.score[c as usize] >= threshold {
            out.push(c);
            continue;
        }
        if node.tag == Tag::P {
            let ld = node.stats.link_density();
            let len = node.stats.chars;
            if (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && node.stats.stops > 0) {
                out.push(c);
            }
        }
    }
    out
}

/// True when readability's "clean conditionally" drops `i` from the article.
fn drop_conditionally(dom: &Dom, i: u32, in_figure: bool, root_chars: u32) -> bool {
    let node = &dom.nodes[i as usize];
    // Wrappers of most of the article, or of a marked body, and embedded
    // posts (link-heavy by nature) stay.
    if node.has_marker || node.is_marker() || node.class.embed || node.stats.chars * 2 > root_chars {
        return false;
    }
    if !matches!(node.tag, Tag::Div | Tag::Section | Tag::Ul | Tag::Ol | Tag::Table | Tag::Form | Tag::Block | Tag::Dl)
    {
        return false;
    }
    let st = &node.stats;
    let weight = node.class.weight;
    if weight < 0 {
        return true;
    }
    if st.commas >= 10 {
        return false;
    }
    let is_list = matches!(node.tag, Tag::Ul | Tag::Ol | Tag::Dl) || (st.chars > 0 && st.li > 0 && st.p == 0);
    let ld = st.link_density();
    let p = st.p as f32;
    let img = st.img as f32;
    let heading_density = if st.chars > 0 { st.h_chars as f32 / st.chars as f32 } else { 0.0 };
    (img > 1.0 && p / img < 0.5 && !in_figure)
        || (!is_list && st.li as f32 - 100.0 > p)
        || (!is_list && heading_density < 0.9 && st.chars < 25 && (st.img == 0 || st.img > 2) && !in_figure)
        || (!is_list && weight < 25 && ld > 0.2)
        || (weight >= 25 && ld > 0.5)
        || (is_list && ld > 0.6)
}

/// Renders the article containers as text, skipping removed and cleaned
/// blocks and headings that repeat the title.
pub(crate) fn render(dom: &Dom, an: &Analysis, roots: &[u32], title: Option<&str>) -> String {
    let title_sq = title.map(squash);
    let mut out = TextBuilder::default();
    for &root in roots {
        out.paragraph();
        // Iterative pre-order walk of the subtree with a close step per element.
        let mut stack: Vec<(u32, bool)> = vec![(root, false)];
        let mut figure_depth = 0usize;
        let mut pre_depth = 0usize;
        let root_chars = dom.nodes[root as usize].stats.chars;
        while let Some((i, closing)) = stack.pop() {
            let node = &dom.nodes[i as usize];
            if closing {
                match node.tag {
                    Tag::Figure => figure_depth -= 1,
                    Tag::Pre => pre_depth -= 1,
                    _ => {}
                }
                if node.tag.is_block() {
                    out.paragraph();
                }
                continue;
            }
            if an.dead[i as usize] {
                continue;
            }
            if i != root && drop_conditionally(dom, i, figure_depth > 0, root_chars) {
                continue;
            }
            match node.tag {
                Tag::Text => {
                    let t = dom.text_of(i);
                    if pre_depth > 0 {
                        out.pre(t);
                    } else {
                        out.text(t);
                    }
                    continue;
                }
                Tag::Br => {
                    out.line();
                    continue;
                }
                Tag::H(_) => {
                    if let Some(ts) = &title_sq
                        && !ts.is_empty()
                        && heading_text_sq(dom, i) == *ts
                    {
                        continue;
                    }
                }
                Tag::Figure => figure_depth += 1,
                Tag::Pre => pre_depth += 1,
                _ => {}
            }
            if node.tag.is_block() {
                out.paragraph();
            }
            stack.push((i, true));
            // children in reverse so the first is popped first
            let start = stack.len();
            for c in dom.children(i) {
                stack.push((c, false));
            }
            stack[start..].reverse();
        }
    }
    out.finish()
}

/// Lowercase letters and digits of a text.
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Squashed text of a heading (iterative).
fn heading_text_sq(dom: &Dom, i: u32) -> String {
    let mut s = String::new();
    let mut stack = vec![i];
    while let Some(x) = stack.pop() {
        let node = &dom.nodes[x as usize];
        if node.tag == Tag::Text {
            s.push_str(&squash(dom.text_of(x)));
        }
        let start = stack.len();
        stack.extend(dom.children(x));
        stack[start..].reverse();
    }
    s
}
