"""The core's refusals in English and Welsh (hmip_desktop/core/messages.py): every message has
both languages with the same placeholders, every refusal the laptop can meet is raised with a
message id, and the English text is what it always was."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import hmip_desktop.core.exchange as exchange
import hmip_desktop.core.field as field
from hmip_desktop.core.messages import MESSAGES, Msg, Refusal, placeholders, render, text_of

CORE = Path(field.__file__).resolve().parents[1]
#: Where the refusals the laptop window shows are raised.
AREAS = (CORE / "field", CORE / "exchange")
#: Refusals whose constructor takes more than the text and keys itself.
SELF_KEYED = {"StoreDamaged", "StoreInUse"}


def _refusal_classes() -> set[str]:
    for package in (field, exchange):
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{info.name}")
    found, todo = set(), [Refusal]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.add(sub.__name__)
            todo.append(sub)
    return found


def _sources():
    for area in AREAS:
        for path in sorted(area.glob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_welsh_with_the_same_placeholders(key):
    english, welsh = MESSAGES[key]
    assert english.strip() and welsh.strip()
    assert placeholders(english) == placeholders(welsh), key


def test_every_refusal_of_the_field_store_and_exchange_has_a_message_id():
    names = _refusal_classes()
    assert {"Rejected", "ExportError", "InvalidValue", "ReadLocked", "KeyError_", "StoreError", "PurgeRefused"} <= names
    plain = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in names and name not in SELF_KEYED:
                plain.append(f"{path.relative_to(CORE)}:{node.lineno}: raise {name}(...) (use {name}.of(\"id\", ...))")
    assert not plain, "\n".join(plain)


def test_every_message_id_used_exists_and_every_message_is_used():
    used = set()
    # the sync service (hmip_desktop/server) answers with the core's messages too
    for path in sorted([*CORE.rglob("*.py"), *(CORE.parent / "server").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("of", "keyed")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and "." in node.args[0].value):
                used.add(node.args[0].value)
    assert used - set(MESSAGES) == set()
    assert set(MESSAGES) - used == set()


def test_english_is_unchanged_and_welsh_is_given_on_request():
    from hmip_desktop.core.exchange.envelope import Rejected
    from hmip_desktop.core.field.export import ExportError

    error = Rejected.of("envelope.magic")
    assert str(error) == error.reason == error.text("en") == "not an hmip file (bad magic number)"
    assert error.text("cy") == "nid yw'n ffeil hmip (rhif hud anghywir)"
    assert isinstance(error, ValueError)  # callers still catch it as before
    # An error inside another, and a phrase as an argument, follow the language too.
    outer = ExportError.of("export.would_be_refused", inspection="demo", reason=Rejected.of("envelope.truncated"))
    assert "(file is truncated (header or signature incomplete))" in str(outer)
    assert "(mae'r ffeil wedi'i thorri'n fyr" in outer.text("cy")
    where = Msg.of("where.case_item", case="C7", item="assess_engage")
    assert render("value.expected_text", "cy", {"where": where}) == "achos C7, assess_engage: roedd disgwyl testun"


def test_a_value_refusal_reads_in_welsh(tmp_path):
    from hmip_desktop.core import demo
    from hmip_desktop.core.field.store import FieldStore
    from hmip_desktop.core.field.values import InvalidValue

    path = tmp_path / "demo.sqlite"
    demo.create_demo(path, seed=3)
    store = FieldStore.open(path)
    try:
        read = next(r for r in store.case_reads("demo") if r["status"] != "complete")
        with pytest.raises(InvalidValue) as caught:
            store.set(read["id"], "interview:date", "31/02/2026")
    finally:
        store.close()
    assert str(caught.value).endswith("'31/02/2026' is not a date (use YYYY-MM-DD)")
    assert caught.value.text("cy").endswith("nid yw '31/02/2026' yn ddyddiad (defnyddiwch BBBB-MM-DD)")
    assert text_of(caught.value, "cy").startswith("achos ")


def test_an_error_without_a_message_id_reads_as_it_is():
    assert text_of(Refusal("plain words"), "cy") == "plain words"
    assert text_of(OSError(), "cy") == "OSError"


#: Every module of the central store whose refusals a lead inspector reads (the central
#: window, ``hmip central …``): each is checked on its own, so a new one is added here.
CENTRAL_FILES = ("answers.py", "authorise.py", "evidence.py", "importer.py", "inbox.py", "moderation.py", "packs.py",
                 "results.py", "setup_flow.py", "store.py", "validate.py", "queries/rows.py", "queries/screens.py",
                 "evidence_import.py", "sync_state.py", "assignments.py", "national_key.py")


def _central_refusal_classes() -> set[str]:
    import hmip_desktop.core.central as central

    for info in pkgutil.walk_packages(central.__path__, f"{central.__name__}."):
        if ".alembic" not in info.name:
            importlib.import_module(info.name)
    return _refusal_classes() | {"KeyError", "ValueError"}


def _plain_refusals(path: Path, names: set[str]) -> list[str]:
    """``raise Name(...)`` or ``return Name(...)`` of a refusal class (or of a bare
    KeyError or ValueError, whose text would reach a person in English only)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Raise, ast.Return)):
            call = node.exc if isinstance(node, ast.Raise) else node.value
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in names:
                found.append(f"{path.relative_to(CORE)}:{node.lineno}: {call.func.id}(...) "
                             f"(use {call.func.id}.of(\"id\", ...) and add the id to core/messages*.py)")
    return found


@pytest.mark.parametrize("name", CENTRAL_FILES)
def test_every_refusal_of_the_central_store_has_a_message_id(name):
    assert _plain_refusals(CORE / "central" / name, _central_refusal_classes()) == []


def test_the_central_files_checked_are_all_that_raise():
    names = _central_refusal_classes()
    raising = {str(p.relative_to(CORE / "central")) for p in (CORE / "central").rglob("*.py")
               if "alembic" not in p.parts and any(isinstance(n, ast.Raise) for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))}
    assert raising <= set(CENTRAL_FILES), f"add {sorted(raising - set(CENTRAL_FILES))} to CENTRAL_FILES"
    assert {"CentralError", "Rejected", "Refused", "InvalidValue", "NoCaseRead"} <= names


#: The sampler's modules that raise (the set-up wizard, ``hmip central draw``, ``hmip sample``).
SETUP_FILES = ("allocation.py", "caseload.py", "caseload_files.py", "sample_file.py", "selection.py", "size.py",
               "strata.py")


@pytest.mark.parametrize("name", SETUP_FILES)
def test_every_refusal_of_the_sampler_has_a_message_id(name):
    import hmip_desktop.core.setup as setup

    for info in pkgutil.iter_modules(setup.__path__):
        importlib.import_module(f"{setup.__name__}.{info.name}")
    names = (_refusal_classes() | {"KeyError", "ValueError"}) - {"CaseloadInvalid"}  # keys itself
    assert {"SizeError", "SelectionError", "NoReserveLeft", "AllocationRefused", "CaseloadRefused",
            "SampleFileError"} <= names
    assert _plain_refusals(CORE / "setup" / name, names) == []


def test_the_setup_files_checked_are_all_that_raise():
    raising = {p.name for p in (CORE / "setup").glob("*.py")
               if any(isinstance(n, ast.Raise) for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))}
    assert raising <= set(SETUP_FILES), f"add {sorted(raising - set(SETUP_FILES))} to SETUP_FILES"


#: The reports and data files, the national store, the demo and file writing: every module
#: of these that raises is checked (a new one is found by itself, not listed by hand).
OTHER_FILES = sorted(str(p.relative_to(CORE)) for p in [*(CORE / "reports").glob("*.py"), *(CORE / "national").rglob("*.py"),
                                                         CORE / "demo.py", CORE / "files.py"] if "alembic" not in p.parts)
#: ``(file, function)``: a KeyError or ValueError no person reads (a programming error: a
#: key looked up that the caller took from the same data, a renderer asked the impossible).
INTERNAL = {("reports/charts.py", "standard_chart"), ("reports/data.py", "figure"), ("reports/raster.py", "shape"),
            ("reports/tables.py", "build_tables"), ("reports/text.py", "check_lang")}


def _other_refusal_classes() -> set[str]:
    import hmip_desktop.core.national as national
    import hmip_desktop.core.reports as reports

    for package in (reports, national):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".alembic" not in info.name:
                importlib.import_module(info.name)
    importlib.import_module("hmip_desktop.core.demo")
    return _central_refusal_classes()


@pytest.mark.parametrize("name", OTHER_FILES)
def test_every_refusal_of_the_reports_national_store_and_demo_has_a_message_id(name):
    names = _other_refusal_classes()
    assert {"CentralError", "NationalError", "Rejected", "WriteFailed"} <= names
    tree = ast.parse((CORE / name).read_text(encoding="utf-8"))
    internal = {node.lineno for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef) and (name, fn.name) in INTERNAL
                for node in ast.walk(fn) if isinstance(node, ast.Raise)}
    plain = [line for line in _plain_refusals(CORE / name, names - {"WriteFailed"})
             if int(line.split(":")[1]) not in internal]
    assert plain == []


def test_the_files_checked_include_the_reports_national_store_and_demo():
    assert {"reports/__init__.py", "reports/tables.py", "reports/data.py", "national/importer.py",
            "national/store.py", "national/outcomes.py", "demo.py", "files.py"} <= set(OTHER_FILES)


def test_report_national_and_demo_refusals_read_in_welsh(tmp_path):
    from hmip_desktop.core.files import WriteFailed
    from hmip_desktop.core.national.store import NationalError

    error = NationalError.of("national.rejected", file="r.hmip", reason=Msg.of(
        "national.ask_again", reason=Msg.of("national.case_twice", n=3)))
    assert str(error) == ("r.hmip: not imported: case read 3: the same case twice; ask the central store for the "
                          "results file again")
    assert error.text("cy") == ("r.hmip: ni fewnforiwyd: darlleniad achos 3: yr un achos ddwywaith; gofynnwch i'r "
                                "storfa ganolog am y ffeil canlyniadau eto")
    failed = WriteFailed(tmp_path / "r.pdf", PermissionError(13, "Permission denied"))
    assert isinstance(failed, OSError) and failed.errno == 13
    assert str(failed) == f"{tmp_path / 'r.pdf'}: cannot be written (Permission denied); nothing was written"
    assert failed.text("cy") == f"{tmp_path / 'r.pdf'}: ni ellir ysgrifennu iddi (Permission denied); ni ysgrifennwyd dim"


def test_a_caseload_refusal_at_a_line_reads_in_welsh():
    from hmip_desktop.core.setup.caseload import CaseloadRefused
    from hmip_desktop.core.setup.sample_file import CaseloadInvalid, SampleFileError

    error = CaseloadRefused.of("caseload.column_twice", line=1, column="gender")
    assert (str(error), error.reason, error.line) == ("line 1: column 'gender' appears twice in the header",
                                                      "column 'gender' appears twice in the header", 1)
    assert error.text("cy") == "llinell 1: mae colofn 'gender' yn ymddangos ddwywaith yn y pennawd"
    passed = SampleFileError.of("setup.caseload", path="c.csv:1", detail=error.said)
    assert str(passed) == "c.csv:1: column 'gender' appears twice in the header"
    assert passed.text("cy") == "c.csv:1: mae colofn 'gender' yn ymddangos ddwywaith yn y pennawd"
    assert str(CaseloadInvalid(["c.csv:2: x", "c.csv:3: y"])) == "2 problems, the first: c.csv:2: x"
    assert CaseloadInvalid(["c.csv:2: x", "c.csv:3: y"]).text("cy") == "2 o broblemau, y cyntaf: c.csv:2: x"
    assert CaseloadInvalid(["c.csv:2: x"]).text("cy") == "c.csv:2: x"


def test_a_central_refusal_passed_on_keeps_its_welsh():
    from hmip_desktop.core.central.store import CentralError, NoCaseRead
    from hmip_desktop.core.exchange.envelope import Rejected
    from hmip_desktop.core.messages import OneLine

    inner = CentralError.of("central.no_inspection", inspection="demo")
    passed = Rejected.like(inner)
    assert passed.reason == str(passed) == "no inspection 'demo' in this central store"
    assert passed.text("cy") == "nid oes arolygiad 'demo' yn y storfa ganolog hon"
    assert Rejected.like(ValueError("plain")).text("cy") == "plain"
    long = Rejected.of("import.value", reason=OneLine(Rejected.of("json.invalid", where="m", detail="x " * 400), 40))
    assert len(str(long)) == len(long.text("cy")) == 40 and str(long).endswith("…")
    missing = NoCaseRead.of("central.no_case_read", case="C1", inspection="demo")
    assert isinstance(missing, KeyError) and str(missing) == "no case read C1 in inspection 'demo'"
    assert missing.text("cy") == "nid oes darlleniad achos C1 yn arolygiad 'demo'"


def test_an_import_value_refusal_reads_in_welsh_where_and_all():
    from hmip_desktop.core.central.validate import Checker
    from hmip_desktop.core.exchange.formats import CaseReadRecord
    from hmip_desktop.core.frameworks.loader import load_file
    from hmip_desktop.core.paths import forms_dir

    fw = load_file(sorted(forms_dir().glob("*.yaml"))[0])
    record = CaseReadRecord.model_construct(profile={"no_such_field": "x"})
    with pytest.raises(Refusal) as caught:
        Checker(fw).check(record, Msg.of("auth.where", member="case_reads.jsonl", line=4, case="C9"))
    assert str(caught.value) == (f"case_reads.jsonl:4: case C9: profile field 'no_such_field' is not in framework "
                                 f"{fw.id} {fw.version}")
    assert caught.value.text("cy") == (f"case_reads.jsonl:4: achos C9: nid yw maes proffil 'no_such_field' yn "
                                       f"fframwaith {fw.id} {fw.version}")


def test_a_moderation_refusal_reads_the_same_in_english_and_in_welsh_on_request():
    from hmip_desktop.core.central.store import CentralError

    error = CentralError.of("central.not_lead", by="x", inspection="demo", leads=Msg.of("central.no_lead"))
    assert str(error) == "'x' is not a lead inspector on the team of inspection 'demo' (it has no lead yet)"
    assert error.text("cy") == ("nid yw 'x' yn arolygydd arweiniol ar dîm arolygiad 'demo' "
                                "(nid oes ganddo arolygydd arweiniol eto)")
    meanwhile = CentralError.of("central.moderated_meanwhile", case="C1", question="q", by="")
    assert str(meanwhile) == ("case C1 changed while you were moderating it: q was moderated after you opened it; "
                              "reload it; nothing was recorded")
    by = CentralError.of("central.moderated_meanwhile", case="C1", question="q", by=Msg.of("central.by", who="lead2"))
    assert "q was moderated by lead2 after you opened it" in str(by)
    assert "cymedrolwyd q gan lead2 ar ôl i chi ei agor" in by.text("cy")


def test_every_authorisation_refusal_has_a_message_id():
    path = CORE / "central" / "authorise.py"
    plain = [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
             and getattr(node.exc.func, "id", None) in ("Refused", "Rejected", "refuse")]
    assert plain == [], f"central/authorise.py: a refusal without a message id at lines {plain} (use Refused.of)"


def test_an_authorisation_refusal_reads_in_welsh_with_its_parts():
    from hmip_desktop.core.central.authorise import Refused

    error = Refused.of("auth.not_allocated", rule="case_not_allocated", facts={"rule": "case_not_allocated"},
                       where=Msg.of("auth.where", member="case_reads.jsonl", line=3, case="C7"),
                       to=Msg.of("auth.to_member", member="insp2"), member="insp1")
    assert str(error) == ("case_reads.jsonl:3: case C7: allocated to team member insp2, not to insp1: only a "
                          "case's allocated reader submits its read")
    assert error.text("cy").startswith("case_reads.jsonl:3: achos C7: wedi'i ddyrannu i aelod tîm insp2, nid i insp1")
    assert error.rule == "case_not_allocated" and error.facts == {"rule": "case_not_allocated"}


def test_every_eligibility_reason_of_the_shipped_frameworks_has_welsh():
    """A framework's eligibility reasons are English in its file; the Welsh the windows and
    ``hmip --lang cy`` show is in messages_setup.LEFT_OUT_CY: a new reason needs its Welsh."""
    from hmip_desktop.core.frameworks import load_file
    from hmip_desktop.core.messages_setup import LEFT_OUT_CY
    from hmip_desktop.core.paths import forms_dir

    reasons = {rule.reason for path in sorted(forms_dir().glob("*.yaml"))
               for rule in (load_file(path).sample.eligibility.exclude if load_file(path).sample.eligibility else ())}
    assert reasons and reasons - set(LEFT_OUT_CY) == set()


def test_a_caseloads_listed_problems_read_in_welsh_and_keep_their_english(tmp_path):
    """Row problems and warnings are listed, not raised: ``message`` stays the English it
    always was, ``text("cy")`` and ``at(FILE)`` give the Welsh (the framework's Welsh label)."""
    from hmip_desktop.core.frameworks import load_file
    from hmip_desktop.core.messages import in_lang
    from hmip_desktop.core.paths import forms_dir
    from hmip_desktop.core.setup.caseload import read_caseload

    path = tmp_path / "c.csv"
    path.write_bytes("case_id,gender,disposal_type,risk_level,Full name\nC1,male,licence,low,Ann Bee\n"
                     "C2,male,licence,low,Cy Dee\nC3,female,,low,Ed Eff\nC1,female,licence,low,Gee Aitch\n"
                     "C5,caf\xe9,licence,low,Ian Jay\n".encode("cp1252"))
    loaded = read_caseload(path, load_file(forms_dir() / "adult_probation.yaml"))
    assert [(p.line, p.message) for p in loaded.errors] == [
        (4, "disposal_type: missing disposal type"),
        (5, "case_id: case reference 'C1' is already on line 2"),
        (6, "gender: 'café' is not a valid gender: expected one of male, female, other (or their English or Welsh "
            "labels)")]
    assert [p.text("cy") for p in loaded.errors] == [
        "disposal_type: math o warediad ar goll",
        "case_id: mae cyfeirnod achos 'C1' eisoes ar linell 2",
        "gender: nid yw 'café' yn werth dilys ar gyfer rhywedd: roedd disgwyl un o male, female, other (neu eu "
        "labeli Saesneg neu Gymraeg)"]
    assert [str(p) for p in loaded.warnings] == [
        "the file is not UTF-8: read as Windows-1252 (Excel's plain CSV)",
        "line 1: column 'Full name' looks like it holds names: not imported"]
    assert [in_lang(p.at("c.csv"), "cy") for p in loaded.warnings] == [
        "c.csv: nid yw'r ffeil yn UTF-8: fe'i darllenwyd fel Windows-1252 (CSV plaen Excel)",
        "c.csv:1: mae'n ymddangos bod colofn 'Full name' yn dal enwau: ni chafodd ei mewnforio"]
