"""Inspection set-up: caseload import, sample size, stratified selection with reserves,
the sample report and allocation of cases to the team (no Qt, no I/O beyond reading a
caseload file and writing a sample file).

Modules: ``caseload`` (CSV/XLSX import and validation), ``size`` (sample size with the
finite-population correction), ``selection`` (allocation to strata, the seeded draw,
reserves and replacements), ``report`` (the sample against the caseload),
``allocation`` (cases to readers) and ``sample_file`` (``hmip sample``).
"""
