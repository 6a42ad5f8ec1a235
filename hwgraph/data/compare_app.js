// hwgraph compare report: sorting the matrix, the quotes of a cell, neighbours in the network.
// The charts are static SVG drawn by hwgraph; this script only moves and highlights them.
// Text from the data block is inserted with textContent only, never as HTML.
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("hwcompare-data").textContent);
  var api = { data: data, firstDraw: 0 };
  window.hwcompare = api;

  // ---- matrix ---------------------------------------------------------------------------------
  var svg = document.getElementById("matrix-svg");
  if (svg) {
    var cw = +svg.dataset.cw, rh = +svg.dataset.rh, lw = +svg.dataset.lw, th = +svg.dataset.th;
    var rowEls = [], colEls = [], cellEls = [], counts = new Map();
    svg.querySelectorAll("g.r").forEach(function (g) { rowEls[+g.dataset.r] = g; });
    svg.querySelectorAll("g.cl").forEach(function (g) { colEls[+g.dataset.c] = g; });
    svg.querySelectorAll("rect.k").forEach(function (r) { cellEls.push([r, +r.dataset.c]); });
    data.cells.forEach(function (c) { counts.set(c[0] + ":" + c[1], c[2]); });
    var nRows = data.progs.length, nCols = data.docs.length;
    var rowOrder = [], colOrder = [];
    for (var i = 0; i < nRows; i++) rowOrder.push(i);
    for (var j = 0; j < nCols; j++) colOrder.push(j);
    var tip = document.getElementById("tip");
    var coll = new Intl.Collator("zh-CN");

    var applyRows = function () {
      rowOrder.forEach(function (r, k) { rowEls[r].setAttribute("transform", "translate(0," + (th + rh * k) + ")"); });
    };
    var applyCols = function () {
      var pos = [];
      colOrder.forEach(function (c, k) { pos[c] = k; });
      colEls.forEach(function (g, c) {
        g.setAttribute("transform", "translate(" + (lw + cw * pos[c] + Math.floor(cw / 2) + 3) + "," + (th - 6) + ")");
      });
      cellEls.forEach(function (rc) { rc[0].setAttribute("x", lw + cw * pos[rc[1]]); });
    };
    var byIndex = function (a, b) { return a - b; };
    var sorters = {
      documents: byIndex,
      name: function (a, b) { return coll.compare(data.progs[a][0], data.progs[b][0]) || a - b; },
      first: function (a, b) {
        var ya = data.progs[a][2], yb = data.progs[b][2];
        return (ya === null) - (yb === null) || (ya || 0) - (yb || 0) || a - b;
      },
      groups: function (a, b) { return data.progs[b][3] - data.progs[a][3] || a - b; },
      community: function (a, b) {
        var ca = data.progs[a][4], cb = data.progs[b][4];
        return (ca === null) - (cb === null) || (ca || 0) - (cb || 0) || a - b;
      },
    };
    api.sortRows = function (how) {
      rowOrder.sort(sorters[how] || byIndex);
      applyRows();
    };
    api.sortRowsByDocument = function (c) {
      rowOrder.sort(function (a, b) {
        return (counts.get(b + ":" + c) || 0) - (counts.get(a + ":" + c) || 0) || a - b;
      });
      applyRows();
      tip.textContent = "按文件排序 rows sorted by: " + data.docs[c][0];
    };
    api.sortColumnsByProgram = function (r) {
      colOrder.sort(function (a, b) {
        return (counts.get(r + ":" + b) || 0) - (counts.get(r + ":" + a) || 0) || a - b;
      });
      svg.classList.add("ungrouped");
      applyCols();
      tip.textContent = "按提法排序 columns sorted by: " + data.progs[r][0];
    };
    api.resetColumns = function () {
      colOrder.sort(byIndex);
      svg.classList.remove("ungrouped");
      applyCols();
    };
    document.getElementById("sort").addEventListener("change", function (e) { api.sortRows(e.target.value); });
    document.getElementById("unsort").addEventListener("click", api.resetColumns);

    var selected = null;
    var aside = document.getElementById("quotes");
    api.showQuotes = function (r, c) {
      var key = r + ":" + c, quotes = data.quotes[key] || [], n = counts.get(key) || 0;
      document.getElementById("q-prog").textContent = data.progs[r][0];
      document.getElementById("q-doc").textContent = data.docs[c][0] + " · " + data.docs[c][1] + " · " + n + " 次提及 mentions";
      var list = document.getElementById("q-list");
      list.textContent = "";
      quotes.forEach(function (q) {
        var li = document.createElement("li");
        if (q[3]) {
          var sec = document.createElement("div");
          sec.className = "sec";
          sec.textContent = q[3];
          li.appendChild(sec);
        }
        var bq = document.createElement("blockquote");
        bq.appendChild(document.createTextNode(q[1] ? "…" + q[1] : ""));
        var mark = document.createElement("mark");
        mark.textContent = q[0];
        bq.appendChild(mark);
        bq.appendChild(document.createTextNode(q[2] ? q[2] + "…" : ""));
        li.appendChild(bq);
        list.appendChild(li);
      });
      document.getElementById("q-more").textContent = n > quotes.length
        ? "另有 " + (n - quotes.length) + " 处提及 " + (n - quotes.length) + " more mention(s)" : "";
      aside.hidden = false;
    };
    svg.addEventListener("click", function (e) {
      var el = e.target;
      if (el.classList.contains("k")) {
        if (selected) selected.classList.remove("sel");
        selected = el;
        el.classList.add("sel");
        api.showQuotes(+el.parentNode.dataset.r, +el.dataset.c);
        return;
      }
      var col = el.closest("g.cl");
      if (col) { api.sortRowsByDocument(+col.dataset.c); return; }
      var row = el.closest("g.r");
      if (row && el.classList.contains("rl")) api.sortColumnsByProgram(+row.dataset.r);
    });
    svg.addEventListener("mouseover", function (e) {
      var el = e.target;
      if (el.classList.contains("k")) {
        var r = +el.parentNode.dataset.r, c = +el.dataset.c;
        tip.textContent = data.progs[r][0] + " × " + data.docs[c][0] + ": " + (counts.get(r + ":" + c) || 0) + " 次 mentions";
      }
    });
    var close = function () {
      aside.hidden = true;
      if (selected) selected.classList.remove("sel");
      selected = null;
    };
    document.getElementById("close").addEventListener("click", close);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
  }

  // ---- network ----------------------------------------------------------------------------------
  var net = document.getElementById("network-svg");
  if (net) {
    var info = document.getElementById("node-info");
    var nodeEls = [], edgeEls = [];
    net.querySelectorAll("g.n").forEach(function (g) { nodeEls[+g.dataset.i] = g; });
    net.querySelectorAll("line.e").forEach(function (l) { edgeEls.push([l, +l.dataset.a, +l.dataset.b]); });
    api.focusNode = function (i) {
      var near = [];
      nodeEls.forEach(function (g) { g.classList.remove("on"); });
      edgeEls.forEach(function (e) {
        var on = e[1] === i || e[2] === i;
        e[0].classList.toggle("on", on);
        if (on) {
          var other = e[1] === i ? e[2] : e[1];
          nodeEls[other].classList.add("on");
          near.push(other);
        }
      });
      nodeEls[i].classList.add("on");
      net.classList.add("focus");
      var weight = new Map();
      data.edges.forEach(function (e) {
        if (e[0] === i) weight.set(e[1], e[2]);
        if (e[1] === i) weight.set(e[0], e[2]);
      });
      near.sort(function (a, b) { return weight.get(b) - weight.get(a) || a - b; });
      var n = data.nodes[i];
      info.textContent = n[0] + " · " + n[1] + " 份文件 documents · 社区 community " + (n[2] + 1) + " · 共现 with: " +
        near.slice(0, 12).map(function (k) { return data.nodes[k][0] + " (" + weight.get(k) + ")"; }).join("、");
    };
    net.addEventListener("click", function (e) {
      var g = e.target.closest("g.n");
      if (g) { api.focusNode(+g.dataset.i); return; }
      net.classList.remove("focus");
      info.textContent = "";
    });
  }

  requestAnimationFrame(function () {
    requestAnimationFrame(function () { api.firstDraw = performance.now() || (performance.now() - t0); });
  });
})();
