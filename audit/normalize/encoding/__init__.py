"""Stage 2, normalize: undo mojibake (order 100, the first repair).

Text that went through the wrong codec comes back exactly, and text that was fine is left
alone. The repair works piece by piece, because real documents are damaged in parts (a quote,
a byline, one paragraph):

1. *find*: where mojibake may start (``gates``, one pass over the text; the codecs a
   place names: ``pairs``), map each stretch of suspicious characters back to the bytes
   some codec decoded them from (``charmaps``) and keep the stretches whose bytes are
   UTF-8 (``pieces``; where a single-byte codec may have been at work: ``singlebyte``; a
   double-byte one: ``doublebyte`` and ``utf8shape``);
2. *judge*: price each piece: how much more plausible its UTF-8 reading is than the text
   as it stands (``plausibility``, with letter pairs of 39 languages from ``letterpairs``)
   against what assuming damage costs (``repair``); then decide across the document,
   pooling evidence, setting codecs that disagree aside unless word frequencies
   (``words``) tell them apart, leaving garbles alone (``layers``);
3. *infer*: where bytes were lost, rebuild the character from what survives, from what the
   decoder could have dropped and from the neighbours (``lossy``);
4. *repeat* for the next layer, inside what the last one repaired (UTF-8 read as GBK,
   saved, read as Windows-1252...). The steps are the named functions of ``fixes``; the
   ``trail`` keeps one Repair per repaired span of the original; ``residue`` finds what
   still looks damaged afterwards. Data: ``rules/lexicons/common/mojibake.yaml``.

Codecs: Windows-1252 and Latin-1, Windows-1250/1251/1253/1254/1257, ISO-8859-2, Mac Roman,
cp437, GBK/GB18030, Big5, Shift-JIS/cp932, EUC-KR/cp949. It is an auditor: curly quotes,
ligatures and full-width forms are kept unless an option asks otherwise.

    >>> fix_text("France\u9225\u6a9a economy")  # UTF-8 read as GBK
    'France’s economy'
    >>> fix_text("caf\u00c3\u00a9 cr\u00c3\u00a8me")  # UTF-8 read as Windows-1252
    'café crème'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from audit.model import Repair
from audit.normalize import normalizer
from audit.normalize.encoding import native

# compiled or from source: decided before the first module of the core is imported
CORE = native.choose(Path(__file__).parent)

from audit.normalize.encoding import fixes, gates, repair, residue  # noqa: E402
from audit.normalize.encoding.charmaps import REPLACEMENT, UNINFERRED  # noqa: E402
from audit.normalize.encoding.trail import Trail  # noqa: E402

__all__ = ["find_residue", "fix_and_explain", "fix_text", "looks_damaged"]


looks_damaged = gates.looks_suspect


def find_residue(text: str) -> list[residue.Residue]:
    """What still looks like mojibake in ``text`` (run it on repaired text)."""
    return residue.find(text)


def fix_and_explain(text: str, *, layers: int = repair.MAX_LAYERS, c1_controls: bool = True,
                    uncurl_quotes: bool = False, fix_ligatures: bool = False,
                    fix_width: bool = False) -> tuple[str, list[Repair]]:
    """Repair ``text``; return it with one Repair per repaired span (located in ``text``).

    Each Repair's ``meta`` holds the codec path (``codecs``, in the order the damage
    happened), the characters inferred for lost bytes (``inferred``) and how many spaces
    were read back as no-break spaces; ``confidence`` is below 1 where a character was
    inferred.
    """
    styles = [fn for fn, on in ((fixes.uncurl_quotes, uncurl_quotes),
                                (fixes.fix_ligatures, fix_ligatures),
                                (fixes.fix_width, fix_width)) if on]
    damaged = looks_damaged(text)
    if not styles and not damaged:
        return text, []
    trail = Trail(text)
    if damaged:
        focus = None
        for _ in range(layers):
            # each layer brings its own evidence, and a deeper layer can only be inside
            # what the one above it repaired
            step = fixes.undo_misreading(trail.text, set(), focus)
            if not step:
                break
            trail.apply(step)
            focus = trail.fresh()
        trail.replace_all(UNINFERRED, REPLACEMENT)
        if c1_controls:
            trail.apply(fixes.fix_c1_controls(trail.text))
    for restyle in styles:
        trail.apply(restyle(trail.text))
    return trail.text, trail.repairs("encoding", _describe)


def fix_text(text: str, **options: Any) -> str:
    """The repaired text (see ``fix_and_explain`` for the options)."""
    return fix_and_explain(text, **options)[0]


def _describe(steps: list[dict[str, Any]]) -> tuple[str, float, dict[str, Any]]:
    """Reason, confidence and meta of a repaired span from the steps that made it. Steps come
    outermost layer first; the codec path is reported in the order the damage happened."""
    codecs: list[str] = []
    inferred: list[dict[str, Any]] = []
    nbsp = 0
    styles: list[str] = []
    for step in reversed(steps):
        if "style" in step:
            styles.append(step["style"])
            continue
        codecs.append(step["codec"])
        inferred += step.get("inferred", [])
        nbsp += step.get("nbsp_from_space", 0)
    meta: dict[str, Any] = {"codecs": codecs, "layers": len(codecs)}
    if inferred:
        meta["inferred"] = inferred
    if nbsp:
        meta["nbsp_from_space"] = nbsp
    if styles:
        meta["styles"] = styles
    source = "Windows-1252" if any(s.get("from") == "windows-1252" for s in steps) else "UTF-8"
    reason = f"{source} read as " + ", then as ".join(codecs) if codecs else "restyled"
    lost = [i for i in inferred if i["char"] != "\ufffd"]
    if lost:
        reason += f"; {len(lost)} lost character{'s' if len(lost) > 1 else ''} inferred"
    if len(lost) < len(inferred):
        reason += "; some lost bytes could not be inferred"
    confidence = min([i["confidence"] if i["char"] != "\ufffd" else 0.5 for i in inferred],
                     default=1.0)
    return reason, confidence, meta


@normalizer("encoding", order=100)
def normalize_encoding(text: str) -> tuple[str, list[Repair]]:
    """Mojibake repair for the default chain."""
    return fix_and_explain(text)


def _restyler(name: str, restyle) -> None:
    """Register an optional chain step that restyles (off by default: an auditor repairs
    damage, it does not restyle; ``normalizers = [...]`` in the configuration or
    ``--normalizer`` turns one on)."""
    @normalizer(name, order=110, default=False)
    def run(text: str) -> tuple[str, list[Repair]]:
        trail = Trail(text)
        trail.apply(restyle(text))
        return trail.text, trail.repairs(name, _describe)


_restyler("uncurl-quotes", fixes.uncurl_quotes)
_restyler("fix-ligatures", fixes.fix_ligatures)
_restyler("fix-width", fixes.fix_width)
