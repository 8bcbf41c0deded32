"""Frequencies read through ``audit.wordfreqs``: wordfreq's answer, without the nested lists
it would otherwise keep for the life of the process."""

from __future__ import annotations

import wordfreq

from audit.wordfreqs import zipf_frequency


def test_the_answer_is_wordfreqs_and_its_lists_are_let_go():
    wordfreq.get_frequency_list.cache_clear()
    wordfreq.get_frequency_dict.cache_clear()  # so that this lookup loads the Swedish list
    assert zipf_frequency("och", "sv") == wordfreq.zipf_frequency("och", "sv") > 5
    assert zipf_frequency("qzxv", "sv") == 0.0
    assert wordfreq.get_frequency_list.cache_info().currsize == 0
    assert wordfreq.get_frequency_dict.cache_info().currsize >= 1  # the dict is kept
