"""The reports' own words, in English and Welsh, and the formatting of dates and numbers.

Framework text (standards, key questions, bands, profile fields) comes from the
framework file through ``Text.get(lang)``; everything else a report says is here, in
one dictionary per language, so that a translator can check the Welsh against the
English side by side. ``tr(lang, key, **values)`` formats a string; a key missing in
Welsh is an error caught by the tests, never a silent fall-back to English.

Numbers: percentages to one decimal place (from the figure rounded to two places, as
``hmip central ratings --json`` gives it, so the report and the JSON always agree);
dates as "22 November 2026" / "22 Tachwedd 2026".
"""

from __future__ import annotations

from datetime import date, datetime

from ..words import LANGS, OUTCOME, STATUS
from .welsh import fill

EN: dict[str, str] = {
    # cover and running text
    "report_title": "Inspection report",
    "case_record_title": "Case read record",
    "contents": "Contents",
    "details_caption": "Inspection details",
    "provider": "Provider",
    "inspection": "Inspection",
    "framework": "Framework",
    "fieldwork": "Fieldwork",
    "produced": "Produced",
    "ratings_status": "Status of the ratings",
    "signed_off": "Signed off by a lead inspector",
    "not_signed_off": "Not yet signed off: the ratings may still change",
    "not_recorded": "Not recorded",
    "date_range": "{start} to {end}",
    "team_caption": "Inspection team",
    "team_missing": "The team is not recorded at the central store. Case reads were made by: {readers}.",
    "name": "Name",
    "role": "Role",
    "identifier": "Identifier",
    "role_inspector": "Inspector",
    "role_lead": "Lead inspector",
    "role_local_assessor": "Local assessor",
    "page_of": "Page {page} of {pages}",
    "produced_by": "Produced by hmip {version} on {date}",
    "sensitive": "OFFICIAL-SENSITIVE: personal data",
    # ratings summary
    "summary_heading": "Ratings summary",
    "summary_intro": "Each standard's rating comes from its key questions' figures through the framework's "
                     "published rules. Where a lead inspector applied professional judgement, it is shown beside "
                     "the rating from the figures, with the recorded reason.",
    "summary_caption": "Ratings by standard",
    "standard": "Standard",
    "rating_from_figures": "Rating from the figures",
    "professional_judgement": "Professional judgement",
    "reason": "Reason",
    "rating": "Rating",
    "score": "Score",
    "overall": "Overall rating",
    "none": "None",
    "not_rated": "Not rated",
    "evidence_heading": "Standards judged on evidence",
    "evidence_intro": "These standards are judged once for the inspection, not in case reads: the team judges each key question against the published rating characteristics, with a summary of the evidence, and the lead inspector decides the standard's rating with a recorded rationale.",
    "evidence_sources": "Evidence: {sources}.",
    "not_decided": "Not yet decided",
    "rated_on_its_own": "rated on its own, not counted in the overall",
    "team_judgement": "Team judgement",
    "evidence_summary": "Evidence summary",
    "judged_by": "Judged by",
    "lead_rationale": "Lead inspector's rationale ({by}): {rationale}",
    "evidence_caption": "Team judgements: {title}",
    "no_bands": "This framework gives no bands: its figures are reported without ratings.",
    # standards
    "standards_heading": "Findings by standard",
    "key_question": "Key question",
    "sufficient": "Sufficient",
    "applicable": "Applicable cases",
    "percent_sufficient": "% sufficient",
    "interval": "95% interval",
    "band": "Band",
    "borderline": "borderline",
    "borderline_note": "Borderline: the 95% interval crosses a band threshold, so a few more or fewer sufficient "
                       "cases could change the band.",
    "figures_caption": "{title}: key question figures",
    "chart_caption": "{title}: percentage of applicable cases judged sufficient, with 95% intervals",
    "chart_alt": "Bar chart of {title}. {bands}{items}",
    "chart_item": "{question} – {percent} sufficient (95% interval {low} to {high}){band}",
    "chart_item_empty": "{question} – no applicable cases",
    "chart_bands": "Bands: {bands}. Figures: ",
    "chart_band": ", {band}",
    "chart_band_borderline": ", {band} (borderline)",
    "chart_no_band": ", not banded (too few cases)",
    "standard_number": "{title} (standard {number})",
    "accessible_version": "An accessible version of this report, as a web page (HTML), is available: {where}.",
    "accessible_file": "the file {file}, published with this PDF",
    "author": "HM Inspectorate of Probation",
    "pdf_subject": "{provider}: inspection findings and ratings",
    "chart_axis": "% of applicable cases judged sufficient",
    "chart_legend_band": "{label}: {range}",
    "no_cases": "no applicable cases",
    "rating_line": "Rating from the figures: {rating}.",
    "judgement_line": "Professional judgement: {rating}. Reason: {reason}",
    "interval_value": "{low} to {high}",
    # threads
    "thread_intro": "This thread runs across the standards. It is reported here on its own as well as within "
                    "each standard.",
    # sub-groups
    "subgroups_heading": "Findings by sub-group",
    "subgroups_intro": "For each key question, the cases judged sufficient out of the applicable cases in each "
                       "group, from each case read's profile. Cells with fewer than {min} applicable cases are "
                       "not shown: they could identify people, and percentages of very small groups mislead.",
    "subgroup_caption": "Key question figures by {field}",
    "group_cases": "{group} ({n})",
    "group_cases_note": "The number after each group is its number of case reads.",
    "suppressed": "fewer than {min}",
    "cell_figure": "{percent}\n{sufficient} of {applicable}",
    # quality assurance
    "qa_heading": "Quality assurance",
    "qa_intro": "Lead inspectors dip-sampled case reads and moderated judgements: they agreed with each "
                "judgement or changed it, always with a written rationale, and the reader's original stays on "
                "record.",
    "qa_caption": "Quality assurance coverage",
    "measure": "Measure",
    "number": "Number",
    "qa_reads": "Case reads",
    "qa_selected": "Case reads selected for quality assurance",
    "qa_moderated_reads": "Case reads with moderated judgements",
    "qa_judgements": "Judgements moderated",
    "qa_agreed": "Judgements agreed",
    "qa_changed": "Judgements changed",
    "qa_reads_agreed": "Reads agreed",
    "qa_reads_changed": "Reads changed",
    "qa_reads_returned": "Reads returned to the reader",
    "consistency_heading": "Consistency between readers",
    "consistency_intro": "For each reader: how many of their judgements were moderated, how many were left "
                         "unchanged, and Cohen's kappa between reader and moderator with its 95% interval. A "
                         "reader is flagged for more quality assurance where fewer than {share} of moderated "
                         "judgements were unchanged or kappa's lower bound is below {kappa}.",
    "consistency_caption": "Consistency of each reader with the moderators",
    "reader": "Reader",
    "moderated": "Moderated",
    "unchanged": "Unchanged",
    "kappa": "Kappa (95% interval)",
    "more_qa": "More quality assurance",
    "needed": "Needed",
    "not_needed": "Not needed",
    "not_defined": "not defined",
    "too_few": "too few judgements (at least {n} needed)",
    "no_moderation": "No judgements have been moderated yet.",
    # methodology
    "method_heading": "Methodology",
    "method_reads": "The figures rest on {n} case reads ({statuses}).",
    "status_complete": "{n} complete",
    "status_in_progress": "{n} in progress",
    "status_not_started": "{n} not started",
    "method_margin": "The caseload held {caseload} cases. A sample of {n} cases from it gives a margin of error "
                     "of ±{margin} percentage points at 95% confidence for a key question that applies to every "
                     "case (the worst case, a true percentage of 50%, with the finite-population correction). "
                     "Questions that apply to fewer cases have wider intervals, shown with each figure.",
    "method_no_caseload": "The caseload size is not recorded at the central store, so the margin of error "
                          "cannot be corrected for it. Without that correction, {n} cases give a margin of error "
                          "of at most ±{margin} percentage points at 95% confidence; a small caseload would make "
                          "it narrower.",
    "method_figures": "A key question's figure is the percentage of applicable cases judged sufficient; cases "
                      "where the question did not apply, or was not answered, are left out of both counts. Each "
                      "figure has a Wilson 95% interval. The figures use the effective judgements: where a lead "
                      "inspector moderated a judgement, the moderated judgement counts.",
    "method_bands": "Bands for key question percentages:",
    "band_range": "{min}% to under {max}%",
    "band_range_top": "{min}% or more",
    "band_range_bottom": "under {max}%",
    "method_lowest_band": "A standard takes the lowest band of its key questions.",
    "method_mean": "A standard takes the band of the mean of its key questions' percentages.",
    "method_none": "Standards are not rated.",
    "method_overall": "The overall rating bands the sum of the standards' scores:",
    "score_range": "{min} to {max}",
    "score_fraction": "up to {fraction} of the maximum score over the standards rated",
    "method_pooled_percent": "A section's score is the percentage of all its applicable answers judged sufficient; the overall score pools every applicable answer of the sections counted.",
    "method_small": "A key question with fewer than {kq} applicable cases is not banded; a standard that applies in fewer than {st} cases is not rated and is left out of the overall.",
    "band_score": "{label} (score {score}): {range}",
    "method_suppress": "Sub-group cells with fewer than {min} applicable cases are not shown.",
    "method_source": "Source of the rules: {source}",
    # annex
    "annex_heading": "Data annex",
    "annex_intro": "Every key question's counts. Not applicable: answered, but the question did not apply to "
                   "the case. Not answered: no judgement recorded.",
    "annex_caption": "Key question counts",
    "id": "Id",
    "not_sufficient": "Not sufficient",
    "not_applicable": "Not applicable",
    "not_answered": "Not answered",
    # case record
    "case_heading": "Case {case}",
    "case_caption": "Case read details",
    "case_reference": "Case reference",
    "status": "Status",
    "updated": "Last updated",
    "revision": "Revision",
    "interview": "Case holder interview",
    "interview_held": "Held on {date}",
    "interview_held_undated": "Held",
    "interview_not_held": "Not held",
    "profile_caption": "Case profile",
    "field": "Field",
    "value": "Value",
    "judgements_heading": "Judgements and evidence",
    "judgement": "Judgement",
    "evidence": "Evidence",
    "no_evidence": "No evidence note",
    "prompts": "Prompts",
    "moderated_line": "Moderated: {original} changed to {moderated}. Rationale: {rationale}",
    "agreed_line": "Moderated: the judgement was agreed.",
    "moderation_heading": "Moderation",
    "moderation_caption": "Moderation of this case read's judgements",
    "original": "Reader's judgement",
    "moderated_value": "Moderated judgement",
    "outcome": "Outcome",
    "rationale": "Rationale",
    "moderator": "Moderator",
    "date": "Date",
    "earlier_revision": "{question} (an earlier revision)",
    "no_case_moderation": "No judgement of this case read has been moderated.",
    "needs_rereview": "A new revision arrived after moderation: this case read needs re-review.",
    "read_outcome_heading": "Read outcome",
    "read_outcome_caption": "Quality assurance outcome of this case read",
    "comments": "Comments",
    "no_read_outcome": "No read outcome has been recorded.",
    # the status words, shared with the windows (core/words.py)
    **{f"outcome_{k}": en for k, (en, _) in OUTCOME.items()},
    **{f"state_{k}": en for k, (en, _) in STATUS.items()},
    "yes": "Yes",
    "no": "No",
}

CY: dict[str, str] = {
    "report_title": "Adroddiad arolygu",
    "case_record_title": "Cofnod darllen achos",
    "contents": "Cynnwys",
    "details_caption": "Manylion yr arolygiad",
    "provider": "Darparwr",
    "inspection": "Arolygiad",
    "framework": "Fframwaith",
    "fieldwork": "Gwaith maes",
    "produced": "Cynhyrchwyd",
    "ratings_status": "Statws y graddau",
    "signed_off": "Wedi'u cymeradwyo gan arolygydd arweiniol",
    "not_signed_off": "Heb eu cymeradwyo eto: gall y graddau newid o hyd",
    "not_recorded": "Heb ei gofnodi",
    "date_range": "{start} i {end!m}",
    "team_caption": "Y tîm arolygu",
    "team_missing": "Nid yw'r tîm wedi'i gofnodi yn y storfa ganolog. Gwnaed y darlleniadau achos gan: {readers}.",
    "name": "Enw",
    "role": "Rôl",
    "identifier": "Dynodydd",
    "role_inspector": "Arolygydd",
    "role_lead": "Arolygydd arweiniol",
    "role_local_assessor": "Asesydd lleol",
    "page_of": "Tudalen {page} o {pages!m}",
    "produced_by": "Cynhyrchwyd gan hmip {version} ar {date!m}",
    "sensitive": "SWYDDOGOL-SENSITIF: data personol",
    "summary_heading": "Crynodeb o'r graddau",
    "summary_intro": "Daw gradd pob safon o ffigurau ei chwestiynau allweddol drwy reolau cyhoeddedig y "
                     "fframwaith. Lle mae arolygydd arweiniol wedi defnyddio barn broffesiynol, dangosir hynny "
                     "wrth ymyl y radd o'r ffigurau, ynghyd â'r rheswm a gofnodwyd.",
    "summary_caption": "Graddau yn ôl safon",
    "standard": "Safon",
    "rating_from_figures": "Gradd o'r ffigurau",
    "professional_judgement": "Barn broffesiynol",
    "reason": "Rheswm",
    "rating": "Gradd",
    "score": "Sgôr",
    "overall": "Gradd gyffredinol",
    "none": "Dim",
    "not_rated": "Heb ei graddio",
    "evidence_heading": "Safonau a farnwyd ar sail tystiolaeth",
    "evidence_intro": "Caiff y safonau hyn eu barnu unwaith ar gyfer yr arolygiad, nid wrth ddarllen achosion: mae'r tîm yn barnu pob cwestiwn allweddol yn erbyn y nodweddion graddio cyhoeddedig, gyda chrynodeb o'r dystiolaeth, ac mae'r arolygydd arweiniol yn penderfynu ar radd y safon gyda rhesymeg a gofnodwyd.",
    "evidence_sources": "Tystiolaeth: {sources}.",
    "not_decided": "Heb benderfynu eto",
    "rated_on_its_own": "wedi'i graddio ar ei phen ei hun, heb ei chyfrif yn y radd gyffredinol",
    "team_judgement": "Barn y tîm",
    "evidence_summary": "Crynodeb o'r dystiolaeth",
    "judged_by": "Barnwyd gan",
    "lead_rationale": "Rhesymeg yr arolygydd arweiniol ({by}): {rationale}",
    "evidence_caption": "Barn y tîm: {title}",
    "no_bands": "Nid yw'r fframwaith hwn yn rhoi bandiau: adroddir ei ffigurau heb raddau.",
    "standards_heading": "Canfyddiadau yn ôl safon",
    "key_question": "Cwestiwn allweddol",
    "sufficient": "Digonol",
    "applicable": "Achosion perthnasol",
    "percent_sufficient": "% digonol",
    "interval": "Cyfwng 95%",
    "band": "Band",
    "borderline": "ar y ffin",
    "borderline_note": "Ar y ffin: mae'r cyfwng 95% yn croesi trothwy band, felly gallai ychydig yn fwy neu'n "
                       "llai o achosion digonol newid y band.",
    "figures_caption": "{title}: ffigurau'r cwestiynau allweddol",
    "chart_caption": "{title}: canran yr achosion perthnasol a farnwyd yn ddigonol, gyda chyfyngau 95%",
    "chart_alt": "Siart bar o {title!m}. {bands}{items}",
    "chart_item": "{question} – {percent} yn ddigonol (cyfwng 95% {low} i {high!m}){band}",
    "chart_item_empty": "{question} – dim achosion perthnasol",
    "chart_bands": "Bandiau: {bands}. Ffigurau: ",
    "chart_band": ", {band}",
    "chart_band_borderline": ", {band} (ar y ffin)",
    "chart_no_band": ", heb fand (rhy ychydig o achosion)",
    "standard_number": "{title} (safon {number})",
    "accessible_version": "Mae fersiwn hygyrch o'r adroddiad hwn, fel tudalen we (HTML), ar gael: {where}.",
    "accessible_file": "y ffeil {file}, a gyhoeddir gyda'r PDF hwn",
    "author": "Arolygiaeth Prawf EF",
    "pdf_subject": "{provider}: canfyddiadau a graddau'r arolygiad",
    "chart_axis": "% o'r achosion perthnasol a farnwyd yn ddigonol",
    "chart_legend_band": "{label}: {range}",
    "no_cases": "dim achosion perthnasol",
    "rating_line": "Gradd o'r ffigurau: {rating}.",
    "judgement_line": "Barn broffesiynol: {rating}. Rheswm: {reason}",
    "interval_value": "{low} i {high!m}",
    "thread_intro": "Mae'r edefyn hwn yn rhedeg drwy'r safonau. Adroddir arno yma ar wahân yn ogystal ag o fewn "
                    "pob safon.",
    "subgroups_heading": "Canfyddiadau yn ôl is-grŵp",
    "subgroups_intro": "Ar gyfer pob cwestiwn allweddol, yr achosion a farnwyd yn ddigonol o blith yr achosion "
                       "perthnasol ym mhob grŵp, o broffil pob darlleniad achos. Ni ddangosir celloedd sydd â "
                       "llai na {min} o achosion perthnasol: gallent ddatgelu pwy yw pobl, ac mae canrannau "
                       "grwpiau bach iawn yn gamarweiniol.",
    "subgroup_caption": "Ffigurau'r cwestiynau allweddol yn ôl {field}",
    "group_cases": "{group} ({n})",
    "group_cases_note": "Y rhif ar ôl pob grŵp yw nifer ei ddarlleniadau achos.",
    "suppressed": "llai na {min}",
    "cell_figure": "{percent}\n{sufficient} o {applicable!m}",
    "qa_heading": "Sicrhau ansawdd",
    "qa_intro": "Bu arolygwyr arweiniol yn samplu darlleniadau achos ac yn safoni barnau: roeddent naill ai'n "
                "cytuno â phob barn neu'n ei newid, bob amser gyda rhesymeg ysgrifenedig, ac mae barn wreiddiol "
                "y darllenydd yn aros ar gofnod.",
    "qa_caption": "Cwmpas y gwaith sicrhau ansawdd",
    "measure": "Mesur",
    "number": "Nifer",
    "qa_reads": "Darlleniadau achos",
    "qa_selected": "Darlleniadau achos a ddewiswyd ar gyfer sicrhau ansawdd",
    "qa_moderated_reads": "Darlleniadau achos â barnau wedi'u safoni",
    "qa_judgements": "Barnau a safonwyd",
    "qa_agreed": "Barnau y cytunwyd â nhw",
    "qa_changed": "Barnau a newidiwyd",
    "qa_reads_agreed": "Darlleniadau y cytunwyd â nhw",
    "qa_reads_changed": "Darlleniadau a newidiwyd",
    "qa_reads_returned": "Darlleniadau a ddychwelwyd i'r darllenydd",
    "consistency_heading": "Cysondeb rhwng darllenwyr",
    "consistency_intro": "Ar gyfer pob darllenydd: faint o'i farnau a safonwyd, faint a adawyd heb eu newid, a "
                         "kappa Cohen rhwng y darllenydd a'r safonwr gyda'i gyfwng 95%. Caiff darllenydd ei nodi "
                         "ar gyfer rhagor o sicrhau ansawdd lle mae llai na {share} o'r barnau a safonwyd heb eu "
                         "newid, neu lle mae terfyn isaf kappa yn is na {kappa}.",
    "consistency_caption": "Cysondeb pob darllenydd â'r safonwyr",
    "reader": "Darllenydd",
    "moderated": "Wedi'u safoni",
    "unchanged": "Heb eu newid",
    "kappa": "Kappa (cyfwng 95%)",
    "more_qa": "Rhagor o sicrhau ansawdd",
    "needed": "Angen",
    "not_needed": "Dim angen",
    "not_defined": "heb ei ddiffinio",
    "too_few": "rhy ychydig o farnau (mae angen o leiaf {n})",
    "no_moderation": "Nid oes unrhyw farnau wedi'u safoni eto.",
    "method_heading": "Methodoleg",
    "method_reads": "Mae'r ffigurau'n seiliedig ar {n!m} o ddarlleniadau achos ({statuses}).",
    "status_complete": "{n} wedi'u cwblhau",
    "status_in_progress": "{n} ar y gweill",
    "status_not_started": "{n} heb eu dechrau",
    "method_margin": "Roedd {caseload} o achosion yn y llwyth achosion. Mae sampl o {n!m} o achosion ohono'n rhoi "
                     "lwfans gwallau o ±{margin} pwynt canran ar lefel hyder o 95% ar gyfer cwestiwn allweddol "
                     "sy'n berthnasol i bob achos (yr achos gwaethaf, sef canran wirioneddol o 50%, gyda'r "
                     "cywiriad ar gyfer poblogaeth gyfyngedig). Mae gan gwestiynau sy'n berthnasol i lai o "
                     "achosion gyfyngau lletach, a ddangosir gyda phob ffigur.",
    "method_no_caseload": "Nid yw maint y llwyth achosion wedi'i gofnodi yn y storfa ganolog, felly ni ellir "
                          "cywiro'r lwfans gwallau ar ei gyfer. Heb y cywiriad hwnnw, mae {n} o achosion yn rhoi "
                          "lwfans gwallau o ±{margin} pwynt canran ar y mwyaf ar lefel hyder o 95%; byddai llwyth "
                          "achosion bach yn ei wneud yn gulach.",
    "method_figures": "Ffigur cwestiwn allweddol yw canran yr achosion perthnasol a farnwyd yn ddigonol; mae "
                      "achosion lle nad oedd y cwestiwn yn berthnasol, neu lle na chafodd ei ateb, wedi'u gadael "
                      "allan o'r ddau gyfrif. Mae gan bob ffigur gyfwng Wilson 95%. Mae'r ffigurau'n defnyddio'r "
                      "barnau effeithiol: lle mae arolygydd arweiniol wedi safoni barn, y farn a safonwyd sy'n "
                      "cyfrif.",
    "method_bands": "Bandiau ar gyfer canrannau'r cwestiynau allweddol:",
    "band_range": "{min}% i lai na {max}%",
    "band_range_top": "{min}% neu fwy",
    "band_range_bottom": "llai na {max}%",
    "method_lowest_band": "Mae safon yn cael band isaf ei chwestiynau allweddol.",
    "method_mean": "Mae safon yn cael band cymedr canrannau ei chwestiynau allweddol.",
    "method_none": "Nid yw'r safonau'n cael eu graddio.",
    "method_overall": "Mae'r radd gyffredinol yn bandio cyfanswm sgoriau'r safonau:",
    "score_range": "{min} i {max!m}",
    "score_fraction": "hyd at {fraction!m} o'r sgôr uchaf dros y safonau a raddiwyd",
    "method_pooled_percent": "Sgôr adran yw canran ei holl atebion perthnasol a farnwyd yn ddigonol; mae'r sgôr gyffredinol yn cyfuno pob ateb perthnasol o'r adrannau a gyfrifir.",
    "method_small": "Ni roddir band i gwestiwn allweddol sydd â llai na {kq} o achosion perthnasol; ni chaiff safon sy'n berthnasol mewn llai na {st} o achosion ei graddio ac fe'i gadewir allan o'r radd gyffredinol.",
    "band_score": "{label} (sgôr {score}): {range}",
    "method_suppress": "Ni ddangosir celloedd is-grŵp sydd â llai na {min} o achosion perthnasol.",
    "method_source": "Ffynhonnell y rheolau: {source}",
    "annex_heading": "Atodiad data",
    "annex_intro": "Cyfrifon pob cwestiwn allweddol. Amherthnasol: wedi'i ateb, ond nid oedd y cwestiwn yn "
                   "berthnasol i'r achos. Heb ei ateb: dim barn wedi'i chofnodi.",
    "annex_caption": "Cyfrifon y cwestiynau allweddol",
    "id": "Dynodydd",
    "not_sufficient": "Ddim yn ddigonol",
    "not_applicable": "Amherthnasol",
    "not_answered": "Heb ei ateb",
    "case_heading": "Achos {case}",
    "case_caption": "Manylion y darlleniad achos",
    "case_reference": "Cyfeirnod yr achos",
    "status": "Statws",
    "updated": "Diweddarwyd ddiwethaf",
    "revision": "Diwygiad",
    "interview": "Cyfweliad â deiliad yr achos",
    "interview_held": "Cynhaliwyd ar {date!m}",
    "interview_held_undated": "Cynhaliwyd",
    "interview_not_held": "Ni chynhaliwyd",
    "profile_caption": "Proffil yr achos",
    "field": "Maes",
    "value": "Gwerth",
    "judgements_heading": "Barnau a thystiolaeth",
    "judgement": "Barn",
    "evidence": "Tystiolaeth",
    "no_evidence": "Dim nodyn tystiolaeth",
    "prompts": "Is-gwestiynau",
    "moderated_line": "Wedi'i safoni: newidiwyd {original} i {moderated!m}. Rhesymeg: {rationale}",
    "agreed_line": "Wedi'i safoni: cytunwyd â'r farn.",
    "moderation_heading": "Safoni",
    "moderation_caption": "Safoni barnau'r darlleniad achos hwn",
    "original": "Barn y darllenydd",
    "moderated_value": "Barn wedi'i safoni",
    "outcome": "Canlyniad",
    "rationale": "Rhesymeg",
    "moderator": "Safonwr",
    "date": "Dyddiad",
    "earlier_revision": "{question} (diwygiad cynharach)",
    "no_case_moderation": "Nid oes unrhyw farn yn y darlleniad achos hwn wedi'i safoni.",
    "needs_rereview": "Cyrhaeddodd diwygiad newydd ar ôl safoni: mae angen adolygu'r darlleniad achos hwn eto.",
    "read_outcome_heading": "Canlyniad y darlleniad",
    "read_outcome_caption": "Canlyniad sicrhau ansawdd y darlleniad achos hwn",
    "comments": "Sylwadau",
    "no_read_outcome": "Nid oes canlyniad darlleniad wedi'i gofnodi.",
    **{f"outcome_{k}": cy for k, (_, cy) in OUTCOME.items()},
    **{f"state_{k}": cy for k, (_, cy) in STATUS.items()},
    "yes": "Ydy",
    "no": "Nac ydy",
}

STRINGS = dict(zip(LANGS, (EN, CY)))

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
           "Tachwedd", "Rhagfyr"),
}


def check_lang(lang: str) -> str:
    if lang not in STRINGS:
        raise ValueError(f"language must be en or cy, not {lang!r}")
    return lang


def tr(lang: str, key: str, **values: object) -> str:
    """The report string ``key`` in ``lang`` with ``values`` filled in (``{x!m}``: mutated)."""
    template = STRINGS[check_lang(lang)][key]
    return fill(template, **values) if "!m}" in template else template.format(**values)


def fmt_date(value: str | date | datetime | None, lang: str) -> str | None:
    """'2026-11-22' (or an ISO timestamp, or a date) as '22 November 2026' / '22 Tachwedd 2026';
    None for nothing or for text that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return None
    return f"{value.day} {MONTHS[check_lang(lang)][value.month - 1]} {value.year}"


def fmt_percent(value: float | None) -> str:
    """A figure's percentage, one decimal place: '86.8%' ('–' for none). Rounded to two
    places first, exactly as the ratings JSON gives it, so that the two always agree."""
    if value is None:
        return "–"
    return f"{round(round(value, 2), 1):.1f}%"


def fmt_number(value: float, places: int = 1) -> str:
    return f"{value:.{places}f}"


def fmt_interval(low: float | None, high: float | None, lang: str) -> str:
    if low is None or high is None:
        return "–"
    return tr(lang, "interval_value", low=fmt_percent(low), high=fmt_percent(high))


def fmt_whole(value: float) -> str:
    """A band threshold: '65' rather than '65.0'."""
    return f"{value:g}"
