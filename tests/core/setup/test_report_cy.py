"""The sample report in English (byte for byte as before: a golden file taken before the
report had a Welsh rendering) and in Welsh."""

from pathlib import Path

from hmip_desktop.core.setup.report import render_text

from .report_scenarios import reports

GOLDEN = Path(__file__).parent / "golden" / "report_en.txt"


def test_the_english_report_is_unchanged():
    got = "".join(f"===== {k}\n" + render_text(r) for k, r in reports().items())
    assert got == GOLDEN.read_text(encoding="utf-8")
