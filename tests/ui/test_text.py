"""hmip_desktop.ui.text: arguments filled in once, the status words (the reports' own, in
both languages), and dates and times in the interface language, in UK local time."""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from hmip_desktop.core import words
from hmip_desktop.core.reports.text import tr as report_tr
from hmip_desktop.ui import text
from hmip_desktop.ui.i18n import Translations
from hmip_desktop.ui.text import fmt


def test_fmt_fills_each_argument_once():
    assert fmt("Case %1 of %2", "C7", 12) == "Case C7 of 12"
    assert fmt("%2, %1 and %1", "a", "b") == "b, a and a"
    assert fmt("%1%2", 5, 6) == "56"


def test_fmt_does_not_substitute_inside_an_argument():
    assert fmt("%1 by %2", "note: see %2", "lead") == "note: see %2 by lead"
    assert fmt("%1 (%2)", "%1", "%2") == "%1 (%2)"


def test_fmt_leaves_text_it_has_no_argument_for():
    assert fmt("95% interval: %1, %3", "x") == "95% interval: x, %3"
    assert fmt("no arguments") == "no arguments"


@pytest.fixture(params=words.LANGS)
def lang(request, qapp):
    """The interface switched to each language in turn (back to English afterwards)."""
    Translations().set_language(request.param)
    yield request.param
    Translations().set_language("en")


@pytest.fixture
def london():
    """Local time is UK time (GMT in winter, BST in summer)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_status_words_in_both_languages(lang):
    welsh = lang == "cy"
    assert text.status_text("not_started") == ("Heb ddechrau" if welsh else "Not started")
    assert text.status_text("in_progress") == ("Ar waith" if welsh else "In progress")
    assert text.status_text("complete") == ("Wedi'i gwblhau" if welsh else "Complete")
    assert text.outcome_text("returned") == ("Dychwelwyd i'r darllenydd" if welsh else "Returned to the reader")
    assert text.qa_text("sampled") == ("Yn y sampl" if welsh else "Sampled")
    assert text.status_text("archived") == "archived"
    assert text.outcome_text(None) == text.qa_text(None) == ""


def test_window_and_report_use_the_same_status_words(lang):
    """Every status and read outcome: the window's word is the report's word, in English and Welsh."""
    for status in words.STATUS:
        assert text.status_text(status) == report_tr(lang, f"state_{status}") == words.STATUS[status][words.LANGS.index(lang)]
    for outcome in words.OUTCOME:
        assert text.outcome_text(outcome) == report_tr(lang, f"outcome_{outcome}")
    for reason, pair in words.QA_REASON.items():
        assert text.qa_text(reason) == pair[words.LANGS.index(lang)]


def test_utc_times_are_shown_in_uk_local_time_in_the_interface_language(lang, london):
    welsh = lang == "cy"
    summer, winter = "2026-07-01T13:05:09.250+00:00", "2026-11-22T14:05:00Z"
    assert text.date_time_text(summer) == ("1 Gorff 2026 14:05" if welsh else "1 Jul 2026 14:05")  # BST
    assert text.date_time_text(winter) == ("22 Tach 2026 14:05" if welsh else "22 Nov 2026 14:05")  # GMT
    assert text.time_text(summer) == "14:05"
    assert text.time_text(summer, seconds=True) == "14:05:09"
    assert text.date_time_text(None) == text.date_time_text("") == text.date_time_text("not a time") == ""


def test_the_date_editor_shows_the_form_it_reads_back(lang):
    assert text.entry_date_text("2026-03-04") == "04/03/2026"
