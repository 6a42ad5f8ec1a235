// hwgraph page script. Every piece of document text reaches the page through textContent, a
// plain-text vis tooltip, or the canvas; never through innerHTML.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("hwgraph-data").textContent);
  var FONT = '"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif';
  var CLASS_COLOR = {
    doc: "#1f3a5f", sec: "#4a78b5", prog: "#e07b1a", mem: "#4e9a45",
    work: "#7b52ab", target: "#0f8b8d", org: "#8a6d3b"
  };
  // Entity classes (issue 11): drawn with their document's outline, hidden in a large page's overview.
  var ENTITY = { work: true, target: true, org: true };
  var GROUPS = {
    doc: {
      shape: "box", margin: 12, widthConstraint: { maximum: 260 },
      color: { background: "#1f3a5f", border: "#10213a", highlight: { background: "#2d5b94", border: "#0b1930" } },
      font: { color: "#ffffff", size: 18, face: FONT }
    },
    sec1: {
      shape: "box", color: { background: "#d6e4f5", border: "#4a78b5", highlight: { background: "#bcd3f0", border: "#1f3a5f" } },
      font: { color: "#10213a", size: 16, face: FONT }
    },
    sec2: {
      shape: "box", color: { background: "#e9f0f9", border: "#7aa0d4", highlight: { background: "#bcd3f0", border: "#1f3a5f" } },
      font: { color: "#1a2a40", size: 15, face: FONT }
    },
    sec3: {
      shape: "box", color: { background: "#f5f8fc", border: "#a9c1e3", highlight: { background: "#bcd3f0", border: "#1f3a5f" } },
      font: { color: "#2a3a50", size: 14, face: FONT }
    },
    prog: {
      shape: "box", shapeProperties: { borderRadius: 14 }, borderWidth: 2,
      color: { background: "#f6a04d", border: "#b35f0f", highlight: { background: "#f8b672", border: "#7a3f06" } },
      font: { color: "#2b1600", size: 16, face: FONT }
    },
    progBad: {
      shape: "box", shapeProperties: { borderRadius: 14, borderDashes: [5, 3] }, borderWidth: 3,
      color: { background: "#f6a04d", border: "#c0392b", highlight: { background: "#f8b672", border: "#c0392b" } },
      font: { color: "#2b1600", size: 16, face: FONT }
    },
    mem: {
      shape: "box", margin: 6,
      color: { background: "#e3f4df", border: "#4e9a45", highlight: { background: "#c6e9bf", border: "#2e6b27" } },
      font: { color: "#1d4d17", size: 14, face: FONT }
    },
    work: {
      shape: "box", margin: 8, borderWidth: 2, shapeProperties: { borderRadius: 2 },
      color: { background: "#ece3f7", border: "#7b52ab", highlight: { background: "#dccaf0", border: "#4b2d70" } },
      font: { color: "#2e1a47", size: 15, face: FONT }
    },
    target: {
      shape: "box", margin: 7, shapeProperties: { borderRadius: 10 },
      color: { background: "#dff3f2", border: "#0f8b8d", highlight: { background: "#bfe6e4", border: "#075a5b" } },
      font: { color: "#073b3c", size: 14, face: FONT }
    },
    targetAch: {
      shape: "box", margin: 7, shapeProperties: { borderRadius: 10 }, borderWidth: 2,
      color: { background: "#9fd8d6", border: "#0f8b8d", highlight: { background: "#7fcac7", border: "#075a5b" } },
      font: { color: "#052b2c", size: 14, face: FONT }
    },
    org: {
      shape: "box", margin: 8, shapeProperties: { borderRadius: 16 },
      color: { background: "#f4ecdc", border: "#8a6d3b", highlight: { background: "#e9dbbd", border: "#5a4522" } },
      font: { color: "#3d2f12", size: 15, face: FONT }
    }
  };
  var EDGES = {
    outline: { label: "大纲 outline", color: "#9aa9bb", dashes: false, width: 1.2 },
    mention: { label: "提及 mentions", color: "#e07b1a", dashes: [6, 4], width: 1.2, arrow: true },
    member: { label: "成员 member", color: "#4e9a45", dashes: false, width: 1.2 },
    uses: { label: "使用 uses", color: "#b0b0b0", dashes: [2, 4], width: 1 },
    memberProgram: { label: "成员即提法", color: "#8e6cc4", dashes: [2, 3], width: 1.2, arrow: true },
    cites: { label: "引用 cites", color: "#7b52ab", dashes: false, width: 1.2, arrow: true },
    announces: { label: "将制定 announces", color: "#7b52ab", dashes: [6, 4], width: 1.2, arrow: true },
    issues: { label: "印发 issues", color: "#7b52ab", dashes: [2, 3], width: 1.6, arrow: true },
    target: { label: "目标 target", color: "#0f8b8d", dashes: false, width: 1.2, arrow: true },
    orgMention: { label: "提及机构 names", color: "#b39b6b", dashes: [2, 4], width: 1 },
    lead: { label: "牵头 leads", color: "#8a6d3b", dashes: false, width: 2.2, arrow: true },
    participate: { label: "配合 joins", color: "#8a6d3b", dashes: [5, 3], width: 1.2, arrow: true }
  };
  // Document colours by administrative level on the overview, from the top level down.
  var LEVEL_COLORS = ["#7a1f2b", "#1f3a5f", "#2f6f4f", "#6b4c9a", "#8a5a14", "#3b6e8f", "#555f6d"];
  var OV = DATA.overview || null;
  var OV_DOC_FONT = 28;  // _overview.py's _DOC_FONT: the ring's boxes were sized for it
  var CLASS_NAME = {};
  DATA.classes.forEach(function (c) { CLASS_NAME[c.id] = c.name; });

  var byId = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); });
  var aggEdges = new Set();
  var hiddenClasses = new Set();
  var expanded = new Set();
  var docFilter = "";
  var shown = new Set();
  // The overview (a large corpus): programs hidden at open that search brought in, and whether
  // the reader asked for the whole view instead.
  var revealed = new Set();
  var showAll = false;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function isVisible(n) {
    if (hiddenClasses.has(n.cls)) return false;
    if (docFilter && n.d.indexOf(docFilter) < 0) return false;
    if (DATA.aggregated && !showAll) {
      if (n.cls === "sec") return expanded.has(n.d[0]);
      if (n.cls === "mem") return expanded.has(n.pr) && (!!docFilter || isShared(byId.get(n.pr)) || revealed.has(n.pr));
      if (ENTITY[n.cls]) return n.d.some(function (d) { return expanded.has(d); });
      if (n.cls === "prog" && !docFilter) return isShared(n) || revealed.has(n.id);
    }
    return true;
  }

  function mode() {
    return !DATA.aggregated || showAll ? "whole" : docFilter ? "document" : "overview";
  }

  function isShared(n) {
    return !OV || (n && n.k >= OV.min);
  }

  function edgeVisible(e) {
    if (!shown.has(e.from) || !shown.has(e.to)) return false;
    if (aggEdges.has(e.id)) return DATA.aggregated && !showAll && !expanded.has(e.from);
    return true;
  }

  function recompute() {
    shown = new Set();
    DATA.nodes.forEach(function (n) { if (isVisible(n)) shown.add(n.id); });
  }

  recompute();
  // A large page starts as an overview of documents and programs at compact positions (ax, ay);
  // choosing a document switches to the full layout, where its outline has room.
  var fullPositions = !DATA.aggregated;

  function place(n, full) {
    if (full) return [n.x, n.y];
    if (n.ax !== undefined) return [n.ax, n.ay];
    var p = n.cls === "mem" ? byId.get(n.pr) : null;
    if (p && p.ax !== undefined) return [p.ax + n.x - p.x, p.ay + n.y - p.y];
    return [n.x, n.y];
  }

  // On the overview a document shows its short title and a program's font grows with its use;
  // the full layout keeps the group's own label and size.
  function look(n, full) {
    var item = {};
    if (n.sl !== undefined) {
      item.label = full ? n.label : n.sl;
      item.font = { size: full ? GROUPS.doc.font.size : OV_DOC_FONT };
    } else if (n.fs !== undefined) {
      item.font = { size: full ? GROUPS[n.group].font.size : n.fs };
    }
    return item;
  }

  function usePositions(full) {
    if (full === fullPositions) return;
    fullPositions = full;
    nodes.update(DATA.nodes.filter(function (n) { return n.ax !== undefined || n.cls === "mem"; }).map(function (n) {
      var p = place(n, full);
      return Object.assign({ id: n.id, x: p[0], y: p[1] }, look(n, full));
    }));
    edges.update(Object.keys(usesLook).map(function (id) { return usesLook[id][full ? 1 : 0]; }));
  }

  var byLevel = OV && OV.levels.length > 1;
  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    var p = place(n, fullPositions);
    var item = Object.assign({ id: n.id, label: n.label, group: n.group, x: p[0], y: p[1], title: n.title }, look(n, fullPositions));
    if (byLevel && n.lv !== undefined) {
      var c = LEVEL_COLORS[n.lv % LEVEL_COLORS.length];
      item.color = { background: c, border: "#10213a", highlight: { background: c, border: "#0b1930" } };
    }
    return item;
  }));
  var SMOOTH = DATA.smooth ? { enabled: true, type: "cubicBezier", forceDirection: "horizontal", roundness: 0.45 } : false;
  // A uses edge's look on the overview and in the full layout (the programs view's main edges).
  var usesLook = {};
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    var s = EDGES[e.kind] || EDGES.outline;
    if (e.agg) aggEdges.add(e.id);
    var item = {
      id: e.id, from: e.from, to: e.to, width: s.width, dashes: s.dashes,
      color: { color: s.color, highlight: s.color, opacity: 0.85 }
    };
    if (s.arrow) item.arrows = { to: { enabled: true, scaleFactor: 0.5 } };
    // Links to a program drawn in another document's lane: there, but quieter.
    if (e.far) {
      item.color.opacity = 0.3;
      item.width = 0.8;
    }
    if (e.title) item.title = e.title;
    // On the overview a program of most documents draws a spoke to each: quieter, so the rarer
    // shared programs stand out; straight, as the ring's edges run every way.
    var to = byId.get(e.to);
    if (OV && e.kind === "uses") {
      usesLook[e.id] = [{
        id: e.id, smooth: false, dashes: false,
        // Faint through rgba rather than opacity, which would fade the highlight of a chosen node's edges too.
        color: {
          color: to && to.k > DATA.docs.length / 2 ? "rgba(111,134,166,0.1)" : "rgba(111,134,166,0.4)",
          highlight: "#e07b1a", opacity: 1
        }
      }, { id: e.id, smooth: SMOOTH, dashes: s.dashes, color: item.color }];
      Object.assign(item, usesLook[e.id][fullPositions ? 1 : 0]);
    }
    return item;
  }));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shown.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });

  var big = DATA.nodes.length > 1500;
  var options = {
    autoResize: true,
    width: "100%",
    height: "100%",
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: false, tooltipDelay: 250, hideEdgesOnDrag: big, hideEdgesOnZoom: big, zoomSpeed: 0.7 },
    nodes: {
      shape: "box", margin: 8, borderWidth: 1, widthConstraint: { maximum: 280 },
      shapeProperties: { borderRadius: 4 }, font: { face: FONT, size: 14 }
    },
    edges: {
      width: 1, selectionWidth: 2,
      smooth: SMOOTH
    },
    groups: GROUPS
  };

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var api = {
    data: DATA, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    firstDraw: null, shownCount: function () { return shown.size; }
  };
  window.network = network;
  window.hwgraph = api;
  network.once("afterDrawing", function () { api.firstDraw = performance.now(); });

  // ---- filters, legend, status

  function refresh() {
    recompute();
    nodeView.refresh();
    edgeView.refresh();
    var status = document.getElementById("status");
    var text = "显示 " + shown.size + " / " + DATA.nodes.length + " 个节点 · 视图 " + DATA.view;
    if (DATA.aggregated) text += " · " + (showAll ? "全部 whole" : docFilter ? "单个文件 one document" : "总览 overview");
    status.textContent = text;
    if (OV) showNote();
  }

  // ---- the overview's note: what is drawn, what is hidden and how to show it

  var note = document.getElementById("note");

  function showNote() {
    var hidden = {}, progs = 0, found = 0;
    DATA.nodes.forEach(function (n) {
      if (!shown.has(n.id)) hidden[n.cls] = (hidden[n.cls] || 0) + 1;
      else if (n.cls === "prog" && isShared(n)) progs += 1;
      else if (n.cls === "prog") found += 1;
    });
    hwgraphNote(note, {
      mode: mode(), total: DATA.nodes.length, shown: shown.size, docs: DATA.docs.length, progs: progs,
      found: found, hidden: hidden, title: docFilter ? byId.get(docFilter).full : "", outline: DATA.view !== "programs",
      overview: OV, colors: LEVEL_COLORS
    }, {
      overview: function () { if (showAll) setMode(false); else setDocument(""); },
      everything: function () { setMode(true); }
    });
  }

  function setMode(all) {
    showAll = all;
    docFilter = "";
    select.value = "";
    expanded.clear();
    usePositions(all);
    refresh();
    fitShown();
  }

  var legend = document.getElementById("legend");
  var checkboxes = {};
  DATA.classes.forEach(function (c) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.cls = c.id;
    box.addEventListener("change", function () {
      if (box.checked) hiddenClasses.delete(c.id); else hiddenClasses.add(c.id);
      refresh();
    });
    checkboxes[c.id] = box;
    var sw = el("span", "sw");
    sw.style.background = c.id === "doc" ? CLASS_COLOR.doc : (GROUPS[c.id === "sec" ? "sec1" : c.id].color.background);
    sw.style.borderColor = CLASS_COLOR[c.id];
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(el("span", null, c.name));
    legend.appendChild(label);
  });
  function swatchNote(group, text, dashed) {
    var item = el("span", "edge");
    var sw = el("span", "sw");
    sw.style.background = GROUPS[group].color.background;
    sw.style.borderColor = GROUPS[group].color.border;
    if (dashed) sw.style.borderStyle = "dashed";
    item.appendChild(sw);
    item.appendChild(el("span", null, text));
    legend.appendChild(item);
  }
  swatchNote("progBad", "数量不符", true);
  if (DATA.nodes.some(function (n) { return n.group === "targetAch"; })) swatchNote("targetAch", "已完成 achieved", false);
  legend.appendChild(el("span", "sep"));
  var kinds = new Set(DATA.edges.map(function (e) { return e.kind; }));
  Object.keys(EDGES).forEach(function (k) {
    if (!kinds.has(k)) return;
    var item = el("span", "edge");
    var line = el("span", "line");
    line.style.borderTopColor = EDGES[k].color;
    if (EDGES[k].dashes) line.style.borderTopStyle = "dashed";
    item.appendChild(line);
    item.appendChild(el("span", null, EDGES[k].label));
    legend.appendChild(item);
  });

  var select = document.getElementById("doc-filter");
  select.appendChild(el("option", null, (OV ? "总览 Overview · " : "") + "全部文件 All documents (" + DATA.docs.length + ")"));
  select.firstChild.value = "";
  DATA.docs.forEach(function (d) {
    var o = el("option", null, d.title);
    o.value = d.id;
    select.appendChild(o);
  });
  if (DATA.docs.length < 2) select.hidden = true;
  select.addEventListener("change", function () { setDocument(select.value); });

  function setDocument(id) {
    docFilter = id;
    select.value = id;
    if (DATA.aggregated) {
      expanded.clear();
      if (id) expanded.add(id);
      else showAll = false;
      usePositions(!!id || showAll);
    }
    refresh();
    fitShown();
  }

  function fitShown() {
    // With a document chosen, frame its own block; programs it shares live in other blocks.
    var ids = Array.from(shown).filter(function (id) {
      var n = byId.get(id);
      var owner = n.cls === "prog" || ENTITY[n.cls] ? n : n.cls === "mem" ? byId.get(n.pr) : null;
      return !docFilter || !owner || owner.h === docFilter;
    });
    network.fit({ nodes: ids.length ? ids : Array.from(shown), animation: false });
  }
  document.getElementById("fit").addEventListener("click", fitShown);

  // ---- details panel

  var panel = document.getElementById("details");

  function link(text, id) {
    var span = el("span", id ? "link" : null, text);
    if (id) span.addEventListener("click", function () { focusNode(id); });
    return span;
  }

  function showDetails(id) {
    var n = byId.get(id);
    var d = DATA.details[id] || {};
    panel.textContent = "";
    var tag = el("span", "cls", CLASS_NAME[n.cls] || n.cls);
    tag.style.background = CLASS_COLOR[n.cls] || "#666";
    panel.appendChild(tag);
    panel.appendChild(el("h2", null, d.heading || n.full));
    if (d.rows && d.rows.length) {
      var dl = el("dl");
      d.rows.forEach(function (r) {
        dl.appendChild(el("dt", null, r[0]));
        dl.appendChild(el("dd", null, r[1]));
      });
      panel.appendChild(dl);
    }
    if (d.quotes && d.quotes.length) {
      panel.appendChild(el("h3", null, "原文 Source quote"));
      d.quotes.forEach(function (q) {
        var bq = el("blockquote", "quote");
        if (q.before) bq.appendChild(el("span", "ctx", "…" + q.before));
        bq.appendChild(el("mark", null, q.text || "（无原文）"));
        if (q.after) bq.appendChild(el("span", "ctx", q.after + "…"));
        panel.appendChild(bq);
        var where = el("div", "where");
        where.appendChild(link(q.where, q.node));
        panel.appendChild(where);
      });
      if (d.more) panel.appendChild(el("div", "where", "……另有 " + d.more + " 处"));
    }
    // A list several panels share (a target's same-indicator list) is in DATA.lists, by key.
    var lists = (d.lists || []).concat((d.refs || []).map(function (r) { return DATA.lists[r]; }));
    lists.forEach(function (l) {
      var head = l.head ? l.head + (l.title ? " · " + l.title : "") : "成员 Members · " + l.title;
      panel.appendChild(el("h3", null, head));
      if (l.check) {
        var ok = /✓/.test(l.check), isBad = /✗/.test(l.check);
        panel.appendChild(el("div", "check" + (ok ? " ok" : "") + (isBad ? " bad" : ""), l.check));
      }
      if (l.items.length) {
        var ol = el("ol");
        l.items.forEach(function (it) {
          if (it[1] && it[1] === id) return;  // a shared list leaves out the node it is shown for
          var li = el("li");
          li.appendChild(link(it[0], it[1]));
          ol.appendChild(li);
        });
        panel.appendChild(ol);
      }
    });
    (d.links || []).forEach(function (l) {
      var p = el("div", "where", "→ ");
      p.appendChild(link(l[0], l[1]));
      panel.appendChild(p);
    });
    if (DATA.aggregated && n.cls === "doc") {
      var open = docFilter === id;
      var db = el("button", null, open ? "返回总览 Back to overview" : "展开大纲 Show outline");
      db.type = "button";
      db.addEventListener("click", function () {
        setDocument(open ? "" : id);
        showDetails(id);
      });
      panel.appendChild(db);
    } else if (DATA.aggregated && n.cls === "prog") {
      var b = el("button", null, expanded.has(id) ? "收起成员 Hide members" : "展开成员 Show members");
      b.type = "button";
      b.addEventListener("click", function () {
        if (expanded.has(id)) expanded.delete(id); else expanded.add(id);
        refresh();
        showDetails(id);
      });
      panel.appendChild(b);
    }
  }

  function showHint() {
    panel.textContent = "";
    panel.appendChild(el("h2", null, DATA.title));
    panel.appendChild(el("p", "hint", "点击节点查看详情：类别、完整标题、原文及位置、成员与数量核对、引用、指标与职责分工。"));
    panel.appendChild(el("p", "hint", "Click a node for its class, full title, source quote and position, members and count " +
      "check, citations, targets and who leads which task. " +
      "Search finds a node by its Chinese label; the legend's boxes and the document list filter the view."));
  }

  function reveal(n) {
    var changed = false;
    if (hiddenClasses.has(n.cls)) {
      hiddenClasses.delete(n.cls);
      checkboxes[n.cls].checked = true;
      changed = true;
    }
    if (DATA.aggregated && n.cls === "sec") {
      if (docFilter !== n.d[0]) setDocument(n.d[0]);
    } else if (DATA.aggregated && ENTITY[n.cls] && !n.d.some(function (d) { return expanded.has(d); })) {
      setDocument(n.h || n.d[0]);
    } else if (docFilter && n.d.indexOf(docFilter) < 0) {
      setDocument("");
    }
    if (DATA.aggregated && n.cls === "mem" && !expanded.has(n.pr)) {
      expanded.add(n.pr);
      changed = true;
    }
    // A program the overview leaves out joins it beside its home document, with its edges.
    var prog = n.cls === "prog" ? n : n.cls === "mem" ? byId.get(n.pr) : null;
    if (DATA.aggregated && !showAll && !docFilter && prog && !isShared(prog) && !revealed.has(prog.id)) {
      revealed.add(prog.id);
      changed = true;
    }
    if (changed) refresh();
  }

  function focusNode(id) {
    var n = byId.get(id);
    if (!n) return;
    reveal(n);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showDetails(id);
  }

  network.on("click", function (params) {
    if (!params.nodes.length) return;
    var id = params.nodes[0];
    var n = byId.get(id);
    if (DATA.aggregated && n.cls === "doc" && docFilter !== id && !showAll) {
      setDocument(id);
    } else if (DATA.aggregated && n.cls === "prog" && !expanded.has(id)) {
      expanded.add(id);
      refresh();
    }
    showDetails(id);
  });

  // ---- search

  var input = document.getElementById("search");
  var results = document.getElementById("results");
  var RANK = { doc: 0, prog: 1, work: 1, org: 1, sec: 2, target: 2, mem: 3 };

  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    DATA.nodes.forEach(function (n) {
      var t = n.full.toLowerCase();
      var at = t.indexOf(q);
      if (at < 0) return;
      hits.push([t === q ? 0 : at === 0 ? 1 : 2, RANK[n.cls], t.length, n]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, 40).map(function (h) { return h[3]; });
  }

  function showResults() {
    var hits = search(input.value);
    results.textContent = "";
    hits.forEach(function (n, i) {
      var li = el("li", i === 0 ? "active" : null);
      var tag = el("span", "tag", (CLASS_NAME[n.cls] || "").split(" ")[0]);
      tag.style.background = CLASS_COLOR[n.cls];
      li.appendChild(tag);
      li.appendChild(el("span", "txt", n.full));
      li.dataset.id = n.id;
      li.addEventListener("mousedown", function (ev) {
        ev.preventDefault();
        choose(n.id);
      });
      results.appendChild(li);
    });
    if (!hits.length && input.value.trim()) results.appendChild(el("li", "none", "无结果 No match"));
    results.hidden = !input.value.trim();
  }

  function choose(id) {
    results.hidden = true;
    focusNode(id);
  }

  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = results.querySelector("li.active") || results.querySelector("li[data-id]");
      if (!first) {
        showResults();
        first = results.querySelector("li[data-id]");
      }
      if (first && first.dataset.id) choose(first.dataset.id);
    } else if (ev.key === "Escape") {
      results.hidden = true;
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      var items = Array.prototype.slice.call(results.querySelectorAll("li[data-id]"));
      var at = items.findIndex(function (li) { return li.classList.contains("active"); });
      if (at >= 0) items[at].classList.remove("active");
      at = Math.max(0, Math.min(items.length - 1, at + (ev.key === "ArrowDown" ? 1 : -1)));
      if (items[at]) {
        items[at].classList.add("active");
        items[at].scrollIntoView({ block: "nearest" });
      }
      ev.preventDefault();
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  api.search = search;
  api.focusNode = focusNode;
  api.refresh = refresh;
  api.fitDocument = fitShown;
  api.expanded = expanded;
  api.revealed = revealed;
  api.mode = mode;
  api.showEverything = function () { setMode(true); };
  refresh();
  showHint();
})();
