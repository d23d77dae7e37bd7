"""The sampler's refusals in English and Welsh (sample size, strata, quotas and minimums,
reserves, allocation to the team: core/setup): part of
:data:`hmip_desktop.core.messages.MESSAGES`, with the same rules (``id -> (English,
Welsh)``, the same ``{name}`` placeholders, the English as it always was). The lead
inspector meets them in the set-up wizard, in ``hmip central draw`` and in ``hmip sample``."""

from __future__ import annotations

#: id -> (English, Welsh).
SETUP: dict[str, tuple[str, str]] = {
    # -- the sample size (core/setup/size.py, strata.py) --
    "size.confidence": ("confidence level must be between 0 and 1 (e.g. 0.95), not {value}",
                        "rhaid i'r lefel hyder fod rhwng 0 ac 1 (e.e. 0.95), nid {value}"),
    "size.p": ("p must be between 0 and 1, not {value}", "rhaid i p fod rhwng 0 ac 1, nid {value}"),
    "size.margin": ("margin of error must be a fraction between 0 and 1 (0.10 is ±10 points), not {value}",
                    "rhaid i'r ymyl gwall fod yn ffracsiwn rhwng 0 ac 1 (0.10 yw ±10 pwynt), nid {value}"),
    "size.whole": ("sample size must be a whole number of at least 1, not {value}",
                   "rhaid i faint y sampl fod yn rhif cyfan o 1 o leiaf, nid {value}"),
    "size.too_large": ("sample size {size} is larger than the caseload ({total} cases)",
                       "mae maint y sampl, {size}, yn fwy na'r llwyth achosion ({total} achos)"),
    "size.caseload_whole": ("caseload size must be a whole number of at least 1 case, not {value}",
                            "rhaid i faint y llwyth achosion fod yn rhif cyfan o 1 achos o leiaf, nid {value}"),
    # -- strata, quotas and minimums (core/setup/strata.py) --
    "strata.group_values": ("group quota {attribute}={name} needs a list of values",
                            "mae angen rhestr o werthoedd ar gwota grŵp {attribute}={name}"),
    "strata.quota_whole": ("quota for {attribute}={name} must be a whole number of at least 0, not {value}",
                           "rhaid i'r cwota ar gyfer {attribute}={name} fod yn rhif cyfan o 0 o leiaf, nid {value}"),
    "strata.quota_base": ("quota base must be at least 1 case, not {base}",
                          "rhaid i sail y cwota fod yn 1 achos o leiaf, nid {base}"),
    "strata.minimum_attribute": ("a minimum on {attribute}, which is not a stratification attribute ({attributes})",
                                 "isafswm ar {attribute}, nad yw'n nodwedd haenu ({attributes})"),
    "strata.minimum_whole": ("minimum for {attribute}={value} must be a whole number of at least 0, not {n}",
                             "rhaid i'r isafswm ar gyfer {attribute}={value} fod yn rhif cyfan o 0 o leiaf, nid {n}"),
    "strata.empty": ("the caseload is empty: nothing to sample", "mae'r llwyth achosion yn wag: dim i'w samplu"),
    "strata.minimum_negative": ("minimum per group must not be negative ({minimum})",
                                "ni chaiff yr isafswm i bob grŵp fod yn negatif ({minimum})"),
    "strata.key": ("stratum {key} does not have one value per attribute {attributes}",
                   "nid oes gan haen {key} un gwerth i bob nodwedd {attributes}"),
    "strata.quota_attribute": ("quota on {attribute}, which is not a stratification attribute ({attributes})",
                               "cwota ar {attribute}, nad yw'n nodwedd haenu ({attributes})"),
    "strata.counted_twice": ("the {attribute} quotas and minimums {first} and {second} both count {attribute}={value}",
                             "mae cwotâu ac isafsymiau {attribute} {first} a {second} ill dau'n cyfrif "
                             "{attribute}={value}"),
    "strata.over_size": ("the {attribute} quotas and minimums ({required}) add up to more than the sample of {size}",
                         "mae cwotâu ac isafsymiau {attribute} ({required}) yn dod i fwy na'r sampl o {size}"),
    "strata.minimum_too_many": ("a minimum of {minimum} per group needs {needed} cases across {strata} strata, more "
                                "than the sample of {size}: lower the minimum or raise the size",
                                "mae isafswm o {minimum} i bob grŵp yn gofyn am {needed} achos ar draws {strata} "
                                "haen, mwy na'r sampl o {size}: gostyngwch yr isafswm neu cynyddwch y maint"),
    "strata.cannot_meet": ("the {kind} of {need} cases with {shown} cannot be met with the other constraints",
                           "ni ellir bodloni'r {kind} o {need} achos gyda {shown} ochr yn ochr â'r cyfyngiadau "
                           "eraill"),
    "strata.kind_quota": ("quota", "cwota"),
    "strata.kind_minimum": ("minimum", "isafswm"),
    # -- drawing and replacing (core/setup/selection.py) --
    "selection.no_attributes": ("no stratification attributes", "dim nodweddion haenu"),
    "selection.reserve_ratio": ("reserve ratio must not be negative ({ratio})",
                                "ni chaiff y gymhareb achosion wrth gefn fod yn negatif ({ratio})"),
    "selection.no_value": ("a case has no value for {attribute}", "mae achos heb werth ar gyfer {attribute}"),
    "selection.duplicates": ("duplicate case references in the caseload",
                             "cyfeirnodau achos dyblyg yn y llwyth achosion"),
    "selection.no_case_id": ("a case has no case_id", "mae achos heb case_id"),
    "selection.reason": ("give a reason for replacing a case", "rhowch reswm dros roi achos arall yn lle achos"),
    "selection.not_in_sample": ("case {case} is not in the sample{extra}", "nid yw achos {case} yn y sampl{extra}"),
    "selection.is_reserve": (" (it is a reserve)", " (achos wrth gefn ydyw)"),
    "selection.already_replaced": (" (it has already been replaced)", " (rhoddwyd achos arall yn ei le eisoes)"),
    "selection.no_reserve": ("no reserve left for case {case} in stratum {stratum} ({count} reserve(s), all used): "
                             "replace it by hand or draw again with more reserves",
                             "nid oes achos wrth gefn ar ôl ar gyfer achos {case} yn haen {stratum} ({count} achos "
                             "wrth gefn, pob un wedi'i ddefnyddio): dewiswch achos arall â llaw neu tynnwch y sampl "
                             "eto gyda mwy o achosion wrth gefn"),
    # -- allocation to the team (core/setup/allocation.py) --
    "allocation.not_in_team": ("{member} is not in the team", "nid yw {member} yn y tîm"),
    "allocation.no_id": ("a team member has no id: {raw}", "nid oes gan aelod o'r tîm ddynodydd: {raw}"),
    "allocation.twice": ("team member {member} is listed twice", "mae aelod tîm {member} wedi'i restru ddwywaith"),
    "allocation.role": ("team member {member} has role {role}; expected one of {roles}",
                        "rôl aelod tîm {member} yw {role}; roedd disgwyl un o {roles}"),
    "allocation.cap": ("team member {member} has cap {cap}; expected a whole number of cases",
                       "terfyn aelod tîm {member} yw {cap}; roedd disgwyl nifer cyfan o achosion"),
    "allocation.share": ("local assessor share must be between 0 and 1, not {share}",
                         "rhaid i gyfran yr aseswyr lleol fod rhwng 0 ac 1, nid {share}"),
    "allocation.case_twice": ("a case is listed twice", "mae achos wedi'i restru ddwywaith"),
    "allocation.no_readers": ("nobody in the team reads cases (inspectors, local assessors, or leads with a cap)",
                              "nid oes neb yn y tîm yn darllen achosion (arolygwyr, aseswyr lleol, neu arolygwyr "
                              "arweiniol â therfyn)"),
    "allocation.over_caps": ("the team can read only {read} of the {total} cases within its caps (local assessors "
                             "at most {la_cap}): add readers or raise caps",
                             "dim ond {read} o'r {total} achos y gall y tîm eu darllen o fewn ei derfynau (aseswyr "
                             "lleol: {la_cap} ar y mwyaf): ychwanegwch ddarllenwyr neu codwch y terfynau"),
    "allocation.not_allocated": ("case {case} is not allocated", "nid yw achos {case} wedi'i ddyrannu"),
    "allocation.already": ("case {case} is already allocated to {member}",
                           "mae achos {case} wedi'i ddyrannu i {member} eisoes"),
    "allocation.not_a_reader": ("{member} ({role}) does not read cases", "nid yw {member} ({role}) yn darllen achosion"),
    "allocation.at_cap": ("{member} already has {cap} case(s), their cap",
                          "mae gan {member} {cap} achos eisoes, sef y terfyn"),
    "allocation.la_share": ("local assessors would read {count} cases, more than their share allows ({cap} of "
                            "{total})",
                            "byddai aseswyr lleol yn darllen {count} achos, mwy nag y mae eu cyfran yn ei ganiatáu "
                            "({cap} o {total})"),
    # -- reading a caseload file (core/setup/caseload_files.py, caseload.py) --
    "caseload.at_line": ("line {line}: {reason}", "llinell {line}: {reason}"),
    "caseload.folder": ("{path} is a folder, not a caseload file", "ffolder yw {path}, nid ffeil llwyth achosion"),
    "caseload.xls": ("{name} is an old Excel .xls workbook: save it as .xlsx or CSV UTF-8",
                     "mae {name} yn hen lyfr gwaith Excel .xls: cadwch ef fel .xlsx neu CSV UTF-8"),
    "caseload.empty_file": ("{name} is empty", "mae {name} yn wag"),
    "caseload.too_big": ("{name} is larger than {mb} MB: not a caseload",
                         "mae {name} yn fwy na {mb} MB: nid llwyth achosion mohono"),
    "caseload.nul": ("binary content (a NUL byte): not a CSV text file",
                     "cynnwys deuaidd (beit NUL): nid ffeil testun CSV mohoni"),
    "caseload.binary": ("binary content: neither UTF-8 nor Windows-1252 text (save the caseload as CSV UTF-8)",
                        "cynnwys deuaidd: nid testun UTF-8 na Windows-1252 mohono (cadwch y llwyth achosion fel CSV "
                        "UTF-8)"),
    "caseload.csv": ("not readable as CSV ({detail})", "ni ellir ei ddarllen fel CSV ({detail})"),
    "caseload.encoding": ("not valid text in this encoding (save the caseload as CSV UTF-8)",
                          "nid yw'n destun dilys yn yr amgodiad hwn (cadwch y llwyth achosion fel CSV UTF-8)"),
    "caseload.xlsx": ("{name} is not a readable XLSX workbook ({kind})",
                      "nid yw {name} yn llyfr gwaith XLSX y gellir ei ddarllen ({kind})"),
    "caseload.no_sheet": ("{name} has no worksheet", "nid oes taflen waith yn {name}"),
    "caseload.columns": ("more than {limit} columns", "mwy na {limit} colofn"),
    "caseload.damaged": ("{name}: the workbook is damaged ({kind})",
                         "{name}: mae'r llyfr gwaith wedi'i ddifrodi ({kind})"),
    "caseload.mapping_unknown": ("mapping names unknown field(s) {fields}; known: {known}",
                                 "mae'r mapio'n enwi maes/meysydd anhysbys {fields}; y rhai hysbys: {known}"),
    "caseload.mapping_no_column": ("mapping: no column '{column}' for {field}",
                                   "mapio: dim colofn '{column}' ar gyfer {field}"),
    "caseload.mapping_names": ("mapping: column '{column}' for {field} looks like it holds names, which are never "
                               "imported",
                               "mapio: mae'n ymddangos bod colofn '{column}' ar gyfer {field} yn dal enwau, ac ni "
                               "fewnforir enwau byth"),
    "caseload.missing_columns": ("no column for {fields} (required); columns found: {shown}",
                                 "dim colofn ar gyfer {fields} (gofynnol); colofnau a ganfuwyd: {shown}"),
    "caseload.none": ("none", "dim"),
    "caseload.case_id_column": ("case_id (the case reference)", "case_id (y cyfeirnod achos)"),
    "caseload.no_header": ("{source} is empty: no header row and no cases",
                           "mae {source} yn wag: dim rhes bennawd a dim achosion"),
    "caseload.column_twice": ("column '{column}' appears twice in the header",
                              "mae colofn '{column}' yn ymddangos ddwywaith yn y pennawd"),
    "caseload.names": ("column '{column}' for {field} looks like it holds people's names, which are never imported",
                       "mae'n ymddangos bod colofn '{column}' ar gyfer {field} yn dal enwau pobl, ac ni fewnforir "
                       "enwau byth"),
    "caseload.rows": ("more than {limit} rows: not a caseload", "mwy na {limit} rhes: nid llwyth achosion mohono"),
    "caseload.no_cases": ("{source} has a header but no cases", "mae pennawd yn {source} ond dim achosion"),
    # -- a caseload's rows: problems listed, not raised (core/setup/caseload.py, caseload_files.py) --
    "caseload.file_line": ("{path}:{line}: {problem}", "{path}:{line}: {problem}"),
    "caseload.file": ("{path}: {problem}", "{path}: {problem}"),
    "caseload.row_width": ("{count} values but the header has {width} columns",
                           "{count} gwerth ond mae {width} colofn yn y pennawd"),
    "caseload.row_missing": ("{field}: missing {label}", "{field}: {label} ar goll"),
    "caseload.row_bad": ("{field}: {reason}", "{field}: {reason}"),
    "caseload.ref_twice": ("case_id: case reference {value} is already on line {line}",
                           "case_id: mae cyfeirnod achos {value} eisoes ar linell {line}"),
    "caseload.ref_too_long": ("case reference is longer than {limit} characters",
                              "mae'r cyfeirnod achos yn hwy na {limit} nod"),
    "caseload.ref_control": ("case reference contains control characters",
                             "mae nodau rheoli yn y cyfeirnod achos"),
    "caseload.not_an_option": ("{value} is not a valid {label}: expected one of {ids} (or their English or Welsh "
                               "labels)",
                               "nid yw {value} yn werth dilys ar gyfer {label}: roedd disgwyl un o {ids} (neu eu "
                               "labeli Saesneg neu Gymraeg)"),
    "caseload.not_a_number": ("{value} is not a number", "nid yw {value} yn rhif"),
    "caseload.not_yes_no": ("{value} is not yes or no", "nid yw {value} yn ie neu na"),
    "caseload.not_a_date": ("{value} is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                            "nid yw {value} yn ddyddiad (BBBB-MM-DD neu DD/MM/BBBB)"),
    "caseload.names_dropped": ("column '{column}' looks like it holds names: not imported",
                               "mae'n ymddangos bod colofn '{column}' yn dal enwau: ni chafodd ei mewnforio"),
    "caseload.cp1252": ("the file is not UTF-8: read as Windows-1252 (Excel's plain CSV)",
                        "nid yw'r ffeil yn UTF-8: fe'i darllenwyd fel Windows-1252 (CSV plaen Excel)"),
    "caseload.sheets": ("the workbook has {count} sheets: only the first, '{title}', was read",
                        "mae gan y llyfr gwaith {count} taflen: dim ond y gyntaf, '{title}', a ddarllenwyd"),
    # -- cases left out before the draw (core/setup/eligibility.py, explain.py, sample_file.py) --
    "left_out.same_case": ("same case reference", "yr un cyfeirnod achos"),
    "left_out.same_person": ("same person ({field})", "yr un person ({field})"),
    "left_out.same_person_through": ("same person (through another duplicate)", "yr un person (drwy ddyblyg arall)"),
    "left_out.kept": ("line {line} kept", "cadwyd llinell {line}"),
    "left_out.kept_earlier": ("line {line} kept (earlier {field})", "cadwyd llinell {line} ({field} cynharach)"),
    "left_out.no_column": ("{reason} (no {field} column)", "{reason} (dim colofn {field})"),
    "left_out.duplicates_by": ("duplicates by {field} (no {field} column)",
                               "dyblygion yn ôl {field} (dim colofn {field})"),
    "left_out.count": ("{count} {reason}", "{count} {reason}"),
    "left_out.empty": ("the caseload is empty", "mae'r llwyth achosion yn wag"),
    # -- hmip sample (core/setup/sample_file.py) --
    "sample.out_is_caseload": ("--out {path} is the caseload itself: choose another file",
                               "--out {path} yw'r llwyth achosion ei hun: dewiswch ffeil arall"),
    "sample.problems": ("{count} problems, the first: {first}", "{count} o broblemau, y cyntaf: {first}"),
    "sample.column_clash": ("{name}: the caseload already has a column '{column}' (is it a sample file?)",
                            "{name}: mae colofn '{column}' yn y llwyth achosion eisoes (ai ffeil sampl yw hi?)"),
    "sample.none_eligible": ("{name}: no eligible case to sample ({left_out})",
                             "{name}: dim achos cymwys i'w samplu ({left_out})"),
    # -- the sample report (core/setup/report.py, report_said.py): its sentences, table headers and flags --
    "report.sample": ("Sample of {size} from a caseload of {caseload} (seed {seed}), stratified by {attributes}.",
                      "Sampl o {size} o lwyth achosion o {caseload} (hedyn {seed}), wedi'i haenu yn ôl {attributes}."),
    "report.size": ("Size: {description}.", "Maint: {description}."),
    "report.size_how": ("{size} of {total} cases ({how}; ±{points:.1f} points at {confidence:g}% confidence)",
                        "{size} o {total} achos ({how}; ±{points:.1f} pwynt ar lefel hyder o {confidence:g}%)"),
    "report.size_calculated": ("calculated", "wedi'i gyfrifo"),
    "report.size_by_hand": ("set by hand", "wedi'i osod â llaw"),
    "report.reserves": ("Reserves: {drawn} drawn ({ratio:g} per sampled case per stratum, rounded up), {used} used, "
                        "{left} left.",
                        "Achosion wrth gefn: {drawn} wedi'u tynnu ({ratio:g} i bob achos a samplwyd ym mhob haen, "
                        "wedi'i dalgrynnu i fyny), {used} wedi'u defnyddio, {left} ar ôl."),
    "report.eligible": ("Eligible cases: {eligible} (judged as of {as_of}).",
                        "Achosion cymwys: {eligible} (wedi'u barnu ar {as_of})."),
    "report.not_eligible": ("Not eligible: {total} ({detail}).{cite}", "Anghymwys: {total} ({detail}).{cite}"),
    "report.duplicates": ("Duplicates removed: {total} ({detail}).{cite}",
                          "Dyblygion a dynnwyd: {total} ({detail}).{cite}"),
    "report.not_applied": ("Rules not applied (column absent): {rules}.",
                           "Rheolau na chawsant eu cymhwyso (dim colofn): {rules}."),
    "report.minimum_per_stratum": ("Minimum per stratum: {minimum} (all cases of a smaller stratum).",
                                   "Isafswm i bob haen: {minimum} (pob achos mewn haen lai)."),
    "report.minimum": ("Minimum {attribute}={value}: at least {required}; {sampled} sampled ({state}).",
                       "Isafswm {attribute}={value}: o leiaf {required}; {sampled} wedi'u samplu ({state})."),
    "report.met": ("met", "wedi'i fodloni"),
    "report.not_met": ("NOT MET", "HEB EI FODLONI"),
    "report.holders": ("Case holders ({field}): {holders} hold sampled cases, at most {most} each (cap {cap}); "
                       "{at_cap} at the cap; {passed_over} case(s) passed over, {moved} taken from another office "
                       "instead, {short} short.",
                       "Deiliaid achosion ({field}): mae gan {holders} achosion a samplwyd, {most} yr un ar y mwyaf "
                       "(terfyn {cap}); {at_cap} wedi cyrraedd y terfyn; {passed_over} achos wedi'u hepgor, {moved} "
                       "wedi'u cymryd o swyddfa arall yn lle hynny, {short} yn brin."),
    "report.quota": ("Quota {shown}: {per} per {base} cases -> at least {required}; {sampled} sampled ({state}).",
                     "Cwota {shown}: {per} i bob {base} achos -> o leiaf {required}; {sampled} wedi'u samplu "
                     "({state})."),
    "report.by": ("By {attribute}:", "Yn ôl {attribute}:"),
    "report.by_office": ("By {field} (kept in proportion within strata):",
                         "Yn ôl {field} (yn gymesur o fewn haenau):"),
    "report.by_field": ("By {field} (not a stratum; tolerance ±{tolerance:g} points):",
                        "Yn ôl {field} (nid haen; goddefiant ±{tolerance:g} pwynt):"),
    "report.not_reported": ("Not in the caseload, so not reported: {fields}.",
                            "Nid ydynt yn y llwyth achosion, felly ni adroddir arnynt: {fields}."),
    "report.by_stratum": ("By stratum:", "Yn ôl haen:"),
    "report.flags": ("Departures of more than one case from proportional allocation, and gaps:",
                     "Gwyriadau o fwy nag un achos oddi wrth y dyraniad cyfrannol, a bylchau:"),
    "report.only_sampled": ("only {sampled} of the {size} cases could be sampled within the case holder cap",
                            "dim ond {sampled} o'r {size} achos y gellid eu samplu o fewn y terfyn i bob deiliad "
                            "achos"),
    "report.replacements": ("Replacements:", "Achosion a roddwyd yn lle eraill:"),
    "report.replacement": ("{case} -> {by} (reserve {rank} of {stratum}): {reason}",
                           "{case} -> {by} (achos wrth gefn {rank} o {stratum}): {reason}"),
    "report.not_recorded": ("(not recorded)", "(heb ei gofnodi)"),
    "report.col_caseload": ("caseload", "llwyth achosion"),
    "report.col_share": ("share", "cyfran"),
    "report.col_sample": ("sample", "sampl"),
    "report.col_departure": ("departure", "gwyriad"),
    "report.col_points": ("points", "pwyntiau"),
    "report.flag_stratum": ("stratum {stratum}: {sampled} sampled against a proportional share of {share:.2f} "
                            "({reasons})",
                            "haen {stratum}: {sampled} wedi'u samplu yn erbyn cyfran gyfrannol o {share:.2f} "
                            "({reasons})"),
    "report.flag_value": ("{attribute}={value}: {sampled} sampled against a proportional share of {share:.2f} "
                          "({reasons})",
                          "{attribute}={value}: {sampled} wedi'u samplu yn erbyn cyfran gyfrannol o {share:.2f} "
                          "({reasons})"),
    "report.flag_absent": ("{attribute}={value}: none of its {population} case(s) is in the sample (set a minimum "
                           "per group to keep small groups)",
                           "{attribute}={value}: nid oes yr un o'i {population} achos yn y sampl (gosodwch isafswm "
                           "i bob grŵp i gadw grwpiau bach)"),
    "report.flag_minimum_short": ("minimum {attribute}={value}: {asked} asked for, the caseload has only "
                                  "{required}: all taken",
                                  "isafswm {attribute}={value}: gofynnwyd am {asked}, dim ond {required} sydd yn y "
                                  "llwyth achosion: cymerwyd pob un"),
    "report.flag_no_reserve": ("stratum {stratum}: no reserve (all {population} case(s) sampled)",
                               "haen {stratum}: dim achos wrth gefn (samplwyd pob un o'r {population} achos)"),
    "report.flag_short": ("stratum {stratum}: {short} case(s) short (every other case's case holder already has "
                          "{cap} sampled cases)",
                          "haen {stratum}: {short} achos yn brin (mae gan ddeiliad achos pob achos arall {cap} "
                          "achos a samplwyd eisoes)"),
    "report.flag_office": ("{field}={value}: {sampled} sampled against a share of {share:.2f}",
                           "{field}={value}: {sampled} wedi'u samplu yn erbyn cyfran o {share:.2f}"),
    "report.flag_representation": ("{field}={value}: {sample_pct:.1f}% of the sample against {population_pct:.1f}% "
                                   "of the caseload ({points:+.1f} points, beyond the tolerance of {tolerance:g}): "
                                   "draw again with another seed or set a minimum, and record why",
                                   "{field}={value}: {sample_pct:.1f}% o'r sampl yn erbyn {population_pct:.1f}% o'r "
                                   "llwyth achosion ({points:+.1f} pwynt, y tu hwnt i'r goddefiant o {tolerance:g}): "
                                   "tynnwch y sampl eto gyda hedyn arall neu gosodwch isafswm, a chofnodwch pam"),
    # -- why a stratum's allocation departs from its share (the reasons core/setup/strata.py records) --
    "reason.rounding": ("rounding", "talgrynnu"),
    "reason.rounding_across": ("rounding across {count} strata", "talgrynnu ar draws {count} haen"),
    "reason.room_for_minimums": ("fewer, to make room for the minimums of small groups",
                                 "llai, i wneud lle i isafsymiau grwpiau bach"),
    "reason.all_taken": ("every case of the stratum taken", "cymerwyd pob achos yn yr haen"),
    "reason.minimum_per_group": ("minimum of {minimum} per group", "isafswm o {minimum} i bob grŵp"),
    "reason.all_cases": ("all {count} cases (fewer than the minimum of {minimum} per group)",
                         "pob un o'r {count} achos (llai na'r isafswm o {minimum} i bob grŵp)"),
    "reason.room_for": ("fewer, to make room for the {shown} {kind}", "llai, i wneud lle i'r {kind} {shown}"),
    "reason.requirement": ("{kind}: at least {count} cases with {shown}", "{kind}: o leiaf {count} achos gyda {shown}"),
    # -- a re-issued inspection pack applied on a laptop (core/field/pack_update.py) --
    "pack.older": ("inspection pack {pack} for {inspection} was made at {created}, not after the one this laptop "
                   "holds ({held}): refused",
                   "gwnaed pecyn arolygu {pack} ar gyfer {inspection} am {created}, nid ar ôl yr un sydd gan y "
                   "gliniadur hwn ({held}): fe'i gwrthodwyd"),
    "pack.other_signer": ("inspection pack for {inspection} is signed by key {key}, not by the key {trusted} that "
                          "signed the pack this laptop holds: refused",
                          "mae'r pecyn arolygu ar gyfer {inspection} wedi'i lofnodi gan allwedd {key}, nid gan yr "
                          "allwedd {trusted} a lofnododd y pecyn sydd gan y gliniadur hwn: fe'i gwrthodwyd"),
    "pack.framework_changed": ("inspection pack for {inspection} pins another framework than the one its case reads "
                               "on this laptop use: refused",
                               "mae'r pecyn arolygu ar gyfer {inspection} yn pinio fframwaith gwahanol i'r un a "
                               "ddefnyddir gan ei ddarlleniadau achos ar y gliniadur hwn: fe'i gwrthodwyd"),
    "pack.other_store": ("inspection pack for {inspection} names another central store than the one this laptop "
                         "reports to: refused",
                         "mae'r pecyn arolygu ar gyfer {inspection} yn enwi storfa ganolog wahanol i'r un y mae'r "
                         "gliniadur hwn yn adrodd iddi: fe'i gwrthodwyd"),
}

#: The Welsh of the eligibility reasons the shipped frameworks give (``sample.eligibility``,
#: English in the framework file): a reason not listed here is shown as the framework words it.
LEFT_OUT_CY: dict[str, str] = {
    "not yet started": "heb ddechrau eto",
    "under supervision less than nine months": "dan oruchwyliaeth am lai na naw mis",
    "under supervision more than twelve months": "dan oruchwyliaeth am fwy na deuddeg mis",
    "gender missing": "rhywedd ar goll",
    "marked sensitive": "wedi'i farcio'n sensitif",
}
