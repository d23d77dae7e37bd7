"""importer.record_content_hash (the parsed line hashed directly when it carries every
field) agrees with content_hash(model_dump()) for every valid record."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from hmip_desktop.core.central.importer import record_content_hash
from hmip_desktop.core.exchange.formats import CaseReadRecord
from hmip_desktop.core.exchange.revisions import canonical, content_hash

ident = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,12}", fullmatch=True)
hex64 = st.from_regex(r"[0-9a-f]{64}", fullmatch=True)
text = st.text(max_size=30)
value = st.one_of(st.none(), text, st.integers(-2**63 + 1, 2**63 - 1), st.floats(allow_nan=False, allow_infinity=False),
                  st.lists(st.text(max_size=10), max_size=4))
answer = st.fixed_dictionaries({}, optional={"value": value, "note": text})
interview = st.fixed_dictionaries({}, optional={"held": st.one_of(st.none(), st.booleans()),
                                               "date": st.one_of(st.none(), st.text(max_size=10)), "note": text})
record = st.fixed_dictionaries(
    {"case_id": ident, "reader_id": ident, "status": st.sampled_from(["not_started", "in_progress", "complete"]),
     "revision_id": hex64, "parent_revision_id": st.one_of(st.none(), hex64), "updated_at": st.text(max_size=40),
     "profile": st.dictionaries(ident, st.one_of(value, st.booleans()), max_size=5),
     "interview": interview, "answers": st.dictionaries(ident, answer, max_size=6)})


@settings(max_examples=300, deadline=None)
@given(record)
def test_the_parsed_line_hashes_as_the_model_dump(raw):
    raw = json.loads(canonical(raw))  # as the import sees it: parsed JSON
    model = CaseReadRecord.model_validate(raw)
    assert record_content_hash(raw, model) == content_hash(model.model_dump())
