"""Benchmarks of the project against the tools users would pick instead.

`python -m benchmarks` (or `nox -s bench`) measures import time, client call overhead,
generation time and memory, mock server throughput and the contract suite's wall time, each as
a median over interleaved rounds next to a baseline measured in the same run. See README.md.
"""
