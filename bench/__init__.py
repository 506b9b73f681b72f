"""Benchmarks: each prints a table measured on this machine (`make bench`)."""
