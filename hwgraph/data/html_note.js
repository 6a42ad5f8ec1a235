// hwgraph page script: the overview's note (issue 12), what the page draws, what it leaves out and
// how to show it, in Chinese and English. _page.py puts it before html_app.js in the same <script>.
// Document text reaches it only through textContent.
var hwgraphNote = (function () {
  "use strict";
  var ZH = { prog: "个其余提法", sec: "个章节", mem: "个成员", work: "项引用政策", target: "项量化指标", org: "个机构" };
  var EN = { prog: "other programs", sec: "sections", mem: "members", work: "cited policies", target: "targets", org: "organizations" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function button(text, action) {
    var b = el("button", null, text);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }

  function overview(body, s, act) {
    var ov = s.overview;
    var zh = [], en = [];
    Object.keys(ZH).forEach(function (c) {
      if (s.hidden[c]) {
        zh.push(s.hidden[c] + " " + ZH[c]);
        en.push(s.hidden[c] + " " + EN[c]);
      }
    });
    body.appendChild(el("p", null, "显示 " + s.docs + " 份文件与被至少 " + ov.min + " 份文件使用的 " + s.progs +
      " 个提法（字号越大，使用的文件越多）" + (s.found ? "，及搜索找到的 " + s.found + " 个" : "") +
      "。未显示：" + (zh.join("、") || "无") + "。点击文件展开其大纲与全部提法，点击提法展开成员；搜索可找到并显示任何节点。"));
    body.appendChild(el("p", "en", "Showing " + s.docs + " documents and the " + s.progs + " programs at least " + ov.min +
      " of them use (larger: used by more)" + (s.found ? ", and " + s.found + " found by search" : "") +
      ". Hidden: " + (en.join(", ") || "nothing") + ". Click a document to open its outline with all its programs, " +
      "a program for its members; search finds and reveals any node."));
    if (ov.prefix || ov.suffix) {
      body.appendChild(el("p", "en", "文件标签略去各标题共有的「" + [ov.prefix, ov.suffix].filter(Boolean).join("…") +
        "」 Document labels leave out what every title shares."));
    }
    if (ov.levels.length > 1) {
      var row = el("div", "levels");
      ov.levels.forEach(function (l, i) {
        var item = el("span", "edge");
        var sw = el("span", "sw");
        sw.style.background = s.colors[i % s.colors.length];
        item.appendChild(sw);
        item.appendChild(el("span", null, l.name + " " + l.id + " (" + l.n + ")"));
        row.appendChild(item);
      });
      body.appendChild(row);
    }
    if (ov.whole) body.appendChild(button("显示全部 Show everything", act.everything));
  }

  // s: {mode: overview|document|whole, total, shown, docs, progs, found, hidden: {cls: n}, title, outline,
  // overview: the page's overview block, colors}; act: {overview(), everything()}.
  return function render(note, s, act) {
    note.hidden = false;
    note.textContent = "";
    var box = el("details");
    box.open = true;
    var body = el("div", "body");
    if (s.mode === "whole") {
      box.appendChild(el("summary", null, "全部节点 Everything drawn"));
      body.appendChild(el("p", null, "完整视图：全部 " + s.total + " 个节点。The whole view: every node and edge."));
      body.appendChild(button("返回总览 Back to overview", act.overview));
    } else if (s.mode === "document") {
      box.appendChild(el("summary", null, "单个文件 One document"));
      body.appendChild(el("p", null, "《" + s.title + "》" + (s.outline
        ? "的大纲与其全部提法、成员和实体。Its outline with all its programs, members and entities."
        : "的全部提法与成员。All its programs and members.")));
      body.appendChild(button("返回总览 Back to overview", act.overview));
    } else {
      box.appendChild(el("summary", null, "总览 Overview · " + s.shown + " / " + s.total));
      overview(body, s, act);
    }
    box.appendChild(body);
    note.appendChild(box);
  };
})();
