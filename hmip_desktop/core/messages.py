"""The core's refusals in English and Welsh: a message id and its arguments, not a sentence.

The core has no Qt, so it cannot use the windows' translation catalogue. A refusal a
person reads (a value the store will not take, a file that is not accepted, a key that
cannot be used) is raised as ``SomeError.of("message.id", name=value, ...)``: the
exception's ``str()`` is the English text (what the command line prints, what the log
and the tests see, unchanged), and ``error.text("cy")`` is the same refusal in Welsh,
which is what the windows show in a Welsh interface.

``MESSAGES`` maps an id to ``(English, Welsh)`` templates with ``{name}`` placeholders
(a test checks that both have the same ones). An argument may itself be a :class:`Msg`
(a phrase with its own id, such as where in a case read) or a :class:`Refusal` (one
error inside another): both are put in the same language. Other arguments (file
names, case references, numbers, the text of a library's own error) are shown as they
are.
"""

from __future__ import annotations

from string import Formatter
from typing import NamedTuple

from .messages_central import CENTRAL
from .messages_evidence import EVIDENCE
from .messages_field import FIELD
from .messages_national import NATIONAL
from .messages_reports import REPORTS
from .messages_setup import SETUP

_READ_RECOVERY = ("keep the file as it is and send it to your lead inspector or IT support "
                  "(case reads you have exported are safe in the central store)")
_READ_RECOVERY_CY = ("cadwch y ffeil fel y mae a'i hanfon at eich arolygydd arweiniol neu'r gwasanaeth TG "
                     "(mae'r darlleniadau achos a allforiwyd gennych yn ddiogel yn y storfa ganolog)")

#: id -> (English, Welsh).
MESSAGES: dict[str, tuple[str, str]] = {
    # -- phrases used inside other messages --
    "where.case_item": ("case {case}, {item}", "achos {case}, {item}"),
    "list.and_more": ("{items} and {more} more", "{items} a {more} arall"),
    # -- values the field store refuses (core/field/values.py) --
    "value.date_type": ("{where}: a date must be written YYYY-MM-DD",
                        "{where}: rhaid ysgrifennu dyddiad fel BBBB-MM-DD"),
    "value.not_a_date": ("{where}: '{value}' is not a date (use YYYY-MM-DD)",
                         "{where}: nid yw '{value}' yn ddyddiad (defnyddiwch BBBB-MM-DD)"),
    "value.not_a_number": ("{where}: '{value}' is not a number", "{where}: nid yw '{value}' yn rhif"),
    "value.below_minimum": ("{where}: {value} is below the minimum {minimum}",
                            "{where}: mae {value} yn is na'r isafswm, {minimum}"),
    "value.above_maximum": ("{where}: {value} is above the maximum {maximum}",
                            "{where}: mae {value} yn uwch na'r uchafswm, {maximum}"),
    "value.expected_text": ("{where}: expected text", "{where}: roedd disgwyl testun"),
    "value.text_too_long": ("{where}: text is longer than {limit} characters",
                            "{where}: mae'r testun yn hwy na {limit} nod"),
    "value.not_one_of": ("{where}: '{value}' is not one of {allowed}", "{where}: nid yw '{value}' yn un o {allowed}"),
    "value.choose_from": ("{where}: choose from {allowed}", "{where}: dewiswch o blith {allowed}"),
    "value.expected_boolean": ("{where}: expected true or false", "{where}: roedd disgwyl gwir neu gau"),
    "value.interview_held": ("{where}: interview held must be yes, no or not yet recorded",
                             "{where}: rhaid i 'cyfweliad wedi'i gynnal' fod yn ie, na neu heb ei gofnodi eto"),
    "value.interview_field": ("{where}: unknown interview field '{part}'", "{where}: maes cyfweliad anhysbys '{part}'"),
    "read.locked": ("case {case} is marked complete; reopen it to change it",
                    "mae achos {case} wedi'i farcio'n gyflawn; ailagorwch ef i'w newid"),
    # -- the field store file (core/field/db.py) --
    "store.network": ("{path}: is on a network drive. SQLite cannot lock files reliably there; "
                      "keep the field store on this laptop's own disk.",
                      "{path}: mae ar yriant rhwydwaith. Ni all SQLite gloi ffeiliau'n ddibynadwy yno; "
                      "cadwch y storfa maes ar ddisg y gliniadur hwn ei hun."),
    "store.missing": ("{path}: no such field store", "{path}: nid oes storfa maes o'r fath"),
    "store.is_folder": ("{path}: is a folder, not a field store file", "{path}: ffolder yw hwn, nid ffeil storfa maes"),
    "store.read_only_old": ("{path}: is read-only and was written by an older version of hmip-desktop; it must be "
                            "updated before it can be opened: make it writable (or copy it) and open it again",
                            "{path}: mae'n ddarllen-yn-unig ac fe'i hysgrifennwyd gan fersiwn hŷn o hmip-desktop; rhaid "
                            "ei diweddaru cyn y gellir ei hagor: gwnewch hi'n ysgrifenadwy (neu copïwch hi) a'i hagor eto"),
    "store.in_use": ("{path}: is open in another hmip-desktop (process {pid} on {host}); close it there first, or "
                     "use that window",
                     "{path}: mae ar agor mewn hmip-desktop arall (proses {pid} ar {host}); caewch hi yno yn gyntaf, "
                     "neu defnyddiwch y ffenestr honno"),
    "store.too_new": ("{path}: was written by a newer version of hmip-desktop (schema step {step}). "
                      "Install the newer version to open it; nothing has been changed.",
                      "{path}: fe'i hysgrifennwyd gan fersiwn mwy newydd o hmip-desktop (cam sgema {step}). "
                      "Gosodwch y fersiwn mwy newydd i'w hagor; ni newidiwyd dim."),
    "store.damaged": ("{path}: the field store is damaged ({detail}); {recovery}",
                      "{path}: mae'r storfa maes wedi'i difrodi ({detail}); {recovery}"),
    "store.recovery": (_READ_RECOVERY, _READ_RECOVERY_CY),
    "store.recovery_backup": ("restore it from the automatic backup {backup} (made before the last update), or "
                              + _READ_RECOVERY,
                              "adferwch hi o'r copi wrth gefn awtomatig {backup} (a wnaed cyn y diweddariad "
                              "diwethaf), neu " + _READ_RECOVERY_CY),
    "store.disk_full": ("{path}: cannot be written, the disk is full ({detail}); free some space and try again",
                        "{path}: ni ellir ysgrifennu iddi, mae'r ddisg yn llawn ({detail}); rhyddhewch ychydig o "
                        "le a rhowch gynnig arall arni"),
    "store.unusable": ("{path}: the field store cannot be used ({detail})",
                       "{path}: ni ellir defnyddio'r storfa maes ({detail})"),
    "store.pragma": ("{path}: PRAGMA {name} is {actual}, expected {expected}; the store cannot be used safely",
                     "{path}: mae PRAGMA {name} yn {actual}, roedd disgwyl {expected}; ni ellir defnyddio'r storfa'n "
                     "ddiogel"),
    "store.no_inspection": ("no inspection '{inspection}' in this field store",
                            "nid oes arolygiad '{inspection}' yn y storfa maes hon"),
    # -- an inspection set up on the laptop (core/field/inspections.py) --
    "inspection.role": ("team member {member}: role must be one of {roles}",
                        "aelod o'r tîm {member}: rhaid i'r rôl fod yn un o {roles}"),
    "inspection.profile_field": ("case {case}: unknown profile field '{field}'",
                                 "achos {case}: maes proffil anhysbys '{field}'"),
    "inspection.exists": ("inspection '{inspection}' already exists in this field store; use another file",
                          "mae arolygiad '{inspection}' eisoes yn y storfa maes hon; defnyddiwch ffeil arall"),
    # -- export (core/field/export.py) --
    "exchange.no_central_store": ("this laptop does not know its central store yet (import the inspection pack first)",
                                  "nid yw'r gliniadur hwn yn adnabod ei storfa ganolog eto (mewnforiwch y pecyn "
                                  "arolygu yn gyntaf)"),
    "export.recipient": ("'{recipient}…' is not an age or ssh-ed25519 recipient",
                         "nid yw '{recipient}…' yn dderbynnydd age nac ssh-ed25519"),
    "export.would_be_refused": ("inspection {inspection}: the central store would refuse this bundle ({reason}); "
                                "nothing was written. Shorten the longest evidence notes, or ask your lead inspector "
                                "to share the reads between laptops",
                                "arolygiad {inspection}: byddai'r storfa ganolog yn gwrthod y bwndel hwn ({reason}); "
                                "ni ysgrifennwyd dim. Byrhewch y nodiadau tystiolaeth hiraf, neu gofynnwch i'ch "
                                "arolygydd arweiniol rannu'r darlleniadau rhwng gliniaduron"),
    "export.too_many_reads": ("inspection {inspection}: {count} case reads are more than the central store takes in "
                              "one bundle (at most {limit}); nothing was written. Ask your lead inspector "
                              "to share the reads between laptops (one inspector key each)",
                              "arolygiad {inspection}: mae {count} darlleniad achos yn fwy nag y mae'r storfa ganolog "
                              "yn ei gymryd mewn un bwndel ({limit} ar y mwyaf); ni ysgrifennwyd dim. Gofynnwch i'ch "
                              "arolygydd arweiniol rannu'r darlleniadau rhwng gliniaduron (un allwedd arolygydd yr un)"),
    "export.lead_nothing": ("inspection {inspection}: nothing to send: a lead inspector's bundle carries judgements "
                            "on evidence only (leads submit no case reads), and the central store has confirmed every "
                            "one recorded here; nothing was written",
                            "arolygiad {inspection}: dim i'w anfon: dim ond barnau ar dystiolaeth sydd mewn bwndel "
                            "arolygydd arweiniol (nid yw arweinwyr yn cyflwyno darlleniadau achos), ac mae'r storfa "
                            "ganolog wedi cadarnhau pob un a gofnodwyd yma; ni ysgrifennwyd dim"),
    "export.file_size": ("{size} bytes; at most {limit}", "{size} beit; {limit} ar y mwyaf"),
    # -- receipts and forgetting an inspection (core/field/receipts.py) --
    "receipt.signer": ("receipt is not signed by this laptop's central store",
                       "nid yw'r dderbynneb wedi'i llofnodi gan storfa ganolog y gliniadur hwn"),
    "receipt.key": ("cannot decrypt the receipt: it was made for another inspector's key",
                    "ni ellir dadgryptio'r dderbynneb: fe'i gwnaed ar gyfer allwedd arolygydd arall"),
    "receipt.invalid": ("receipt is not valid: {detail}", "nid yw'r dderbynneb yn ddilys: {detail}"),
    "receipt.other_store": ("receipt comes from another central store", "daw'r dderbynneb o storfa ganolog arall"),
    "receipt.other_laptop": ("receipt is for another laptop", "mae'r dderbynneb ar gyfer gliniadur arall"),
    "purge.no_receipt": ("no receipt from the central store for inspection '{inspection}': export, "
                         "have it imported, and import the receipt first; nothing was removed",
                         "dim derbynneb gan y storfa ganolog ar gyfer arolygiad '{inspection}': allforiwch, "
                         "gofynnwch i'r bwndel gael ei fewnforio, a mewnforiwch y dderbynneb yn gyntaf; ni "
                         "thynnwyd dim"),
    "purge.not_held": ("the central store does not yet hold the current state of case(s) {cases}: export "
                       "again and import its receipt; nothing was removed",
                       "nid yw'r storfa ganolog yn dal cyflwr presennol achos(ion) {cases} eto: allforiwch eto a "
                       "mewnforiwch ei derbynneb; ni thynnwyd dim"),
    "purge.evidence_not_held": ("the central store has not confirmed {count} judgement(s) on evidence: export "
                                "again and import its receipt; nothing was removed",
                                "nid yw'r storfa ganolog wedi cadarnhau {count} barn ar dystiolaeth: allforiwch eto a "
                                "mewnforiwch ei derbynneb; ni thynnwyd dim"),
    # -- inspection packs (core/field/pack_import.py) --
    # -- the central import, and the sync service (docs/sync.md) --
    "import.other_content": ("bundle id {bundle} was already imported with other content: refused",
                             "mewnforiwyd bwndel {bundle} eisoes gyda chynnwys arall: gwrthodwyd"),
    "sync.too_large": ("the upload is {size} bytes, more than the {limit} bytes a bundle may have",
                       "mae'r uwchlwythiad yn {size} beit, mwy na'r {limit} beit a ganiateir i fwndel"),
    "sync.headers_too_large": ("the request's headers are {size} bytes, more than the {limit} bytes allowed",
                               "mae penawdau'r cais yn {size} beit, mwy na'r {limit} beit a ganiateir"),
    "sync.no_length": ("an upload must say its length (Content-Length) or be sent in chunks",
                       "rhaid i uwchlwythiad nodi ei hyd (Content-Length) neu gael ei anfon mewn darnau"),
    "sync.too_slow": ("the upload did not arrive within {limit} seconds",
                      "ni chyrhaeddodd yr uwchlwythiad o fewn {limit} eiliad"),
    "sync.replayed": ("request replayed: this signed request was seen before",
                      "cais wedi'i ailchwarae: gwelwyd y cais llofnodedig hwn o'r blaen"),
    "sync.rate": ("too many requests from key {key}: try again in {seconds} seconds",
                  "gormod o geisiadau gan allwedd {key}: rhowch gynnig arall ymhen {seconds} eiliad"),
    "sync.no_item": ("no such {kind} for this key", "nid oes {kind} o'r fath ar gyfer yr allwedd hon"),
    "sync.challenge": ("the challenge must be 16 to 64 lower-case hex digits",
                       "rhaid i'r her fod yn 16 i 64 o ddigidau hecs llythrennau bach"),
    "sync.unavailable": ("the central store is unavailable: {detail}", "nid yw'r storfa ganolog ar gael: {detail}"),
    "sync.offline": ("offline, {waiting} waiting", "all-lein, {waiting} yn aros"),
    "sync.wrong_store": ("the server at {url} is not this laptop's central store ({why}); nothing was sent",
                         "nid y gweinydd yn {url} yw storfa ganolog y gliniadur hwn ({why}); ni anfonwyd dim"),
    "sync.untrusted_tls": ("the server at {url} presented a TLS certificate this laptop does not trust (for a private "
                           "certificate authority give --ca CERT.pem); nothing was sent",
                           "cyflwynodd y gweinydd yn {url} dystysgrif TLS nad yw'r gliniadur hwn yn ymddiried ynddi (ar gyfer "
                           "awdurdod tystysgrifau preifat rhowch --ca CERT.pem); ni anfonwyd dim"),
    "sync.url": ("{url}: give the server as https://HOST[:PORT]", "{url}: rhowch y gweinydd fel https://GWESTEIWR[:PORTH]"),
    "sync.no_store": ("this laptop does not know its central store yet (import the inspection pack first)",
                      "nid yw'r gliniadur hwn yn adnabod ei storfa ganolog eto (mewnforiwch y pecyn arolygu yn gyntaf)"),
    "sync.plain_http": ("plain HTTP is allowed only on 127.0.0.1: give --tls-cert and --tls-key",
                        "caniateir HTTP plaen ar 127.0.0.1 yn unig: rhowch --tls-cert a --tls-key"),
    "pack.trust": ("give at least 16 hex digits of the lead inspector's key fingerprint to trust",
                   "rhowch o leiaf 16 digid hecs o ôl bys allwedd yr arolygydd arweiniol i ymddiried ynddi"),
    "pack.signer": ("pack is signed by key {key}, not by the trusted key {trusted}",
                    "mae'r pecyn wedi'i lofnodi gan allwedd {key}, nid gan yr allwedd ddibynadwy {trusted}"),
    "pack.no_signer": ("pack does not carry its signer's public key",
                       "nid yw'r pecyn yn cario allwedd gyhoeddus ei lofnodwr"),
    "pack.signer_mismatch": ("pack signer's public key does not match its fingerprint",
                             "nid yw allwedd gyhoeddus llofnodwr y pecyn yn cyfateb i'w hôl bys"),
    "pack.key": ("cannot decrypt the pack with your key: it was made for another team",
                 "ni ellir dadgryptio'r pecyn â'ch allwedd: fe'i gwnaed ar gyfer tîm arall"),
    "pack.invalid": ("pack.json: {field}: {detail}", "pack.json: {field}: {detail}"),
    "pack.id": ("pack id does not match its signed header",
                "nid yw dynodydd y pecyn yn cyfateb i'w bennawd wedi'i lofnodi"),
    "pack.framework": ("the framework in the pack does not match its hash",
                       "nid yw'r fframwaith yn y pecyn yn cyfateb i'w stwnsh"),
    "pack.not_in_team": ("your key is not in this inspection's team", "nid yw eich allwedd yn nhîm yr arolygiad hwn"),
    # -- the signed envelope (core/exchange/envelope.py) --
    "envelope.magic": ("not an hmip file (bad magic number)", "nid yw'n ffeil hmip (rhif hud anghywir)"),
    "envelope.header_size": ("header too large ({size} bytes; at most {limit})",
                             "pennawd yn rhy fawr ({size} beit; {limit} ar y mwyaf)"),
    "envelope.truncated": ("file is truncated (header or signature incomplete)",
                           "mae'r ffeil wedi'i thorri'n fyr (pennawd neu lofnod yn anghyflawn)"),
    "envelope.header": ("header is not valid: {field}: {detail}", "nid yw'r pennawd yn ddilys: {field}: {detail}"),
    "envelope.kind": ("expected a {expected}, this file is a {kind}",
                      "roedd disgwyl ffeil o'r math {expected}, ond mae'r ffeil hon o'r math {kind}"),
    "envelope.signature": ("signature does not verify: the file was altered or signed by another key",
                           "nid yw'r llofnod yn dilysu: newidiwyd y ffeil neu fe'i llofnodwyd gan allwedd arall"),
    "envelope.payload_size": ("payload too large ({size} bytes; at most {limit})",
                              "llwyth yn rhy fawr ({size} beit; {limit} ar y mwyaf)"),
    "envelope.payload_length": ("payload is {actual} bytes but the signed header says {size} "
                                "(truncated or bytes appended)",
                                "mae'r llwyth yn {actual} beit ond mae'r pennawd wedi'i lofnodi yn dweud {size} "
                                "(wedi'i dorri'n fyr neu mae beitiau wedi'u hychwanegu)"),
    "envelope.payload_hash": ("payload does not match its signed hash: the file was altered",
                              "nid yw'r llwyth yn cyfateb i'w stwnsh wedi'i lofnodi: newidiwyd y ffeil"),
    "file.unreadable": ("{path}: cannot read ({reason})", "{path}: ni ellir ei darllen ({reason})"),
    "file.too_large": ("{path}: file is larger than {limit} bytes", "{path}: mae'r ffeil yn fwy na {limit} beit"),
    # -- the archive inside a payload (core/exchange/archive.py) --
    "archive.entries": ("archive has {count} members; at most {limit}",
                        "mae gan yr archif {count} aelod; {limit} ar y mwyaf"),
    "archive.twice": ("archive member '{name}' appears twice", "mae aelod archif '{name}' yn ymddangos ddwywaith"),
    "archive.not_allowed": ("archive member '{name}' is not allowed", "ni chaniateir aelod archif '{name}'"),
    "archive.not_plain": ("archive member '{name}' is not a plain file", "nid yw aelod archif '{name}' yn ffeil blaen"),
    "archive.encrypted": ("archive member '{name}' is encrypted", "mae aelod archif '{name}' wedi'i amgryptio"),
    "archive.compression": ("archive member '{name}' uses an unsupported compression",
                            "mae aelod archif '{name}' yn defnyddio math o gywasgu nas cefnogir"),
    "archive.member_size": ("archive member '{name}' is too large ({size} bytes)",
                            "mae aelod archif '{name}' yn rhy fawr ({size} beit)"),
    "archive.bomb": ("archive member '{name}' expands {ratio}-fold (a compression bomb)",
                     "mae aelod archif '{name}' yn ehangu {ratio} gwaith (bom cywasgu)"),
    "archive.invalid": ("payload is not a valid archive ({detail})", "nid yw'r llwyth yn archif ddilys ({detail})"),
    "archive.lacks": ("archive lacks {names}", "nid oes {names} yn yr archif"),
    "archive.damaged": ("archive member '{name}' is damaged ({detail})",
                        "mae aelod archif '{name}' wedi'i ddifrodi ({detail})"),
    "archive.member_length": ("archive member '{name}' is not the size its entry says",
                              "nid yw aelod archif '{name}' o'r maint a nodir yn ei gofnod"),
    "json.too_deep": ("{member}: JSON nested too deeply", "{member}: JSON wedi'i nythu'n rhy ddwfn"),
    "json.records": ("{member}: {count} records; at most {limit}", "{member}: {count} cofnod; {limit} ar y mwyaf"),
    "json.line_length": ("{member}:{line}: line longer than {limit} bytes",
                         "{member}:{line}: llinell yn hwy na {limit} beit"),
    "json.bom": ("{where}: starts with a byte-order mark (UTF-8 without one only)",
                 "{where}: yn dechrau â nod trefn beit (UTF-8 heb un yn unig)"),
    "json.not_utf8": ("{where}: not UTF-8 text (UTF-8 only)", "{where}: nid testun UTF-8 mohono (UTF-8 yn unig)"),
    "json.nested": ("{where}: JSON nested too deeply (at most {limit})",
                    "{where}: JSON wedi'i nythu'n rhy ddwfn ({limit} ar y mwyaf)"),
    "json.invalid": ("{where}: not JSON ({detail})", "{where}: nid JSON mohono ({detail})"),
    "json.surrogate": ("{where}: not JSON (an unpaired surrogate escape, which I-JSON forbids)",
                       "{where}: nid JSON mohono (dihangfa ddirprwyol heb ei pharu, a waherddir gan I-JSON)"),
    "json.not_object": ("{member}:{line}: each line must be a JSON object",
                        "{member}:{line}: rhaid i bob llinell fod yn wrthrych JSON"),
    # -- authorisation at the central store (core/central/authorise.py) --
    "auth.where": ("{member}:{line}: case {case}", "{member}:{line}: achos {case}"),
    "auth.not_signer": ("{where}: reader {reader} is not the signer (team member {member}): a bundle carries only "
                        "its sender's own case reads",
                        "{where}: nid y darllenydd {reader} yw'r llofnodwr (aelod tîm {member}): dim ond "
                        "darlleniadau achos ei anfonwr ei hun sydd mewn bwndel"),
    "auth.not_in_sample": ("{where}: {why}", "{where}: {why}"),
    "auth.not_a_case": ("not a case of inspection {inspection}", "nid yw'n achos yn arolygiad {inspection}"),
    "auth.replaced": ("not in the sample of inspection {inspection} (replaced by case {by})",
                      "nid yw yn sampl arolygiad {inspection} (rhoddwyd achos {by} yn ei le)"),
    "auth.reserve": ("a reserve case of inspection {inspection} that has not been activated",
                     "achos wrth gefn yn arolygiad {inspection} nad yw wedi'i roi ar waith"),
    "auth.not_sampled": ("not in the sample of inspection {inspection}", "nid yw yn sampl arolygiad {inspection}"),
    "auth.not_allocated": ("{where}: allocated {to}, not to {member}: only a case's allocated reader submits its read",
                           "{where}: wedi'i ddyrannu {to}, nid i {member}: dim ond y darllenydd a ddyrannwyd i "
                           "achos sy'n cyflwyno ei ddarlleniad"),
    "auth.to_member": ("to team member {member}", "i aelod tîm {member}"),
    "auth.to_nobody": ("to nobody yet", "i neb eto"),
    "auth.not_set_up": ("inspection {inspection} has not been set up at this central store: a bundle never creates "
                        "an inspection (a lead inspector sets it up first: inspection, team, sample)",
                        "nid yw arolygiad {inspection} wedi'i sefydlu yn y storfa ganolog hon: nid yw bwndel byth "
                        "yn creu arolygiad (mae arolygydd arweiniol yn ei sefydlu yn gyntaf: arolygiad, tîm, sampl)"),
    "auth.other_framework": ("inspection {inspection} uses framework {framework} {version}; this bundle was made "
                             "with different framework content",
                             "mae arolygiad {inspection} yn defnyddio fframwaith {framework} {version}; gwnaed y "
                             "bwndel hwn gyda chynnwys fframwaith gwahanol"),
    "auth.key_not_on_team": ("key {key} is not on the team of inspection {inspection}",
                             "nid yw allwedd {key} ar dîm arolygiad {inspection}"),
    "auth.role_may_not_submit": ("key {key} belongs to team member {member}, a {role}: only inspectors and local "
                                 "assessors submit case reads",
                                 "mae allwedd {key} yn perthyn i aelod tîm {member}, rôl {role}: dim ond "
                                 "arolygwyr ac aseswyr lleol sy'n cyflwyno darlleniadau achos"),
    "auth.key_twice": ("key {key} belongs to {count} team members of inspection {inspection}: one key, one member",
                       "mae allwedd {key} yn perthyn i {count} aelod o dîm arolygiad {inspection}: un allwedd, "
                       "un aelod"),
    "auth.role_mismatch": ("key {key} was enrolled as {enrolled}, but team member {member} is a {role}: enrol the "
                           "member's key for their role",
                           "cofrestrwyd allwedd {key} fel {enrolled}, ond rôl aelod tîm {member} yw {role}: "
                           "cofrestrwch allwedd yr aelod ar gyfer ei rôl"),
    "auth.device_of_another_key": ("device {device} belongs to another key ({owner}), the first that sent from "
                                   "it: a device id is never shared",
                                   "mae dyfais {device} yn perthyn i allwedd arall ({owner}), y gyntaf a anfonodd "
                                   "ohoni: ni rennir id dyfais byth"),
    # -- keys (core/exchange/keys.py) --
    "key.not_public": ("{source}: not an hmip public key (expected '{prefix} <base64> <name>')",
                       "{source}: nid yw'n allwedd gyhoeddus hmip (roedd disgwyl '{prefix} <base64> <enw>')"),
    "key.damaged": ("{source}: the key material is damaged", "{source}: mae deunydd yr allwedd wedi'i ddifrodi"),
    "key.public_unreadable": ("{path}: cannot read the public key ({reason})",
                              "{path}: ni ellir darllen yr allwedd gyhoeddus ({reason})"),
    "key.no_keyring": ("no keyring on this machine: set {env} to the passphrase that protects the key "
                       "(see docs/keys.md)",
                       "dim cylch allweddi ar y peiriant hwn: gosodwch {env} i'r cyfrinymadrodd sy'n diogelu'r "
                       "allwedd (gweler docs/keys.md)"),
    "key.passphrase": ("{folder}: the passphrase for key {key} is not in this machine's keyring; "
                       "set {env} (see docs/keys.md)",
                       "{folder}: nid yw'r cyfrinymadrodd ar gyfer allwedd {key} yng nghylch allweddi'r peiriant "
                       "hwn; gosodwch {env} (gweler docs/keys.md)"),
    "key.exists": ("{folder}: already holds a key; choose another folder",
                   "{folder}: mae allwedd ynddo eisoes; dewiswch ffolder arall"),
    "key.private_unreadable": ("{folder}: cannot read private.pem ({reason})",
                               "{folder}: ni ellir darllen private.pem ({reason})"),
    "key.wrong_passphrase": ("{folder}: wrong passphrase for the key, or the key file is damaged",
                             "{folder}: cyfrinymadrodd anghywir ar gyfer yr allwedd, neu mae ffeil yr allwedd wedi'i "
                             "difrodi"),
    "key.mismatch": ("{folder}: private.pem does not match public.key",
                     "{folder}: nid yw private.pem yn cyfateb i public.key"),
    # -- what a lead inspector is refused at the central store (core/central/moderation.py) --
    "central.not_lead": ("'{by}' is not a lead inspector on the team of inspection '{inspection}' ({leads})",
                         "nid yw '{by}' yn arolygydd arweiniol ar dîm arolygiad '{inspection}' ({leads})"),
    "central.its_leads": ("its leads: {ids}", "ei arolygwyr arweiniol: {ids}"),
    "central.no_lead": ("it has no lead yet", "nid oes ganddo arolygydd arweiniol eto"),
    "central.signed_off": ("inspection '{inspection}' is signed off; reopen it (recorded) before changing anything",
                           "mae arolygiad '{inspection}' wedi'i gymeradwyo; ailagorwch ef (caiff hynny ei gofnodi) "
                           "cyn newid dim"),
    "central.no_case_read": ("no case read {case} in inspection '{inspection}'",
                             "nid oes darlleniad achos {case} yn arolygiad '{inspection}'"),
    "central.not_an_option": ("case {case}, {question}: '{value}' is not one of {allowed}",
                              "achos {case}, {question}: nid yw '{value}' yn un o {allowed}"),
    "central.new_revision": ("case {case} changed while you were moderating it: a new revision arrived "
                             "({seen} → {head}); reload it; nothing was recorded",
                             "newidiodd achos {case} tra oeddech yn ei gymedroli: cyrhaeddodd fersiwn newydd "
                             "({seen} → {head}); ail-lwythwch ef; ni chofnodwyd dim"),
    "central.moderated_meanwhile": ("case {case} changed while you were moderating it: {question} was moderated "
                                    "{by}after you opened it; reload it; nothing was recorded",
                                    "newidiodd achos {case} tra oeddech yn ei gymedroli: cymedrolwyd {question} "
                                    "{by}ar ôl i chi ei agor; ail-lwythwch ef; ni chofnodwyd dim"),
    "central.by": ("by {who} ", "gan {who} "),
    "central.needs_rationale": ("case {case}, {question}: changing a judgement needs a written rationale",
                                "achos {case}, {question}: mae angen rhesymeg ysgrifenedig i newid barn"),
    "central.outcome": ("outcome must be one of {outcomes}", "rhaid i'r canlyniad fod yn un o {outcomes}"),
    "central.return_comments": ("returning a read to its reader needs comments for them",
                                "mae angen sylwadau i'r darllenydd er mwyn dychwelyd darlleniad ato"),
    "central.override_reason": ("a professional-judgement override needs a recorded reason",
                                "mae angen rheswm wedi'i gofnodi i ddiystyru ar sail barn broffesiynol"),
    "central.not_a_band": ("'{band}' is not a band of framework {framework} (nor not_rated)",
                           "nid yw '{band}' yn fand o fframwaith {framework} (nac yn not_rated)"),
    "central.no_conflict": ("no conflict {conflict} in inspection '{inspection}'",
                            "nid oes gwrthdaro {conflict} yn arolygiad '{inspection}'"),
    "central.conflict_resolved": ("conflict {conflict} (case {case}) is already resolved",
                                  "mae gwrthdaro {conflict} (achos {case}) wedi'i ddatrys eisoes"),
    "central.keep_which": ("case {case}: the version to keep must be one of the two in conflict",
                           "achos {case}: rhaid i'r fersiwn i'w chadw fod yn un o'r ddwy sy'n gwrthdaro"),
    "central.conflict_reason": ("case {case}: resolving a conflict needs a recorded reason",
                                "achos {case}: mae angen rheswm wedi'i gofnodi i ddatrys gwrthdaro"),
    "central.sign_key": ("only an enrolled lead inspector's key can sign off or reopen an inspection",
                         "dim ond allwedd arolygydd arweiniol gofrestredig a all gymeradwyo neu ailagor arolygiad"),
    "central.already_signed_off": ("inspection '{inspection}' is already signed off",
                                   "mae arolygiad '{inspection}' wedi'i gymeradwyo eisoes"),
    "central.not_signed_off": ("inspection '{inspection}' is not signed off",
                               "nid yw arolygiad '{inspection}' wedi'i gymeradwyo"),
    "central.reopen_reason": ("reopening a signed-off inspection needs a recorded reason",
                              "mae angen rheswm wedi'i gofnodi i ailagor arolygiad a gymeradwywyd"),
    # -- the rest of the central store: opening, keys, import, set-up, packs, results, evidence --
    **CENTRAL,
    # -- the sampler and the allocation (core/setup) --
    **SETUP,

    # -- judgements on evidence (core/frameworks/evidence_rules.py, core/field/evidence.py, import) --
    **EVIDENCE,
    **FIELD,
    # -- the national store (core/national) --
    **NATIONAL,
    **REPORTS,
}


def placeholders(template: str) -> set[str]:
    """The ``{name}`` placeholders of a template."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def render(key: str, lang: str, params: dict) -> str:
    """Message ``key`` in ``lang`` ("en" or "cy") with ``params`` filled in."""
    english, welsh = MESSAGES[key]
    template = welsh if lang == "cy" else english
    return template.format_map({name: _in(value, lang) for name, value in params.items()})


def _in(value: object, lang: str) -> object:
    if isinstance(value, (Msg, Refusal, OneLine, Joined, Bilingual)):
        return value.text(lang)
    return value


def in_lang(value: object, lang: str) -> str:
    """A phrase, refusal or plain value as text in ``lang`` (plain values as they are)."""
    return str(_in(value, lang))


class Msg(NamedTuple):
    """A phrase with its own id, used as an argument of another message; ``str()`` is its English."""

    key: str
    params: dict

    @classmethod
    def of(cls, key: str, /, **params) -> Msg:
        return cls(key, params)

    def text(self, lang: str = "en") -> str:
        return render(self.key, lang, self.params)

    def __str__(self) -> str:
        return self.text("en")


class OneLine(NamedTuple):
    """An argument: a refusal (or phrase) on one line of at most ``limit`` characters, in
    the language of the message it is put in (a long value quoted in a refusal is cut)."""

    inner: object
    limit: int

    def text(self, lang: str = "en") -> str:
        words = " ".join(str(_in(self.inner, lang)).split())
        return words if len(words) <= self.limit else words[: self.limit - 1] + "…"

    def __str__(self) -> str:
        return self.text("en")


class Joined(NamedTuple):
    """An argument: phrases (or refusals, or plain text) joined by ``sep``, each in the
    language of the message it is put in (the rows of a caseload a refusal lists)."""

    items: tuple
    sep: str = "\n"

    def text(self, lang: str = "en") -> str:
        return self.sep.join(in_lang(item, lang) for item in self.items)

    def __str__(self) -> str:
        return self.text("en")


class Bilingual(NamedTuple):
    """Words that come with their own Welsh (a framework's label): ``cy`` where given, else ``en``."""

    en: str
    cy: str | None = None

    def text(self, lang: str = "en") -> str:
        return self.cy if lang == "cy" and self.cy else self.en

    def __str__(self) -> str:
        return self.en


class Refusal(Exception):
    """An error a person reads. Raised as ``Cls.of("id", **params)``: ``str()`` is the English
    text; ``text(lang)`` the text in the interface language. A refusal made the old way
    (``Cls("text")``) has no ``key`` and reads the same in every language."""

    key: str | None = None
    params: dict = {}

    @classmethod
    def of(cls, key: str, /, **params):
        return cls(render(key, "en", params)).keyed(key, **params)

    @classmethod
    def like(cls, other: BaseException):
        """``other`` passed on as this class: the same English text and, for a refusal with
        a message id, the same id and arguments (so it stays translatable)."""
        made = cls(str(other))
        if isinstance(other, Refusal) and other.key is not None:
            made.keyed(other.key, **other.params)
        return made

    def keyed(self, key: str, /, **params):
        """This error with message ``key`` (for a class whose constructor takes more than the text)."""
        self.key, self.params = key, params
        return self

    def text(self, lang: str = "en") -> str:
        if self.key is None or lang == "en":
            return str(self)
        return render(self.key, lang, self.params)


def text_of(error: BaseException, lang: str) -> str:
    """What to show a person for ``error`` in ``lang``: a refusal's own text, else ``str()``."""
    if isinstance(error, Refusal):
        return error.text(lang)
    return str(error) or type(error).__name__
