//! Page metadata: title, date, author, site name, canonical URL, language,
//! from `<title>`, `<meta>` (Open Graph, `article:*`, Dublin Core, ...) and
//! JSON-LD.

use crate::dom::RawMeta;
use crate::text::collapse;
use serde_json::Value;

/// Metadata of a page, before the article text is known.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    /// JSON-LD `articleBody`, as found (may hold markup).
    pub body: Option<String>,
}

/// What the JSON-LD of a page says.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    body: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    website: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

/// `@type`s of article-like objects.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "livebloggposting",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "socialmediaposting",
    "posting",
];

/// Keys (lowercased `<meta>` name/property/itemprop) in order of trust.
const TITLE_KEYS: &[&str] = &["og:title", "twitter:title", "headline", "title", "dc.title"];
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "og:updated_time",
    "article:modified_time",
];
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "twitter:creator",
];
const SITE_KEYS: &[&str] = &["og:site_name", "application-name", "publisher", "dc.publisher"];
const URL_KEYS: &[&str] = &["og:url", "twitter:url"];
const LANG_KEYS: &[&str] = &["content-language", "language", "dc.language", "og:locale", "inlanguage"];

/// Interprets the collected metadata.
pub(crate) fn interpret(raw: &RawMeta) -> Meta {
    let ld = json_ld(&raw.json_ld);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| raw.meta.iter().find(|(key, v)| key == k && !v.trim().is_empty()).map(|(_, v)| collapse(v)))
    };
    let site_name = get(SITE_KEYS).or_else(|| ld.publisher.clone()).or_else(|| ld.website.clone());
    let canonical_url =
        raw.canonical.clone().filter(|u| !u.is_empty()).or_else(|| get(URL_KEYS)).or_else(|| ld.url.clone());

    let title = get(&TITLE_KEYS[..1])
        .or_else(|| ld.headline.clone())
        .or_else(|| raw.h1.iter().find(|h| !h.is_empty()).cloned())
        .or_else(|| raw.title.clone().filter(|t| !t.is_empty()))
        .or_else(|| get(&TITLE_KEYS[1..]))
        .map(|t| strip_site_suffix(&t, site_name.as_deref(), canonical_url.as_deref()))
        .map(|t| prefer_h1(t, &raw.h1));

    let published = get(&PUBLISHED_KEYS[..3])
        .or_else(|| ld.published.clone())
        .or_else(|| get(&PUBLISHED_KEYS[3..]))
        .or_else(|| raw.times.iter().find(|t| t.1).map(|t| t.0.clone()))
        .or_else(|| raw.times.first().map(|t| t.0.clone()))
        .filter(|d| looks_like_date(d));

    let author = AUTHOR_KEYS
        .iter()
        .find_map(|k| get(&[k]).and_then(|a| clean_author(&a)))
        .or_else(|| ld.author.clone())
        .or_else(|| raw.authors.iter().find_map(|a| clean_author(a)));

    let language = raw
        .lang
        .clone()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .or_else(|| get(LANG_KEYS).map(|l| l.replace('_', "-")))
        .or_else(|| ld.language.clone());

    Meta {
        title: title.filter(|t| !t.is_empty()),
        published,
        author,
        site_name,
        canonical_url,
        language,
        body: ld.body,
    }
}

/// The page's own `<h1>` when the chosen title is that headline plus
/// something (a site name that no rule recognized, a kicker): the title
/// starts with the h1, and the h1 holds most of it.
fn prefer_h1(title: String, h1s: &[String]) -> String {
    let t = squash(&title);
    for h in h1s {
        let hs = squash(h);
        if hs.is_empty() || hs.len() >= t.len() || !t.starts_with(&hs) {
            continue;
        }
        // "Headline - Site": the rest of the title after the h1 opens with
        // a separator, however long the site name is.
        let separated = title.strip_prefix(h.as_str()).is_some_and(|rest| {
            rest.trim_start().starts_with(['-', '|', '–', '—', ':', '·', '/', '｜', '«', '»', '•'])
        });
        if separated || hs.len() * 2 >= t.len() {
            return h.clone();
        }
    }
    title
}

/// True for strings that hold a date: a four-digit year somewhere.
fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(4).any(|w| w.iter().all(u8::is_ascii_digit) && (w[0] == b'1' && w[1] == b'9' || w[0] == b'2'))
}

/// An author name from a meta value: "By " dropped, URLs and handles refused.
fn clean_author(a: &str) -> Option<String> {
    let a = collapse(a);
    let lower = a.to_ascii_lowercase();
    let a = if lower.starts_with("by ") { a[3..].trim().to_string() } else { a };
    let bad =
        a.is_empty() || a.contains("://") || a.starts_with("www.") || a.starts_with('@') || a.chars().count() > 100;
    (!bad).then_some(a)
}

/// Separators between a headline and a site name in `<title>`.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / "];

/// Lowercase letters and digits only.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The host of a URL without `www.` and the public suffix, squashed
/// (`https://www.theverge.com/x` gives `theverge`).
fn host_core(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let skip = ["www", "m", "amp", "mobile", "edition", "news"];
    let core = labels
        .iter()
        .rev()
        .skip(1)
        .find(|l| l.len() > 3 || !["co", "com", "org", "net", "ac", "gov"].contains(l))
        .filter(|l| !skip.contains(l))?;
    Some(squash(core))
}

/// Drops a site name after the last separator ("Headline - Reuters") when it
/// is clearly one: it names the site or the host, or it is short and follows
/// a pipe. Up to two such suffixes go ("Headline | Tech | The Site").
pub(crate) fn strip_site_suffix(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    let mut t = collapse(title);
    let site_sq = site.map(squash).filter(|s| !s.is_empty());
    let host = url.and_then(host_core);
    for _ in 0..2 {
        let Some((at, sep)) = SEPARATORS.iter().filter_map(|s| t.rfind(s).map(|i| (i, *s))).max_by_key(|(i, _)| *i)
        else {
            break;
        };
        let head = t[..at].trim();
        let tail = t[at + sep.len()..].trim();
        let tail_sq = squash(tail);
        let head_words = head.split_whitespace().count();
        let tail_words = tail.split_whitespace().count();
        if head_words < 2 || tail_sq.is_empty() {
            break;
        }
        let names_site = site_sq.as_ref().is_some_and(|s| {
            *s == tail_sq || (tail_words <= 6 && (s.contains(&tail_sq) || tail_sq.contains(s.as_str())))
        });
        let names_host = host.as_ref().is_some_and(|h| h.len() >= 3 && (tail_sq.contains(h.as_str()) || *h == tail_sq));
        let short_pipe = sep == " | " && tail_words <= 4 && head_words >= 3;
        if names_site || names_host || short_pipe {
            t = head.to_string();
        } else {
            break;
        }
    }
    t
}

/// Reads all JSON-LD blocks; the first article-like object wins.
fn json_ld(blocks: &[String]) -> JsonLd {
    let mut out = JsonLd::default();
    let mut found_article = false;
    for block in blocks {
        let src = block
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>")
            .trim()
            .trim_end_matches(';');
        let Ok(v) = serde_json::from_str::<Value>(src) else {
            continue;
        };
        // Iterative walk; bounded so a huge graph costs little.
        let mut stack: Vec<&Value> = vec![&v];
        let mut visited = 0;
        while let Some(v) = stack.pop() {
            visited += 1;
            if visited > 5000 {
                break;
            }
            match v {
                Value::Array(a) => stack.extend(a.iter().rev()),
                Value::Object(o) => {
                    let types = type_names(o.get("@type"));
                    let is_article = types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
                    if is_article && !found_article {
                        found_article = true;
                        read_article(o, &mut out);
                    }
                    if types.iter().any(|t| t == "website")
                        && out.website.is_none()
                        && let Some(n) = str_of(o.get("name"))
                    {
                        out.website = Some(n);
                    }
                    if out.language.is_none() {
                        out.language = str_of(o.get("inLanguage"));
                    }
                    for key in ["@graph", "mainEntity", "itemListElement"] {
                        if let Some(g) = o.get(key) {
                            stack.push(g);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn type_names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_ascii_lowercase)).collect(),
        _ => Vec::new(),
    }
}

/// A non-empty string value, whitespace collapsed.
fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        _ => None,
    }
}

/// Names of a person/organization value: a string, an object with `name`,
/// or an array of those, joined with ", ".
fn names(v: Option<&Value>) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: Option<String>| {
        if let Some(s) = s.and_then(|s| clean_author(&s))
            && !out.contains(&s)
        {
            out.push(s);
        }
    };
    match v? {
        Value::String(s) => push(Some(s.clone())),
        Value::Object(o) => push(str_of(o.get("name"))),
        Value::Array(a) => {
            for x in a.iter().take(10) {
                match x {
                    Value::String(s) => push(Some(s.clone())),
                    Value::Object(o) => push(str_of(o.get("name"))),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    (!out.is_empty()).then(|| out.join(", "))
}

fn read_article(o: &serde_json::Map<String, Value>, out: &mut JsonLd) {
    out.headline = str_of(o.get("headline")).or_else(|| str_of(o.get("name")));
    out.body = match o.get("articleBody") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    };
    out.published = str_of(o.get("datePublished")).or_else(|| str_of(o.get("dateCreated")));
    out.author = names(o.get("author")).or_else(|| names(o.get("creator")));
    out.publisher = match o.get("publisher") {
        Some(Value::Object(p)) => str_of(p.get("name")),
        Some(Value::String(s)) => Some(collapse(s)),
        _ => None,
    };
    out.url = str_of(o.get("url")).or_else(|| match o.get("mainEntityOfPage") {
        Some(Value::Object(m)) => str_of(m.get("@id")),
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    });
    out.url = out.url.take().filter(|u| u.starts_with("http"));
    out.language = str_of(o.get("inLanguage"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes() {
        // (title, site name, url, expected)
        let cases: &[(&str, Option<&str>, Option<&str>, &str)] = &[
            ("Oil falls on demand fears - Reuters", Some("Reuters"), None, "Oil falls on demand fears"),
            (
                "Oil falls on demand fears | Business | The Guardian",
                Some("the Guardian"),
                None,
                "Oil falls on demand fears",
            ),
            (
                "Apple unveils a new chip – The Verge",
                None,
                Some("https://www.theverge.com/2024/x"),
                "Apple unveils a new chip",
            ),
            ("Big story here | NYT", None, None, "Big story here"),
            // not clearly a suffix: kept
            ("Trump - the early years", None, None, "Trump - the early years"),
            ("Markets rally - and then slump again", Some("Reuters"), None, "Markets rally - and then slump again"),
            ("Reuters", Some("Reuters"), None, "Reuters"),
        ];
        for &(t, site, url, want) in cases {
            assert_eq!(strip_site_suffix(t, site, url), want, "{t:?}");
        }
    }

    #[test]
    fn h1_preferred_when_the_title_extends_it() {
        let h1 = vec!["Headline of the day".to_string()];
        let cases: &[(&str, &str)] = &[
            ("Headline of the day - Firm Name LLP", "Headline of the day"),
            ("Headline of the day", "Headline of the day"),
            ("Other story", "Other story"),
            ("Headline of the day | A Very Long Site Name For A Firm Of Patent Attorneys", "Headline of the day"),
            // the h1 is a small part: a section name, not the headline
            (
                "Headline of the day and a much longer story title than that",
                "Headline of the day and a much longer story title than that",
            ),
        ];
        for &(t, want) in cases {
            assert_eq!(prefer_h1(t.to_string(), &h1), want, "{t:?}");
        }
    }

    #[test]
    fn json_ld_article() {
        let block = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Example News"},
            {"@type":["NewsArticle"],"headline":"Chip sales soar","articleBody":"Body.",
             "datePublished":"2024-05-01T10:00:00Z",
             "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"}],
             "publisher":{"@type":"Organization","name":"Example"}}]}"#;
        let ld = json_ld(&[block.to_string(), "not json".to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("Chip sales soar"));
        assert_eq!(ld.body.as_deref(), Some("Body."));
        assert_eq!(ld.published.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(ld.author.as_deref(), Some("Ann Lee, Bo Chen"));
        assert_eq!(ld.publisher.as_deref(), Some("Example"));
        assert_eq!(ld.website.as_deref(), Some("Example News"));
    }

    #[test]
    fn authors() {
        let cases: &[(&str, Option<&str>)] = &[
            ("By Jane Doe", Some("Jane Doe")),
            ("https://www.facebook.com/jane", None),
            ("@jane", None),
            ("  Jane   Doe ", Some("Jane Doe")),
        ];
        for &(a, want) in cases {
            assert_eq!(clean_author(a).as_deref(), want, "{a:?}");
        }
    }
}
