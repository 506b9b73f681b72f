"""History: re-extraction of stored articles (reprocess) and the shared progress reporting of history jobs."""
