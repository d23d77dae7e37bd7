"""The national store's refusals in English and Welsh (core/national: init, trust,
import, tables, sub-groups, follow-up): part of :data:`hmip_desktop.core.messages.MESSAGES`,
with the same rules (``id -> (English, Welsh)``, the same ``{name}`` placeholders)."""

from __future__ import annotations

#: id -> (English, Welsh).
NATIONAL: dict[str, tuple[str, str]] = {
    "national.missing": ("{path}: no such national store (create it with: hmip national init {path})",
                         "{path}: nid oes storfa genedlaethol o'r fath (crëwch hi gyda: hmip national init {path})"),
    "national.exists": ("{location}: is already a national store", "{location}: mae eisoes yn storfa genedlaethol"),
    "national.not_store": ("{location}: is not a national store", "{location}: nid yw'n storfa genedlaethol"),
    "national.newer": ("{location}: was made by a newer version of hmip (schema {schema}); upgrade hmip",
                       "{location}: gwnaed gan fersiwn mwy newydd o hmip (sgema {schema}); uwchraddiwch hmip"),
    "national.unreachable": ("{location}: cannot open the national store ({reason}); check the path or URL",
                             "{location}: ni ellir agor y storfa genedlaethol ({reason}); gwiriwch y llwybr neu'r URL"),
    "national.keys_exist": ("{path}: already holds national store keys; choose another --keys DIR",
                            "{path}: mae'n dal allweddi storfa genedlaethol eisoes; dewiswch --keys DIR arall"),
    "national.keys_missing": ("{path}: the national store's keys are missing; pass --keys DIR or restore the "
                              "folder from a backup (nothing was imported)",
                              "{path}: mae allweddi'r storfa genedlaethol ar goll; rhowch --keys DIR neu adferwch y "
                              "ffolder o gopi wrth gefn (ni fewnforiwyd dim)"),
    "national.keys_other": ("{path}: holds the keys of another national store; pass the right --keys DIR",
                            "{path}: mae'n dal allweddi storfa genedlaethol arall; rhowch y --keys DIR cywir"),
    "national.already_trusted": ("key {key} is already trusted (as {name})",
                                 "mae allwedd {key} wedi'i hymddiried eisoes (fel {name})"),
    "national.not_trusted": ("key '{key}' matches {count} trusted keys; give more of its id",
                             "mae allwedd '{key}' yn cyfateb i {count} allwedd ymddiriedig; rhowch fwy o'i dynodydd"),
    "national.rejected": ("{file}: not imported: {reason}",
                          "{file}: ni fewnforiwyd: {reason}"),
    "national.bad_results": ("{file}: not imported: the results are not valid ({reason}); ask the central store "
                             "to export them again with this version of hmip",
                             "{file}: ni fewnforiwyd: nid yw'r canlyniadau'n ddilys ({reason}); gofynnwch i'r "
                             "storfa ganolog eu hallforio eto gyda'r fersiwn hwn o hmip"),
    "national.unreadable": ("{file}: cannot read the file ({reason}); check the path",
                            "{file}: ni ellir darllen y ffeil ({reason}); gwiriwch y llwybr"),
    "national.followup_header": ("{file}: the header must include pseudonym,reconvicted,date (it has {header}); "
                                 "correct the file and import it again",
                                 "{file}: rhaid i'r pennawd gynnwys pseudonym,reconvicted,date (mae ganddo {header}); "
                                 "cywirwch y ffeil a'i mewnforio eto"),
    "national.followup_row": ("{file}, line {line}: {reason}; correct the row and import the file again",
                              "{file}, llinell {line}: {reason}; cywirwch y rhes a mewnforio'r ffeil eto"),
    "national.issue_recipient": ("'{recipient}…' is not an age public key: give the central store's recipient "
                                 "(hmip central init prints it)",
                                 "nid yw '{recipient}…' yn allwedd gyhoeddus age: rhowch dderbynnydd y storfa "
                                 "ganolog (mae hmip central init yn ei argraffu)"),
    "national.other_pseudonym_key": ("{file}: not imported: its case reads are pseudonymised under key {key}, not "
                                     "this national store's key {own}; install this store's key at the central "
                                     "store (hmip national issue-key) and export the results again",
                                     "{file}: heb ei fewnforio: mae ei ddarlleniadau achos wedi'u ffugenwi dan "
                                     "allwedd {key}, nid allwedd {own} y storfa genedlaethol hon; gosodwch allwedd "
                                     "y storfa hon yn y storfa ganolog (hmip national issue-key) ac allforiwch y "
                                     "canlyniadau eto"),
    "national.bad_date": ("'{value}' is not a date (use YYYY-MM-DD)", "nid yw '{value}' yn ddyddiad (defnyddiwch BBBB-MM-DD)"),
    "national.role": ("role must be one of {roles}", "rhaid i'r rôl fod yn un o {roles}"),
    "national.untrusted": ("signed by key {key}, which this national store does not trust; trust the lead's key "
                           "first (hmip national trust NATIONAL --public-key FILE)",
                           "wedi'i llofnodi gan allwedd {key}, nad yw'r storfa genedlaethol hon yn ymddiried ynddi; "
                           "ymddiriedwch yn allwedd yr arolygydd arweiniol yn gyntaf "
                           "(hmip national trust NATIONAL --public-key FILE)"),
    "national.revoked": ("signed by key {key} ({name}), no longer trusted since {since}; trust it again only if "
                         "the key is safe (hmip national trust)",
                         "wedi'i llofnodi gan allwedd {key} ({name}), nad oes ymddiried ynddi ers {since}; "
                         "ymddiriedwch ynddi eto dim ond os yw'r allwedd yn ddiogel (hmip national trust)"),
    "national.not_encrypted": ("cannot decrypt: the results are not encrypted to this national store "
                               "(export them again with --to its recipient)",
                               "ni ellir dadgryptio: nid yw'r canlyniadau wedi'u hamgryptio i'r storfa genedlaethol "
                               "hon (allforiwch nhw eto gyda --to ei derbynnydd)"),
    "national.ask_again": ("{reason}; ask the central store for the results file again",
                           "{reason}; gofynnwch i'r storfa ganolog am y ffeil canlyniadau eto"),
    "national.case_twice": ("case read {n}: the same case twice", "darlleniad achos {n}: yr un achos ddwywaith"),
    "national.unknown_question": ("case read {n}: a judgement of '{question}', which is not a key question of the "
                                  "results",
                                  "darlleniad achos {n}: barn ar '{question}', nad yw'n gwestiwn allweddol yn y "
                                  "canlyniadau"),
    "national.row_pseudonym": ("the pseudonym must be 64 hex digits (made by hmip national pseudonym)",
                               "rhaid i'r ffugenw fod yn 64 digid hecs (a wnaed gan hmip national pseudonym)"),
    "national.row_reconvicted": ("reconvicted must be yes or no, not '{value}'",
                                 "rhaid i reconvicted fod yn yes neu no, nid '{value}'"),
    "national.row_repeated": ("this pseudonym is on an earlier line too",
                              "mae'r ffugenw hwn ar linell gynharach hefyd"),
}
