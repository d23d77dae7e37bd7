"""The languages and the status words, once for the whole program.

A case read's status, a lead inspector's read outcome and why a read is in the QA sample
are shown in the windows, in the case list and in the reports; their English and Welsh
are here and nowhere else. The reports read this table directly (the core has no Qt);
the windows translate the English through Qt's catalogue (``hmip_desktop.ui.text``), and
``scripts/build_translations`` copies every pair below into ``hmip_cy.ts`` (context
``Words``) so the two can never differ.

Each table maps an id (as stored) to ``(English, Welsh)``, written as literals: the
translation script reads this file, it does not import it.
"""

from __future__ import annotations

#: The interface and report languages: UK English and Welsh.
LANGS = ("en", "cy")

#: A case read's status.
STATUS = {
    "not_started": ("Not started", "Heb ddechrau"),
    "in_progress": ("In progress", "Ar waith"),
    "complete": ("Complete", "Wedi'i gwblhau"),
}

#: A read kept on the laptop whose case the latest inspection pack gives to someone else
#: (core/field/reallocation.py): shown instead of its status, and read-only.
READ_STATE = {
    "reallocated": ("Re-allocated", "Wedi'i ailddyrannu"),
}

#: A lead inspector's outcome for a whole case read.
OUTCOME = {
    "agreed": ("Agreed", "Cytunwyd"),
    "changed": ("Changed", "Newidiwyd"),
    "returned": ("Returned to the reader", "Dychwelwyd i'r darllenydd"),
}

#: Why a case read is in the QA sample.
QA_REASON = {
    "sampled": ("Sampled", "Yn y sampl"),
    "added": ("Added by lead", "Ychwanegwyd gan yr arweinydd"),
}
