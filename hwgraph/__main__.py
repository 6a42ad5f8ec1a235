"""``python -m hwgraph``: the command line, for installs whose scripts folder is not on PATH
(``pip install --target``, for one)."""

from hwgraph._entry import main

main()
