"""Stage 4, group into stories: documents about the same event.

An explicit story (a ``story`` field, front matter, or a folder with a ``story.yaml``)
wins. The other documents are grouped by similarity, never by comparing all pairs:

1. *Text*: MinHash signatures of word shingles of the repaired text, bucketed by LSH
   (datasketch); documents sharing a bucket become candidate pairs.
2. *Rare names and figures*: an inverted index from each document's rare capitalised
   words (rare by wordfreq) and distinctive figures to the documents holding them; a
   translated copy shares few word shingles with its original but keeps its names and
   numbers. Features held by more than ``max_df`` documents are dropped, which bounds the
   pairs each feature adds, so the pairs compared grow linearly with the corpus.

Each candidate pair is scored once (estimated shingle Jaccard plus the weight of the rare
features it shares) and linked above a threshold; linked documents form a story
(union-find). ``GroupingStats`` counts the pairs compared.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from audit.checks.context import AuditedDocument
from audit.extract.numbers import find_numbers
from audit.extract.text import fold, function_words, stem, zipf
from audit.model import Story

NUM_PERM = 64
SHINGLE = 3
LSH_THRESHOLD = 0.3


@dataclass(frozen=True)
class GroupingOptions:
    text_link: float = 0.35  # estimated shingle Jaccard that links two documents
    topic_link: float = 0.15  # cosine of rare-word profiles that links them ...
    topic_words: int = 4  # ... when they share at least this many rare words
    evidence_link: float = 2.0  # weight of shared rare names and figures that links
    top_k: int = 6  # a document's rarest shared features, used to find candidates
    max_df: int = 20  # a feature in more documents than this finds no candidates
    probe_budget: int = 24  # candidate pairs one document may open (the linear bound)
    topic_zipf: float = 4.5  # words rarer than this (wordfreq) make the topic profile
    rare_zipf: float = 3.5  # names rarer than this are evidence on their own


@dataclass
class GroupingStats:
    documents: int = 0
    pairs_compared: int = 0  # candidate pairs scored (LSH buckets + feature index)
    pairs_linked: int = 0
    features_dropped: int = 0  # features too common to find candidates
    stories: int = 0
    pairs_by_source: dict[str, int] = field(default_factory=dict)


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d[\d,.]*")
_ALPHA = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)(?<![\w'’-])([A-Z][^\W\d_]+(?:[-'’][^\W\d_]+)*)",
                   re.MULTILINE)


def group(documents: Sequence[AuditedDocument],
          options: GroupingOptions | None = None) -> list[Story]:
    """Explicit stories first, then similarity groups, then single documents."""
    return group_with_stats(documents, options)[0]


def group_with_stats(documents: Sequence[AuditedDocument],
                     options: GroupingOptions | None = None
                     ) -> tuple[list[Story], GroupingStats]:
    options = options or GroupingOptions()
    explicit: dict[str, list[str]] = {}
    loose: list[AuditedDocument] = []
    for d in documents:
        if d.document.story:
            explicit.setdefault(d.document.story, []).append(d.id)
        else:
            loose.append(d)
    stories = [Story(sid, tuple(ids), "explicit") for sid, ids in explicit.items()]
    groups, stats = similarity_groups([d.text for d in loose], options)
    for members in groups:
        ids = tuple(loose[k].id for k in members)
        if len(ids) == 1:
            stories.append(Story(ids[0], ids, "single"))
        else:
            stories.append(Story(ids[0], ids, "similarity"))
    stats.stories = len(stories)
    return stories, stats


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def signature(text: str):
    """A MinHash of the word shingles of ``text`` (case and accents folded)."""
    from datasketch import MinHash

    words = [fold(w) for w in _WORD.findall(text)]
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=_permutations(), scheme="affine32")
    shingles = {" ".join(words[k:k + SHINGLE]).encode("utf-8")
                for k in range(max(1, len(words) - SHINGLE + 1))}
    m.update_batch(list(shingles))
    return m


def features(text: str, options: GroupingOptions | None = None) -> dict[str, float]:
    """Rare names (capitalised mid-sentence, rare in English) and distinctive figures,
    each with its weight as evidence on its own."""
    options = options or GroupingOptions()
    out: dict[str, float] = {}
    for m in _NAME.finditer(text):
        word = fold(re.sub(r"['’]s$", "", m.group(1)))
        if len(word) < 4:
            continue
        z = zipf(word)
        if z < options.rare_zipf:
            out["n:" + word] = min(1.0, (options.rare_zipf + 0.5 - z) / 3.0)
    for n in find_numbers(text):
        raw = text[n.start:n.end]
        if n.value < 100 or (re.fullmatch(r"\d{4}", raw) and 1800 <= n.value <= 2100):
            continue  # small counts and years are everywhere
        out[f"f:{float(f'{n.value:.3g}'):g}"] = 0.5
    return out


def topic(text: str, options: GroupingOptions | None = None) -> dict[str, float]:
    """A document's profile: its words rarer than ``topic_zipf`` (names included),
    weighted by rarity (wordfreq stands in for a corpus's inverse document frequency,
    which a small corpus cannot give), with sublinear term frequency."""
    options = options or GroupingOptions()
    stop = function_words()
    weights: dict[str, float] = defaultdict(float)
    for w in _ALPHA.findall(text):
        f = fold(w)
        if len(f) < 3 or f in stop:
            continue
        z = zipf(f)
        if z < options.topic_zipf:  # capped: one very rare word is not a topic
            weights[stem(f)] += min(3.0, options.topic_zipf + 1 - z)
    return {k: math.log1p(v) for k, v in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def similarity_groups(texts: Sequence[str], options: GroupingOptions | None = None
                      ) -> tuple[list[list[int]], GroupingStats]:
    """Indices of ``texts`` grouped by similarity, and what it cost."""
    from datasketch import MinHashLSH

    options = options or GroupingOptions()
    stats = GroupingStats(documents=len(texts))
    sigs = [signature(t) for t in texts]
    feats = [features(t, options) for t in texts]
    topics = [{f"t:{w}": v for w, v in topic(t, options).items()} for t in texts]
    candidates: dict[tuple[int, int], str] = {}

    # near-copies: documents sharing a MinHash LSH bucket
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for k, sig in enumerate(sigs):
        for other in lsh.query(sig):
            candidates.setdefault((other, k), "text")
        lsh.insert(k, sig)

    # same event in other words or another language: each document probes the holders
    # of its rarest shared features (names, figures, rare words); a feature held by
    # more than max_df documents is no evidence, so each probe adds at most max_df pairs
    holders: dict[str, list[int]] = defaultdict(list)
    for k in range(len(texts)):
        for f in {*topics[k], *feats[k]}:
            holders[f].append(k)
    df = {f: len(h) for f, h in holders.items()}
    stats.features_dropped = sum(1 for n in df.values() if n > options.max_df)
    for k in range(len(texts)):
        usable = [f for f in {*topics[k], *feats[k]} if 2 <= df[f] <= options.max_df]
        usable.sort(key=lambda f: (df[f], -feats[k].get(f, topics[k].get(f, 0.0)), f))
        probed = 0
        for f in usable[:options.top_k]:
            if probed >= options.probe_budget:
                break
            for other in holders[f]:
                if other != k:
                    probed += 1
                    candidates.setdefault((min(k, other), max(k, other)), "features")

    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (a, b), source in sorted(candidates.items()):
        stats.pairs_compared += 1
        stats.pairs_by_source[source] = stats.pairs_by_source.get(source, 0) + 1
        if find(a) == find(b):
            continue
        shared = feats[a].keys() & feats[b].keys()
        # a feature shared by two documents counts fully; by more, less
        evidence = sum(feats[a][f] * math.sqrt(2 / max(2, df.get(f, 2))) for f in shared
                       if df.get(f, 0) <= options.max_df)
        common = len(topics[a].keys() & topics[b].keys())
        if (evidence >= options.evidence_link
                or (common >= options.topic_words
                    and cosine(topics[a], topics[b]) >= options.topic_link)
                or sigs[a].jaccard(sigs[b]) >= options.text_link):
            stats.pairs_linked += 1
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(texts)):
        groups[find(k)].append(k)
    return sorted(groups.values(), key=lambda g: g[0]), stats
