"""The central store's refusals in English and Welsh (opening it, its keys, importing a
bundle, setting an inspection up, packs, results, evidence judgements): part of
:data:`hmip_desktop.core.messages.MESSAGES`, kept here so that neither module passes the
500-line cap. The same rules: ``id -> (English, Welsh)`` with the same
``{name}`` placeholders; the English is what these refusals have always said."""

from __future__ import annotations

_KEY_BACKUP = ("restore it from a backup of the keys folder", "adferwch hi o gopi wrth gefn o ffolder yr allweddi")

#: id -> (English, Welsh).
CENTRAL: dict[str, tuple[str, str]] = {
    # -- opening and creating a central store (core/central/store.py) --
    "central.location": ("{location}: use a SQLite file path or a postgresql:// URL",
                         "{location}: defnyddiwch lwybr ffeil SQLite neu URL postgresql://"),
    "central.keys_for_postgres": ("a PostgreSQL central store needs --keys DIR (where its keys are kept)",
                                  "mae angen --keys DIR ar storfa ganolog PostgreSQL (lle cedwir ei hallweddi)"),
    "central.unreachable": ("{location}: cannot reach the central store ({reason}); check the URL and that the "
                            "server is running",
                            "{location}: ni ellir cyrraedd y storfa ganolog ({reason}); gwiriwch yr URL a bod y "
                            "gweinydd yn rhedeg"),
    "central.unreadable": ("{location}: cannot read the central store ({reason}); check the path, or restore the "
                           "file from a backup",
                           "{location}: ni ellir darllen y storfa ganolog ({reason}); gwiriwch y llwybr, neu "
                           "adferwch y ffeil o gopi wrth gefn"),
    "central.keys_exist": ("{folder}: already holds central store keys",
                           "{folder}: mae allweddi storfa ganolog ynddo eisoes"),
    "central.escrow": ("escrow recipient '{recipient}' is not an age public key (age1…)",
                       "nid yw'r derbynnydd escrow '{recipient}' yn allwedd gyhoeddus age (age1…)"),
    "central.exists": ("{location}: is already a central store", "{location}: mae'n storfa ganolog eisoes"),
    "central.no_store": ("{location}: no such central store (create it with: hmip central init {location})",
                         "{location}: nid oes storfa ganolog o'r fath (crëwch hi gyda: hmip central init {location})"),
    "central.not_a_store": ("{location}: is not a central store", "{location}: nid yw'n storfa ganolog"),
    "central.too_new": ("{location}: was made by a newer version of hmip (schema {schema}); upgrade hmip",
                        "{location}: fe'i gwnaed gan fersiwn mwy newydd o hmip (sgema {schema}); uwchraddiwch hmip"),
    "central.meta_missing": ("{location}: meta '{key}' is missing", "{location}: mae'r meta '{key}' ar goll"),
    "central.needs_keys": ("{location}: this needs the central store's keys: pass --keys DIR (the folder made by "
                           "hmip central init)",
                           "{location}: mae angen allweddi'r storfa ganolog ar gyfer hyn: rhowch --keys DIR (y "
                           "ffolder a wnaed gan hmip central init)"),
    "central.keys_missing": ("{folder}: the central store's keys folder is missing; pass --keys DIR if it is "
                             "elsewhere, or restore the folder from a backup (nothing was imported)",
                             "{folder}: mae ffolder allweddi'r storfa ganolog ar goll; rhowch --keys DIR os yw mewn "
                             "man arall, neu adferwch y ffolder o gopi wrth gefn (ni fewnforiwyd dim)"),
    "central.identity_unreadable": ("{path}: cannot read the central store's identity ({reason}); " + _KEY_BACKUP[0],
                                    "{path}: ni ellir darllen hunaniaeth y storfa ganolog ({reason}); "
                                    + _KEY_BACKUP[1]),
    "central.identity_invalid": ("{path}: is not an age identity; " + _KEY_BACKUP[0],
                                 "{path}: nid yw'n hunaniaeth age; " + _KEY_BACKUP[1]),
    "central.other_keys": ("{folder}: holds the keys of another central store, not of {location}; pass the right "
                           "--keys DIR",
                           "{folder}: mae'n dal allweddi storfa ganolog arall, nid rhai {location}; rhowch y "
                           "--keys DIR cywir"),
    "central.no_folder": ("{folder}: no such folder", "{folder}: nid oes ffolder o'r fath"),
    "central.no_inspection": ("no inspection '{inspection}' in this central store",
                              "nid oes arolygiad '{inspection}' yn y storfa ganolog hon"),
    "central.framework_missing": ("inspection {inspection}: framework {framework} {version} (the exact version its "
                                  "bundles were made with) is not available here",
                                  "arolygiad {inspection}: nid yw fframwaith {framework} {version} (yr union fersiwn "
                                  "y gwnaed ei fwndeli ag ef) ar gael yma"),
    # -- enrolling and revoking keys (core/central/store.py) --
    "central.role": ("role must be one of {roles}", "rhaid i'r rôl fod yn un o {roles}"),
    "central.already_enrolled": ("key {key} is already enrolled (as {name}, {role})",
                                 "mae allwedd {key} wedi'i chofrestru eisoes (fel {name}, {role})"),
    "central.key_prefix": ("key '{prefix}' matches {count} enrolled keys; give more of its id",
                           "mae allwedd '{prefix}' yn cyfateb i {count} allwedd gofrestredig; rhowch fwy o'i "
                           "dynodydd"),
    "central.unknown_key": ("signed by an unknown key {key}: enrol it first (hmip central enrol)",
                            "wedi'i lofnodi gan allwedd anhysbys {key}: cofrestrwch hi yn gyntaf (hmip central enrol)"),
    "central.revoked_key": ("signed by key {key} ({name}), revoked on {date}",
                            "wedi'i lofnodi gan allwedd {key} ({name}), a ddirymwyd ar {date}"),
    # -- importing a bundle (core/central/importer.py, validate.py) --
    "import.evidence_disagree": ("{member}: the archive and manifest.json disagree about it (one has it, the other not)",
                                 "{member}: mae'r archif a manifest.json yn anghytuno amdano (mae gan un ef, nid gan y llall)"),
    "import.invalid": ("{where}: {field}: {detail}", "{where}: {field}: {detail}"),
    "import.other_content": ("bundle id {bundle} was already imported with other content: refused",
                             "mae bwndel â'r dynodydd {bundle} eisoes wedi'i fewnforio gyda chynnwys arall: "
                             "gwrthodwyd"),
    "import.not_encrypted": ("bundle payload is not encrypted", "nid yw llwyth y bwndel wedi'i amgryptio"),
    "import.not_for_us": ("cannot decrypt: the bundle is not encrypted to this central store",
                          "ni ellir dadgryptio: nid yw'r bwndel wedi'i amgryptio i'r storfa ganolog hon"),
    "import.manifest_header": ("manifest does not match the signed header (bundle id or sender)",
                               "nid yw'r maniffest yn cyfateb i'r pennawd wedi'i lofnodi (dynodydd y bwndel neu'r "
                               "anfonwr)"),
    "import.manifest_member": ("manifest.json does not describe {member}", "nid yw manifest.json yn disgrifio {member}"),
    "import.member_hash": ("{member}: does not match the hash in the manifest",
                           "{member}: nid yw'n cyfateb i'r stwnsh yn y maniffest"),
    "import.case_twice": ("{where}: case {case} appears twice", "{where}: mae achos {case} yn ymddangos ddwywaith"),
    "import.revision_id": ("{where}: case {case}: revision id does not match its content",
                           "{where}: achos {case}: nid yw dynodydd y fersiwn yn cyfateb i'w gynnwys"),
    "import.count": ("{member}: {count} records but the manifest says {expected}",
                     "{member}: {count} cofnod ond mae'r maniffest yn dweud {expected}"),
    "import.insert": ("cannot compile a plain INSERT into {table}", "ni ellir llunio INSERT plaen i {table}"),
    "import.connection_lost": ("the connection to the central store's database was lost during the import, so it "
                               "did not finish and nothing of it was kept (an import is all or nothing); run the "
                               "import again ({reason})",
                               "collwyd y cysylltiad â chronfa ddata'r storfa ganolog yn ystod y mewnforio, felly ni "
                               "orffennodd ac ni chadwyd dim ohono (mae mewnforio'n digwydd yn gyfan neu ddim o "
                               "gwbl); rhedwch y mewnforio eto ({reason})"),
    "import.value": ("{reason}", "{reason}"),
    "import.where_item": ("{where}: {item}", "{where}: {item}"),
    "import.where_profile": ("{where}: profile {key}", "{where}: proffil {key}"),
    "import.where_interview_date": ("{where}: interview date", "{where}: dyddiad y cyfweliad"),
    "import.profile_field": ("{where}: profile field '{key}' is not in framework {framework} {version}",
                             "{where}: nid yw maes proffil '{key}' yn fframwaith {framework} {version}"),
    "import.question": ("{where}: question '{question}' is not in framework {framework} {version}",
                        "{where}: nid yw cwestiwn '{question}' yn fframwaith {framework} {version}"),
    "import.incomplete": ("{where}: marked complete, but {what}{target} ({count} requirement(s) of a complete read "
                          "missing)",
                          "{where}: wedi'i farcio'n gyflawn, ond {what}{target} ({count} o ofynion darlleniad "
                          "cyflawn ar goll)"),
    "import.gap_answer": ("no judgement for", "dim barn ar gyfer"),
    "import.gap_evidence": ("no evidence note for", "dim nodyn tystiolaeth ar gyfer"),
    "import.gap_profile": ("no profile value for", "dim gwerth proffil ar gyfer"),
    "import.gap_interview": ("not recorded whether the case holder interview took place",
                             "heb gofnodi a gynhaliwyd y cyfweliad â deiliad yr achos"),
    "import.normal_form": ("{where}: '{value}' is not in its normal form (write {normalised})",
                           "{where}: nid yw '{value}' yn ei ffurf arferol (ysgrifennwch {normalised})"),
    # -- setting an inspection up and its pack (core/central/packs.py, setup_flow.py) --
    "setup.exists": ("inspection '{inspection}' already exists", "mae arolygiad '{inspection}' yn bodoli eisoes"),
    "setup.key_not_enrolled": ("team member {member}: key {key} is not enrolled",
                               "aelod tîm {member}: nid yw allwedd {key} wedi'i chofrestru"),
    "setup.pack_key": ("a pack must be signed by an enrolled, unrevoked lead inspector's key",
                       "rhaid i becyn gael ei lofnodi ag allwedd arolygydd arweiniol sydd wedi'i chofrestru a heb ei "
                       "dirymu"),
    "setup.not_set_up": ("inspection '{inspection}' has not been set up here",
                         "nid yw arolygiad '{inspection}' wedi'i sefydlu yma"),
    "setup.pack_no_keys": ("no team member has an enrolled key: nobody could open the pack",
                           "nid oes gan unrhyw aelod o'r tîm allwedd gofrestredig: ni allai neb agor y pecyn"),
    "setup.no_team": ("inspection '{inspection}' has no team yet (hmip central team)",
                      "nid oes gan arolygiad '{inspection}' dîm eto (hmip central team)"),
    "setup.invalid_rows": ("the caseload has {count} invalid row(s); nothing was drawn:\n{lines}{more}",
                           "mae {count} o resi annilys yn y llwyth achosion; ni thynnwyd sampl:\n{lines}{more}"),
    "setup.more_rows": ("\n… and {count} more", "\n… a {count} arall"),
    "setup.caseload": ("{path}: {detail}", "{path}: {detail}"),
    "setup.no_field_inspection": ("no inspection '{inspection}' in that field store",
                                  "nid oes arolygiad '{inspection}' yn y storfa maes honno"),
    "setup.replace_reason": ("give the reason the case cannot be used", "rhowch y rheswm na ellir defnyddio'r achos"),
    "setup.not_in_sample": ("case {case} is not in the current sample of inspection '{inspection}'",
                            "nid yw achos {case} yn sampl presennol arolygiad '{inspection}'"),
    "setup.no_reserve": ("no reserve left in the stratum of case {case} ({stratum}); draw again with more reserves "
                         "or choose a case by hand",
                         "nid oes achos wrth gefn ar ôl yn haen achos {case} ({stratum}); tynnwch y sampl eto gyda "
                         "mwy o achosion wrth gefn neu dewiswch achos â llaw"),
    # -- results for the national store (core/central/results.py) --
    "results.not_signed_off": ("inspection '{inspection}' is not signed off: sign it off before exporting results",
                               "nid yw arolygiad '{inspection}' wedi'i gymeradwyo: cymeradwywch ef cyn allforio "
                               "canlyniadau"),
    "results.log_broken": ("the central store's event log is broken ({reason}); results not exported",
                           "mae log digwyddiadau'r storfa ganolog wedi torri ({reason}); ni allforiwyd canlyniadau"),
    "results.signing_key": ("results must be signed with an enrolled, unrevoked lead inspector's key",
                            "rhaid llofnodi canlyniadau ag allwedd arolygydd arweiniol sydd wedi'i chofrestru a heb "
                            "ei dirymu"),
    "results.no_recipient": ("give the national store's age recipient (--to age1…): results hold personal data",
                             "rhowch dderbynnydd age y storfa genedlaethol (--to age1…): mae canlyniadau'n cynnwys "
                             "data personol"),
    "results.recipient": ("a recipient is not an age public key (age1…)",
                          "nid yw un o'r derbynwyr yn allwedd gyhoeddus age (age1…)"),
    "results.signer": ("results are signed by key {key}, not by the trusted key {trusted}",
                       "mae'r canlyniadau wedi'u llofnodi gan allwedd {key}, nid gan yr allwedd ddibynadwy {trusted}"),
    "results.signer_mismatch": ("the signer's public key does not match its fingerprint",
                                "nid yw allwedd gyhoeddus y llofnodwr yn cyfateb i'w hôl bys"),
    "results.key": ("cannot decrypt: the results are not encrypted to this key",
                    "ni ellir dadgryptio: nid yw'r canlyniadau wedi'u hamgryptio i'r allwedd hon"),
    "results.no_national_key": ("no national pseudonymisation key is installed: ask the national store's owner for "
                                "one (hmip national issue-key) and install it (hmip central national-key STORE FILE)",
                                "nid oes allwedd ffugenwi genedlaethol wedi'i gosod: gofynnwch i berchennog y storfa "
                                "genedlaethol am un (hmip national issue-key) a'i gosod (hmip central national-key "
                                "STORE FILE)"),
    "central.national_key_bad": ("cannot install the national key: {reason}",
                                 "ni ellir gosod yr allwedd genedlaethol: {reason}"),
    "central.national_key_other": ("{path}: another national key ({key}, national store {national}) is installed "
                                   "already; remove that file first only if the national store's owner says so",
                                   "{path}: mae allwedd genedlaethol arall ({key}, storfa genedlaethol {national}) "
                                   "wedi'i gosod eisoes; tynnwch y ffeil honno yn gyntaf dim ond os yw perchennog y "
                                   "storfa genedlaethol yn dweud hynny"),
    # -- standards judged on evidence (core/central/evidence.py) --
    "evidence.no_standard": ("framework {framework} has no standard '{standard}'",
                             "nid oes safon '{standard}' yn fframwaith {framework}"),
    "evidence.case_based": ("standard '{standard}' is case-based: it is rated from the case reads, not on evidence",
                            "mae safon '{standard}' yn seiliedig ar achosion: caiff ei graddio o'r darlleniadau "
                            "achos, nid ar sail tystiolaeth"),
    "evidence.no_question": ("standard '{standard}' has no key question '{question}'",
                             "nid oes cwestiwn allweddol '{question}' yn safon '{standard}'"),
    "evidence.needs_summary": ("{question}: a judgement needs a summary of the evidence it rests on",
                               "{question}: rhaid i farn gael crynodeb o'r dystiolaeth y mae'n seiliedig arni"),
    "evidence.needs_rationale": ("standard '{standard}': the lead's band needs a recorded rationale",
                                 "safon '{standard}': mae angen rhesymeg wedi'i chofnodi ar gyfer band yr arolygydd "
                                 "arweiniol"),
    "evidence.by": ("say who made the judgement (--by)", "nodwch pwy a wnaeth y farn (--by)"),
    "packs.unknown_attribute": ("unknown provider attribute(s) {names}", "priodoledd(au) darparwr anhysbys: {names}"),
    "packs.caseload_size": ("caseload size must be a whole number of cases, not {value}",
                            "rhaid i faint y llwyth achosion fod yn nifer cyfan o achosion, nid {value}"),
    "import.bundle_unknown": ("bundle {bundle} has not been imported here", "nid yw bwndel {bundle} wedi'i fewnforio yma"),
    # -- evidence standards assigned at set-up (core/central/assignments.py, field evidence, import) --
    "assign.not_evidence": ("standard '{standard}' is not a standard judged on evidence of inspection '{inspection}'",
                            "nid yw safon '{standard}' yn safon a fernir ar sail tystiolaeth yn arolygiad "
                            "'{inspection}'"),
    "assign.not_member": ("{member} is not on the team of inspection '{inspection}' (hmip central team)",
                          "nid yw {member} ar dîm arolygiad '{inspection}' (hmip central team)"),
    "assign.local_assessor": ("{member} is a local assessor: the provider's own staff do not judge the evidence "
                              "about their own organisation's policy and provision",
                              "mae {member} yn asesydd lleol: nid yw staff y darparwr ei hun yn barnu'r dystiolaeth "
                              "am bolisi a darpariaeth eu sefydliad eu hunain"),
    "evidence.assigned_to": ("standard '{standard}' is assigned to {assignee}: only they record its judgements "
                             "(the lead changes the assignment at set-up)",
                             "mae safon '{standard}' wedi'i neilltuo i {assignee}: dim ond nhw sy'n cofnodi ei "
                             "barnau (yr arweinydd sy'n newid y neilltuo wrth osod)"),
    "evidence.local_assessor": ("{by} is a local assessor: the provider's own staff do not judge the evidence about "
                                "their own organisation's policy and provision",
                                "mae {by} yn asesydd lleol: nid yw staff y darparwr ei hun yn barnu'r dystiolaeth am "
                                "bolisi a darpariaeth eu sefydliad eu hunain"),
    "auth.evidence_not_assigned": ("{where}: standard '{standard}' is assigned to {assignee}, not to {member}: only "
                                   "the assigned member sends its judgements",
                                   "{where}: mae safon '{standard}' wedi'i neilltuo i {assignee}, nid i {member}: dim "
                                   "ond yr aelod a neilltuwyd sy'n anfon ei barnau"),
    "auth.evidence_local_assessor": ("{where}: team member {member} is a local assessor: the provider's own staff send "
                                     "no judgements on evidence about their own organisation",
                                     "{where}: mae aelod tîm {member} yn asesydd lleol: nid yw staff y darparwr ei hun "
                                     "yn anfon barnau ar dystiolaeth am eu sefydliad eu hunain"),
    # -- case reads after sign-off (core/central/authorise.py) --
    "auth.signed_off": ("{where}: inspection '{inspection}' is signed off, so a new version of this case read is "
                        "not taken: the lead inspector must reopen the inspection (recorded), then send it again",
                        "{where}: mae arolygiad '{inspection}' wedi'i gymeradwyo, felly ni dderbynnir fersiwn newydd "
                        "o'r darlleniad achos hwn: rhaid i'r arolygydd arweiniol ailagor yr arolygiad (wedi'i "
                        "gofnodi), yna ei anfon eto"),
}
