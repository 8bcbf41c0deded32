"""Word frequencies from wordfreq, without keeping the lists wordfreq builds them from.

wordfreq reads a language's word list as buckets of words (nested Python lists) and keeps
them beside the frequency dict it builds from them, for the life of the process. Lookups only
read the dict; the nested lists, millions of strings once English and the tie-break
languages are loaded, are walked by every full garbage collection (measured on the encoding
benchmark: letting them go makes the repair 1.2 times faster). So whenever a lookup finds
lists kept, they are let go. Every stage reads frequencies through here.
"""

from __future__ import annotations


def zipf_frequency(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``: 0-8, 0 for a word the list does not have."""
    import wordfreq  # its lists load on first use

    value: float = wordfreq.zipf_frequency(word, lang)
    release()
    return value


def release() -> None:
    """Let go of the word lists wordfreq keeps (its frequency dicts stay): for code that
    read lists directly, such as ``wordfreq.top_n_list``."""
    import wordfreq

    if wordfreq.get_frequency_list.cache_info().currsize:
        wordfreq.get_frequency_list.cache_clear()
