//! What an element's `class`, `id` and `role` say about it.
//!
//! Names are cut into lowercase words at punctuation and at camelCase
//! boundaries (`articleBody` and `article-body` both give `article`, `body`);
//! single words and runs of two or three adjacent words glued together
//! (`most read` gives `mostread`) are looked up in the tables below. Words,
//! not substrings: `header` does not hold the word `ad`, `shadow` not `ad`.

use std::collections::HashMap;

/// What a class/id/role marks an element as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ClassInfo {
    /// Boilerplate of some kind (navigation, ads, share bar, ...): removed.
    pub boiler: Option<Boiler>,
    /// A container named like the article body (`article-body`, `entry-content`).
    pub body: bool,
    /// An embedded post (tweet, video) that the article quotes.
    pub embed: bool,
    /// Readability-style class weight: +25 per content-like name, -25 per
    /// boilerplate-like name (class and id counted separately).
    pub weight: i32,
}

/// Kinds of boilerplate, kept apart because comments are judged more strictly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Boiler {
    /// Comment sections: removed even when large.
    Comments,
    /// Anything else: navigation, ads, share bars, cookie notices, newsletters,
    /// related lists, sidebars, hidden helpers.
    Other,
}

/// Comment sections.
#[rustfmt::skip]
const COMMENTS: &[&str] = &[
    "comment", "comments", "commentlist", "commentsection", "commentform", "commenting", "disqus",
    "replies", "respond", "discussion", "usercomments", "viafoura", "coral",
];

/// Everything else that is never the article: words and glued word runs.
#[rustfmt::skip]
const BOILER: &[&str] = &[
    // navigation
    "nav", "navbar", "navigation", "menu", "submenu", "megamenu", "breadcrumb", "breadcrumbs",
    "pagination", "pager", "masthead", "topbar", "toolbar", "skiplink", "skiplinks", "sitemap",
    "footer", "sitefooter", "siteheader", "sidebar", "sidebars", "rail", "rightrail", "leftrail",
    "widget", "widgets", "dropdown", "offcanvas", "jumplink", "jumplinks",
    // ads and sponsors
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit",
    "adwrapper", "adcontainer", "adblock", "dfp", "sponsor", "sponsored", "sponsors", "promo",
    "promos", "promotion", "promoted", "outbrain", "taboola", "commercial", "advertorial",
    "googleads", "adsense", "ob", "nativead", "teads",
    // share bars
    "share", "shares", "sharing", "sharebar", "sharetools", "sharebuttons", "social", "socials",
    "socialmedia", "sociallinks", "addthis", "sharethis", "followus", "print",
    // cookie notices
    "cookie", "cookies", "cookiebanner", "consent", "gdpr", "ccpa", "onetrust",
    // newsletters and sign-up
    "newsletter", "newsletters", "subscribe", "subscription", "signup", "regwall", "login",
    "signin", "optin", "membership",
    // related and recommended lists
    "related", "relatedposts", "relatedarticles", "relatedstories", "recommended",
    "recommendation", "recommendations", "recirc", "recirculation", "trending", "popular",
    "mostread", "mostpopular", "mostviewed", "morestories", "morenews", "readmore", "readnext",
    "upnext", "whatsnext", "youmaylike", "aroundtheweb", "alsoread", "readalso", "seealso",
    "moreon", "nextarticle", "nextpost", "prevpost", "postnav", "storylist", "headlines",
    "latestnews", "topstories", "tags", "tagcloud", "taglist", "topics", "keywords",
    // overlays and hidden helpers
    "rollover", "tooltip", "popover", "hovercard", "flyout",
    "modal", "popup", "overlay", "lightbox", "sronly", "screenreader", "screenreadertext",
    "visuallyhidden", "ticker", "breakingnews", "alert", "banner",
    // author boxes and bylines
    "byline", "bylines", "authorbio", "authorbox", "authorinfo", "aboutauthor", "bio",
    "contributor", "credits", "dateline",
];

/// Whole names (all words of one class name glued) of hidden helpers; the
/// word alone says little (`field-label-hidden` hides the label only).
#[rustfmt::skip]
const HIDDEN: &[&str] = &[
    "hidden", "ishidden", "uhidden", "hide", "jshidden", "visuallyhidden", "srhidden", "invisible",
    "displaynone", "offscreen",
];

/// Stems that mark a long single word (`relatedpoststitle`, `sharebuttons2`).
#[rustfmt::skip]
const STEMS: &[&str] = &[
    "related", "share", "social", "newsletter", "cookie", "advert", "sponsor", "recommend",
    "breadcrumb", "sidebar", "taboola", "outbrain", "subscri", "promo",
];

/// Words that say the next word is absent or beside (`has-sidebar`,
/// `no-comments`, `content-with-sidebar`): the next word then marks nothing.
#[rustfmt::skip]
const NEUTRAL: &[&str] = &[
    "with", "has", "no", "without", "not", "hide", "show",
];

/// Words of embedded posts that the article quotes.
const EMBEDS: &[&str] = &["embed", "embedded", "tweet", "twitter-tweet", "oembed"];

/// Glued names of containers that hold the article body.
#[rustfmt::skip]
const BODY: &[&str] = &[
    "articlebody", "articlecontent", "articletext", "articlecopy", "articlebodytext", "storybody",
    "storycontent", "storytext", "postbody", "postcontent", "posttext", "entrycontent",
    "entrybody", "entrytext", "bodytext", "bodycopy", "contentbody", "articlepage", "blogpost",
    "storyblock", "articleblock", "textbody", "mainbody", "richtext", "bodycontent",
    "articlebodycontent", "contentarticle", "newsarticle", "postentry", "singlepost",
    "blogcontent", "newsbody", "newstext", "articlemain", "articleinner", "storyinner",
    "contenttext", "paywall",
];

/// Words that make a name look like content (readability's positive list).
#[rustfmt::skip]
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story", "paragraph", "prose",
];

/// Words that make a name look like boilerplate (readability's negative
/// list, by word).
#[rustfmt::skip]
const NEGATIVE: &[&str] = &[
    "banner", "combx", "comment", "comments", "contact", "footer", "gdpr", "masthead", "media",
    "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "tags", "widget", "caption", "credit", "byline", "social", "ad", "ads",
    "nav", "menu",
];

/// ARIA roles that are never the article.
#[rustfmt::skip]
const BOILER_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
    "alertdialog", "toolbar", "tablist", "alert",
];

/// Headings that open a section of boilerplate (lowercase, compared with
/// the start of the heading's text).
#[rustfmt::skip]
const BOILER_HEADINGS: &[&str] = &[
    "related", "you may also like", "you might also like", "you may like", "you might like",
    "more from", "more on", "more stories", "more news", "recommended", "read more", "read next",
    "read also", "see also", "most popular", "most read", "most viewed", "trending",
    "popular posts", "popular stories", "recent posts", "latest news", "latest stories",
    "comments", "leave a comment", "leave a reply", "join the conversation", "share this",
    "share on", "sign up", "subscribe", "newsletter", "follow us", "tags", "top stories",
    "editor's picks", "editors' picks", "around the web", "sponsored", "advertisement",
    "what to read next", "up next", "further reading", "don't miss", "don’t miss", "must read",
    "see more", "more like this", "watch next",
];

/// Openings of link lines that point elsewhere ("Related: ...", "READ MORE: ...").
#[rustfmt::skip]
const LINK_LINES: &[&str] = &[
    "related", "read more", "see more", "see also", "also read", "read also", "more", "read",
    "watch", "listen", "recommended", "don't miss", "don’t miss", "must read", "click here",
    "sign up", "subscribe", "follow us", "also see", "further reading", "previously", "next",
    "more from", "trending",
];

/// Labels of link lines that need no punctuation after them ("Tags news,
/// sport", "Previous article Some headline").
#[rustfmt::skip]
const LINK_LABELS: &[&str] = &[
    "tags", "tagged", "filed under", "topics", "categories", "category", "posted in",
    "previous article", "next article", "previous post", "next post", "previous story",
    "next story", "older post", "newer post", "more in", "more about",
];

/// True when a short, link-heavy block opens like a pointer elsewhere.
pub(crate) fn link_line(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let labelled = LINK_LABELS
        .iter()
        .any(|h| t.starts_with(h) && t[h.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()));
    labelled
        || LINK_LINES.iter().any(|h| {
            t.starts_with(h)
                && t[h.len()..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c, ':' | '|' | '»' | '>' | '-' | '–' | '—'))
        })
}

/// True when a (short) heading opens a boilerplate section.
pub(crate) fn boiler_heading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches(|c: char| !c.is_alphanumeric());
    if t.is_empty() || t.chars().count() > 40 {
        return false;
    }
    BOILER_HEADINGS.iter().any(|h| t.starts_with(h) && t[h.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// How many of the first [`DATE_WORDS`] are months and weekdays.
const DATE_ANCHORS: usize = 41;

/// Words of dates and times (English), besides numbers; months and
/// weekdays first.
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "mon", "monday", "tue", "tues", "tuesday", "wed",
    "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun",
    "sunday", "am", "pm", "a", "m", "p", "at", "on", "of", "th", "st", "nd", "rd", "est",
    "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "bst", "utc", "cet", "cest", "ist",
    "jst", "aest", "hkt", "amt", "et", "pt", "ct", "updated", "published", "posted", "last",
    "modified", "date", "created", "first", "edited", "time", "today", "yesterday", "ago",
    "hours", "hour", "minutes", "minute", "days", "day", "mins", "hrs",
];

/// Openings of credit lines under pictures.
#[rustfmt::skip]
const CREDIT_STARTS: &[&str] = &[
    "photo:", "photo by", "photos:", "photos by", "photograph:", "photograph by",
    "image:", "images:", "image by", "credit:", "credits:", "picture:", "pictures:",
    "illustration:", "illustration by", "video:", "©", "(c)", "copyright",
    "additional reporting by", "reporting by", "editing by", "writing by", "(reporting by",
    "(additional reporting", "(editing by", "(writing by",
];

/// Openings of contact lines ("Email Ann at ann@x.com or follow her @ann").
#[rustfmt::skip]
const CONTACT_STARTS: &[&str] = &[
    "email ", "e-mail ", "reach ", "follow ", "contact ", "have a tip", "got a tip", "write to ",
    "you can reach", "send tips", "send us", "tweet ",
];

/// Words in a short linked line that make it a promotion of the site itself.
#[rustfmt::skip]
const PROMO_WORDS: &[&str] = &[
    "subscribe", "newsletter", "sign up", "click here", "download the app", "get the app",
    "free trial", "follow us", "share this", "share it", "listen to", "watch live",
];

/// True when a short block with links promotes the site ("Click here to
/// subscribe to our newsletter").
pub(crate) fn promo_line(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.chars().count() <= 160 && PROMO_WORDS.iter().any(|w| t.contains(w))
}

/// Words of the notices pages show to readers without scripts.
const SCRIPT_NOTICE_WORDS: &[&str] = &["javascript", "your browser", "enable js", "enable cookies"];

/// True for a short notice shown to readers without scripts ("Please
/// enable JavaScript to view this page", "Your browser is not supported").
pub(crate) fn script_notice(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.chars().count() <= 300 && SCRIPT_NOTICE_WORDS.iter().any(|w| t.contains(w))
}

/// True when a line ends with a credit in parentheses: "(Image: Getty)".
fn paren_credit(lower: &str) -> bool {
    let Some(body) = lower.strip_suffix(')') else {
        return false;
    };
    let Some(open) = body.rfind('(') else {
        return false;
    };
    let inner = body[open + 1..].trim_start();
    ["image:", "images:", "photo:", "photos:", "picture:", "credit:", "pic:", "source:", "video:"]
        .iter()
        .any(|p| inner.starts_with(p))
}

/// Endings of credit and contribution lines (lowercase).
#[rustfmt::skip]
const CREDIT_ENDS: &[&str] = &[
    "getty images", "/ap", "ap photo", "(ap)", "shutterstock", "/reuters", "/afp", "/epa",
    "istock", "istockphoto", "contributed to this report", "contributed reporting",
    "contributed to this story", "all rights reserved",
];

/// Lines that are a picture credit or an agency name alone.
#[rustfmt::skip]
const CREDIT_LINES: &[&str] = &[
    "getty images", "reuters", "ap", "afp", "epa", "shutterstock", "istock", "pa", "pa media",
    "advertisement", "advertising", "sponsored", "sponsored content", "ad", "continue reading",
    "read more", "show more", "load more",
];

/// True when a short block is page metadata rather than article text: a
/// byline ("By Ann Lee — May 1, 2024"), a date line ("Updated 1:39 am EST,
/// Wednesday, November 20, 2019"), a count ("8 comments"), a picture credit
/// ("Photo by Kirk Irwin/Getty Images") or a contribution line.
pub(crate) fn meta_line(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    if n == 0 || n > 200 {
        return false;
    }
    let lower = t.to_lowercase();
    let lower = lower.trim_end_matches(['.', ' ']);
    // credits, contribution and contact lines may be a little longer
    if CREDIT_STARTS.iter().any(|s| lower.starts_with(s))
        || CREDIT_ENDS.iter().any(|s| lower.ends_with(s))
        || lower.contains("contributed reporting")
        || lower.contains("contributed to this report")
        || paren_credit(lower)
        || (CONTACT_STARTS.iter().any(|s| lower.starts_with(s))
            && (lower.contains('@') || lower.contains("twitter") || lower.contains("http")))
    {
        return true;
    }
    if n > 120 {
        return false;
    }
    // bylines: "By Ann Lee", "by Regan September 15, 2014"
    if n <= 100
        && let Some(rest) = t.strip_prefix("By ").or_else(|| t.strip_prefix("by ")).or_else(|| t.strip_prefix("BY "))
        && rest.chars().next().is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
        && !t.ends_with(['.', '!', '?'])
    {
        return true;
    }
    if CREDIT_LINES.contains(&lower) {
        return true;
    }
    // a bare e-mail address or link
    if !lower.contains(' ') && (lower.contains('@') || lower.contains(".com")) {
        return true;
    }
    // date lines and counts: every word a date word or a number
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return false;
    }
    let numbers = words.iter().filter(|w| w.starts_with(|c: char| c.is_ascii_digit())).count();
    let datey = words.iter().filter(|w| w.starts_with(|c: char| c.is_ascii_digit()) || DATE_WORDS.contains(w)).count();
    // A date needs a month, a weekday, a year, or a day.month.year shape:
    // a bare time ("10 p.m.") is a live blog's entry heading, not metadata.
    let anchored = words.iter().any(|w| {
        DATE_WORDS[..DATE_ANCHORS].contains(w)
            || (w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.bytes().all(|b| b.is_ascii_digit()))
    }) || (numbers >= 3 && !t.contains(','));
    if numbers > 0 && datey == words.len() && anchored {
        return true;
    }
    // "8 comments", "1,234 shares"
    let counts = ["comment", "comments", "share", "shares", "views", "reads", "replies", "reactions"];
    numbers > 0
        && words.len() <= 3
        && words.iter().any(|w| counts.contains(w))
        && words.iter().all(|w| w.starts_with(|c: char| c.is_ascii_digit()) || counts.contains(w))
}

/// Bit flags of a word (or glued word run) in the tables above.
const F_COMMENTS: u16 = 1;
const F_BOILER: u16 = 2;
const F_BODY: u16 = 4;
const F_POSITIVE: u16 = 8;
const F_NEGATIVE: u16 = 16;
const F_EMBED: u16 = 32;
const F_NEUTRAL: u16 = 64;
const F_HIDDEN: u16 = 128;

/// All table words with their flags, for one hash lookup per word.
static WORDS: std::sync::LazyLock<HashMap<&'static str, u16>> = std::sync::LazyLock::new(|| {
    let mut m: HashMap<&'static str, u16> = HashMap::new();
    for (table, flag) in [
        (COMMENTS, F_COMMENTS),
        (BOILER, F_BOILER),
        (BODY, F_BODY),
        (POSITIVE, F_POSITIVE),
        (NEGATIVE, F_NEGATIVE),
        (EMBEDS, F_EMBED),
        (NEUTRAL, F_NEUTRAL),
        (HIDDEN, F_HIDDEN),
    ] {
        for w in table {
            *m.entry(w).or_insert(0) |= flag;
        }
    }
    m
});

fn flags(w: &str) -> u16 {
    WORDS.get(w).copied().unwrap_or(0)
}

/// Cuts a class or id value into lowercase words: `out` gets the words'
/// text, `spans` their ranges in it, with an empty range after each name
/// of a space-separated list.
fn words(value: &str, out: &mut String, spans: &mut Vec<(usize, usize)>) {
    out.clear();
    spans.clear();
    let mut start = 0;
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && out.len() > start {
                spans.push((start, out.len()));
                start = out.len();
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            prev_lower = false;
            if out.len() > start {
                spans.push((start, out.len()));
                start = out.len();
            }
            // A class list is several names: a space ends a run of words too.
            if c.is_whitespace() {
                spans.push((start, start));
            }
        }
    }
    if out.len() > start {
        spans.push((start, out.len()));
    }
    spans.push((out.len(), out.len()));
}

/// What one class or id value says.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ValueInfo {
    boiler: Option<Boiler>,
    body: bool,
    embed: bool,
    pos: bool,
    neg: bool,
}

/// Reads one class or id value (scratch buffers are reused).
pub(crate) fn classify_value(value: &str, scratch: &mut Scratch) -> ValueInfo {
    let Scratch { text, spans, glued } = scratch;
    words(value, text, spans);
    let mut info = ValueInfo::default();
    let word = |k: usize| &text[spans[k].0..spans[k].1];
    let mut name_start = 0;
    for i in 0..spans.len() {
        let w = word(i);
        if w.is_empty() {
            // end of one name: check the whole name
            glued.clear();
            for k in name_start..i {
                glued.push_str(word(k));
            }
            if flags(glued) & F_HIDDEN != 0 && info.boiler.is_none() {
                info.boiler = Some(Boiler::Other);
            }
            name_start = i + 1;
            continue;
        }
        let f = flags(w);
        info.embed |= f & F_EMBED != 0;
        if i > name_start && flags(word(i - 1)) & F_NEUTRAL != 0 {
            continue;
        }
        if w.len() > 8
            && w != "commentary"
            && info.boiler.is_none()
            && (STEMS.iter().any(|st| w.starts_with(st)) || w.starts_with("comment"))
        {
            info.boiler = Some(if w.starts_with("comment") { Boiler::Comments } else { Boiler::Other });
        }
        info.pos |= f & F_POSITIVE != 0;
        info.neg |= f & F_NEGATIVE != 0;
        glued.clear();
        for k in 0..3 {
            if i + k >= spans.len() {
                break;
            }
            let next = word(i + k);
            if next.is_empty() {
                break;
            }
            glued.push_str(next);
            let g = if k == 0 { f } else { flags(glued) };
            if g & F_COMMENTS != 0 {
                info.boiler = Some(Boiler::Comments);
            } else if g & F_BOILER != 0 && info.boiler.is_none() {
                info.boiler = Some(Boiler::Other);
            }
            info.body |= g & F_BODY != 0;
        }
    }
    if info.embed {
        // Embedded posts (tweets, videos) quoted by the article are its
        // content, even inside a "social-media-embed" box.
        info.boiler = None;
        info.neg = false;
    }
    info
}

/// Reusable buffers for [`classify_value`].
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    text: String,
    spans: Vec<(usize, usize)>,
    glued: String,
}

/// Combines what the class, the id and the role say.
pub(crate) fn combine(class: ValueInfo, id: ValueInfo, role: Option<&str>) -> ClassInfo {
    let mut info = ClassInfo::default();
    if let Some(role) = role {
        let role = role.trim();
        if BOILER_ROLES.iter().any(|r| r.eq_ignore_ascii_case(role)) {
            info.boiler = Some(Boiler::Other);
        }
    }
    for v in [class, id] {
        match v.boiler {
            Some(Boiler::Comments) => info.boiler = Some(Boiler::Comments),
            Some(Boiler::Other) if info.boiler.is_none() => info.boiler = Some(Boiler::Other),
            _ => {}
        }
        info.body |= v.body;
        info.embed |= v.embed;
        if v.pos {
            info.weight += 25;
        }
        if v.neg {
            info.weight -= 25;
        }
    }
    if info.embed {
        info.boiler = None;
    }
    info
}

/// Classifies an element by its `class`, `id` and `role` attributes.
#[cfg(test)]
pub(crate) fn classify(class: Option<&str>, id: Option<&str>, role: Option<&str>) -> ClassInfo {
    let mut scratch = Scratch::default();
    let c = class.map(|v| classify_value(v, &mut scratch)).unwrap_or_default();
    let i = id.map(|v| classify_value(v, &mut scratch)).unwrap_or_default();
    combine(c, i, role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        use Boiler::*;
        // (class, id, role, boiler, body)
        let cases: &[(&str, &str, &str, Option<Boiler>, bool)] = &[
            ("site-nav", "", "", Some(Other), false),
            ("", "", "navigation", Some(Other), false),
            ("adWrapper", "", "", Some(Other), false),
            ("ad-slot ad-slot--mpu", "", "", Some(Other), false),
            ("share-bar", "", "", Some(Other), false),
            ("cookie-banner", "", "", Some(Other), false),
            ("newsletter-signup", "", "", Some(Other), false),
            ("related-articles", "", "", Some(Other), false),
            ("", "most-read", "", Some(Other), false),
            ("you-may-like", "", "", Some(Other), false),
            ("comments-section", "", "", Some(Comments), false),
            ("", "disqus_thread", "", Some(Comments), false),
            ("sr-only", "", "", Some(Other), false),
            ("article-body", "", "", None, true),
            ("", "articleBody", "", None, true),
            ("entry-content clearfix", "", "", None, true),
            ("story-body__inner", "", "", None, true),
            // negatives: words, not substrings
            ("header-shadow", "", "", None, false),
            ("download-link", "", "", None, false),
            ("commentary", "", "", None, false),
            ("", "", "main", None, false),
            ("ArticleHeadline", "", "", None, false),
            // two names in one class list do not glue together
            ("most", "", "", None, false),
            ("most read-x", "", "", None, false),
            ("content-with-sidebar-wrp", "", "", None, false),
            ("has-comments", "", "", None, false),
            ("field-label-hidden", "", "", None, false),
            ("hidden", "", "", Some(Other), false),
            ("relatedpoststitle", "", "", Some(Other), false),
            ("commentlistwrapper", "", "", Some(Comments), false),
            ("socialbuttons", "", "", Some(Other), false),
            ("social-media-embed", "", "", None, false),
        ];
        for &(class, id, role, boiler, body) in cases {
            let opt = |s: &'static str| (!s.is_empty()).then_some(s);
            let info = classify(opt(class), opt(id), opt(role));
            assert_eq!(info.boiler, boiler, "class={class:?} id={id:?} role={role:?}");
            assert_eq!(info.body, body, "class={class:?} id={id:?} role={role:?}");
        }
    }

    #[test]
    fn headings() {
        let cases: &[(&str, bool)] = &[
            ("Related Articles", true),
            ("Related:", true),
            ("You may also like...", true),
            ("Comments (12)", true),
            ("Leave a Reply", true),
            ("More from Reuters", true),
            // negatives
            ("Relatedness of species", false),
            ("Tagsmith wins award", false),
            ("Why the comments section of the bill matters to every taxpayer", false),
            ("The chip shortage", false),
        ];
        for &(t, want) in cases {
            assert_eq!(boiler_heading(t), want, "{t:?}");
        }
    }

    #[test]
    fn link_lines() {
        let cases: &[(&str, bool)] = &[
            ("Related: SpaceX's Starship in Pictures", true),
            ("SEE MORE: Hong Kong protests", true),
            ("READ MORE: Budget 2024", true),
            ("Read more » Budget", true),
            ("Tags calendario, stock car", true),
            ("Previous article Reviews of Pizza Express", true),
            ("Tagsmith", false),
            // negatives
            ("Related reports say otherwise.", false),
            ("More than 40 people were hurt.", false),
            ("Reading: a history", false),
        ];
        for &(t, want) in cases {
            assert_eq!(link_line(t), want, "{t:?}");
        }
    }

    #[test]
    fn meta_lines() {
        let cases: &[(&str, bool)] = &[
            ("By Jeff Foust — November 18, 2019", true),
            ("by Regan September 15, 2014", true),
            ("by ライトハウス国際特許事務所 ／ 2016.12.01", true),
            ("Updated 1:39 am EST, Wednesday, November 20, 2019", true),
            ("Published November 20th, 2019 - 07:29 GMT", true),
            ("November 20, 2019 - 11:28 AMT", true),
            ("8 comments", true),
            ("10 p.m.", false),
            ("4:14 p.m.", false),
            ("2016.12.01", true),
            ("Photo by Kirk Irwin/Getty Images", true),
            ("Sanjeev Verma/Hindustan Times/Getty Images", true),
            ("Fox News’ Jessica Napoli contributed to this report.", true),
            ("Additional reporting by Joseph Hudak", true),
            ("Copyright © 2019 Press TV. All rights reserved.", true),
            ("Advertisement", true),
            ("Protesters have worn masks to protect their identities (Image: GETTY )", true),
            ("Keith Bradsher contributed reporting from Hong Kong.", true),
            ("(Reporting by Greg Roumeliotis; editing by Martin Howell.)", true),
            ("Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik.", true),
            ("paul.takahashi@chron.com", true),
            ("The firm said it would email customers on Monday.", false),
            ("Sales rose (see chart) in May (the best month)", false),
            ("Reuters", true),
            // negatives: article sentences
            ("By the end of the year, sales had doubled.", false),
            ("By 2030, the fleet will be electric.", false),
            ("By 2030", false),
            ("On May 1, 2024 the firm shipped 2,000 chips.", false),
            ("The deal was signed on Monday.", false),
            ("2,000", false),
            ("Photosynthesis explained", false),
        ];
        for &(t, want) in cases {
            assert_eq!(meta_line(t), want, "{t:?}");
        }
    }

    #[test]
    fn promo_lines() {
        let cases: &[(&str, bool)] = &[
            ("Click here to subscribe to The Paradigm Newsletter", true),
            ("Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.", true),
            ("The chips cost $30,000 each, analysts said.", false),
        ];
        for &(t, want) in cases {
            assert_eq!(promo_line(t), want, "{t:?}");
        }
    }

    #[test]
    fn weights() {
        let cases: &[(&str, &str, i32)] = &[
            ("post-content", "", 25),
            ("post-content", "main", 50),
            ("sidebar", "", -25),
            ("article-share", "", 0),
            ("plain", "", 0),
        ];
        for &(class, id, w) in cases {
            let id = (!id.is_empty()).then_some(id);
            assert_eq!(classify(Some(class), id, None).weight, w, "{class} {id:?}");
        }
    }
}
