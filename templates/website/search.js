// The search of a policypos site (policypos publish). The index is a script,
// search-index.js, setting window.policyposSearch to a list of entries
// {t: title, u: address from the site's top, k: what it is, x: text}; it is
// loaded with <script src> because browsers refuse fetch() from file:// pages.
// A result matches when it holds every word of the query. Everything shown is
// set as text (textContent, createTextNode), never as HTML.
(function () {
  "use strict";
  var entries = window.policyposSearch || [];
  var form = document.querySelector("form.search-main");
  var box = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var headerBox = document.getElementById("site-q");
  var LIMIT = 50;

  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  var folded = entries.map(function (e) {
    return { title: fold(e.t), text: fold(e.x) };
  });

  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  // The part of *text* around its first match, with the matched words marked.
  function snippet(text, wanted) {
    var plain = String(text).replace(/\s+/g, " ").trim();
    var lower = fold(plain);
    var at = -1;
    for (var i = 0; i < wanted.length && at < 0; i++) { at = lower.indexOf(wanted[i]); }
    var start = Math.max(0, at - 80);
    var piece = plain.slice(start, start + 240);
    var span = document.createElement("span");
    if (start > 0) { span.appendChild(document.createTextNode("… ")); }
    var lowerPiece = fold(piece);
    var pos = 0;
    while (pos < piece.length) {
      var next = -1, length = 0;
      for (var j = 0; j < wanted.length; j++) {
        var found = lowerPiece.indexOf(wanted[j], pos);
        if (found >= 0 && (next < 0 || found < next)) { next = found; length = wanted[j].length; }
      }
      if (next < 0) { span.appendChild(document.createTextNode(piece.slice(pos))); break; }
      span.appendChild(document.createTextNode(piece.slice(pos, next)));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(next, next + length);
      span.appendChild(mark);
      pos = next + length;
    }
    if (start + 240 < plain.length) { span.appendChild(document.createTextNode(" …")); }
    return span;
  }

  function search(query) {
    var wanted = words(query);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (wanted.length === 0) {
      status.textContent = "Type words to find in every document, version, comment and statement.";
      return;
    }
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var f = folded[i], score = 0, all = true;
      for (var j = 0; j < wanted.length; j++) {
        var inTitle = f.title.indexOf(wanted[j]) >= 0;
        if (!inTitle && f.text.indexOf(wanted[j]) < 0) { all = false; break; }
        score += inTitle ? 2 : 1;
      }
      if (all) { hits.push({ entry: entries[i], score: score, order: i }); }
    }
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    status.textContent = hits.length === 0 ? "Nothing found for “" + query + "”."
      : hits.length + (hits.length === 1 ? " result" : " results") + " for “" + query + "”" +
        (hits.length > LIMIT ? ", the first " + LIMIT + " shown." : ".");
    hits.slice(0, LIMIT).forEach(function (hit) {
      var e = hit.entry;
      var item = document.createElement("li");
      var link = document.createElement("a");
      // Addresses are the site's own relative paths; anything else is not linked.
      if (/^[A-Za-z0-9][A-Za-z0-9._\/-]*\.html(#[^\s]*)?$/.test(e.u)) { link.href = e.u; }
      link.textContent = e.t;
      item.appendChild(link);
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = e.k;
      item.appendChild(where);
      if (e.x) { item.appendChild(snippet(e.x, wanted)); }
      list.appendChild(item);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  box.value = query;
  if (headerBox) { headerBox.value = query; }
  search(query);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = box.value;
    search(q);
    if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    }
  });
})();
