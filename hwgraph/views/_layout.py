"""Positions for a view graph, computed here so the browser draws the first frame at once.

Each outline is a left-to-right tidy tree (a leaf per row, a parent centred on its children);
programs stack in a lane to the right of their home document's outline, each as near as it can
get to the sections that mention it, with its members beside it. Documents' blocks are then
shelf-packed to about the screen's aspect. A large page's overview positions (``ax``/``ay``) come
from _overview.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from hwgraph.views._builder import ViewBuilder

# Layout grid, in vis-network canvas pixels.
_ROW = 46  # one outline leaf
_COL = 310  # one outline level
_MEM_ROW = 34
_LANE_GAP = 60  # between the deepest outline level and the program lane
_MEM_DX = 260  # program -> its members
_DOC_GAP = 320  # between two documents' columns
_BLOCK_GAP = 16

Positions = dict[str, tuple[float, float]]


def id_key(nid: str) -> int:
    """The number of a node id (``s12`` -> 12): nodes sort in the order they were numbered."""
    return int(nid[1:])


class Layout:
    """Sets ``x``/``y`` on the nodes of a builder's graph."""

    def __init__(self, builder: ViewBuilder) -> None:
        self.b = builder
        self.g: nx.DiGraph = builder.g
        self.ids = builder.ids

    def outlines(self) -> None:
        """Each outline as a tree with its lanes: programs (their members beside them), then
        entities; what belongs to no document in lanes apart."""
        lanes = self.b.lanes
        blocks = []
        for doc in self.b.docs:
            pos: Positions = {}
            width = self._tree(doc.iri, 0.0, pos)
            self._lanes(lanes.get(doc.iri, []), width + _LANE_GAP, pos, pos[self.ids[doc.iri]][1])
            blocks.append(pos)
        orphans = lanes.get(None)
        if orphans:
            pos = {}
            self._lanes(orphans, 0.0, pos, 0.0)
            blocks.append(pos)
        self._apply(pack(blocks))

    def _lanes(self, iris: list[str], x: float, pos: Positions, desired_from: float) -> None:
        """Programs in a lane at ``x``, entities in a lane of their own right of the members: each
        lane is then only as tall as its own blocks need."""
        progs = [i for i in iris if self.g.nodes[self.ids[i]]["cls"] == "prog"]
        others = [i for i in iris if self.g.nodes[self.ids[i]]["cls"] != "prog"]
        if progs:
            self._lane(progs, x, pos, desired_from)
        if others:
            self._lane(others, x + (_MEM_DX + _COL if progs else 0.0), pos, desired_from)

    def _tree(self, doc: str, x0: float, pos: Positions) -> float:
        """Left-to-right tidy tree: each leaf its own row, a parent centred on its children."""
        roots = self.b.roots[doc]
        next_row = 0
        max_depth = 0
        # Iterative post-order, so a deep or wide outline cannot hit the recursion limit.
        stack: list[tuple[str, int, bool]] = [(r, 1, False) for r in reversed(roots)]
        while stack:
            iri, depth, done = stack.pop()
            kids = self.b.m.secs[iri].children
            max_depth = max(max_depth, depth)
            if not kids:
                pos[self.ids[iri]] = (x0 + depth * _COL, next_row * _ROW)
                next_row += 1
            elif done:
                ys = [pos[self.ids[k]][1] for k in kids]
                pos[self.ids[iri]] = (x0 + depth * _COL, (ys[0] + ys[-1]) / 2)
            else:
                stack.append((iri, depth, True))
                stack.extend((k, depth + 1, False) for k in reversed(kids))
        ys = [pos[self.ids[r]][1] for r in roots]
        pos[self.ids[doc]] = (x0, (ys[0] + ys[-1]) / 2 if ys else 0.0)
        return (max_depth + 1) * _COL

    def _lane(self, iris: list[str], x: float, pos: Positions, desired_from: float) -> None:
        """Stack blocks (a program and its members, an entity) down a lane at ``x``, each as near
        as it can get to the mean height of the sections it is linked with, without overlapping."""
        blocks = []
        g = self.g
        for iri in iris:
            pid = self.ids[iri]
            ys = [pos[src][1] for src, _ in g.in_edges(pid) if g.nodes[src]["cls"] == "sec" and src in pos]
            ys += [pos[dst][1] for _, dst in g.out_edges(pid) if g.nodes[dst]["cls"] == "sec" and dst in pos]
            members = [v for _, v in self.g.out_edges(pid) if self.g.edges[pid, v]["kind"] == "member"]
            members = [v for v in members if v not in pos]
            want = sum(ys) / len(ys) if ys else desired_from
            height = max(_ROW, len(members) * _MEM_ROW)
            blocks.append((want, pid, members, height))
        blocks.sort(key=lambda b: (b[0], id_key(b[1])))
        tops = spread(
            [want - height / 2 for want, _, _, height in blocks], [b[3] + _BLOCK_GAP for b in blocks]
        )
        for top, (_, pid, members, height) in zip(tops, blocks, strict=True):
            for i, mid in enumerate(members):
                pos[mid] = (x + _MEM_DX, top + i * _MEM_ROW)
            pos[pid] = (x, top + (len(members) - 1) * _MEM_ROW / 2 if members else top + height / 2)

    def programs_view(self) -> None:
        """No outlines: each document beside the lane of its programs."""
        blocks = []
        for doc in [*self.b.docs, None]:
            lane = self.b.lanes.get(doc.iri if doc else None, [])
            pos: Positions = {}
            if lane:
                self._lane(lane, 1.5 * _COL if doc else 0.0, pos, desired_from=0.0)
            if doc is not None:
                ys = [y for _, y in pos.values()]
                pos[self.ids[doc.iri]] = (0.0, (min(ys) + max(ys)) / 2 if ys else 0.0)
            blocks.append(pos)
        self._apply(pack(blocks))

    def _apply(self, pos: Mapping[str, tuple[float, float]]) -> None:
        for nid, data in self.g.nodes(data=True):
            x, y = pos.get(nid, (0.0, 0.0))
            data["x"], data["y"] = round(x), round(y)


def spread(wanted: list[float], sizes: list[float]) -> list[float]:
    """Starts for intervals of ``sizes``, in order and without overlap, as close as possible (least
    squares) to ``wanted``: pool-adjacent-violators on the starts minus the room taken before them.
    A crowded run is centred on where it wants to be instead of spilling only downwards."""
    if not wanted:
        return []
    offsets = [0.0]
    for size in sizes[:-1]:
        offsets.append(offsets[-1] + size)
    pools: list[list[float]] = []  # [sum of targets, count]
    for want, off in zip(wanted, offsets, strict=True):
        pools.append([want - off, 1])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] > pools[-1][0] / pools[-1][1]:
            total, count = pools.pop()
            pools[-1][0] += total
            pools[-1][1] += count
    starts = []
    for total, count in pools:
        starts.extend([total / count] * int(count))
    return [start + off for start, off in zip(starts, offsets, strict=True)]


def pack(
    blocks: list[Positions], aspect: float = 1.6
) -> Positions:
    """Shelf-pack each document's block left to right, wrapping rows so that the whole drawing
    has roughly the screen's aspect and fits at a zoom where the outline is still legible."""
    boxes = []
    for pos in blocks:
        if not pos:
            continue
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + _COL, max(ys) - min(ys) + _ROW))
    if not boxes:
        return {}
    area = sum((w + _DOC_GAP) * (h + _DOC_GAP) for *_, w, h in boxes)
    shelf_width = max(max(b[3] for b in boxes), math.sqrt(area * aspect))
    out: Positions = {}
    x = y = shelf_height = 0.0
    for pos, x0, y0, w, h in boxes:
        if x > 0 and x + w > shelf_width:
            x, y, shelf_height = 0.0, y + shelf_height + _DOC_GAP, 0.0
        for nid, (px, py) in pos.items():
            out[nid] = (px - x0 + x, py - y0 + y)
        x += w + _DOC_GAP
        shelf_height = max(shelf_height, h)
    return out
