"""Benchmark: encoding repair (``audit.fix_text``) against ``ftfy.fix_text``, same run.

The corpus is generated in memory, seeded, from wordfreq's word lists (no text from
anywhere else), in three parts measured separately:

- *clean English*: news-like paragraphs with curly quotes, apostrophes, dashes, figures;
- *clean multilingual*: 22 languages in 10 scripts (Chinese and Japanese without spaces);
- *damaged*: documents like the above where a quote, a byline or a paragraph went through
  the wrong codec (Windows-1252/1250/1251, Mac Roman, GBK, Big5, Shift-JIS, EUC-KR, twice
  for some), some with the undecodable bytes dropped or replaced.

Each document is repaired on its own, as the pipeline does. The damaged part also records
how many documents each tool restores exactly (ftfy measured with ``fix_encoding``, which
does not restyle quotes).

    python bench/encoding.py                  # 20 MB; rewrites "## Encoding repair" in RESULTS.md
    python bench/encoding.py --quick          # 200 KB smoke run
    python bench/encoding.py --results FILE   # record elsewhere (the test does)
"""

from __future__ import annotations

import argparse
import datetime
import gc
import platform
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from results import record  # noqa: E402

from audit import wordfreqs  # noqa: E402
from audit.normalize.encoding import CORE, fix_text, words  # noqa: E402

SECTION = "## Encoding repair"
SEED = 20261122
FULL_MB = {"clean English": 8.0, "clean multilingual": 8.0, "damaged": 4.0}
QUICK_MB = {"clean English": 0.08, "clean multilingual": 0.08, "damaged": 0.04}
LANGUAGES = ["fr", "de", "es", "pt", "it", "pl", "cs", "tr", "ro", "hu", "sv", "vi", "ru",
             "uk", "bg", "el", "ar", "fa", "he", "hi", "zh", "ja", "ko"]
UNSPACED = {"zh": ("，", "。"), "ja": ("、", "。")}
QUOTE_CODECS = ["cp1252", "cp1252", "cp1251", "cp1250", "mac_roman"]
PARAGRAPH_CODECS = ["gbk", "gbk", "big5", "shift_jis", "euc_kr", "cp1252", "cp1251"]
AIMS = {"clean English": 20.0, "clean multilingual": 20.0, "damaged": 1.0}


class Words:
    """Word lists per language, loaded once."""

    def __init__(self) -> None:
        import wordfreq

        self._wf = wordfreq
        self._lists: dict[str, list[str]] = {}

    def __call__(self, lang: str) -> list[str]:
        if lang not in self._lists:
            self._lists[lang] = [w for w in self._wf.top_n_list(lang, 5000)
                                 if w.isalpha() or lang in UNSPACED]
        return self._lists[lang]


def _sentence(rng: random.Random, words: list[str], lang: str) -> str:
    ws = [rng.choice(words) for _ in range(rng.randint(6, 22))]
    if lang in UNSPACED:
        comma, stop = UNSPACED[lang]
        cut = rng.randrange(2, len(ws))
        return "".join(ws[:cut]) + comma + "".join(ws[cut:]) + stop
    ws[0] = ws[0][:1].upper() + ws[0][1:]
    if lang == "en":
        if rng.random() < 0.4:
            i = rng.randrange(len(ws))
            ws[i] += "’s"
        if rng.random() < 0.3:
            ws.insert(rng.randrange(1, len(ws)), f"{rng.randint(2, 99_999):,}")
        if rng.random() < 0.15:
            ws.insert(rng.randrange(1, len(ws)), "—")
    text = " ".join(ws) + rng.choice(".....?")
    if rng.random() < 0.25:
        text = "“" + text + "”"
    return text


def paragraph(rng: random.Random, words: Words, lang: str) -> str:
    return " ".join(_sentence(rng, words(lang), lang) for _ in range(rng.randint(2, 6)))


def document(rng: random.Random, words: Words, lang: str) -> str:
    paras = [paragraph(rng, words, lang) for _ in range(rng.randint(3, 9))]
    if lang == "en" and rng.random() < 0.5:
        name = rng.choice(words("fr") + words("de") + words("es")).capitalize()
        paras.insert(0, f"By {name} {rng.choice(words('pt')).capitalize()}")
    return "\n\n".join(paras)


def _misread(text: str, codec: str, errors: str = "strict") -> str:
    return text.encode("utf-8").decode(codec, errors)


def damage(rng: random.Random, doc: str) -> str:
    """Send a quote, the byline or a paragraph of ``doc`` through the wrong codec."""
    paras = doc.split("\n\n")
    kind = rng.random()
    if kind < 0.4:  # quotes (and what they hold) through a single-byte codec
        codec = rng.choice(QUOTE_CODECS)
        errors = "ignore" if codec == "cp1252" and rng.random() < 0.3 else "replace"
        i = rng.randrange(len(paras))
        paras[i] = re.sub(r"“[^”]*”", lambda m: _misread(m.group(), codec, errors), paras[i])
        if rng.random() < 0.2:  # and again
            paras[i] = re.sub(r"â€[^\s]*", lambda m: _misread(m.group(), "cp1252", "replace"),
                              paras[i])
    elif kind < 0.6:  # the first paragraph (a byline, a lead) through a single-byte codec
        paras[0] = _misread(paras[0], rng.choice(["cp1251", "cp1250", "mac_roman", "cp1252"]),
                            "replace")
    else:  # one paragraph through a double-byte codec, bytes it rejects dropped or replaced
        i = rng.randrange(len(paras))
        paras[i] = _misread(paras[i], rng.choice(PARAGRAPH_CODECS),
                            rng.choice(["ignore", "replace"]))
    return "\n\n".join(paras)


def corpus(sizes: dict[str, float], seed: int = SEED,
           langs: dict[str, list[str]] | None = None) -> dict[str, list[tuple[str, str]]]:
    """``{part: [(text, original)]}`` with about ``sizes[part]`` MB of text in each part;
    ``langs`` (when given) receives each part's document languages, in order."""
    rng = random.Random(seed)
    words = Words()
    out: dict[str, list[tuple[str, str]]] = {}
    for part, mb in sizes.items():
        docs: list[tuple[str, str]] = []
        if langs is not None:
            langs[part] = []
        total = 0
        while total < mb * 1_000_000:
            lang = "en" if part == "clean English" or (
                part == "damaged" and rng.random() < 0.6) else rng.choice(LANGUAGES)
            original = document(rng, words, lang)
            text = damage(rng, original) if part == "damaged" else original
            docs.append((text, original))
            if langs is not None:
                langs[part].append(lang)
            total += len(text.encode("utf-8"))
        out[part] = docs
    return out


def paired(ours: Callable[[str], str], theirs: Callable[[str], str],
           docs: list[tuple[str, str]]) -> tuple[list[str], list[float], list[float]]:
    """Run both tools on each document in turn: our outputs, and the seconds each document
    took each tool. Taking turns per document spreads the machine's slow spells (this one
    varies by a third from minute to minute) evenly over both tools."""
    outs, our_times, their_times = [], [], []
    clock = time.perf_counter
    for t, _ in docs:
        before = clock()
        outs.append(ours(t))
        middle = clock()
        theirs(t)
        our_times.append(middle - before)
        their_times.append(clock() - middle)
    return outs, our_times, their_times


def by_language(docs: list[tuple[str, str]], langs: list[str], ours: list[float],
                theirs: list[float]) -> dict[str, dict[str, float]]:
    """Per language: MB, and MB/s of each tool from the per-document times."""
    rows: dict[str, dict[str, float]] = {}
    for (text, _), lang, a, b in zip(docs, langs, ours, theirs, strict=True):
        row = rows.setdefault(lang, {"MB": 0.0, "ours s": 0.0, "ftfy s": 0.0})
        row["MB"] += len(text.encode("utf-8")) / 1e6
        row["ours s"] += a
        row["ftfy s"] += b
    for row in rows.values():
        row["ours"], row["ftfy"] = row["MB"] / row["ours s"], row["MB"] / row["ftfy s"]
        row["ratio"] = row["ours"] / row["ftfy"]
    return rows


def run(sizes: dict[str, float]
        ) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Rows per part, and per language of the clean multilingual part."""
    import ftfy

    # load tables and word lists before timing, as ftfy's are loaded by its import
    fix_text("warm up: France\u9225\u6a9a caf\u00c3\u00a9")
    words.warm()
    ftfy.fix_text("warm up")
    results: dict[str, dict[str, float]] = {}
    languages: dict[str, dict[str, float]] = {}
    langs: dict[str, list[str]] = {}
    parts = corpus(sizes, langs=langs)
    # the corpus generator read 23 word lists, which every full garbage collection during
    # either tool's run would walk: let them go
    wordfreqs.release()
    gc.collect()
    for part, docs in parts.items():
        fixed, our_times, their_times = paired(fix_text, ftfy.fix_text, docs)
        size = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6
        ours, theirs = size / sum(our_times), size / sum(their_times)
        if part == "clean multilingual":
            languages.update(by_language(docs, langs[part], our_times, their_times))
        row = {"MB": size, "documents": len(docs),
               "ours": ours, "ftfy": theirs, "ratio": ours / theirs}
        if part == "damaged":
            row["restored"] = sum(f == o for f, (_, o) in zip(fixed, docs, strict=True))
            row["ftfy restored"] = sum(ftfy.fix_encoding(t) == o for t, o in docs)
        else:
            row["changed"] = sum(f != t for f, (t, _) in zip(fixed, docs, strict=True))
        results[part] = row
        print(f"{part}: {row}", file=sys.stderr)
    return results, languages


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, Python {platform.python_version()}, {platform.system()}"


def render(results: dict[str, dict[str, float]], command: str,
           languages: dict[str, dict[str, float]] | None = None) -> str:
    import ftfy

    total = sum(r["MB"] for r in results.values())
    lines = [SECTION, "",
             f"`audit.fix_text` against `ftfy.fix_text` {ftfy.__version__} on {total:.1f} MB of "
             f"seeded synthetic text (`{command}`), in the same run: the two take turns, "
             "document by document.", "",
             f"Machine: {machine()}. Encoding core: {CORE}. "
             f"Date: {datetime.date.today().isoformat()}.", "",
             "| part | MB | documents | fix_text MB/s | ftfy MB/s | ratio |",
             "| --- | --- | --- | --- | --- | --- |"]
    for part, r in results.items():
        lines.append(f"| {part} | {r['MB']:.2f} | {r['documents']:,} | {r['ours']:.2f} | "
                     f"{r['ftfy']:.2f} | {r['ratio']:.1f}x |")
    lines.append("")
    damaged = results.get("damaged")
    if damaged:
        lines.append(f"Damaged documents restored exactly: {damaged['restored']:,} of "
                     f"{damaged['documents']:,} by `fix_text`, {damaged['ftfy restored']:,} by "
                     "`ftfy.fix_encoding`.")
    clean = [f"{r['changed']} of {r['documents']:,} {part} documents" for part, r
             in results.items() if "changed" in r]
    lines.append("Clean documents changed by `fix_text`: " + "; ".join(clean) + ".")
    aims = [f"{part} {r['ratio']:.1f}x of {AIMS[part]:g}x "
            f"({'met' if r['ratio'] >= AIMS[part] else 'not met'})"
            for part, r in results.items()]
    lines += ["", "Aims (issue #3): 20x ftfy's speed on clean text, at least its speed on "
              "damaged text. This run: " + "; ".join(aims) + "."]
    if languages:
        lines += ["", "Clean multilingual by language, slowest first (per-document times "
                  "summed):", "", "| language | MB | fix_text MB/s | ftfy MB/s | ratio |",
                  "| --- | --- | --- | --- | --- |"]
        for lang, r in sorted(languages.items(), key=lambda kv: kv[1]["ratio"]):
            lines.append(f"| {lang} | {r['MB']:.2f} | {r['ours']:.1f} | {r['ftfy']:.2f} | "
                         f"{r['ratio']:.1f}x |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a 200 KB smoke run")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = ap.parse_args(argv)
    results, languages = run(QUICK_MB if args.quick else FULL_MB)
    command = "python bench/encoding.py" + (" --quick" if args.quick else "")
    text = render(results, command, languages)
    print(text)
    record(args.results, text)
    print(f"recorded in {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
