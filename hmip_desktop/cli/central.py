"""The central-store commands of ``hmip`` (``hmip central …``): store and keys, import,
set-up, quality assurance, ratings and results. ``register`` returns the ``central``
sub-parsers so that ``hmip central export-data`` (in reports.py) can join them."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import (CliError, add_sampling_options, add_store_arguments, central_store, key, keys_dir, minimums,
                     message_lang, progress_bar, refusal_text)


def _read(path: Path, read):
    """``read(path)``, an unreadable file reported as ``PATH: cannot read (reason)``."""
    try:
        return read(path)
    except OSError as exc:
        raise CliError(f"{path}: cannot read ({exc.strerror})") from None


def central_init(args) -> int:
    from ..core.central.store import CentralStore

    store = CentralStore.init(args.store, keys_dir(args), args.escrow)
    print(f"central store {store.store_id} created in {args.store}; keys in {store.keys_dir}")
    print(f"encryption recipient: {store.meta('recipient')}")
    return 0


def central_enrol(args) -> int:
    path = Path(args.public_key)
    text = _read(path, lambda p: p.read_text(encoding="utf-8")[:2000])
    key_id = central_store(args).enrol(args.name, args.role, text, str(path))
    print(f"enrolled {args.name} ({args.role}): key {key_id}")
    return 0


def central_revoke(args) -> int:
    key_id = central_store(args).revoke(args.key_id)
    print(f"revoked key {key_id}; its bundles will be refused from now on")
    return 0


def _write_receipt(result, bundle: Path, folder: str | None) -> Path:
    from ..core.exchange.envelope import write_atomically

    target = (Path(folder) if folder else bundle.parent) / f"{bundle.name}.receipt"
    write_atomically(target, result.receipt)
    return target


def central_import(args) -> int:
    from ..core.central import importer
    from ..core.exchange.envelope import Rejected

    store = central_store(args)
    failures = 0
    bar = progress_bar("Importing bundles")
    for i, name in enumerate(args.files, 1):
        path = Path(name)
        try:
            result = importer.import_file(store, path)
        except Rejected as exc:
            print(f"{path}: REJECTED: {refusal_text(exc, args)}", file=sys.stderr)
            failures += 1
        else:
            receipt = _write_receipt(result, path, args.receipts)
            print(f"{path}: {result.describe()}; receipt {receipt}")
        bar(i, len(args.files))
    return 1 if failures else 0


def central_watch(args) -> int:
    from ..core.central.inbox import watch

    store = central_store(args)
    for line in watch(store, Path(args.inbox), once=args.once, interval=args.interval, lang=message_lang(args)):
        print(line, flush=True)
    return 0


def central_ratings(args) -> int:
    import json

    from ..core.central.answers import rate_inspection

    ratings = rate_inspection(central_store(args), args.inspection)
    if args.json:
        print(json.dumps(ratings.as_json(), ensure_ascii=False, indent=1))
    else:
        for s in ratings.standards:
            shown = s.effective_rating or ("-" if s.percent is None else f"{s.percent:.0f}%")
            print(f"{s.label}: {shown}" + ("" if s.in_overall else " (rated on its own)"))
        overall = ratings.overall_rating or ("-" if ratings.overall_percent is None else f"{ratings.overall_percent:.0f}%")
        print(f"Overall: {overall}")
    return 0


def central_answers(args) -> int:
    import json

    from ..core.cells import csv_writer
    from ..core.central.answers import effective_rows

    rows = effective_rows(central_store(args), args.inspection)
    # Safe to open in a spreadsheet: formula-like text gets a ' in front (docs/cli.md);
    # yes/no/na and numbers (written as numbers) are never changed.
    writer = csv_writer(sys.stdout, lineterminator="\n")
    writer.writerow(["case_id", "question_id", "value", "inspector", "moderated"])
    for r in rows:
        value = r["value"]
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        text = "" if value is None else (";".join(value) if isinstance(value, list) else
                                          value if isinstance(value, str) or number else json.dumps(value))
        writer.writerow([r["case_id"], r["question_id"], text, r["inspector"], "yes" if r["moderated"] else "no"])
    return 0


def central_inspection(args) -> int:
    from ..core.central import packs
    from ..core.frameworks.loader import read_file

    store = central_store(args)
    packs.create_inspection(store, args.id, read_file(Path(args.framework)), args.provider, args.title,
                            (args.start, args.end), {"provider_type": args.provider_type, "region": args.region,
                                                     "family": args.family, "caseload_size": args.caseload_size})
    print(f"inspection {args.id} created in {args.store}")
    return 0


def central_team(args) -> int:
    import csv

    from ..core.central import packs

    def rows(p: Path) -> list[dict]:
        with open(p, newline="", encoding="utf-8-sig") as fh:
            return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]

    path = Path(args.team)
    members = _read(path, rows)
    for line, m in enumerate(members, 2):
        if not m.get("id") or not m.get("name") or m.get("role") not in ("inspector", "local_assessor", "lead"):
            raise CliError(f"{path}:{line}: each row needs id, name and role (inspector, local_assessor or lead)")
        m["key_id"] = m.get("key_id") or None
    packs.set_team(central_store(args), args.inspection, members)
    print(f"team of {len(members)} set for inspection {args.inspection}")
    return 0


def central_assign_evidence(args) -> int:
    from ..core.central import assignments

    member = None if args.member == "none" else args.member
    assignments.assign(central_store(args), args.inspection, args.standard, member)
    print(f"{args.standard}: judgements on evidence recorded by {member}" if member else
          f"{args.standard}: no longer assigned (any team member but a local assessor may judge it)")
    return 0


def central_draw(args) -> int:
    from ..core.central import setup_flow

    result = setup_flow.draw(central_store(args), args.inspection, Path(args.caseload), seed=args.seed,
                             sample_size=args.size, progress=progress_bar("Reading the caseload"),
                             minimums=minimums(args.min), cap=args.cap, as_of=args.as_of)
    print(result.report_in(message_lang(args)))
    print(f"sample of {result.sample_size} with {result.reserves} reserves drawn from {result.caseload_size} cases "
          f"(margin of error ±{result.margin * 100:.1f} points) and allocated to the team")
    if args.explain:
        print()
        print(result.explained(message_lang(args)), end="")
    return 0


def central_replace(args) -> int:
    from ..core.central import setup_flow

    new = setup_flow.replace(central_store(args), args.inspection, args.case_id, args.reason)
    print(f"case {args.case_id} replaced by reserve {new} (same stratum); the reason is recorded")
    return 0


def _fw(store, inspection):
    from ..core.central.answers import framework_for

    return framework_for(store, inspection)


def central_moderate(args) -> int:
    from ..core.central import moderation

    store = central_store(args)
    outcome = moderation.moderate(store, args.inspection, args.case, args.question, args.value, args.rationale or "",
                                  args.by, _fw(store, args.inspection))
    print(f"case {args.case}, {args.question}: {outcome}")
    return 0


def central_outcome(args) -> int:
    from ..core.central import moderation

    moderation.finish_read(central_store(args), args.inspection, args.case, args.outcome, args.comments or "", args.by)
    print(f"case {args.case}: read {args.outcome}")
    return 0


def central_qa(args) -> int:
    from ..core.central import moderation

    chosen = moderation.qa_sample(central_store(args), args.inspection, seed=args.seed)
    print(f"{len(chosen)} case reads chosen for quality assurance:")
    for case_id in chosen:
        print(case_id)
    return 0


def central_consistency(args) -> int:
    import json

    from ..core.central import agreement, moderation

    results = agreement.consistency(moderation.reader_pairs(central_store(args), args.inspection),
                                    min_unchanged=args.min_unchanged, min_kappa_low=args.min_kappa)
    if args.json:
        print(json.dumps([{"reader": r.reader, "moderated": r.moderated, "unchanged": r.unchanged,
                           "unchanged_share": r.unchanged_share, "kappa": r.kappa.kappa, "ci_low": r.kappa.ci_low,
                           "ci_high": r.kappa.ci_high, "flagged": r.flagged, "reasons": list(r.reasons),
                           "too_few": r.too_few} for r in results], indent=1))
        return 0
    for r in results:
        if r.too_few:
            print(f"{r.reader}: {r.unchanged}/{r.moderated} unchanged, {agreement.too_few_text(r.moderated)}")
            continue
        kappa = "-" if r.kappa.kappa is None else f"{r.kappa.kappa:.2f} ({r.kappa.ci_low:.2f} to {r.kappa.ci_high:.2f})"
        flag = f"  MORE QA: {'; '.join(r.reasons)}" if r.flagged else ""
        print(f"{r.reader}: {r.unchanged}/{r.moderated} unchanged, kappa {kappa}{flag}")
    return 0


def central_override(args) -> int:
    from ..core.central import moderation

    store = central_store(args)
    band = None if args.band == "none" else args.band
    moderation.set_override(store, args.inspection, args.standard, band, args.reason, args.by, _fw(store, args.inspection))
    print(f"{args.standard}: professional judgement {band or 'withdrawn'} recorded")
    return 0


def central_evidence(args) -> int:
    from ..core.central import evidence

    store = central_store(args)
    fw = _fw(store, args.inspection)
    if args.question is None and args.band is None:
        for r in evidence.history(store, args.inspection, args.standard):
            what = r["question_id"] or "band"
            where = "" if r["origin"] == "central" else f" (from laptop {r['origin'][:12]})"
            print(f"{r['at']} {r['by']}{where}: {what} = {r['value']}: {r['text']}")
        return 0
    if args.question is not None and args.band is not None:
        raise CliError("give either --question with --judgement and --summary, or --band with --rationale")
    if args.question is not None:
        if not args.judgement or args.summary is None:
            raise CliError("--question needs --judgement and --summary (the evidence it rests on)")
        evidence.record(store, fw, args.inspection, args.standard, args.question, args.judgement, args.summary, args.by)
        print(f"{args.standard}, {args.question}: team judgement {args.judgement} recorded")
    else:
        if args.rationale is None:
            raise CliError("--band needs --rationale (the lead's recorded reason)")
        evidence.record(store, fw, args.inspection, args.standard, None, args.band, args.rationale, args.by)
        print(f"{args.standard}: band {args.band} decided and recorded")
    return 0


def _ratings_json(store, inspection):
    from ..core.central.answers import rate_inspection

    return rate_inspection(store, inspection).as_json()


def central_signoff(args) -> int:
    from ..core.central import moderation

    store = central_store(args)
    digest = moderation.sign_off(store, args.inspection, key(args.key), _ratings_json(store, args.inspection))
    print(f"inspection {args.inspection} signed off (ratings {digest[:16]}); it is locked until reopened")
    return 0


def central_reopen(args) -> int:
    from ..core.central import moderation

    store = central_store(args)
    moderation.reopen(store, args.inspection, key(args.key), args.reason, _ratings_json(store, args.inspection))
    print(f"inspection {args.inspection} reopened; the reason is recorded and signed")
    return 0


def central_national_key(args) -> int:
    from ..core.central.national_key import install

    store = central_store(args)
    data = _read(Path(args.file), Path.read_bytes)
    key, new = install(store, data)
    store.engine.dispose()
    state = "installed" if new else "already installed"
    print(f"national pseudonymisation key {key.key_id[:16]} (national store {key.national_store}) {state}; "
          f"results are written under its pseudonyms and encrypted to {key.recipient}")
    return 0


def central_results(args) -> int:
    from ..core.central.results import export_results
    from ..core.files import write_atomically

    signing = key(args.key)
    write_atomically(Path(args.out), export_results(central_store(args), args.inspection, signing, args.to))
    print(f"{args.out}: signed results of inspection {args.inspection} for the national store "
          f"(signed by key {signing.key_id[:16]})")
    return 0


def register(sub):
    """Add ``hmip central …`` to the sub-command parser; returns its sub-parsers."""
    from ..core.central.agreement import MIN_KAPPA_LOW, MIN_UNCHANGED

    central = sub.add_parser("central", help="the central store").add_subparsers(dest="central_command", metavar="ACTION")

    def store_parser(name, help_text, func):
        q = add_store_arguments(central.add_parser(name, help=help_text))
        q.set_defaults(func=func)
        return q

    q = store_parser("init", "create a central store and its encryption and signing keys", central_init)
    q.add_argument("--escrow", action="append", metavar="AGE_RECIPIENT", help="also encrypt bundles to this age key")
    q = store_parser("enrol", "register an inspector's public key", central_enrol)
    q.add_argument("--name", required=True)
    q.add_argument("--role", required=True, choices=["inspector", "local_assessor", "lead"])
    q.add_argument("--public-key", required=True, metavar="FILE")
    q = store_parser("revoke", "revoke a key: its later bundles are refused", central_revoke)
    q.add_argument("key_id", metavar="KEY_ID", help="the key's fingerprint (or a unique beginning of it)")
    q = store_parser("import", "import bundles (each in one transaction); writes a receipt beside each", central_import)
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("--receipts", metavar="DIR", help="where to write receipts (default: beside each bundle)")
    q = store_parser("watch", "import each bundle that appears in a folder", central_watch)
    q.add_argument("inbox", metavar="INBOX")
    q.add_argument("--once", action="store_true", help="process what is there now, then stop")
    q.add_argument("--interval", type=float, default=5.0, metavar="SECONDS")
    q = store_parser("inspection", "create an inspection to set up (framework, provider, dates)", central_inspection)
    q.add_argument("--id", required=True)
    q.add_argument("--framework", required=True, metavar="FILE")
    q.add_argument("--provider", required=True)
    q.add_argument("--title", required=True)
    q.add_argument("--provider-type", metavar="TYPE", help="e.g. pdu, region, yot (for the national collation)")
    q.add_argument("--region", help="the provider's region (for the national collation)")
    q.add_argument("--family", help="the provider's family of like providers (the national tables group by it)")
    q.add_argument("--caseload-size", type=int, metavar="N", help="cases in the caseload the sample is drawn from")
    q.add_argument("--start", metavar="YYYY-MM-DD")
    q.add_argument("--end", metavar="YYYY-MM-DD")
    q = store_parser("team", "set the inspection team from a CSV (id,name,role[,key_id])", central_team)
    q.add_argument("--inspection", required=True, metavar="ID")
    q.add_argument("team", metavar="TEAM.csv")
    q = store_parser("assign-evidence", "assign a standard judged on evidence to the team member who records its "
                     "judgements (the pack carries it)", central_assign_evidence)
    for name in ("--inspection", "--standard"):
        q.add_argument(name, required=True)
    q.add_argument("--member", required=True, help="a team member's id (not a local assessor), or none to clear")
    q = store_parser("draw", "read the caseload, draw the stratified sample with reserves, allocate it", central_draw)
    q.add_argument("--inspection", required=True, metavar="ID")
    q.add_argument("caseload", metavar="CASELOAD")
    q.add_argument("--seed", type=int, required=True)
    q.add_argument("--size", type=int, help="sample size (default: from the caseload size, 95%% ±10 points)")
    add_sampling_options(q)
    q.add_argument("--explain", action="store_true", help="also print how the allocation was reached")
    q = store_parser("replace", "replace an unusable sampled case with the next reserve of its stratum", central_replace)
    q.add_argument("--inspection", required=True, metavar="ID")
    q.add_argument("case_id", metavar="CASE_ID")
    q.add_argument("--reason", required=True)
    q = store_parser("moderate", "agree with or change one judgement (a change needs a rationale)", central_moderate)
    for name in ("--inspection", "--case", "--question", "--value", "--by"):
        q.add_argument(name, required=True)
    q.add_argument("--rationale")
    q = store_parser("outcome", "record a case read's QA outcome", central_outcome)
    for name in ("--inspection", "--case", "--by"):
        q.add_argument(name, required=True)
    q.add_argument("--outcome", required=True, choices=["agreed", "changed", "returned"])
    q.add_argument("--comments")
    q = store_parser("qa", "choose case reads for quality assurance, by reader and role", central_qa)
    q.add_argument("--inspection", required=True)
    q.add_argument("--seed", type=int, required=True)
    q = store_parser("consistency", "per reader: moderated judgements unchanged and Cohen's kappa", central_consistency)
    q.add_argument("--inspection", required=True)
    q.add_argument("--json", action="store_true")
    q.add_argument("--min-unchanged", type=float, default=MIN_UNCHANGED, metavar="SHARE",
                   help="flag readers with fewer moderated judgements unchanged (default 0.8)")
    q.add_argument("--min-kappa", type=float, default=MIN_KAPPA_LOW, metavar="K",
                   help="flag readers whose kappa's lower 95%% bound is below this (default 0.4)")
    q = store_parser("override", "record professional judgement on a standard's rating", central_override)
    for name in ("--inspection", "--standard", "--band", "--reason", "--by"):
        q.add_argument(name, required=True)
    q = store_parser("evidence", "record a judgement on evidence (a standard judged once per inspection)",
                     central_evidence)
    for name in ("--inspection", "--standard"):
        q.add_argument(name, required=True)
    q.add_argument("--question", help="a key question of the standard: record the team's judgement")
    q.add_argument("--judgement", help="with --question: the judgement (a rating band, or the framework's scale)")
    q.add_argument("--summary", help="with --question: a summary of the evidence the judgement rests on")
    q.add_argument("--band", help="the standard's band decided by the lead inspector (or not_rated)")
    q.add_argument("--rationale", help="with --band: the lead's recorded rationale")
    q.add_argument("--by", help="who made the judgement (required to record one)")
    q = store_parser("signoff", "sign off the ratings with a lead's key; locks the inspection", central_signoff)
    q.add_argument("--inspection", required=True)
    q.add_argument("--key", required=True, metavar="DIR")
    q = store_parser("reopen", "reopen a signed-off inspection (recorded and signed)", central_reopen)
    q.add_argument("--inspection", required=True)
    q.add_argument("--key", required=True, metavar="DIR")
    q.add_argument("--reason", required=True)
    q = store_parser("results", "the signed, encrypted results bundle of a signed-off inspection", central_results)
    q.add_argument("--inspection", required=True, metavar="ID")
    q.add_argument("--key", required=True, metavar="DIR", help="a lead inspector's key folder (signs the results)")
    q.add_argument("--to", action="append", metavar="AGE_RECIPIENT",
                   help="the national store's age public key (repeatable; default: the installed national key's)")
    q.add_argument("--out", required=True, metavar="FILE")
    q = store_parser("national-key", "install the national store's pseudonymisation key (hmip national issue-key)",
                     central_national_key)
    q.add_argument("file", metavar="FILE", help="the key file the national store's owner issued to this store")
    q = store_parser("ratings", "the inspection's ratings from the framework's published rules", central_ratings)
    q.add_argument("--inspection", required=True, metavar="ID")
    q.add_argument("--json", action="store_true", help="print the ratings as one JSON object")
    q = store_parser("answers", "the effective (moderated) answers as CSV", central_answers)
    q.add_argument("--inspection", required=True, metavar="ID")
    q.add_argument("--csv", action="store_true", help="CSV on standard output (the only format)")
    return central
