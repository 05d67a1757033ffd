//! What claimex knows about the world: AI developers, chip vendors and
//! model families. Names are matched case-sensitively as written in news.

use std::sync::LazyLock;

use fnv::FnvHashMap;

/// A known organization.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Org {
    /// The name subjects use.
    pub name: &'static str,
    /// Ways the press writes it (the name itself included).
    pub aliases: &'static [&'static str],
    /// A U.S. developer of AI models ("U.S. rivals", "US giants" may mean it).
    pub us_lab: bool,
    /// A chip vendor: named in chip counts, rarely the subject of a story's figures.
    pub vendor: bool,
}

const fn org(name: &'static str, aliases: &'static [&'static str], us_lab: bool, vendor: bool) -> Org {
    Org { name, aliases, us_lab, vendor }
}

pub(crate) const ORGS: &[Org] = &[
    org("OpenAI", &["OpenAI", "Open AI"], true, false),
    org("Anthropic", &["Anthropic"], true, false),
    org("Google", &["Google DeepMind", "Google", "DeepMind", "Alphabet"], true, false),
    org("Meta", &["Meta Platforms", "Meta", "Facebook"], true, false),
    org("Microsoft", &["Microsoft"], true, false),
    org("xAI", &["xAI"], true, false),
    org("Amazon", &["Amazon Web Services", "Amazon", "AWS"], true, false),
    org("Apple", &["Apple"], true, false),
    org("IBM", &["IBM"], true, false),
    org("Oracle", &["Oracle"], false, false),
    org("Inflection AI", &["Inflection AI", "Inflection"], true, false),
    org("Character.AI", &["Character.AI"], true, false),
    org("Perplexity", &["Perplexity"], true, false),
    org("Databricks", &["Databricks"], true, false),
    org("Cohere", &["Cohere"], false, false),
    org("Mistral AI", &["Mistral AI", "Mistral"], false, false),
    org("DeepSeek", &["DeepSeek", "Deepseek"], false, false),
    org("Alibaba", &["Alibaba Cloud", "Alibaba"], false, false),
    org("Baidu", &["Baidu"], false, false),
    org("Tencent", &["Tencent"], false, false),
    org("ByteDance", &["ByteDance"], false, false),
    org("Moonshot AI", &["Moonshot AI", "Moonshot"], false, false),
    org("Zhipu AI", &["Zhipu AI", "Zhipu"], false, false),
    org("MiniMax", &["MiniMax"], false, false),
    org("01.AI", &["01.AI"], false, false),
    org("Stability AI", &["Stability AI"], false, false),
    org("Hugging Face", &["Hugging Face"], false, false),
    org("Samsung", &["Samsung"], false, false),
    org("SoftBank", &["SoftBank"], false, false),
    org("Tesla", &["Tesla"], false, false),
    org("CoreWeave", &["CoreWeave"], false, false),
    org("TII", &["Technology Innovation Institute", "TII"], false, false),
    org("Nvidia", &["Nvidia", "NVIDIA"], false, true),
    org("AMD", &["AMD"], false, true),
    org("Intel", &["Intel"], false, true),
    org("Huawei", &["Huawei"], false, true),
    org("Cerebras", &["Cerebras"], false, true),
    org("Graphcore", &["Graphcore"], false, true),
    org("Groq", &["Groq"], false, true),
    org("TSMC", &["TSMC"], false, true),
];

/// Model families: the pattern of the family's names (a regex fragment
/// matched at a word start) and the organization that makes them.
pub(crate) const FAMILIES: &[(&str, &str)] = &[
    (r"GPT-?\d(?:\.\d)?[a-z]?(?:[- ](?:Turbo|mini))?", "OpenAI"),
    (r"ChatGPT", "OpenAI"),
    (r"o[134](?:-(?:mini|pro|preview))?", "OpenAI"),
    (r"Sora", "OpenAI"),
    (r"Claude(?: \d(?:\.\d)?)?(?: (?:Sonnet|Opus|Haiku|Instant))?(?: \d(?:\.\d)?)?", "Anthropic"),
    (r"Gemini(?: \d(?:\.\d)?)?(?: (?:Pro|Ultra|Flash|Nano))?", "Google"),
    (r"Gemma(?: ?\d)?", "Google"),
    (r"PaLM(?: ?\d)?", "Google"),
    (r"(?:Llama|LLaMA)(?: ?\d(?:\.\d)?)?(?: \d+B)?", "Meta"),
    (r"Mixtral(?: \d+x\d+B)?", "Mistral AI"),
    (r"Mistral (?:Large|Medium|Small|7B)(?: \d)?", "Mistral AI"),
    (r"Grok(?: ?\d(?:\.\d)?)?", "xAI"),
    (r"Qwen ?\d?(?:\.\d)?(?:-\d+B)?(?:-Max)?", "Alibaba"),
    (r"Phi-\d(?:\.\d)?(?:-mini)?", "Microsoft"),
    (r"ERNIE(?: \d(?:\.\d)?)?", "Baidu"),
    (r"Kimi(?: K\d)?", "Moonshot AI"),
    (r"GLM-\d(?:\.\d)?", "Zhipu AI"),
    (r"Falcon(?: \d+B)?", "TII"),
    (r"DBRX", "Databricks"),
    (r"Nemotron(?:-\d)?", "Nvidia"),
];

/// Named facilities (clusters, supercomputers) and their owners.
pub(crate) const FACILITIES: &[(&str, &str)] = &[("Colossus", "xAI"), ("Stargate", "OpenAI")];

/// Every known organization by each name the press writes it with.
static BY_ALIAS: LazyLock<FnvHashMap<&'static str, &'static Org>> = LazyLock::new(|| {
    let mut map = FnvHashMap::default();
    for o in ORGS {
        for a in o.aliases {
            map.entry(*a).or_insert(o);
        }
    }
    map
});

/// Every known organization by its subject name (the first listed wins,
/// hence the reversed walk: later entries are overwritten by earlier ones).
static BY_NAME: LazyLock<FnvHashMap<&'static str, &'static Org>> =
    LazyLock::new(|| ORGS.iter().rev().map(|o| (o.name, o)).collect());

/// Looks up a known organization by a name as written.
pub(crate) fn org_by_alias(alias: &str) -> Option<&'static Org> {
    BY_ALIAS.get(alias).copied()
}

/// Looks up a known organization by its subject name.
pub(crate) fn org_by_name(name: &str) -> Option<&'static Org> {
    BY_NAME.get(name).copied()
}
