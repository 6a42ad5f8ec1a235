"""The machinery of ``hwgraph build`` beyond the pipeline itself.

- :mod:`~hwgraph.building.staging`: transactional output folders (lock, staging, swap, cleanup);
- :mod:`~hwgraph.building.workers`: per-file extraction, in worker processes with ``--jobs``;
- :mod:`~hwgraph.building.distributed`: the same extraction on a Dask cluster (``--scheduler``);
- :mod:`~hwgraph.building.filegraph`: a file's documents' own graphs as N-Quads bytes and summaries;
- :mod:`~hwgraph.building.outputs`: the files and store from those bytes, streamed through disk;
- :mod:`~hwgraph.building.manifest`: the content-hash manifest and per-file cache that make a
  rebuild re-extract only new or changed files;
- :mod:`~hwgraph.building.incremental` and :mod:`~hwgraph.building.splice`: a rebuild with few
  changes patches the last build's store, files and findings instead of making them again.
"""
