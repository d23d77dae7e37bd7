"""Synthetic results bundles, fast: for the national benchmarks and the large tests.

Made directly as a central store would write them (format 3 with the national store's
pseudonymisation key, format 2 without it; canonical JSON, ZIP,
age-encrypted, sealed and signed with a lead's key), without the field store, the
central import or the ratings engine, so that 150 inspections of 100 case reads and 60
judgements each take seconds. Everything is invented and fully determined by the seed.
Judgements carry a built-in effect (the risk of harm questions are judged sufficient
less often for one ethnic group), so that the sub-group analysis has something to find.
"""

from __future__ import annotations

import hashlib
import random
import uuid

import pyrage

from ..central.results import MEMBER
from ..exchange import archive, envelope
from ..exchange import pseudonym as pseudonyms
from ..exchange.keys import SigningKey, public_line
from ..exchange.revisions import canonical

PROFILE_WEIGHTS = {
    "age_band": {"age_18_24": 18, "age_25_34": 36, "age_35_49": 32, "age_50_plus": 14},
    "gender": {"male": 84, "female": 15, "other": 1},
    "ethnicity": {"white": 72, "black": 9, "asian": 9, "mixed": 5, "other_ethnic_group": 2, "not_stated": 3},
    "disability": {"yes": 22, "no": 63, "not_known": 15},
    "disposal_type": {"community_order": 38, "suspended_sentence_order": 20, "licence": 32,
                      "post_sentence_supervision": 10},
    "risk_level": {"low": 14, "medium": 52, "high": 30, "very_high": 4},
    "reoffending_likelihood": {"low": 35, "medium": 40, "high": 25},
}
READERS = 20
MODERATED = 10
FAMILIES = ("Metropolitan", "Urban", "Mixed urban and rural", "Rural")
BANDS = ((80, "outstanding", 3), (65, "good", 2), (50, "requires_improvement", 1), (0, "inadequate", 0))
FRAMEWORK = {"id": "synthetic", "version": "1", "sha256": hashlib.sha256(b"synthetic framework").hexdigest()}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _band(percent: float) -> tuple[str, int]:
    return next((b, s) for low, b, s in BANDS if percent >= low)


def results(index: int, cases: int, questions: int, seed: int, standards: int = 6,
            pseudonym_key: bytes | None = None) -> dict:
    """One inspection's ``results.json`` content: format 3, pseudonymised under
    ``pseudonym_key`` (the national store's secret); format 2 (case references) without it."""
    rng = random.Random(f"{seed}-{index}")
    iid = f"syn{index:04d}"
    per = max(1, questions // standards)
    kqs = [{"id": f"s{s + 1}_q{q + 1}", "standard": f"s{s + 1}", "text": {"en": f"Key question {s + 1}.{q + 1}",
            "cy": f"Cwestiwn allweddol {s + 1}.{q + 1}"}, "sufficient": ["yes"], "applicable": ["yes", "no"]}
           for s in range(standards) for q in range(per)][:questions]
    quality = rng.uniform(0.45, 0.9)
    # four of twenty readers, the same people across inspections (reader 0 agrees less with moderators)
    readers = [f"{r:064d}" for r in rng.sample(range(READERS), 4)]
    rows = []
    for c in range(cases):
        profile = {f: _pick(rng, w) for f, w in PROFILE_WEIGHTS.items()}
        judged = {}
        for kq in kqs:
            if rng.random() < 0.1:
                judged[kq["id"]] = "na"
                continue
            p = quality - (0.2 if profile["ethnicity"] == "black" and kq["id"].endswith("_q3") else 0.0)
            judged[kq["id"]] = "yes" if rng.random() < p else "no"
        reader = rng.randrange(len(readers))
        rows.append({"case_id": f"SY{index:04d}-{c:05d}", "profile": profile, "reader": readers[reader],
                     "reader_role": "local_assessor" if int(readers[reader]) >= 15 else "inspector", "judgements": judged})
    std_out, score = [], 0
    for s in range(standards):
        ids = [k["id"] for k in kqs if k["standard"] == f"s{s + 1}"]
        pcts = []
        for q in ids:
            vals = [r["judgements"][q] for r in rows if r["judgements"][q] != "na"]
            pcts.append(100 * vals.count("yes") / len(vals) if vals else 0.0)
        rating, points = min((_band(p) for p in pcts), key=lambda b: b[1])
        score += points
        std_out.append({"id": f"s{s + 1}", "title": f"Standard {s + 1}", "rating": rating, "score": points,
                        "method": "lowest_band", "key_questions": [], "number": str(s + 1), "kind": "case",
                        "in_overall": True})
    overall = "outstanding" if score >= 15 else "good" if score >= 10 else "requires_improvement" if score >= 5 \
        else "inadequate"
    day = 1 + index % 28
    moderations = []
    for r in rng.sample(rows, min(MODERATED, len(rows))):
        q = rng.choice(kqs)["id"]
        before = r["judgements"][q]
        change = 0.5 if r["reader"] == f"{0:064d}" else 0.08
        after = before if before == "na" or rng.random() >= change else ("no" if before == "yes" else "yes")
        moderations.append({"id": len(moderations) + 1, "inspection_id": iid, "case_id": r["case_id"],
                            "revision_id": "0" * 64, "question_id": q, "original_value": f'"{before}"',
                            "moderated_value": f'"{after}"', "outcome": "agreed" if after == before else "changed",
                            "moderator": "lead1", "created_at": "2026-01-01T00:00:00+00:00"})
    content = {
        "format": 2, "inspection": iid, "store_id": "synthetic", "framework": FRAMEWORK,
        "provider": {"name": f"Provider {index}", "type": "pdu", "region": f"Region {index % 7}",
                     "family": FAMILIES[index % len(FAMILIES)], "caseload_size": 800 + 10 * index},
        "fieldwork": {"start": f"2026-{1 + index % 12:02d}-{day:02d}", "end": f"2026-{1 + index % 12:02d}-{day:02d}"},
        "signed_off_at": f"2026-{1 + index % 12:02d}-{day:02d}T12:00:00+00:00",
        "exported_at": f"2026-{1 + index % 12:02d}-{day:02d}T13:00:00+00:00",
        "ratings": {"inspection": iid, "framework": "synthetic", "standards": std_out,
                    "overall": {"rating": overall, "score": score}},
        "key_questions": kqs, "cases": rows, "answers": [], "moderations": moderations, "read_outcomes": [],
        "overrides": [], "signoffs": [], "events_head": {"seq": 1, "hash": "0" * 64},
    }
    return content if pseudonym_key is None else pseudonymise(content, pseudonym_key)


def pseudonymise(content: dict, secret: bytes) -> dict:
    """A format-2 content as format 3: every case reference and reader key id replaced by
    its pseudonym under ``secret``, as ``hmip central results`` writes them."""
    p = pseudonyms.make(secret)

    def case(record: dict) -> dict:
        return {("pseudonym" if k == "case_id" else k): (p(pseudonyms.case_text(v)) if k == "case_id" else v)
                for k, v in record.items()}

    out = {**content, "format": 3, "pseudonym_key": {"id": pseudonyms.key_id(secret), "national_store": "synthetic"}}
    out["cases"] = [{**case(c), "reader": p(pseudonyms.reader_text(c["reader"]))} for c in content["cases"]]
    for name in ("answers", "moderations", "read_outcomes", "overrides"):
        out[name] = [case(r) for r in content[name]]
    return out


def seal(content: dict, key: SigningKey, recipient: str) -> bytes:
    """The sealed results file for ``content``, as ``hmip central results`` writes it."""
    payload = pyrage.encrypt(archive.build({MEMBER: canonical(content)}),
                             [pyrage.x25519.Recipient.from_str(recipient)])
    return envelope.seal("results", uuid.uuid4().hex, content["exported_at"], payload, key, "age",
                         signer=public_line(key.public, key.name))
