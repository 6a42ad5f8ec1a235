"""Fast construction of the frozen records that stages make by the thousand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

R = TypeVar("R")


def record_maker(cls: type[R]) -> Callable[..., R]:
    """A constructor of the frozen dataclass ``cls`` that takes every field, in order.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (1.8 µs for a
    :class:`~hwgraph.types.Target` of 17 fields), and a megabyte of reports holds 3,000 targets and
    thousands of sections, markers and mentions. The constructor made here fills ``__dict__`` from
    one dict display, in a function compiled for ``cls``'s fields (as :mod:`dataclasses` compiles
    ``__init__``): 0.38 µs for a :class:`~hwgraph.types.Section` of 10 fields, against 0.74 µs when
    a generic ``make(*values)`` zipped the names with the values. The object is the same (equality,
    hash, repr and pickling read the fields); a class whose construction does more
    (``__post_init__``, slots) keeps its own constructor.
    """
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        return cls
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    # field names are identifiers (dataclasses checks them), so the generated source is well formed;
    # the helpers' names start with "_rm_" so that no field can shadow them
    params = ", ".join(names)
    display = ", ".join(f"{n!r}: {n}" for n in names)
    source = (
        f"def make({params}):\n"
        f"    _rm_obj = _rm_new(_rm_cls)\n"
        f"    _rm_obj.__dict__.update({{{display}}})\n"
        f"    return _rm_obj\n"
    )
    namespace: dict[str, Any] = {"_rm_new": object.__new__, "_rm_cls": cls}
    exec(source, namespace)  # compiled from the field names of a dataclass, as dataclasses does
    make: Callable[..., R] = namespace["make"]
    make.__qualname__ = f"record_maker.<{cls.__name__}>"
    make.__doc__ = f"A {cls.__name__} from every field, in order."
    return make
