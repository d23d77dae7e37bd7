"""The national report's words in English and Welsh (the inspection report's are in
text.py; these are kept apart so that the two reports can change independently).
Welsh placeholders after a word that causes the soft mutation are marked ``{x!m}`` and
mutated by rule (``welsh.fill``), as in text.py."""

from __future__ import annotations

from .text import check_lang
from .welsh import fill

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "m_interval": "Every percentage is given with its Wilson 95% confidence interval.",
        "m_tables": "Key questions: the pooled figure is the percentage of all applicable cases judged sufficient; "
                    "an inspection's figure on fewer than {min_cases} applicable cases is left out of the mean and "
                    "range (its cases still count in the pooled figure), and a pooled figure on fewer than "
                    "{min_cases} cases is not given.",
        "m_subgroups": "Sub-groups: each group is compared with the rest of the cases by Fisher's exact test; "
                       "p-values are adjusted by Benjamini-Hochberg over all {tests} tests; a group with fewer than "
                       "{min_group} applicable cases is suppressed, and a second one where only one would be.",
        "m_consistency": "Consistency: the share of moderated judgements left unchanged and Cohen's kappa; a reader "
                         "is flagged below {unchanged} unchanged or a kappa lower bound below {kappa}; fewer than "
                         "{pairs} moderated judgements are not judged.",
        "m_outcomes": "Reconviction: rates on fewer than {min_cases} case reads are suppressed.",
        "not_causal": "These figures show how often people whose cases were judged sufficient, or not, were "
                      "reconvicted within two years. They are an association, not a cause: the cases differ in many "
                      "ways the judgements do not measure, so a difference here does not show that better practice "
                      "reduced reoffending.",
        "title": "Inspection findings across providers",
        "subtitle": "{count} inspections signed off{period}",
        "period": " between {start} and {end}",
        "methods": "Methods and suppression rules",
        "methods_intro": "Figures come from the signed results of each inspection's latest sign-off. Cases are held "
                         "under a keyed pseudonym: no case reference, name or evidence note is held nationally.",
        "families": "Providers by family",
        "family_caption": "Family: {family}. Ratings and scores of each standard, and overall",
        "no_family": "(no family recorded)",
        "provider": "Provider",
        "inspection": "Inspection",
        "signed_off": "Signed off",
        "overall": "Overall",
        "key_questions": "Key questions: national figures, averages and ranges",
        "kq_caption": "Framework {framework}: percentage of applicable cases judged sufficient",
        "kq_header": "Key question|Pooled|95% interval|Mean over inspections|Range|Inspections",
        "kq_chart": "{framework}: pooled percentage of applicable cases judged sufficient, by key question, with "
                    "95% intervals",
        "kq_chart_title": "the pooled key-question figures of {framework}",
        "chart_alt": "Bar chart of {title}. {bands}Figures: {items}.",
        "chart_bands": "Bands: {bands}. ",
        "chart_bands_unknown": "Not banded: this framework's bands are not held by this application. ",
        "chart_no_bands": "No bands apply to these rates. ",
        "chart_item": "{label} – {percent}{unit} (95% interval {low} to {high}){band}",
        "chart_item_empty": "{label} – {empty}",
        "chart_band": ", {band}",
        "chart_band_borderline": ", {band} (borderline)",
        "chart_too_few": "not given (fewer than {min} cases)",
        "chart_suppressed": "suppressed (a small group)",
        "group_label": "{group}",
        "group_differs": "{group} (differs from the rest, {rest}; adjusted p {p})",
        "sg_chart": "Key question {question} by {dimension}: percentage judged sufficient in each group, with 95% "
                    "intervals",
        "sg_chart_title": "key question {question} by {dimension}",
        "sg_charts_more": "Charts are drawn for the {shown} differences with the smallest adjusted p-values; the "
                          "table lists all {count}.",
        "outcome_sufficient": "{question} judged sufficient ({cases} cases)",
        "outcome_not_sufficient": "{question} judged not sufficient ({cases} cases)",
        "reconvicted_unit": " reconvicted",
        "oc_chart": "{framework}: reconvicted within two years, by whether each key question was judged "
                    "sufficient, with 95% intervals",
        "oc_chart_title": "reconviction within two years by judgement ({framework})",
        "oc_axis": "% reconvicted within two years",
        "m_charts": "Charts: key questions and sub-groups are drawn over the bands of the framework file of the same "
                    "id and version shipped with this application, and without bands where there is none; "
                    "reconviction rates are not banded. Each chart is followed by its text alternative.",
        "distribution": "Distribution of overall ratings",
        "distribution_header": "Rating|Inspections",
        "distribution_caption": "Inspections by overall rating",
        "subgroups": "Sub-groups: differences between groups of cases",
        "subgroups_none": "No group differed from the rest of the cases after the correction for many comparisons.",
        "subgroups_caption": "Groups whose sufficiency differed from the rest (adjusted p < {alpha})",
        "subgroups_header": "Key question|Characteristic|Group|Group %|95% interval|Rest %|Adjusted p",
        "consistency": "Consistency of case reading",
        "consistency_caption": "Moderation agreement of each reader across inspections (pseudonymous)",
        "consistency_header": "Reader|Role|Inspections|Moderated|Unchanged|Kappa (95% interval)|Flagged",
        "consistency_none": "No moderated judgements are held.",
        "outcomes": "Reconviction follow-up",
        "outcomes_none": "No reconviction follow-up has been imported.",
        "outcomes_caption": "Reconvicted within two years, by whether the key question was judged sufficient",
        "outcomes_header": "Key question|Judged sufficient|Judged not sufficient",
        "yes": "yes", "no": "no", "too_few": "too few", "suppressed": "suppressed",
        "of_cases": "{percent} of {cases}",
        "page_of": "Page {page} of {pages}",
        "produced": "Produced by hmip {version} on {date}",
        "dimension.age_band": "Age band", "dimension.gender": "Gender", "dimension.ethnicity": "Ethnicity",
        "dimension.disability": "Disability", "dimension.risk_level": "Risk of serious harm",
        "dimension.disposal_type": "Disposal type",
        "rating.outstanding": "Outstanding", "rating.good": "Good", "rating.requires_improvement": "Requires improvement",
        "rating.inadequate": "Inadequate", "rating.not_rated": "Not rated", "rating.none": "No rating",
        "role.inspector": "Inspector", "role.local_assessor": "Local assessor", "role.lead": "Lead inspector",
    },
    "cy": {
        "m_interval": "Rhoddir pob canran gyda'i chyfwng hyder Wilson 95%.",
        "m_tables": "Cwestiynau allweddol: y ffigur cyfun yw canran yr holl achosion perthnasol a farnwyd yn "
                    "ddigonol; gadewir ffigur arolygiad ar lai na {min_cases} achos perthnasol allan o'r cymedr a'r "
                    "ystod (mae ei achosion yn dal i gyfrif yn y ffigur cyfun), ac ni roddir ffigur cyfun ar lai na "
                    "{min_cases} achos.",
        "m_subgroups": "Is-grwpiau: cymherir pob grŵp â gweddill yr achosion gan brawf union Fisher; addesir y "
                       "gwerthoedd p gan Benjamini-Hochberg dros bob un o'r {tests} prawf; atelir grŵp â llai na "
                       "{min_group} achos perthnasol, ac ail un lle byddai dim ond un yn cael ei atal.",
        "m_consistency": "Cysondeb: cyfran y barnau wedi'u cymedroli na newidiwyd a kappa Cohen; nodir darllenydd o "
                         "dan {unchanged!m} heb eu newid neu derfyn isaf kappa o dan {kappa!m}; ni fernir llai na {pairs} "
                         "barn wedi'u cymedroli.",
        "m_outcomes": "Ailgollfarnu: atelir cyfraddau ar lai na {min_cases} darlleniad achos.",
        "not_causal": "Mae'r ffigurau hyn yn dangos pa mor aml yr ailgollfarnwyd pobl y barnwyd eu hachosion yn "
                      "ddigonol, neu beidio, o fewn dwy flynedd. Cysylltiad ydynt, nid achos: mae'r achosion yn "
                      "wahanol mewn sawl ffordd nad yw'r barnau'n eu mesur, felly nid yw gwahaniaeth yma'n dangos "
                      "bod gwell ymarfer wedi lleihau aildroseddu.",
        "title": "Canfyddiadau arolygu ar draws darparwyr",
        "subtitle": "{count} arolygiad wedi'u cymeradwyo{period}",
        "period": " rhwng {start} a {end}",
        "methods": "Dulliau a rheolau atal",
        "methods_intro": "Daw'r ffigurau o ganlyniadau llofnodedig cymeradwyaeth ddiweddaraf pob arolygiad. Cedwir "
                         "achosion dan ffugenw wedi'i allweddu: ni chedwir cyfeirnod achos, enw na nodyn tystiolaeth "
                         "yn genedlaethol.",
        "families": "Darparwyr fesul teulu",
        "family_caption": "Teulu: {family}. Sgoriau a graddau pob safon, a'r cyfan",
        "no_family": "(dim teulu wedi'i gofnodi)",
        "provider": "Darparwr",
        "inspection": "Arolygiad",
        "signed_off": "Cymeradwywyd",
        "overall": "At ei gilydd",
        "key_questions": "Cwestiynau allweddol: ffigurau cenedlaethol, cyfartaleddau ac ystodau",
        "kq_caption": "Fframwaith {framework}: canran yr achosion perthnasol a farnwyd yn ddigonol",
        "kq_header": "Cwestiwn allweddol|Cyfun|Cyfwng 95%|Cymedr dros arolygiadau|Ystod|Arolygiadau",
        "kq_chart": "{framework}: canran gyfun yr achosion perthnasol a farnwyd yn ddigonol, fesul cwestiwn "
                    "allweddol, gyda chyfyngau 95%",
        "kq_chart_title": "ffigurau cyfun cwestiynau allweddol {framework}",
        "chart_alt": "Siart bar o {title!m}. {bands}Ffigurau: {items}.",
        "chart_bands": "Bandiau: {bands}. ",
        "chart_bands_unknown": "Heb fandiau: nid yw bandiau'r fframwaith hwn gan y rhaglen hon. ",
        "chart_no_bands": "Nid oes bandiau'n berthnasol i'r cyfraddau hyn. ",
        "chart_item": "{label} – {percent}{unit} (cyfwng 95% {low} i {high!m}){band}",
        "chart_item_empty": "{label} – {empty}",
        "chart_band": ", {band}",
        "chart_band_borderline": ", {band} (ar y ffin)",
        "chart_too_few": "heb ei roi (llai na {min} achos)",
        "chart_suppressed": "wedi'i atal (grŵp bach)",
        "group_label": "{group}",
        "group_differs": "{group} (yn wahanol i'r gweddill, {rest}; p wedi'i addasu {p})",
        "sg_chart": "Cwestiwn allweddol {question} yn ôl {dimension}: canran a farnwyd yn ddigonol ym mhob grŵp, "
                    "gyda chyfyngau 95%",
        "sg_chart_title": "cwestiwn allweddol {question} yn ôl {dimension}",
        "sg_charts_more": "Lluniwyd siartiau ar gyfer y {shown} gwahaniaeth â'r gwerthoedd p wedi'u haddasu lleiaf; "
                          "mae'r tabl yn rhestru pob un o'r {count}.",
        "outcome_sufficient": "{question} wedi'i farnu'n ddigonol ({cases} achos)",
        "outcome_not_sufficient": "{question} wedi'i farnu'n annigonol ({cases} achos)",
        "reconvicted_unit": " wedi'u hailgollfarnu",
        "oc_chart": "{framework}: wedi'u hailgollfarnu o fewn dwy flynedd, yn ôl a farnwyd pob cwestiwn "
                    "allweddol yn ddigonol, gyda chyfyngau 95%",
        "oc_chart_title": "ailgollfarnu o fewn dwy flynedd yn ôl y farn ({framework})",
        "oc_axis": "% wedi'u hailgollfarnu o fewn dwy flynedd",
        "m_charts": "Siartiau: lluniwyd cwestiynau allweddol ac is-grwpiau dros fandiau ffeil y fframwaith â'r un "
                    "enw a fersiwn sy'n dod gyda'r rhaglen hon, a heb fandiau lle nad oes un; ni roddir bandiau i "
                    "gyfraddau ailgollfarnu. Dilynir pob siart gan ei destun amgen.",
        "distribution": "Dosbarthiad y graddau cyffredinol",
        "distribution_header": "Gradd|Arolygiadau",
        "distribution_caption": "Arolygiadau yn ôl y radd gyffredinol",
        "subgroups": "Is-grwpiau: gwahaniaethau rhwng grwpiau o achosion",
        "subgroups_none": "Ni wahaniaethodd unrhyw grŵp oddi wrth weddill yr achosion ar ôl y cywiriad am gymariaethau "
                          "lluosog.",
        "subgroups_caption": "Grwpiau yr oedd eu digonolrwydd yn wahanol i'r gweddill (p wedi'i addasu < {alpha})",
        "subgroups_header": "Cwestiwn allweddol|Nodwedd|Grŵp|% y grŵp|Cyfwng 95%|% y gweddill|p wedi'i addasu",
        "consistency": "Cysondeb darllen achosion",
        "consistency_caption": "Cytundeb cymedroli pob darllenydd ar draws arolygiadau (dan ffugenw)",
        "consistency_header": "Darllenydd|Rôl|Arolygiadau|Wedi'u cymedroli|Heb eu newid|Kappa (cyfwng 95%)|Wedi'i nodi",
        "consistency_none": "Ni chedwir unrhyw farn wedi'i chymedroli.",
        "outcomes": "Dilyniant ailgollfarnu",
        "outcomes_none": "Nid oes dilyniant ailgollfarnu wedi'i fewnforio.",
        "outcomes_caption": "Wedi'u hailgollfarnu o fewn dwy flynedd, yn ôl a farnwyd y cwestiwn allweddol yn ddigonol",
        "outcomes_header": "Cwestiwn allweddol|Barnwyd yn ddigonol|Barnwyd yn annigonol",
        "yes": "ie", "no": "na", "too_few": "rhy ychydig", "suppressed": "wedi'i atal",
        "of_cases": "{percent} o {cases!m}",
        "page_of": "Tudalen {page} o {pages!m}",
        "produced": "Cynhyrchwyd gan hmip {version} ar {date!m}",
        "dimension.age_band": "Band oedran", "dimension.gender": "Rhywedd", "dimension.ethnicity": "Ethnigrwydd",
        "dimension.disability": "Anabledd", "dimension.risk_level": "Risg o niwed difrifol",
        "dimension.disposal_type": "Math o warediad",
        "rating.outstanding": "Rhagorol", "rating.good": "Da", "rating.requires_improvement": "Angen gwella",
        "rating.inadequate": "Annigonol", "rating.not_rated": "Heb ei raddio", "rating.none": "Dim gradd",
        "role.inspector": "Arolygydd", "role.local_assessor": "Asesydd lleol", "role.lead": "Arolygydd arweiniol",
    },
}


def nt(lang: str, key: str, **values: object) -> str:
    """The national report's string ``key`` in ``lang``; an unknown ``rating.``/``role.``
    key falls back to its id made readable."""
    table = STRINGS[check_lang(lang)]
    if key not in table and "." in key:
        return key.split(".", 1)[1].replace("_", " ").capitalize()
    return fill(table[key], **values)
