"""The laptop's commands of ``hmip``: framework files (forms check), the demo inspection,
the field store's audit trail, and judgements on evidence recorded on the laptop."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import CliError, field_store, progress_bar


def forms_check(args: argparse.Namespace) -> int:
    from ..core.frameworks import check_dir
    from ..core.paths import forms_dir

    directory = Path(args.dir) if args.dir else forms_dir()
    if not directory.is_dir():
        raise CliError(f"{directory}: no such folder of framework files")
    files, errors = check_dir(directory)
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} error(s) in {len(files)} framework file(s)", file=sys.stderr)
        return 1
    print(f"{len(files)} framework file(s) OK: {', '.join(f.name for f in files)}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from ..core import demo

    if bool(args.central) != bool(args.keys):
        raise CliError("--central and --keys go together")
    if args.moderations and not args.central:
        raise CliError("--moderations needs --central and --keys")
    source = demo.framework_file(args.framework)
    if not source.is_file():
        raise CliError(f"{args.framework}: no such framework file (the shipped ones are in {source.parent})")
    path = Path(args.field_db)
    summary = demo.create_demo(path, seed=args.seed, progress=progress_bar("Creating the demo inspection"),
                               reader=demo.DEMO_READER if args.central else None, framework=source,
                               inspection_id=args.id)
    print(demo.describe(path, summary, args.id))
    if args.central:
        key_id = demo.connect_central(path, args.central, Path(args.keys), seed=args.seed, inspection_id=args.id,
                                      moderations=args.moderations)
        print(f"Central store {args.central} has the demo inspection '{args.id}' set up (team, sample, "
              f"allocation); demo inspector key {key_id} ({demo.DEMO_READER}) written to {args.keys}")
        if args.moderations:
            print(f"The laptop's reads were sent to {args.central} and the lead moderated a sample of them "
                  f"(see: hmip central consistency {args.central} --inspection {args.id})")
        print(f"Export with: hmip export {path} --inspection {args.id} --key {args.keys} --out {args.id}.bundle")
    return 0


def audit_verify(args: argparse.Namespace) -> int:
    from ..core.field import audit

    path = Path(args.field_db)
    with field_store(path) as db:
        report = audit.verify(db)
    if report.ok:
        print(f"{path}: audit trail OK, {report.events} events, head {report.head[:16]}")
        return 0
    print(f"{path}: audit trail BROKEN at event {report.bad_seq}: {report.reason}")
    return 1


def record_evidence(args: argparse.Namespace) -> int:
    from ..core.field import evidence
    from ..core.frameworks import load_text

    with field_store(Path(args.field_db)) as db:
        row = db.execute("SELECT framework_yaml FROM inspections WHERE id = ?", [args.inspection]).fetchone()
        if row is None:
            raise CliError(f"{args.field_db}: no inspection '{args.inspection}' in this field store")
        if args.standard is None:
            if args.question or args.value or args.text:
                raise CliError("say which standard (--standard S) the judgement is for")
            for j in evidence.judgements(db, args.inspection):
                what = f"{j.question_id} = {j.value}" if j.question_id else f"band = {j.value}"
                sent = "confirmed" if j.confirmed else "not yet confirmed by the central store"
                print(f"{j.at}  {j.standard_id}  {what}  by {j.by}  ({sent}): {j.text}")
            return 0
        if args.value is None or args.text is None:
            raise CliError("give --value and --text (with --question: the evidence summary; without: the rationale "
                           "for the band)")
        fw = load_text(row[0], f"inspection {args.inspection} framework")
        j = evidence.record(db, fw, args.inspection, args.standard, args.question, args.value, args.text, args.by)
    what = f"key question {j.question_id}: {j.value}" if j.question_id else f"band {j.value}"
    print(f"Recorded {what} for standard {j.standard_id} by {j.by} (record {j.id}); the next export sends it")
    return 0


def register(sub) -> None:
    """Add forms check, demo and audit verify to the ``hmip`` sub-command parser."""
    forms = sub.add_parser("forms", help="framework files").add_subparsers(dest="forms_command", metavar="ACTION")
    p = forms.add_parser("check", help="check framework files; print FILE:LINE: reason for every error")
    p.add_argument("dir", nargs="?", metavar="DIR", help="folder of framework files (default: the shipped forms/)")
    p.set_defaults(func=forms_check)

    p = sub.add_parser("demo", help="create a demo inspection (by default adult probation, id 'demo') in a field store")
    p.add_argument("field_db", metavar="FIELD_DB")
    p.add_argument("--framework", metavar="FILE", help="framework file (a path, or a shipped one such as "
                   "forms/youth_justice.yaml; default: forms/adult_probation.yaml)")
    p.add_argument("--id", default="demo", metavar="ID", help="the inspection's id (default: demo)")
    p.add_argument("--seed", type=int, default=2003, help="random seed (same seed, same demo)")
    p.add_argument("--central", metavar="STORE", help="also set the inspection up in this central store (initialised if there is none yet) and enrol a demo inspector")
    p.add_argument("--keys", metavar="DIR", help="where to write the demo inspector's key (with --central)")
    p.add_argument("--moderations", action="store_true",
                   help="with --central: also send the laptop's reads there and have the lead moderate a sample of "
                        "each reader's reads (mostly agreed), so that consistency figures have something to show")
    p.set_defaults(func=run_demo)

    p = sub.add_parser("evidence", help="record a judgement on evidence on this laptop (a standard judged once per "
                       "inspection); without --standard: list those recorded")
    p.add_argument("field_db", metavar="FIELD_DB")
    p.add_argument("--inspection", required=True, metavar="ID")
    p.add_argument("--standard", metavar="S", help="a standard judged on evidence")
    p.add_argument("--question", metavar="Q", help="the key question judged (the team's judgement); without it: "
                   "the standard's band, decided by the lead inspector")
    p.add_argument("--value", metavar="V", help="with --question: an option of the standard's judgement scale; "
                   "without: a rating band or not_rated")
    p.add_argument("--text", metavar="T", help="with --question: the summary of the evidence; without: the rationale")
    p.add_argument("--by", metavar="MEMBER", help="the team member (default: this laptop's user, from the pack)")
    p.set_defaults(func=record_evidence)

    audit = sub.add_parser("audit", help="the field store's audit trail").add_subparsers(dest="audit_command", metavar="ACTION")
    p = audit.add_parser("verify", help="check that no audit event was edited, removed or reordered")
    p.add_argument("field_db", metavar="FIELD_DB")
    p.set_defaults(func=audit_verify)
