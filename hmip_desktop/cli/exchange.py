"""The exchange commands of ``hmip``, between the laptops and the central store: keys,
export, verify, receipt, purge and inspection packs (pack create, pack import)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_keys_argument, central_store, field_store, key, message_lang, progress_bar, refusal_text


def keys_new(args: argparse.Namespace) -> int:
    from ..core.exchange.keys import new_key

    print(new_key(Path(args.out), args.name).key_id)
    return 0


def export(args: argparse.Namespace) -> int:
    from ..core.field.export import export_bundle

    signing = key(args.key)
    with field_store(args.field_db) as db:
        summary = export_bundle(db, args.inspection, signing, Path(args.out), progress=progress_bar("Exporting"))
    print(f"{args.out}: bundle {summary['bundle_id']}, sequence {summary['sequence']}, "
          f"{summary['reads']} case reads ({summary['changed']} changed since the last export)")
    lang = message_lang(args)
    for notice in summary.get("left_out", []):
        print(notice.text(lang))
    return 0


def verify(args: argparse.Namespace) -> int:
    from ..core.central import importer
    from ..core.exchange.envelope import Rejected, read_bounded

    store = central_store(args)
    try:
        print(f"{args.file}: {importer.verify_bundle(store, read_bounded(Path(args.file), importer.MAX_FILE))}")
    except Rejected as exc:
        print(f"{args.file}: INVALID: {refusal_text(exc, args)}")
        return 1
    return 0


def receipt(args: argparse.Namespace) -> int:
    from ..core.exchange.envelope import read_bounded
    from ..core.field.receipts import MAX_RECEIPT, import_receipt

    own = key(args.key)
    with field_store(args.field_db) as db:
        result = import_receipt(db, read_bounded(Path(args.file), MAX_RECEIPT), own)
    if not result["new"]:
        print(f"receipt {result['receipt_id']} was recorded before: nothing changed")
    else:
        judged = f" and {result['evidence']} judgement(s) on evidence" if result.get("evidence") else ""
        print(f"receipt {result['receipt_id']} recorded: the central store holds {result['held']} case read(s) as sent"
              f"{judged}")
        if result.get("returned"):
            print(f"{result['returned']} case read(s) returned by the lead inspector with comments: open them to read why")
    return 0


def purge(args: argparse.Namespace) -> int:
    from ..core.field.receipts import purge as purge_inspection

    with field_store(args.field_db) as db:
        counts = purge_inspection(db, args.inspection)
    print(f"inspection {args.inspection} removed from this laptop: {counts['cases']} cases and "
          f"{counts['audit_events']} audit events (their hashes kept in the audit trail)")
    return 0


def pack_create(args: argparse.Namespace) -> int:
    from ..core.central import packs
    from ..core.exchange.envelope import write_atomically

    signing = key(args.key)
    write_atomically(Path(args.out), packs.create_pack(central_store(args), args.inspection, signing))
    print(f"{args.out}: inspection pack for {args.inspection}, signed by key {signing.key_id}")
    print(f"Give the inspectors this fingerprint to trust when they import it: {signing.key_id[:16]}")
    return 0


def pack_import(args: argparse.Namespace) -> int:
    from ..core.exchange.envelope import read_bounded
    from ..core.field.pack_import import MAX_PACK, import_pack

    own = key(args.key)
    with field_store(args.field_db, create=True) as db:
        result = import_pack(db, read_bounded(Path(args.pack), MAX_PACK), own, args.trust)
    if result.get("unchanged"):
        print(f"inspection {result['inspection']}: this pack is the one already applied; nothing to do")
    elif result.get("updated"):
        print(f"inspection {result['inspection']} updated from a re-issued pack: {result['added']} case read(s) "
              f"added, {result['moved']} moved, {result['removed']} removed, {result['kept']} kept because they "
              f"hold recorded work; {result['reads']} case reads now")
    else:
        print(f"inspection {result['inspection']} ready on this laptop: {result['reads']} case reads "
              f"({result['cases']} cases with reserves), you are {result['user']}")
    return 0


def _from_the_centre(parser: argparse.ArgumentParser, dest: str, metavar: str, what: str) -> None:
    """FIELD_DB, a file from the central store and ``--key DIR``, the key folder it is encrypted to."""
    parser.add_argument("field_db", metavar="FIELD_DB")
    parser.add_argument(dest, metavar=metavar)
    parser.add_argument("--key", required=True, metavar="DIR", help=f"your key folder (the {what} is encrypted to it)")


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
    add_keys_argument(p)
    p.set_defaults(func=verify)

    p = sub.add_parser("receipt", help="record a receipt from the central store in a field store")
    _from_the_centre(p, "file", "FILE", "receipt")
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
    add_keys_argument(p)
    p.set_defaults(func=pack_create)
    p = pack.add_parser("import", help="verify an inspection pack and create the inspection on this laptop")
    _from_the_centre(p, "pack", "PACK", "pack")
    p.add_argument("--trust", required=True, metavar="FINGERPRINT",
                   help="the signing lead inspector's key fingerprint (at least its first 16 hex digits)")
    p.set_defaults(func=pack_import)
