"""form_state.Completeness (the central import's completion check, cached by the values
relevance refers to) gives exactly what form_state.missing gives, for every framework."""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hmip_desktop.core.field import form_state
from hmip_desktop.core.frameworks import load_text
from hmip_desktop.core.frameworks.loader import read_file
from hmip_desktop.core.paths import forms_dir

FILES = sorted(p.name for p in forms_dir().glob("*.y*ml"))


@lru_cache(maxsize=None)
def _framework(name: str):
    return load_text(read_file(forms_dir() / name), name)


@lru_cache(maxsize=None)
def _checker(name: str) -> form_state.Completeness:
    return form_state.Completeness(_framework(name))  # one per framework: its cache is exercised across examples


def _odd() -> st.SearchStrategy:
    """Values relevance must tell apart: bools and numbers, empty and blank, lists."""
    return st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from([0.0, 1.0, 2.5]),
                     st.sampled_from(["", " ", "yes", "no", "na"]), st.lists(st.sampled_from(["a", "yes"]), max_size=2))


def _values(fw) -> st.SearchStrategy:
    options: dict[str, list[str]] = {}
    for q in fw.questions(case_based=None):
        options[q.id] = [o.id for o in fw.options(q.answer)]
    profile = {}
    for f in fw.case_profile:
        ids = [o.id for o in fw.scale(f.scale).options] if f.scale else []
        profile[f.id] = st.one_of(st.sampled_from(ids), _odd()) if ids else _odd()
    answer = {qid: st.one_of(st.sampled_from(ids), _odd()) if ids else _odd() for qid, ids in options.items()}
    return st.builds(
        form_state.ReadValues,
        st.fixed_dictionaries({}, optional=profile),
        st.fixed_dictionaries({}, optional=answer),
        st.dictionaries(st.sampled_from(sorted(options)), st.sampled_from(["", "  ", "Seen in the plan."]), max_size=40),
        st.sampled_from([None, True, False]))


@pytest.mark.parametrize("name", FILES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_completeness_agrees_with_missing(name, data):
    fw = _framework(name)
    values = data.draw(_values(fw))
    assert _checker(name).missing(values) == form_state.missing(fw, values)


@pytest.mark.parametrize("name", FILES)
def test_completeness_refers_to_every_name_relevance_uses(name):
    assert all(n.startswith(("profile.", "answer.")) for n in _checker(name).names)
