"""The extractor's rule version: bump when rules change the facts produced."""

EXTRACTOR_VERSION = "1.2.6"
