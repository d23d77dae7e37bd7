"""The exchange commands of ``hmip``: keys, export, verify, receipts, purge, packs,
reports and sampling; ``hmip central …`` lives in cli_central.py. Registered into the
parser by ``cli.build_parser``."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli import _progress_bar
from .cli_central import _central, central_export_data, register_central  # noqa: F401 (central_export_data: registered below)
from .core.words import LANGS


def keys_new(args) -> int:
    from .core.exchange.keys import new_key

    key = new_key(Path(args.out), args.name)
    print(key.key_id)
    return 0


def export(args) -> int:
    from .core.exchange.keys import load_key
    from .core.field.db import open_db
    from .core.field.export import export_bundle

    key = load_key(Path(args.key))
    db = open_db(Path(args.field_db), create=False)
    try:
        summary = export_bundle(db, args.inspection, key, Path(args.out), progress=_progress_bar("Exporting"))
    finally:
        db.close()
    print(f"{args.out}: bundle {summary['bundle_id']}, sequence {summary['sequence']}, "
          f"{summary['reads']} case reads ({summary['changed']} changed since the last export)")
    return 0


def verify(args) -> int:
    from .core.central import importer
    from .core.exchange.envelope import Rejected, read_bounded

    store = _central(args)
    try:
        print(f"{args.file}: {importer.verify_bundle(store, read_bounded(Path(args.file), importer.MAX_FILE))}")
    except Rejected as exc:
        print(f"{args.file}: INVALID: {exc.reason}")
        return 1
    return 0


def receipt(args) -> int:
    from .core.exchange.envelope import read_bounded
    from .core.exchange.keys import load_key
    from .core.field.db import open_db
    from .core.field.receipts import MAX_RECEIPT, import_receipt

    key = load_key(Path(args.key))
    db = open_db(Path(args.field_db), create=False)
    try:
        result = import_receipt(db, read_bounded(Path(args.file), MAX_RECEIPT), key)
    finally:
        db.close()
    if not result["new"]:
        print(f"receipt {result['receipt_id']} was recorded before: nothing changed")
    else:
        print(f"receipt {result['receipt_id']} recorded: the central store holds {result['held']} case read(s) as sent")
        if result.get("returned"):
            print(f"{result['returned']} case read(s) returned by the lead inspector with comments: open them to read why")
    return 0


def purge(args) -> int:
    from .core.field.db import open_db
    from .core.field.receipts import purge as do_purge

    db = open_db(Path(args.field_db), create=False)
    try:
        counts = do_purge(db, args.inspection)
    finally:
        db.close()
    print(f"inspection {args.inspection} removed from this laptop: {counts['cases']} cases and "
          f"{counts['audit_events']} audit events (their hashes kept in the audit trail)")
    return 0


def pack_create(args) -> int:
    from .core.central import packs
    from .core.exchange.envelope import write_atomically
    from .core.exchange.keys import load_key

    key = load_key(Path(args.key))
    write_atomically(Path(args.out), packs.create_pack(_central(args), args.inspection, key))
    print(f"{args.out}: inspection pack for {args.inspection}, signed by key {key.key_id}")
    print(f"Give the inspectors this fingerprint to trust when they import it: {key.key_id[:16]}")
    return 0


def pack_import(args) -> int:
    from .core.exchange.envelope import read_bounded
    from .core.exchange.keys import load_key
    from .core.field.db import open_db
    from .core.field.pack_import import MAX_PACK, import_pack

    key = load_key(Path(args.key))
    db = open_db(Path(args.field_db))
    try:
        result = import_pack(db, read_bounded(Path(args.pack), MAX_PACK), key, args.trust)
    finally:
        db.close()
    print(f"inspection {result['inspection']} ready on this laptop: {result['reads']} case reads "
          f"({result['cases']} cases with reserves), you are {result['user']}")
    return 0


def report(args) -> int:
    from .core.reports import write_report

    path = write_report(_central(args), args.inspection, Path(args.out), args.lang)
    print(f"{path}: inspection report for {args.inspection} ({args.lang})")
    return 0


def report_case(args) -> int:
    from .core.reports import write_case_record

    path = write_case_record(_central(args), args.inspection, args.case, Path(args.out), args.lang)
    print(f"{path}: case read record of {args.case} ({args.lang}); it holds personal data, keep it safe")
    return 0


def register(sub) -> None:
    """Add the exchange commands to the ``hmip`` sub-command parser."""
    keys = sub.add_parser("keys", help="signing keys").add_subparsers(dest="keys_command", metavar="ACTION")
    p = keys.add_parser("new", help="create an Ed25519 signing key; prints its fingerprint")
    p.add_argument("--name", required=True)
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=keys_new)

    p = sub.add_parser("export", help="write a signed, encrypted bundle of an inspection's case reads")
    p.add_argument("field_db", metavar="FIELD_DB")
    p.add_argument("--inspection", required=True, metavar="ID")
    p.add_argument("--key", required=True, metavar="DIR")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=export)

    p = sub.add_parser("verify", help="check a bundle against a central store (exit 0 valid, 1 invalid)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--store", required=True, metavar="STORE")
    p.add_argument("--keys", metavar="DIR", help="the central store's keys folder (default STORE.keys)")
    p.set_defaults(func=verify)

    p = sub.add_parser("receipt", help="record a receipt from the central store in a field store")
    p.add_argument("field_db", metavar="FIELD_DB")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--key", required=True, metavar="DIR", help="your key folder (the receipt is encrypted to it)")
    p.set_defaults(func=receipt)

    p = sub.add_parser("purge", help="remove an inspection's personal data once the central store holds it")
    p.add_argument("field_db", metavar="FIELD_DB")
    p.add_argument("--inspection", required=True, metavar="ID")
    p.set_defaults(func=purge)

    pack = sub.add_parser("pack", help="inspection packs").add_subparsers(dest="pack_command", metavar="ACTION")
    p = pack.add_parser("create", help="write the signed, encrypted inspection pack for the team's laptops")
    p.add_argument("store", metavar="STORE")
    p.add_argument("--inspection", required=True, metavar="ID")
    p.add_argument("--key", required=True, metavar="DIR", help="a lead inspector's key folder (signs the pack)")
    p.add_argument("--out", required=True, metavar="PACK")
    p.add_argument("--keys", metavar="DIR", help="the central store's keys folder (default STORE.keys)")
    p.set_defaults(func=pack_create)
    p = pack.add_parser("import", help="verify an inspection pack and create the inspection on this laptop")
    p.add_argument("field_db", metavar="FIELD_DB")
    p.add_argument("pack", metavar="PACK")
    p.add_argument("--key", required=True, metavar="DIR", help="your key folder (the pack is encrypted to it)")
    p.add_argument("--trust", required=True, metavar="FINGERPRINT",
                   help="the signing lead inspector's key fingerprint (at least its first 16 hex digits)")
    p.set_defaults(func=pack_import)

    central = register_central(sub)

    # -- hmip sample (inspection set-up; the work is in core/setup/sample_file.py) ----------
    def sample(args) -> int:
        from .core.frameworks import load_file
        from .core.setup import sample_file as sf

        try:
            result = sf.sample_csv(
                Path(args.caseload), Path(args.out), seed=args.seed, size=args.size,
                framework=load_file(Path(args.framework)) if args.framework else None,
                minimum_per_group=args.minimum, confidence=sf.fraction(args.confidence),
                margin=sf.fraction(args.margin), progress=_progress_bar("Reading the caseload"),
            )
        except sf.CaseloadInvalid as exc:
            for line in exc.lines:
                print(f"hmip: error: {line}", file=sys.stderr)
            return 1
        for warning in result.warnings:
            print(f"hmip: warning: {warning}", file=sys.stderr)
        print(sf.summary_line(result, Path(args.caseload), Path(args.out)))
        print(result.report_text, end="")
        return 0

    p = sub.add_parser("sample", help="draw a stratified sample with reserves from a caseload (CSV or XLSX)")
    p.add_argument("caseload", metavar="CASELOAD.csv", help="header with at least case_id,gender,disposal_type,risk_level")
    p.add_argument("--seed", required=True, type=int, metavar="N", help="random seed (same seed and caseload, same sample)")
    p.add_argument("--size", type=int, metavar="N", help="sample size set by hand (default: from caseload size)")
    p.add_argument("--out", required=True, metavar="SAMPLE.csv")
    p.add_argument("--framework", metavar="FILE", help="framework file for scales and rules (default: adult probation)")
    p.add_argument("--minimum", type=int, metavar="N", help="minimum cases per stratum (default: the framework's)")
    p.add_argument("--confidence", type=float, default=0.95, metavar="LEVEL", help="confidence level (default 0.95)")
    p.add_argument("--margin", type=float, default=0.10, metavar="E", help="margin of error (default 0.10: ±10 points)")
    p.set_defaults(func=sample)

    # -- reports and data files (core/reports) ------------------------------------------------
    def with_store(q):
        q.add_argument("store", metavar="STORE", help="a SQLite path or a postgresql:// URL")
        q.add_argument("--keys", metavar="DIR", help="the central store's keys folder (default STORE.keys)")
        q.add_argument("--inspection", required=True, metavar="ID")
        q.add_argument("--lang", choices=LANGS, default="en", help="the language of the text (default en)")
        return q

    p = with_store(sub.add_parser("report", help="the inspection report: PDF or accessible HTML (by --out's extension)"))
    p.add_argument("--out", required=True, metavar="FILE.pdf|FILE.html")
    p.set_defaults(func=report)
    p = with_store(sub.add_parser("report-case", help="one case read's record as a PDF (personal data)"))
    p.add_argument("--case", required=True, metavar="CASE_ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(func=report_case)
    q = with_store(central.add_parser("export-data", help="answers, moderation and ratings as XLSX or CSV files"))
    q.add_argument("--out", required=True, metavar="FILE.xlsx|DIR", help="a .xlsx workbook, or a folder for CSV files")
    q.set_defaults(func=central_export_data)
