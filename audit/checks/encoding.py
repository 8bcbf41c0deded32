"""E1xx: mojibake, repaired (E101) or left behind (E102).

The encoding normalizer (``audit.normalize.encoding``) records each repaired span with the
codec path it undid and the characters it inferred for lost bytes; E101 reports them in the
original text. E102 looks at the repaired text for what the repair could not use.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.checks.context import DocumentContext
from audit.checks.registry import Example, Hit, document_check
from audit.model import Repair
from audit.normalize.encoding import find_residue

SNIPPET = 40
FIX = "Repaired by `source-audit fix`; better, decode the source as UTF-8 where it came in."


def _short(text: str) -> str:
    flat = " ".join(text.split()) if text.strip() else text
    return flat if len(flat) <= SNIPPET else flat[:SNIPPET - 1] + "…"


def describe(r: Repair) -> str:
    """``'鈥檚' → '’s' (UTF-8 read as gbk)``, with the characters inferred for lost bytes."""
    codecs = r.meta.get("codecs") or []
    source = "Windows-1252" if r.reason.startswith("Windows-1252") else "UTF-8"
    path = f"{source} read as " + ", then as ".join(codecs) if codecs else r.reason
    text = f"'{_short(r.before)}' → '{_short(r.after)}' ({path})"
    inferred = [i for i in r.meta.get("inferred", []) if i["char"] != "\ufffd"]
    if inferred:
        chars = ", ".join(f"'{i['char']}' ({i['confidence']:.0%} sure, of {i['candidates']})"
                          for i in inferred)
        text += f"; inferred for lost bytes: {chars}"
    if len(inferred) < len(r.meta.get("inferred", [])):
        text += "; some lost bytes could not be inferred"
    return text


@document_check("E101", "mojibake-repaired", "mojibake", "warning", examples=[
    Example(bad="To compare, France\u9225\u6a9a economy is worth $3.1 trillion.",
            good="To compare, France’s economy is worth $3.1 trillion.",
            note="UTF-8 read as GBK"),
    Example(bad="The caf\u00c3\u00a9 on the quay reopened on Monday.",
            good="The café on the quay reopened on Monday.",
            note="UTF-8 read as Windows-1252")])
def mojibake_repaired(ctx: DocumentContext) -> Iterator[Hit]:
    """Text that went through the wrong codec, repaired.

    ## What it does
    Reports every span the encoding normalizer repaired: UTF-8 read as Windows-1252/1250/
    1251, Latin-1, Mac Roman, GBK, Big5, Shift-JIS, EUC-KR (one or two layers deep), with the
    codec path and, where bytes were lost in transit, the character inferred for them and
    how sure the inference is.

    ## Why is this bad?
    The stored text is damaged: `France鈥檚` is not a word, names with accents no longer
    match across sources, and every consumer that reads the raw text sees the damage. A
    character inferred for a lost byte is a well-founded guess, not a certainty.

    ## Example
    ```text
    To compare, France鈥檚 economy is worth $3.1 trillion.
    ```

    ## Use instead
    ```text
    To compare, France’s economy is worth $3.1 trillion.
    ```
    """
    for r in ctx.repairs:
        if r.normalizer != "encoding" or not r.meta.get("codecs"):
            continue  # restyling asked for by options is not damage
        if r.reason.startswith("Windows-1252"):
            continue  # E103
        yield Hit(r.start, r.end, "Mojibake repaired: " + describe(r), suggestion=FIX,
                  coords="original")


@document_check("E103", "control-character-repaired", "mojibake", "info", examples=[
    Example(bad="Nous n'en avons pas encore parlé Tu sais",
            good="Nous n'en avons pas encore parlé… Tu sais")])
def control_character_repaired(ctx: DocumentContext) -> Iterator[Hit]:
    """A C1 control character that stood for a Windows-1252 character, repaired.

    ## What it does
    Reports C1 control characters (U+0080-U+009F) that the encoding normalizer replaced by
    the Windows-1252 characters whose bytes they are (`\x85` is `…`, `\x93` is `“`), as
    browsers do. These come from Windows-1252 text decoded as Latin-1, one character at a
    time: a lighter kind of damage than mojibake, which is E101.

    ## Why is this bad?
    Control characters are invisible or break display, and the punctuation they stand for
    is lost to every reader of the raw text.

    ## Example
    ```text
    Nous n'en avons pas encore parlé<U+0085> Tu sais
    ```

    ## Use instead
    ```text
    Nous n'en avons pas encore parlé… Tu sais
    ```
    """
    for r in ctx.repairs:
        if r.normalizer == "encoding" and r.reason.startswith("Windows-1252"):
            yield Hit(r.start, r.end, f"Control character repaired: '{_short(r.before)}' → "
                      f"'{_short(r.after)}' (Windows-1252 read as Latin-1)",
                      suggestion=FIX, coords="original")


@document_check("E102", "mojibake-residue", "mojibake", "error", examples=[
    Example(bad="Sloven\ufffdina is spoken by five million people.",
            good="Slovenčina is spoken by five million people.",
            note="a lost byte nobody can infer"),
    Example(bad="The raid was logged as case\x81 17.", good="The raid was logged as case 17.",
            note="a control character no codec explains")])
def mojibake_residue(ctx: DocumentContext) -> Iterator[Hit]:
    """Text that still looks like mojibake after the repair.

    ## What it does
    Reports, in the repaired text, what the encoding repair could not use: replacement
    characters (`�`) where lost bytes could not be inferred, stray C1 control characters,
    and stretches that would read as UTF-8 under some codec and show a telltale of mojibake
    but were left alone because the evidence was too thin or two codecs disagreed.

    ## Why is this bad?
    The text is damaged and the damage is still there: a word with `�` in it is lost to
    search, to name matching and to every reader; an unrepaired `Ã¥` is a wrong letter.

    ## Example
    ```text
    Slovenčina is spoken by five million people.  (stored as "Sloven�ina")
    ```

    ## Use instead
    Recover the text from a copy that was decoded correctly, or fix it by hand.
    """
    for res in find_residue(ctx.text):
        what = f"'{_short(ctx.text[res.start:res.end])}': {res.reason}"
        if res.reading is not None:
            what += f" ('{_short(res.reading)}'), but the evidence was not enough to repair it"
        yield Hit(res.start, res.end, "Mojibake left: " + what,
                  suggestion="Recover this passage from a correctly decoded copy.")
