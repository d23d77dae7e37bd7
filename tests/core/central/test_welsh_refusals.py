"""The central store's refusals in Welsh through the real command line (``hmip --lang cy``):
a bundle from an unknown key and one encrypted to another store, a key enrolled twice, an
inspection that does not exist, a replacement without a reason; English unchanged
without the option."""

from __future__ import annotations

import pytest

from hmip_desktop.cli import main


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A demo laptop and its central store (SQLite), one exported bundle, and a second,
    empty central store that has never heard of the inspector."""
    folder = tmp_path_factory.mktemp("welsh_refusals")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HMIP_KEY_PASSPHRASE", "pw")
        mp.chdir(folder)
        assert main(["demo", "f.sqlite", "--central", "c.sqlite", "--keys", "k"]) == 0
        assert main(["export", "f.sqlite", "--inspection", "demo", "--key", "k", "--out", "b.bundle"]) == 0
        assert main(["central", "init", "other.sqlite"]) == 0
    return folder


def _run(world, capsys, monkeypatch, *argv: str) -> tuple[int, str]:
    monkeypatch.chdir(world)
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().err.strip()


def test_a_bundle_from_an_unknown_key_is_rejected_in_welsh(world, capsys, monkeypatch):
    code, err = _run(world, capsys, monkeypatch, "--lang", "cy", "central", "import", "other.sqlite", "b.bundle")
    assert code == 1
    assert err.startswith("b.bundle: REJECTED: wedi'i lofnodi gan allwedd anhysbys ")
    assert err.endswith(": cofrestrwch hi yn gyntaf (hmip central enrol)")
    # Without --lang, the English line is what it always was.
    code, err = _run(world, capsys, monkeypatch, "central", "import", "other.sqlite", "b.bundle")
    assert code == 1 and err.startswith("b.bundle: REJECTED: signed by an unknown key ")
    assert err.endswith(": enrol it first (hmip central enrol)")


def test_a_key_enrolled_twice_and_a_bundle_for_another_store_in_welsh(world, capsys, monkeypatch):
    enrol = ("central", "enrol", "other.sqlite", "--name", "Insp One", "--role", "inspector",
             "--public-key", "k/public.key")
    code, _ = _run(world, capsys, monkeypatch, *enrol)
    assert code == 0
    code, err = _run(world, capsys, monkeypatch, "--lang", "CY", *enrol)  # any case, as for the reports
    assert code == 1
    assert err.startswith("hmip: error: mae allwedd ") and err.endswith(" wedi'i chofrestru eisoes (fel Insp One, inspector)")
    # The key is known now, but the bundle was encrypted to the demo's central store.
    code, err = _run(world, capsys, monkeypatch, "--lang", "cy", "central", "import", "other.sqlite", "b.bundle")
    assert code == 1
    assert err == "b.bundle: REJECTED: ni ellir dadgryptio: nid yw'r bwndel wedi'i amgryptio i'r storfa ganolog hon"


def test_a_wrong_inspection_and_a_missing_store_in_welsh(world, capsys, monkeypatch):
    code, err = _run(world, capsys, monkeypatch, "--lang", "cy", "central", "ratings", "c.sqlite", "--inspection", "nope")
    assert (code, err) == (1, "hmip: error: nid oes arolygiad 'nope' yn y storfa ganolog hon")
    code, err = _run(world, capsys, monkeypatch, "central", "ratings", "c.sqlite", "--inspection", "nope")
    assert (code, err) == (1, "hmip: error: no inspection 'nope' in this central store")
    code, err = _run(world, capsys, monkeypatch, "--lang", "cy", "central", "import", "missing.sqlite", "b.bundle")
    assert (code, err) == (1, "hmip: error: missing.sqlite: nid oes storfa ganolog o'r fath "
                              "(crëwch hi gyda: hmip central init missing.sqlite)")


def test_a_replacement_without_a_reason_and_a_case_outside_the_sample_in_welsh(world, capsys, monkeypatch):
    base = ("--lang", "cy", "central", "replace", "c.sqlite", "--inspection", "demo")
    code, err = _run(world, capsys, monkeypatch, *base, "NO-SUCH-CASE", "--reason", " ")
    assert (code, err) == (1, "hmip: error: rhowch y rheswm na ellir defnyddio'r achos")
    code, err = _run(world, capsys, monkeypatch, *base, "NO-SUCH-CASE", "--reason", "moved away")
    assert (code, err) == (1, "hmip: error: nid yw achos NO-SUCH-CASE yn sampl presennol arolygiad 'demo'")


def test_a_report_commands_own_lang_also_sets_the_language_of_its_refusals(world, capsys, monkeypatch, tmp_path):
    code, err = _run(world, capsys, monkeypatch, "report", "c.sqlite", "--inspection", "nope", "--lang", "cy",
                     "--out", str(tmp_path / "r.pdf"))
    assert code == 1 and "nid oes arolygiad 'nope' yn y storfa ganolog hon" in err


def test_sampler_refusals_in_welsh(world, capsys, monkeypatch):
    (world / "empty.csv").write_bytes(b"")
    code, err = _run(world, capsys, monkeypatch, "--lang", "cy", "sample", "empty.csv", "--seed", "1",
                     "--out", "s.csv")
    assert (code, err) == (1, "hmip: error: empty.csv: mae empty.csv yn wag")
    (world / "twice.csv").write_text("case_id,gender,Gender\nC1,female,female\n", encoding="utf-8")
    code, err = _run(world, capsys, monkeypatch, "--lang", "cy", "sample", "twice.csv", "--seed", "1",
                     "--out", "s.csv")
    assert (code, err) == (1, "hmip: error: twice.csv:1: mae colofn 'Gender' yn ymddangos ddwywaith yn y pennawd")
    code, err = _run(world, capsys, monkeypatch, "sample", "twice.csv", "--seed", "1", "--out", "s.csv")
    assert (code, err) == (1, "hmip: error: twice.csv:1: column 'Gender' appears twice in the header")


def test_a_draw_too_large_for_the_caseload_is_refused_in_welsh(world, capsys, monkeypatch):
    """One refusal inside another (the sampler's inside the central store's) in Welsh."""
    from tests.core.central.test_setup_cli import write_caseload

    write_caseload(world / "caseload.csv", n=60)
    code, err = _run(world, capsys, monkeypatch, "--lang", "cy", "central", "draw", "c.sqlite", "--inspection",
                     "demo", "caseload.csv", "--seed", "1", "--size", "100000")
    assert code == 1
    assert err.startswith("hmip: error: caseload.csv: mae maint y sampl, 100000, yn fwy na'r llwyth achosion (")
    assert err.endswith(" achos)")


def test_a_caseloads_bad_rows_are_listed_in_welsh(world, capsys, monkeypatch):
    """Row problems are listed, not raised: each reads in Welsh with --lang cy (the
    framework's Welsh label), and as it always did in English without it."""
    (world / "rows.csv").write_text("case_id,gender,disposal_type,risk_level\nC1,purple,licence,low\n"
                                    "C2,male,,low\nC3,male,licence,lowish\nC4,male,licence,low,extra\n",
                                    encoding="utf-8")
    code, err = _run(world, capsys, monkeypatch, "--lang", "cy", "sample", "rows.csv", "--seed", "1", "--out", "s.csv")
    assert code == 1
    assert err.splitlines() == [
        "hmip: error: rows.csv:2: gender: nid yw 'purple' yn werth dilys ar gyfer rhywedd: roedd disgwyl un o male, "
        "female, other (neu eu labeli Saesneg neu Gymraeg)",
        "hmip: error: rows.csv:3: disposal_type: math o warediad ar goll",
        "hmip: error: rows.csv:4: risk_level: nid yw 'lowish' yn werth dilys ar gyfer lefel risg o niwed difrifol: "
        "roedd disgwyl un o low, medium, high, very_high (neu eu labeli Saesneg neu Gymraeg)",
        "hmip: error: rows.csv:5: 5 gwerth ond mae 4 colofn yn y pennawd"]
    code, err = _run(world, capsys, monkeypatch, "sample", "rows.csv", "--seed", "1", "--out", "s.csv")
    assert code == 1
    assert err.splitlines() == [
        "hmip: error: rows.csv:2: gender: 'purple' is not a valid gender: expected one of male, female, other (or "
        "their English or Welsh labels)",
        "hmip: error: rows.csv:3: disposal_type: missing disposal type",
        "hmip: error: rows.csv:4: risk_level: 'lowish' is not a valid risk of serious harm level: expected one of low, "
        "medium, high, very_high (or their English or Welsh labels)",
        "hmip: error: rows.csv:5: 5 values but the header has 4 columns"]


def test_the_cases_left_out_are_explained_in_welsh(world, capsys, monkeypatch):
    """``hmip --lang cy sample … --explain``: why each case was left out reads in Welsh."""
    rows = ["case_id,gender,disposal_type,risk_level,start_date"]
    rows += [f"NM-{i:05d},{'female' if i % 4 else 'male'},licence,{('low', 'medium', 'high')[i % 3]},2020-01-01"
             for i in range(60)]
    rows[3] = rows[3].replace("2020-01-01", "2099-01-01")  # NM-00002, line 4: not yet started
    rows.append("NM-00001,female,licence,medium,2020-02-01")  # line 62: NM-00001 again, later
    (world / "left.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    argv = ("sample", "left.csv", "--seed", "1", "--out", "s.csv", "--explain", "--as-of", "2026-01-01")
    monkeypatch.chdir(world)
    capsys.readouterr()
    assert main(["--lang", "cy", *argv]) == 0
    welsh = capsys.readouterr().out
    assert "     line 4: NM-00002: heb ddechrau eto\n" in welsh
    assert "     line 62: NM-00001: yr un cyfeirnod achos (cadwyd llinell 3 (start_date cynharach))\n" in welsh
    assert main(list(argv)) == 0
    english = capsys.readouterr().out
    assert "     line 4: NM-00002: not yet started\n" in english
    assert "     line 62: NM-00001: same case reference (line 3 kept (earlier start_date))\n" in english


def test_the_inbox_watcher_says_why_in_welsh(world, capsys, monkeypatch):
    inbox = world / "inbox"
    inbox.mkdir()
    (inbox / "junk.bundle").write_bytes(b"not a bundle at all")
    monkeypatch.chdir(world)
    capsys.readouterr()
    assert main(["--lang", "cy", "central", "watch", "c.sqlite", "inbox", "--once"]) == 0
    assert capsys.readouterr().out == "junk.bundle: rejected: nid yw'n ffeil hmip (rhif hud anghywir)\n"
    reason = (inbox / "rejected" / "junk.bundle.reason.txt").read_text(encoding="utf-8")
    assert reason == "nid yw'n ffeil hmip (rhif hud anghywir)\n"
    (inbox / "junk2.bundle").write_bytes(b"not a bundle either")
    assert main(["central", "watch", "c.sqlite", "inbox", "--once"]) == 0
    assert capsys.readouterr().out == "junk2.bundle: rejected: not an hmip file (bad magic number)\n"
