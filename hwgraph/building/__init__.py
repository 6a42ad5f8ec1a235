"""The machinery of ``hwgraph build`` beyond the pipeline itself.

- :mod:`~hwgraph.building.staging`: transactional output folders (lock, staging, swap, cleanup);
- :mod:`~hwgraph.building.workers`: per-file extraction, in worker processes with ``--jobs``;
- :mod:`~hwgraph.building.manifest`: the content-hash manifest and per-file cache that make a
  rebuild re-extract only new or changed files.
"""
