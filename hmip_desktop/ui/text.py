"""Translated text with arguments, the status words, and dates and times, for every window.

* ``fmt(_tr("Case %1 of %2"), a, b)``: fills %1..%n of a translated template in one pass
  (an argument that itself holds "%2" is left as it is). PySide6 has no ``QString.arg``.
* ``status_text``, ``outcome_text``, ``qa_text``: the status words. Their English and Welsh
  are in ``hmip_desktop.core.words``, the table the reports use too; here the English is
  translated through Qt's catalogue (context ``Words``, which ``scripts/build_translations``
  fills from that table), so a window and a report always use the same word.
* ``error_text``: a core refusal (``core.messages.Refusal``) in the interface language.
* ``date_time_text``, ``time_text``, ``entry_date_text``, ``parse_entry_date``: dates and times in the interface
  language (UK English or Welsh, through QLocale). Stored times are UTC ISO timestamps and
  are shown in local time.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from ..core.messages import text_of
from ..core.words import OUTCOME, QA_REASON, READ_STATE, STATUS
from .i18n import Translations

#: How the date editor shows a date: the form its parser reads back, the same in both languages.
ENTRY_DATE_FORMAT = "dd/MM/yyyy"

_ARGUMENT = re.compile(r"%(\d+)")


def fmt(template: str, *args: object) -> str:
    """``template`` with %1 replaced by the first argument, %2 by the second, and so on, in
    one pass: what an argument brings in is never substituted again. A %n with no argument
    is left as it is."""

    def argument(match: re.Match) -> str:
        n = int(match.group(1))
        return str(args[n - 1]) if 1 <= n <= len(args) else match.group(0)

    return _ARGUMENT.sub(argument, template)


def error_text(error: BaseException | str) -> str:
    """What a window shows for ``error``: a core refusal in the interface language (its
    message id's template, see ``hmip_desktop.core.messages``), anything else as it reads."""
    return error if isinstance(error, str) else text_of(error, Translations.lang)


# -- the status words ----------------------------------------------------------------------


def _word(table: dict[str, tuple[str, str]], key: str | None) -> str:
    pair = table.get(key or "")
    # The context the translation script files the core's words under (see its docstring).
    return QCoreApplication.translate("Words", pair[0]) if pair else ""


def reallocated_text() -> str:
    """What the case list shows for a read whose case the latest pack gives to someone else."""
    return _word(READ_STATE, "reallocated")


def status_text(status: str) -> str:
    """A case read's status ("not_started", "in_progress", "complete"); an unknown one as it is."""
    return _word(STATUS, status) or status


def outcome_text(outcome: str | None) -> str:
    """A read outcome ("agreed", "changed", "returned"); "" for none."""
    return _word(OUTCOME, outcome)


def qa_text(reason: str | None) -> str:
    """Why a read is in the QA sample ("sampled", "added"); "" for none."""
    return _word(QA_REASON, reason)


# -- dates and times -----------------------------------------------------------------------


def locale() -> QLocale:
    """The interface language's locale: UK English or Welsh."""
    language = QLocale.Language.Welsh if Translations.lang == "cy" else QLocale.Language.English
    return QLocale(language, QLocale.Country.UnitedKingdom)


def _local(iso: str | None) -> QDateTime | None:
    """A stored (UTC) ISO timestamp as a local date and time; None for nothing or not a time."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return None
    return QDateTime(QDate(moment.year, moment.month, moment.day),
                     QTime(moment.hour, moment.minute, moment.second))


def date_time_text(iso: str | None) -> str:
    """A stored UTC time in local time: '22 Nov 2026 14:05' / '22 Tach 2026 14:05'; "" for none."""
    moment = _local(iso)
    if moment is None:
        return ""
    loc = locale()
    return loc.toString(moment, "d MMM yyyy " + loc.timeFormat(QLocale.FormatType.ShortFormat))


def time_text(iso: str | None, seconds: bool = False) -> str:
    """The local time of day of a stored UTC time: '14:05' (or '14:05:09'); "" for none."""
    moment = _local(iso)
    if moment is None:
        return ""
    loc = locale()
    pattern = loc.timeFormat(QLocale.FormatType.ShortFormat)
    return loc.toString(moment.time(), pattern + ":ss" if seconds else pattern)


def entry_date_text(value: str | date) -> str:
    """A date (ISO text or a date) as the date editor shows it for editing: ``ENTRY_DATE_FORMAT``,
    the form its parser reads back."""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return locale().toString(QDate(day.year, day.month, day.day), ENTRY_DATE_FORMAT)


#: What a typed date may look like: as shown (dd/mm/yyyy), ISO, or with dots.
ENTRY_DATE_PATTERNS = ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y")


def parse_entry_date(text: str) -> str | None:
    """A typed date (dd/mm/yyyy, also YYYY-MM-DD or dd.mm.yyyy) as ISO text; None for
    nothing typed; ValueError for anything else. Every date entry in every window reads dates
    this way."""
    text = text.strip()
    if not text:
        return None
    for pattern in ENTRY_DATE_PATTERNS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise ValueError(text)
