"""The laptop's notices about reads of re-allocated cases (core/field/reallocation.py) in
English and Welsh: part of :data:`hmip_desktop.core.messages.MESSAGES`, with the same rules
(``id -> (English, Welsh)``, the same ``{name}`` placeholders)."""

from __future__ import annotations

#: id -> (English, Welsh).
FIELD: dict[str, tuple[str, str]] = {
    "export.reallocated": ("case {case} is now allocated to {to}: your read stays on this laptop; ask the lead "
                           "inspector",
                           "mae achos {case} bellach wedi'i ddyrannu i {to}: mae eich darlleniad yn aros ar y "
                           "gliniadur hwn; gofynnwch i'r arolygydd arweiniol"),
    "export.reallocated_unsent": ("case {case} is now allocated to {to}: your read stays on this laptop, with work the "
                                  "central store has never received; ask the lead inspector",
                                  "mae achos {case} bellach wedi'i ddyrannu i {to}: mae eich darlleniad yn aros ar y "
                                  "gliniadur hwn, gyda gwaith nad yw'r storfa ganolog erioed wedi'i gael; gofynnwch "
                                  "i'r arolygydd arweiniol"),
    "read.reallocated": ("case {case} is now allocated to someone else: your read stays on this laptop, read-only; "
                         "ask the lead inspector",
                         "mae achos {case} bellach wedi'i ddyrannu i rywun arall: mae eich darlleniad yn aros ar y "
                         "gliniadur hwn, i'w ddarllen yn unig; gofynnwch i'r arolygydd arweiniol"),
    "export.to_nobody": ("nobody (or it left the sample)", "neb (neu mae wedi gadael y sampl)"),
}
