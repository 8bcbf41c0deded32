"""B2xx: page furniture that the boilerplate normalizer removed.

Each kind of furniture has its own code, at ``info`` (the text is repaired; ``source-audit
fix`` writes it without the furniture). Furniture that was glued to the article's text with
no space is reported as B210 instead, at ``warning``: the page was flattened without
separators, and the sentence next to it deserves a look.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.checks.context import DocumentContext
from audit.checks.registry import Example, Hit, document_check
from audit.checks.rules.from_repairs import hits

SUGGESTION = "Removed by `source-audit fix`; strip it upstream in the scraper if you can."


def _kind(ctx: DocumentContext, kinds: set[str], label: str) -> Iterator[Hit]:
    yield from hits(ctx, "boilerplate",
                    lambda r: r.meta.get("kind") in kinds and not r.meta.get("glued"),
                    lambda r, s: f"{label} removed: '{s}'", SUGGESTION)


@document_check("B201", "advertisement", "boilerplate", "info", examples=[Example(
    bad="Officials met on Monday.\nADVERTISEMENT\nThe talks lasted four hours.",
    good="Officials met on Monday.\nThe talks lasted four hours.")])
def advertisement(ctx: DocumentContext) -> Iterator[Hit]:
    """An advertisement label or ad widget on lines of its own.

    ## What it does
    Reports the ad labels ("ADVERTISEMENT", "Anzeige", "Publicité") and recommendation
    widgets (Taboola, Outbrain, "Sponsored Links") that the boilerplate normalizer removed.

    ## Why is this bad?
    Ads are not the article. Left in a corpus they teach a model that news stories contain
    sponsored headlines, and they skew word counts and similarity between sources.

    ## Example
    ```text
    Officials met on Monday.
    ADVERTISEMENT
    The talks lasted four hours.
    ```

    ## Use instead
    ```text
    Officials met on Monday.
    The talks lasted four hours.
    ```
    """
    yield from _kind(ctx, {"advert"}, "advertisement")


@document_check("B202", "poll", "boilerplate", "info", examples=[Example(
    bad="The vote is on Sunday.\nPoll: Will turnout rise this year? Yes No\nPolls open at 8.",
    good="The vote is on Sunday.\nPolls open at 8.")])
def poll(ctx: DocumentContext) -> Iterator[Hit]:
    """A reader poll (a label, a question, its answers) on a line of its own.

    ## What it does
    Reports reader polls ("Poll: Do you think …? Yes No") that the boilerplate normalizer
    removed.

    ## Why is this bad?
    A poll question reads like a sentence of the article but is the site's, not the
    reporter's; it often names people the story does not mention.

    ## Example
    ```text
    The vote is on Sunday.
    Poll: Will turnout rise this year? Yes No
    Polls open at 8.
    ```

    ## Use instead
    ```text
    The vote is on Sunday.
    Polls open at 8.
    ```
    """
    yield from _kind(ctx, {"poll"}, "reader poll")


@document_check("B203", "related-links", "boilerplate", "info", examples=[Example(
    bad="The bridge reopened.\n\nRelated news\n\nFerry fares rise\n\n3 May 2024\n",
    good="The bridge reopened.\n")])
def related_links(ctx: DocumentContext) -> Iterator[Hit]:
    """A "Read also" / "Related news" / "See also" / "Most read" block.

    ## What it does
    Reports blocks of related links (a header and the headlines listed under it) that the
    boilerplate normalizer removed.

    ## Why is this bad?
    The listed headlines are other stories. They bring other figures, names and dates into
    the document, which the cross-source checks would then compare as if the article said
    them.

    ## Example
    ```text
    The bridge reopened.

    Related news

    Ferry fares rise
    ```

    ## Use instead
    ```text
    The bridge reopened.
    ```
    """
    yield from _kind(ctx, {"related"}, "related links")


@document_check("B204", "credit-line", "boilerplate", "info", examples=[Example(
    bad="Photo: Harbour Times\nThe ferry sank at dawn.\n(Reporting by Ann Lee; "
        "Editing by Bo Chan)",
    good="The ferry sank at dawn.")])
def credit_line(ctx: DocumentContext) -> Iterator[Hit]:
    """A photo credit, byline, reporting credit or source link.

    ## What it does
    Reports credit lines ("Photo credit © Agency", "By Jane Doe", "(Reporting by …;
    Editing by …)", "Source link") that the boilerplate normalizer removed.

    ## Why is this bad?
    Credits are metadata, not article text: they belong in the document's fields. In the
    text they add names that are not part of the story and make copies of one wire story
    look different.

    ## Example
    ```text
    Photo: Harbour Times
    The ferry sank at dawn.
    (Reporting by Ann Lee; Editing by Bo Chan)
    ```

    ## Use instead
    ```text
    The ferry sank at dawn.
    ```
    """
    yield from _kind(ctx, {"credit"}, "credit line")


@document_check("B205", "copyright-notice", "boilerplate", "info", examples=[Example(
    bad="The ferry sank at dawn.\n\n© 2024 Harbour Times. All rights reserved.",
    good="The ferry sank at dawn.")])
def copyright_notice(ctx: DocumentContext) -> Iterator[Hit]:
    """A copyright notice paragraph.

    ## What it does
    Reports copyright paragraphs ("©2024 Agency, all rights reserved …") that the
    boilerplate normalizer removed.

    ## Why is this bad?
    The notice is the publisher's legal footer, repeated on every page; it dominates
    similarity between documents of one outlet and is not part of the story.

    ## Example
    ```text
    The ferry sank at dawn.

    © 2024 Harbour Times. All rights reserved.
    ```

    ## Use instead
    ```text
    The ferry sank at dawn.
    ```
    """
    yield from _kind(ctx, {"copyright"}, "copyright notice")


@document_check("B206", "subscriber-teaser", "boilerplate", "info", examples=[Example(
    bad="The council voted on Monday.\nSubscribe to read the full story.",
    good="The council voted on Monday.")])
def subscriber_teaser(ctx: DocumentContext) -> Iterator[Hit]:
    """A paywall or newsletter teaser.

    ## What it does
    Reports subscriber teasers ("Subscribe to read …", "Already a subscriber?", "Sign up
    for our newsletter") that the boilerplate normalizer removed.

    ## Why is this bad?
    A teaser usually marks where a paywall cut the article: the text after it is missing.
    Look for a truncated paragraph (D304) next to it.

    ## Example
    ```text
    The council voted on Monday.
    Subscribe to read the full story.
    ```

    ## Use instead
    ```text
    The council voted on Monday.
    ```
    """
    yield from _kind(ctx, {"subscriber"}, "subscriber teaser")


@document_check("B207", "share-prompt", "boilerplate", "info", examples=[Example(
    bad="The council voted on Monday.\nShare this article\nThe budget passed.",
    good="The council voted on Monday.\nThe budget passed.")])
def share_prompt(ctx: DocumentContext) -> Iterator[Hit]:
    """A social sharing or follow prompt.

    ## What it does
    Reports share buttons and follow prompts ("Share this article", "Follow us on …")
    that the boilerplate normalizer removed.

    ## Why is this bad?
    They are page buttons, not sentences of the article.

    ## Example
    ```text
    The council voted on Monday.
    Share this article
    The budget passed.
    ```

    ## Use instead
    ```text
    The council voted on Monday.
    The budget passed.
    ```
    """
    yield from _kind(ctx, {"share"}, "share prompt")


@document_check("B210", "glued-boilerplate", "boilerplate", "warning", examples=[Example(
    bad="Crews searched the river.PollWill the bridge reopen?YesNo\nDivers joined them.",
    good="Crews searched the river.\nDivers joined them.")])
def glued_boilerplate(ctx: DocumentContext) -> Iterator[Hit]:
    """Page furniture glued to the article's text with no space.

    ## What it does
    Reports furniture of any kind (ad widgets, polls, "Read also" links) that was glued
    onto article text or onto other furniture without a space or line break
    (`…abuse".PollDo you think …?YesNo`, `…Learn MoreUndoWhile most cases`), and that the
    boilerplate normalizer cut out, keeping the sentence next to it.

    ## Why is this bad?
    Glued furniture reads as part of a sentence; tokenizers make new words of it
    ("UndoWhile") and sentence splitters miss the boundary. It also shows that the page
    was flattened without separators, so the neighbouring sentence may be damaged too.

    ## Example
    ```text
    Crews searched the river.PollWill the bridge reopen?YesNo
    ```

    ## Use instead
    ```text
    Crews searched the river.
    ```
    """
    yield from hits(ctx, "boilerplate", lambda r: bool(r.meta.get("glued")),
                    lambda r, s: f"{r.meta.get('kind', 'page furniture')} glued into the "
                                 f"text removed: '{s}'", SUGGESTION)
