"""Allocation of sampled cases to the team: balanced, capped, deterministic, editable."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hmip_desktop.core.setup.allocation import AllocationRefused, allocate, local_assessor_cap, move

TEAM = [
    {"id": "lead", "role": "lead"},
    {"id": "insp1", "role": "inspector"},
    {"id": "insp2", "role": "inspector"},
    {"id": "la1", "role": "local_assessor"},
]


def cases(n):
    return [f"C{i:03d}" for i in range(n)]


def test_balanced_and_deterministic():
    a = allocate(cases(48), TEAM)
    assert a.counts() == {"insp1": 16, "insp2": 16, "la1": 16}
    assert a.local_assessor_cases() == 16 == local_assessor_cap(48)
    assert allocate(cases(48), TEAM) == a
    # Cases are dealt in turn, so every stretch of the sample order is spread over readers.
    assert [a.assignments[c] for c in cases(3)] == ["insp1", "insp2", "la1"]


def test_local_assessors_limited_to_a_third():
    team = [{"id": "i1", "role": "inspector"}, {"id": "l1", "role": "local_assessor"},
            {"id": "l2", "role": "local_assessor"}, {"id": "l3", "role": "local_assessor"}]
    a = allocate(cases(30), team)
    assert a.local_assessor_cases() == 10
    assert a.counts() == {"i1": 20, "l1": 4, "l2": 3, "l3": 3}
    b = allocate(cases(30), team, local_assessor_share=0.5)
    assert b.local_assessor_cases() == 15


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(0, 150),
    inspectors=st.integers(1, 6),
    assessors=st.integers(0, 5),
    caps=st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=11, max_size=11),
)
def test_counts_differ_by_at_most_one_among_uncapped_readers(n, inspectors, assessors, caps):
    team = [{"id": f"i{k}", "role": "inspector", "cap": caps[k]} for k in range(inspectors)]
    team += [{"id": f"l{k}", "role": "local_assessor", "cap": caps[6 + k]} for k in range(assessors)]
    try:
        a = allocate(cases(n), team)
    except AllocationRefused as exc:
        assert "within its caps" in str(exc) or "nobody" in str(exc)
        return
    assert len(a.assignments) == n
    counts = a.counts()
    assert a.local_assessor_cases() <= n // 3
    cap = {m["id"]: m["cap"] for m in team}
    for member, count in counts.items():
        assert cap[member] is None or count <= cap[member]
    la_full = a.local_assessor_cases() == n // 3
    free = [
        count for member, count in counts.items()
        if (cap[member] is None or count < cap[member]) and not (member.startswith("l") and la_full)
    ]
    # Nobody free to take more has two fewer than anyone else.
    if free:
        assert max(counts.values()) - min(free) <= 1


def test_caps_and_leads():
    team = [{"id": "lead", "role": "lead", "cap": 2}, {"id": "i1", "role": "inspector", "cap": 3}, {"id": "i2", "role": "inspector"}]
    a = allocate(cases(12), team)
    assert a.counts() == {"lead": 2, "i1": 3, "i2": 7}
    with pytest.raises(AllocationRefused, match="within its caps"):
        allocate(cases(6), [{"id": "i1", "role": "inspector", "cap": 5}])
    with pytest.raises(AllocationRefused, match="nobody"):
        allocate(cases(1), [{"id": "lead", "role": "lead"}])
    with pytest.raises(AllocationRefused, match="role"):
        allocate(cases(1), [{"id": "x", "role": "manager"}])


def test_move_by_hand_rechecks_the_local_assessor_share():
    a = allocate(cases(48), TEAM)
    case = a.cases_of("insp1")[0]
    with pytest.raises(AllocationRefused, match="more than their share allows"):
        move(a, case, "la1")
    b = move(a, a.cases_of("la1")[0], "insp2")
    assert b.counts() == {"insp1": 16, "insp2": 17, "la1": 15}
    assert len(b.moves) == 1 and b.moves[0].to_member == "insp2"
    c = move(b, case, "la1")  # now there is room
    assert c.local_assessor_cases() == 16
    assert a.counts()["la1"] == 16  # the original is unchanged
    with pytest.raises(AllocationRefused, match="does not read cases"):
        move(a, case, "lead")
    with pytest.raises(AllocationRefused, match="not in the team"):
        move(a, case, "nobody")
    with pytest.raises(AllocationRefused, match="not allocated"):
        move(a, "C999", "insp2")
    capped = allocate(cases(4), [{"id": "i1", "role": "inspector", "cap": 2}, {"id": "i2", "role": "inspector"}])
    with pytest.raises(AllocationRefused, match="their cap"):
        move(capped, capped.cases_of("i2")[0], "i1")
