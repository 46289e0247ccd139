"""Pages of qualitative coding, under the observatory: ``projects`` (projects, members, sites
and memos), ``sources`` (sources and their coding), ``codebook`` and ``analysis``."""
