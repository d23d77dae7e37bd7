"""``hmip national …``: the national store (results of signed-off inspections collated
across inspections). NATIONAL is a SQLite path or a postgresql:// URL; its keys are in
NATIONAL.keys beside a SQLite file, or ``--keys DIR``."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from .common import CliError, progress_bar, refusal_text


def _store(args, create: bool = False):
    from ..core.national.store import NationalStore

    keys = Path(args.keys) if args.keys else None
    return NationalStore.init(args.national, keys) if create else NationalStore.open(args.national, keys)


def national_init(args) -> int:
    store = _store(args, create=True)
    print(f"national store created in {args.national}; keys in {store.keys_dir}")
    print(f"results must be encrypted to: {store.recipient}")
    print("(lend the pseudonym key to each central store: hmip national issue-key NATIONAL --to ITS_RECIPIENT ...)")
    store.close()
    return 0


def national_issue_key(args) -> int:
    from ..core.files import write_atomically

    store = _store(args)
    try:
        data = store.issue_key(args.to, args.name)
        key_id = store.pseudonym_key_id()
    finally:
        store.close()
    write_atomically(Path(args.out), data)
    print(f"{args.out}: the pseudonymisation key {key_id[:16]} for central store '{args.name}', readable only by it")
    print(f"(install it there: hmip central national-key STORE {args.out}; never on a laptop)")
    return 0


def national_trust(args) -> int:
    store = _store(args)
    try:
        path = Path(args.public_key)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CliError(f"{path}: cannot read the public key ({exc.strerror}); check the path") from None
        key_id = store.trust(text, args.name, args.role, source=str(path))
    finally:
        store.close()
    print(f"trusted {args.role} key {key_id} ({args.name}) for results")
    return 0


def national_distrust(args) -> int:
    store = _store(args)
    try:
        key_id = store.distrust(args.key_id)
    finally:
        store.close()
    print(f"key {key_id} is no longer trusted: results it signs are refused (those imported stay)")
    return 0


def national_import(args) -> int:
    from ..core.national.importer import import_file
    from ..core.national.store import NationalError

    store = _store(args)
    failed = 0
    bar = progress_bar("importing results")
    try:
        for i, name in enumerate(args.files, 1):
            try:
                r = import_file(store, Path(name))
            except NationalError as exc:
                failed += 1
                print(f"hmip: error: {refusal_text(exc, args)}", file=sys.stderr)  # in hmip --lang
                continue
            finally:
                bar(i, len(args.files))
            extra = f": {r.cases} case reads, {r.judgements} judgements" if r.cases else ""
            print(f"{r.file}: inspection {r.inspection} {r.outcome}{extra}")
    finally:
        store.close()
    return 1 if failed else 0


def _filter(args):
    from ..core.national.tables import Filter, check_date

    return Filter(args.framework, check_date(args.date_from), check_date(args.date_to))


def _csv(header, rows) -> str:
    from ..core.cells import csv_writer

    out = io.StringIO()
    w = csv_writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def national_tables(args) -> int:
    from ..core.national.tables import INSPECTION_COLUMNS, KQ_COLUMNS, inspection_rows, tables

    store = _store(args)
    try:
        data = tables(store, _filter(args))
    finally:
        store.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    # the CSV on stdout stays plain data; its interval and suppression rule go to stderr
    print(f"intervals: {data['method']['interval']}; suppression: {data['method']['suppression']}", file=sys.stderr)
    if args.inspections:
        sys.stdout.write(_csv(INSPECTION_COLUMNS, inspection_rows(data)))
    else:
        sys.stdout.write(_csv(KQ_COLUMNS, ([k[c] for c in KQ_COLUMNS] for k in data["key_questions"])))
    return 0


def national_pseudonym(args) -> int:
    store = _store(args)
    try:
        pseudonym = store.pseudonymiser()
        for ref in args.references:
            print(f"{ref},{pseudonym('case:' + ref)}")
    finally:
        store.close()
    return 0


def national_subgroups(args) -> int:
    from ..core.national.subgroups import subgroups

    store = _store(args)
    try:
        data = subgroups(store, _filter(args))
    finally:
        store.close()
    print(json.dumps(data, ensure_ascii=False, indent=1))
    return 0


def national_consistency(args) -> int:
    from ..core.national.outcomes import consistency

    store = _store(args)
    try:
        data = consistency(store, _filter(args))
    finally:
        store.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    for r in data["readers"]:
        if r["too_few"]:
            figures = f"too few judgements ({r['moderated']})"
        else:
            figures = (f"{r['unchanged']}/{r['moderated']} unchanged ({100 * r['unchanged_share']:.0f}%), "
                       f"kappa {r['kappa'] if r['kappa'] is not None else 'n/a'}")
        flag = f"  FLAGGED: {'; '.join(r['reasons'])}" if r["flagged"] else ""
        print(f"{r['reader']} ({r['role']}, {r['inspections']} inspections): {figures}{flag}")
    print(f"method: {data['method']['agreement']}; flagged where {data['method']['flagged']}; "
          f"{data['method']['suppression']}")
    return 0


def national_outcomes(args) -> int:
    from ..core.national.outcomes import import_followup, outcomes

    store = _store(args)
    try:
        added, updated = import_followup(store, Path(args.followup))
        data = outcomes(store, _filter(args))
    finally:
        store.close()
    print(f"{args.followup}: {added} follow-up rows added, {updated} updated", file=sys.stderr)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(data["statement"])
    print(f"case reads matched to the follow-up: {data['case_reads_matched']}")

    def rate(r):
        if r["suppressed"]:
            return f"suppressed ({r['cases']} cases)"
        return f"{r['percent']}% ({r['ci_low']}-{r['ci_high']}) of {r['cases']}"

    for k in data["key_questions"]:
        print(f"{k['framework']}/{k['id']}: judged sufficient {rate(k['sufficient'])}; "
              f"not sufficient {rate(k['not_sufficient'])}")
    print(f"method: {data['method']['interval']}; {data['method']['suppression']}")
    return 0


def national_report(args) -> int:
    from ..core.reports.national_report import write_national_report

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".html"):
        raise CliError(f"{out}: the report is written as .pdf or .html; give a file name ending in one of them")
    store = _store(args)
    try:
        write_national_report(store, out, args.lang, _filter(args))
    finally:
        store.close()
    print(f"{out}: national report written ({args.lang})")
    return 0


def national_open_data(args) -> int:
    from ..core.reports.national_data import write_open_data

    store = _store(args)
    try:
        written = write_open_data(store, Path(args.out), _filter(args))
    finally:
        store.close()
    for path in written:
        print(path)
    return 0


def add_national(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("national", metavar="NATIONAL", help="the national store: a SQLite path or a postgresql:// URL")
    parser.add_argument("--keys", metavar="DIR", help="the national store's keys folder (default NATIONAL.keys)")
    return parser


def add_filter(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--framework", metavar="ID", help="only inspections under this framework id")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="signed off on or after (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="signed off on or before (YYYY-MM-DD)")


def register(sub):
    """Add ``hmip national …``; returns its sub-parsers (other national commands add to it)."""
    national = sub.add_parser("national", help="the national store: results collated across inspections")
    actions = national.add_subparsers(dest="national_command", metavar="ACTION")

    def parser(name, help_text, func):
        q = add_national(actions.add_parser(name, help=help_text))
        q.set_defaults(func=func)
        return q

    parser("init", "create a national store with its decryption and pseudonym keys", national_init)
    q = parser("issue-key", "lend the pseudonymisation key to one central store (a file encrypted to it)",
               national_issue_key)
    q.add_argument("--to", required=True, metavar="AGE_RECIPIENT", help="the central store's age recipient")
    q.add_argument("--name", required=True, help="the central store it is for (recorded in the file)")
    q.add_argument("--out", required=True, metavar="FILE")
    q = parser("trust", "trust a lead's (or central store's) public key to sign results", national_trust)
    q.add_argument("--public-key", required=True, metavar="FILE")
    q.add_argument("--name", required=True)
    q.add_argument("--role", choices=["lead", "central"], default="lead")
    q = parser("distrust", "stop trusting a key for new results", national_distrust)
    q.add_argument("key_id", metavar="KEY_ID")
    q = parser("import", "import signed results bundles (idempotent; a newer sign-off supersedes)", national_import)
    q.add_argument("files", nargs="+", metavar="FILE")
    q = parser("tables", "the tables across inspections: ratings by family, key questions", national_tables)
    add_filter(q)
    fmt = q.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--json", action="store_true", help="everything as one JSON object")
    fmt.add_argument("--csv", action="store_true", help="the key question table as CSV")
    fmt.add_argument("--inspections", action="store_true", help="the inspections' ratings as CSV")
    q = parser("subgroups", "each key question by age band, gender, ethnicity, disability, risk, disposal",
               national_subgroups)
    add_filter(q)
    q.add_argument("--json", action="store_true", required=True, help="one JSON object (the only output)")
    q = parser("consistency", "each reader's moderation agreement across inspections, outliers flagged",
               national_consistency)
    add_filter(q)
    q.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    q = parser("outcomes", "import a reconviction follow-up and report rates by judgement (not causal)",
               national_outcomes)
    q.add_argument("followup", metavar="FOLLOWUP.csv", help="columns pseudonym,reconvicted,date")
    add_filter(q)
    q.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    q = parser("report", "the national report (tables by family, key questions, sub-groups, consistency, outcomes)",
               national_report)
    q.add_argument("--out", required=True, metavar="FILE.pdf|FILE.html")
    q.add_argument("--lang", choices=["en", "cy"], default="en")
    add_filter(q)
    q = parser("open-data", "every inspection's ratings as CSV, XLSX and JSON (open data)", national_open_data)
    q.add_argument("--out", required=True, metavar="DIR")
    add_filter(q)
    q = parser("pseudonym", "the pseudonyms of case references (for a reconviction follow-up file)",
               national_pseudonym)
    q.add_argument("references", nargs="+", metavar="CASE_REF")
    return actions
