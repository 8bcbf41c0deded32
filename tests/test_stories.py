"""Grouping into stories: explicit stories win, the rest by similarity, never all pairs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import audit
from audit.checks.context import AuditedDocument
from audit.model import Document
from audit.normalize import normalize
from audit.stories import group, group_with_stats, similarity_groups

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "fixtures"


def audited(doc_id: str, text: str, story: str | None = None) -> AuditedDocument:
    doc = Document(id=doc_id, text=text, story=story)
    return AuditedDocument(doc, normalize(text), language="en")


def test_explicit_story_wins_over_similarity():
    text = "Nalubega warned that Ugandan recruits were taken to Dubai, Interpol said."
    docs = [audited("a", text, "s1"), audited("b", text, "s2"), audited("c", text)]
    stories = {s.id: (s.documents, s.method) for s in group(docs)}
    assert stories["s1"] == (("a",), "explicit")
    assert stories["s2"] == (("b",), "explicit")
    assert stories["c"] == (("c",), "single")  # loose documents never join explicit ones


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles absent: {SEEDS}")
def test_the_seeds_are_one_story():
    loaded = audit.load(SEEDS)
    docs = [AuditedDocument(d, normalize(d.text)) for d in loaded.documents]
    stories = group(docs)
    assert len(stories) == 1, [s.documents for s in stories]
    assert stories[0].method == "similarity" and len(stories[0].documents) == 5


@pytest.mark.skipif(not (FIXTURES / "orsenne-fire").is_dir(), reason="fixtures absent")
def test_fixture_clusters_separate_without_their_story_field():
    loaded = audit.load(FIXTURES)
    truth = {d.id: d.story for d in loaded.documents}
    docs = [AuditedDocument(Document(d.id, d.text), normalize(d.text))
            for d in loaded.documents]
    stories = group(docs)
    assert sorted(len(s.documents) for s in stories) == [5, 5, 5]
    for s in stories:
        assert len({truth[i] for i in s.documents}) == 1, s.documents


def synthetic_corpus(n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """Stories of one to five sources: shared invented names, figures and topic words in
    reshuffled sentences; the fifth source of a story is a 'translation' that keeps only
    the names and the figures."""
    from wordfreq import top_n_list, zipf_frequency

    rng = random.Random(seed)
    words = top_n_list("en", 20000)
    common = [w for w in words[:600] if w.isalpha()]
    topical = [w for w in words[3000:] if w.isalpha() and len(w) > 4
               and 2.5 < zipf_frequency(w, "en") < 4.3]
    syllables = "ka ru mo ti se na lo be gu zi ha pe do wa ni qu xe yo fa vu ji ko le ma"
    syllables = syllables.split()

    def name() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(3, 4))).capitalize()

    texts: list[str] = []
    truth: list[int] = []
    story = 0
    while len(texts) < n:
        names = [f"{name()} {name()}" for _ in range(3)]
        figures = [f"{rng.randint(2, 999)},{rng.randint(100, 999)}" for _ in range(2)]
        topic = rng.sample(topical, 12)
        for source in range(rng.randint(1, 5)):
            if len(texts) >= n:
                break
            sentences = []
            for k in range(6):
                ws = rng.sample(common, 8) + rng.sample(topic, 3)
                if k % 2 == 0:
                    ws.insert(rng.randint(0, len(ws)), rng.choice(names))
                if k % 3 == 0:
                    ws.insert(rng.randint(0, len(ws)), rng.choice(figures))
                rng.shuffle(ws)
                sentences.append(" ".join(ws) + ".")
            text = " ".join(sentences)
            if source == 4:
                text = " ".join(w if w[:1].isupper() or w[:1].isdigit() else "xx" + w[::-1]
                                for w in text.split())
            texts.append(text)
            truth.append(story)
        story += 1
    return texts, truth


@pytest.mark.slow
def test_pairs_compared_grow_linearly_on_10000_documents():
    small_texts, _ = synthetic_corpus(2_500)
    texts, truth = synthetic_corpus(10_000)
    _, small = similarity_groups(small_texts)
    groups, stats = similarity_groups(texts)
    all_pairs = len(texts) * (len(texts) - 1) // 2
    # a quarter of the corpus should cost about a quarter of the pairs; all-pairs would
    # cost a sixteenth
    growth = stats.pairs_compared / small.pairs_compared
    assert growth < 8, (small.pairs_compared, stats.pairs_compared)
    assert stats.pairs_compared < 0.002 * all_pairs
    assert stats.pairs_compared / len(texts) <= 24 + 10  # probe budget + a few LSH pairs
    # and the grouping is right: few stories split, almost none merged
    mixed = [g for g in groups if len({truth[k] for k in g}) > 1]
    stories = len(set(truth))
    assert len(mixed) <= 0.01 * stories
    assert len(groups) <= 1.05 * stories


def test_grouping_stats_count_what_was_compared():
    docs = [audited("a", "Nalubega and Ugandan recruits in Dubai, said Tchalla-Nguessan."),
            audited("b", "Tchalla-Nguessan said Nalubega met Ugandan recruits in Dubai."),
            audited("c", "An unrelated report about the harvest of winter wheat.")]
    stories, stats = group_with_stats(docs)
    assert stats.documents == 3 and stats.pairs_compared >= 1
    assert sorted(s.documents for s in stories) == [("a", "b"), ("c",)]
