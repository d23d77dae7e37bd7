"""The ``hmip sample`` contract: header = input columns + selection,reserve_rank; only
sample and reserve rows; reproducible; one-line errors naming the line, non-zero exit."""

import csv
import random
import subprocess
import sys
from collections import Counter

from hmip_desktop.cli import main

HEADER = ["case_id", "office", "gender", "disposal_type", "risk_level", "age_band"]
GENDERS = ("male", "female", "other")
DISPOSALS = ("community_order", "suspended_sentence_order", "licence", "post_sentence_supervision")
RISKS = ("low", "medium", "high", "very_high")


def write_caseload(path, n=1000, seed=0, rows=None):
    rng = random.Random(seed)
    if rows is None:
        rows = [
            [f"NM{i:05d}", rng.choice(("Cardiff", "Swansea")), rng.choices(GENDERS, (80, 18, 2))[0],
             rng.choice(DISPOSALS), rng.choices(RISKS, (30, 45, 20, 5))[0], ""]
            for i in range(n)
        ]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return rows


def read(path):
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def run(*args):
    return subprocess.run([sys.executable, "-m", "hmip_desktop.cli", "sample", *args], capture_output=True, text=True)


def test_output_keeps_the_input_columns_and_adds_selection_and_reserve_rank(tmp_path):
    source = tmp_path / "caseload.csv"
    rows = write_caseload(source)
    out = tmp_path / "sample.csv"
    proc = run(str(source), "--seed", "7", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("caseload.csv: sampled 88 of 1000 cases")
    assert "By gender:" in proc.stdout
    table = read(out)
    assert table[0] == HEADER + ["selection", "reserve_rank"]
    body = table[1:]
    kinds = Counter(r[-2] for r in body)
    assert kinds["sample"] == 88 and kinds["reserve"] > 0 and set(kinds) == {"sample", "reserve"}
    assert all(r[-1] == "" for r in body if r[-2] == "sample")
    # Input values are kept as they were, in the caseload's order.
    by_id = {r[0]: r for r in rows}
    assert all(r[:-2] == by_id[r[0]] for r in body)
    order = [r[0] for r in rows]
    assert [r[0] for r in body] == sorted((r[0] for r in body), key=order.index)
    # Reserves are ranked 1, 2, ... within each stratum.
    ranks: dict[tuple, list[int]] = {}
    for r in body:
        if r[-2] == "reserve":
            ranks.setdefault((r[2], r[3], r[4]), []).append(int(r[-1]))
    assert ranks and all(sorted(v) == list(range(1, len(v) + 1)) for v in ranks.values())


def test_same_seed_same_file_also_with_shuffled_rows_and_size_by_hand(tmp_path):
    source = tmp_path / "caseload.csv"
    rows = write_caseload(source, n=300)
    shuffled = tmp_path / "shuffled.csv"
    random.Random(5).shuffle(rows)
    write_caseload(shuffled, rows=rows)
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    assert main(["sample", str(source), "--seed", "3", "--size", "40", "--out", str(a)]) == 0
    assert main(["sample", str(shuffled), "--seed", "3", "--size", "40", "--out", str(b)]) == 0
    assert main(["sample", str(source), "--seed", "4", "--size", "40", "--out", str(c)]) == 0
    picked = lambda p: {(r[0], r[-2], r[-1]) for r in read(p)[1:]}  # noqa: E731
    assert picked(a) == picked(b)
    assert picked(a) != picked(c)
    assert sum(1 for r in read(a)[1:] if r[-2] == "sample") == 40


def test_labels_are_accepted(tmp_path):
    source = tmp_path / "caseload.csv"
    write_caseload(source, rows=[[f"A{i}", "x", "Female", "Licence", "Very high", ""] for i in range(30)])
    out = tmp_path / "s.csv"
    proc = run(str(source), "--seed", "1", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert read(out)[1][2:5] == ["Female", "Licence", "Very high"]


def test_a_bad_row_is_a_one_line_error_naming_the_line(tmp_path):
    source = tmp_path / "caseload.csv"
    rows = write_caseload(source, n=50)
    rows[9][4] = "extreme"  # line 11 (header is line 1)
    write_caseload(source, rows=rows)
    out = tmp_path / "s.csv"
    proc = run(str(source), "--seed", "1", "--out", str(out))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("hmip: error: caseload.csv:11: risk_level: 'extreme'")
    assert not out.exists()


def test_every_bad_row_gets_its_own_line(tmp_path):
    source = tmp_path / "caseload.csv"
    rows = write_caseload(source, n=50)
    rows[0][3] = ""
    rows[5][4] = "extreme"
    write_caseload(source, rows=rows)
    proc = run(str(source), "--seed", "1", "--out", str(tmp_path / "s.csv"))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert [line.split(":")[3] for line in lines] == ["2", "7"]
    assert "missing disposal type" in lines[0] and "'extreme'" in lines[1]


def test_missing_column_and_absurd_files_are_one_line_errors(tmp_path):
    source = tmp_path / "caseload.csv"
    source.write_text("case_id,gender,disposal_type\nA1,male,licence\n", encoding="utf-8")
    proc = run(str(source), "--seed", "1", "--out", str(tmp_path / "s.csv"))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert "caseload.csv:1: no column for risk_level" in proc.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    proc = run(str(empty), "--seed", "1", "--out", str(tmp_path / "s.csv"))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "empty" in proc.stderr
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(bytes(range(256)) * 10)
    proc = run(str(garbage), "--seed", "1", "--out", str(tmp_path / "s.csv"))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "binary" in proc.stderr
    proc = run(str(tmp_path / "missing.csv"), "--seed", "1", "--out", str(tmp_path / "s.csv"))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    write_caseload(source, n=20)
    proc = run(str(source), "--seed", "1", "--size", "21", "--out", str(tmp_path / "s.csv"))
    assert proc.returncode == 1 and "larger than the caseload" in proc.stderr and proc.stderr.count("\n") == 1


def test_seed_and_out_are_required():
    proc = run("caseload.csv")
    assert proc.returncode == 2 and "--seed" in proc.stderr and "--out" in proc.stderr
    assert subprocess.run([sys.executable, "-m", "hmip_desktop.cli", "sample", "--help"],
                          capture_output=True, text=True).returncode == 0


def test_names_are_dropped_from_the_output_with_a_warning(tmp_path):
    source = tmp_path / "caseload.csv"
    source.write_text(
        "case_id,surname,gender,disposal_type,risk_level\n" + "".join(f"A{i},Smith,male,licence,low\n" for i in range(20)),
        encoding="utf-8",
    )
    out = tmp_path / "s.csv"
    proc = run(str(source), "--seed", "1", "--out", str(out))
    assert proc.returncode == 0
    assert "hmip: warning: caseload.csv:1: column 'surname' looks like it holds names" in proc.stderr
    assert read(out)[0] == ["case_id", "gender", "disposal_type", "risk_level", "selection", "reserve_rank"]


def esi_draw(tmp_path, rng_seed, risk_weights, *options):
    """An ESI draw of 100 from 800 cases with these risk level weights: (process, sampled rows)."""
    from hmip_desktop.core.paths import forms_dir

    source = tmp_path / "caseload.csv"
    rng = random.Random(rng_seed)
    rows = [[f"E{i}", "", rng.choice(GENDERS[:2]), rng.choice(DISPOSALS), rng.choices(RISKS, risk_weights)[0], ""]
            for i in range(800)]
    write_caseload(source, rows=rows)
    out = tmp_path / "s.csv"
    proc = run(str(source), "--seed", "1", "--size", "100", "--framework", str(forms_dir() / "esi_2003.yaml"),
               "--out", str(out), *options)
    assert proc.returncode == 0, proc.stderr
    return proc, [r for r in read(out)[1:] if r[-2] == "sample"]


def test_another_framework_sets_quotas(tmp_path):
    proc, rows = esi_draw(tmp_path, 2, (50, 40, 5, 5))
    sampled = [r[4] for r in rows]
    high, very_high = sampled.count("high"), sampled.count("very_high")
    assert high and very_high and high + very_high == 20, "the ESI quota counts high and very high risk together"
    assert ("Quota risk_level=high_or_very_high (high, very_high): 20 per 100 cases -> at least 20; 20 sampled (met)."
            in proc.stdout)
    proc, _ = esi_draw(tmp_path, 2, (50, 40, 5, 5), "--explain")
    assert "quota risk_level=high_or_very_high (high, very_high): 20 per 100 -> at least 20" in proc.stdout


def test_esi_group_quota_with_only_very_high_cases(tmp_path):
    """A caseload whose high-risk cases are all very high still meets the ESI quota."""
    _, rows = esi_draw(tmp_path, 3, (55, 40, 0, 5))
    assert sum(1 for r in rows if r[4] == "very_high") >= 20
