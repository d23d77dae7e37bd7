"""Refusals about judgements on evidence in English and Welsh (the framework's rule in
core/frameworks/evidence_rules.py, the laptop's record in core/field/evidence.py, and the
central import's checks): part of :data:`hmip_desktop.core.messages.MESSAGES`, with the
same rules (``id -> (English, Welsh)``, the same ``{name}`` placeholders)."""

from __future__ import annotations

#: id -> (English, Welsh).
EVIDENCE: dict[str, tuple[str, str]] = {
    "evidence.not_one_of": ("{where}: '{value}' is not one of {allowed}", "{where}: nid yw '{value}' yn un o {allowed}"),
    "evidence.no_band_of_its_own": ("standard '{standard}' has no band of its own: judge each of its criteria",
                                    "nid oes gan safon '{standard}' fand ei hun: bernwch bob un o'i meini prawf"),
    "evidence.text_too_long": ("standard '{standard}': the text is longer than {limit} characters",
                               "safon '{standard}': mae'r testun yn hwy na {limit} nod"),
    "evidence.no_user": ("this laptop has no user recorded, so it cannot say who made the judgement: import the "
                         "inspection pack first (or name the team member: hmip evidence --by)",
                         "nid oes defnyddiwr wedi'i gofnodi ar y gliniadur hwn, felly ni all ddweud pwy a wnaeth y "
                         "farn: mewnforiwch y pecyn arolygu yn gyntaf (neu enwch yr aelod tîm: hmip evidence --by)"),
    "evidence.not_member": ("{by} is not on the team of inspection '{inspection}'",
                            "nid yw {by} ar dîm arolygiad '{inspection}'"),
    "evidence.band_not_lead": ("standard '{standard}': only a lead inspector decides the band, and {by} is on the "
                               "team as {role}",
                               "safon '{standard}': dim ond arolygydd arweiniol sy'n penderfynu'r band, ac mae {by} ar "
                               "y tîm fel {role}"),
    "auth.evidence_where": ("{member}:{line}: record {record}", "{member}:{line}: cofnod {record}"),
    "auth.evidence_twice": ("{where}: appears twice", "{where}: yn ymddangos ddwywaith"),
    "auth.evidence_invalid": ("{where}: {reason}", "{where}: {reason}"),
    "auth.evidence_not_signer": ("{where}: made by {by}, not by the signer (team member {member}): a bundle carries "
                                 "only its sender's own judgements",
                                 "{where}: gwnaed gan {by}, nid gan y llofnodwr (aelod tîm {member}): dim ond barnau "
                                 "ei anfonwr ei hun sydd mewn bwndel"),
    "auth.evidence_band_not_lead": ("{where}: the band of standard '{standard}' is decided by a lead inspector; "
                                    "the key of team member {member} is enrolled as {enrolled}",
                                    "{where}: arolygydd arweiniol sy'n penderfynu band safon '{standard}'; mae "
                                    "allwedd aelod tîm {member} wedi'i chofrestru fel {enrolled}"),
    "auth.evidence_signed_off": ("{where}: inspection '{inspection}' is signed off, so no judgement is taken now; "
                                 "ask the lead inspector to reopen it (recorded) and send again",
                                 "{where}: mae arolygiad '{inspection}' wedi'i gymeradwyo, felly ni dderbynnir barn "
                                 "nawr; gofynnwch i'r arolygydd arweiniol ei ailagor (wedi'i gofnodi) ac anfonwch eto"),
    "auth.evidence_other_content": ("{where}: a record with this id is already held with other content: refused "
                                    "(a laptop never reuses an id)",
                                    "{where}: mae cofnod â'r dynodydd hwn eisoes wedi'i gadw gyda chynnwys arall: "
                                    "gwrthodwyd (nid yw gliniadur byth yn ailddefnyddio dynodydd)"),

}
