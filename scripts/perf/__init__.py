"""The benchmark behind `scripts/bench`: data set, servers, load, in-process probes and the report."""
