"""``hmip sample``: a stratified sample with reserves drawn from a caseload file, with no
store (inspection set-up; the work is in core/setup/sample_file.py). The set-up of an
inspection in a central store is ``hmip central inspection/team/draw/replace`` (central.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_sampling_options, message_lang, minimums, progress_bar


def sample(args: argparse.Namespace) -> int:
    from ..core.frameworks import load_file
    from ..core.messages import in_lang
    from ..core.setup import sample_file as sf

    lang = message_lang(args)
    try:
        result = sf.sample_csv(
            Path(args.caseload), Path(args.out), seed=args.seed, size=args.size,
            framework=load_file(Path(args.framework)) if args.framework else None,
            minimum_per_group=args.minimum, confidence=sf.fraction(args.confidence),
            margin=sf.fraction(args.margin), progress=progress_bar("Reading the caseload"),
            minimums=minimums(args.min), cap=args.cap, as_of=args.as_of,
        )
    except sf.CaseloadInvalid as exc:
        for line in exc.lines:
            print(f"hmip: error: {in_lang(line, lang)}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"hmip: warning: {in_lang(warning, lang)}", file=sys.stderr)
    print(sf.summary_line(result, Path(args.caseload), Path(args.out)))
    print(result.report_in(lang), end="")
    if args.explain:
        print()
        print(result.explain_in(lang), end="")
    return 0


def register(sub) -> None:
    """Add ``hmip sample`` to the ``hmip`` sub-command parser."""
    p = sub.add_parser("sample", help="draw a stratified sample with reserves from a caseload (CSV or XLSX)")
    p.add_argument("caseload", metavar="CASELOAD.csv", help="header with at least case_id,gender,disposal_type,risk_level")
    p.add_argument("--seed", required=True, type=int, metavar="N", help="random seed (same seed and caseload, same sample)")
    p.add_argument("--size", type=int, metavar="N", help="sample size set by hand (default: from caseload size)")
    p.add_argument("--out", required=True, metavar="SAMPLE.csv")
    p.add_argument("--framework", metavar="FILE", help="framework file for scales and rules (default: adult probation)")
    p.add_argument("--minimum", type=int, metavar="N", help="minimum cases per stratum (default: the framework's)")
    p.add_argument("--confidence", type=float, default=0.95, metavar="LEVEL", help="confidence level (default 0.95)")
    p.add_argument("--margin", type=float, default=0.10, metavar="E", help="margin of error (default 0.10: ±10 points)")
    add_sampling_options(p)
    p.add_argument("--explain", action="store_true", help="also print how the allocation was reached")
    p.set_defaults(func=sample)
