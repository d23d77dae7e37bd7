"""Performance figures for hmip-desktop (see benchmarks/README.md).

``python -m benchmarks [NAME...]`` prints one JSON object per figure. Each figure
is a function registered with :func:`benchmarks.registry.benchmark` in a module of
this package (one module per area); the runner imports every such module.
"""
