"""Figures for inspection set-up (hmip_desktop.core.setup)."""

from __future__ import annotations

import random
from operator import itemgetter

from .registry import Context, Measurement, benchmark
from .timing import Work, compare

CASELOAD = 100_000
ATTRIBUTES = ("gender", "disposal_type", "risk_level")
#: Values and rough weights of a probation caseload (adult_probation.yaml's option ids).
VALUES = {
    "gender": (("male", 80), ("female", 18), ("other", 2)),
    "disposal_type": (("community_order", 35), ("suspended_sentence_order", 25), ("licence", 30),
                      ("post_sentence_supervision", 10)),
    "risk_level": (("low", 30), ("medium", 45), ("high", 20), ("very_high", 5)),
}


def synthetic_caseload(n: int, seed: int = 2003) -> list[dict[str, str]]:
    """``n`` cases with unique references, in random (not sorted) order."""
    rng = random.Random(seed)
    refs = rng.sample(range(10_000_000, 99_999_999), n)
    columns = {a: rng.choices([v for v, _ in vs], [w for _, w in vs], k=n) for a, vs in VALUES.items()}
    return [
        {"case_id": f"NM{ref}", **{a: columns[a][i] for a in ATTRIBUTES}}
        for i, ref in enumerate(refs)
    ]


@benchmark(
    "sample_draw",
    unit="ms",
    measures=f"selection.draw: a stratified sample (gender × disposal type × risk level, size from size.py "
    f"for {CASELOAD:,} cases) with ranked reserves, from a seeded synthetic caseload of {CASELOAD:,} rows",
    baseline="random.Random(seed).sample of the same size over the same rows sorted by case reference (the sort "
    "is what makes a draw independent of the input row order; without it random.sample does O(size) work)",
)
def sample_draw(ctx: Context) -> Measurement:
    from hmip_desktop.core.setup.selection import draw
    from hmip_desktop.core.setup.size import sample_size

    rows = synthetic_caseload(CASELOAD)  # untimed
    size = sample_size(len(rows))
    case_id = itemgetter("case_id")

    def ours() -> None:
        draw(rows, size, attributes=ATTRIBUTES, seed=1)

    def bare() -> None:
        random.Random(1).sample(sorted(rows, key=case_id), size)

    value, base = compare(Work(ours), Work(bare), ctx, repeats=15, warmup=1)
    return Measurement(value * 1000, base * 1000)
