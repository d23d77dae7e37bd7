"""The national store: signed results bundles of signed-off inspections, collated across
inspections (tables as the annual report prints them, sub-groups, consistency, the
reconviction follow-up). It holds case profiles and judgements under a keyed pseudonym,
never a case reference, a name or a note. Between ``central`` and ``reports``."""
