// tribunal report: sort and filter the cases table. The page works without
// this script; it only adds the filter bar and sortable column headers.
// It reads the page's own data attributes and never turns text into markup.
// It runs right after the table, before the conversations have loaded, and
// filters them again once the whole page has.
(function () {
  'use strict';
  var table = document.getElementById('cases');
  var bar = document.getElementById('filters');
  if (!table || !bar) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var tags = rows.map(function (r) {
    try { return JSON.parse(r.getAttribute('data-t') || '[]'); } catch (e) { return []; }
  });
  var latency = rows.map(function (r) {
    var c = r.querySelector('td[data-n]');
    var n = c ? parseFloat(c.getAttribute('data-n')) : NaN;
    return isNaN(n) ? -1 : n;
  });
  var rank = {
    status: { fail: 0, error: 1, skipped: 2, pass: 3 },
    sev: { critical: 0, high: 1, medium: 2, low: 3 }
  };
  function el(id) { return document.getElementById(id); }
  var fStatus = el('f-status'), fSev = el('f-sev'), fDim = el('f-dim'), fTag = el('f-tag');
  var fLang = el('f-lang'), fLat = el('f-lat'), fBase = el('f-base'), fText = el('f-text');
  var count = el('f-count');
  bar.hidden = false;

  function detailsOf(row) {
    var a = row.cells[0].querySelector('a');
    return a ? document.getElementById(a.getAttribute('href').slice(1)) : null;
  }

  function apply() {
    var s = fStatus.value, v = fSev.value, d = fDim.value, t = fTag.value, l = fLang.value;
    var lat = fLat.value ? parseFloat(fLat.value) : -1;
    var b = fBase ? fBase.value : '';
    var q = fText.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!s || (s === 'flaky' ? r.getAttribute('data-f') === '1' : r.getAttribute('data-s') === s)) &&
        (!v || r.getAttribute('data-v') === v) &&
        (!d || (' ' + r.getAttribute('data-d') + ' ').indexOf(' ' + d + ' ') >= 0) &&
        (!t || tags[i].indexOf(t) >= 0) &&
        (!l || r.getAttribute('data-l') === l) &&
        (lat < 0 || latency[i] > lat) &&
        (!b || r.getAttribute('data-b') === b) &&
        (!q || texts[i].indexOf(q) >= 0);
      r.hidden = !ok;
      var det = detailsOf(r);
      if (det && det.hidden === ok) { det.hidden = !ok; }
      if (ok) { shown++; }
    }
    count.value = shown + ' of ' + rows.length + ' cases shown';
  }

  var timer = 0;
  fText.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  [fStatus, fSev, fDim, fTag, fLang, fLat, fBase].forEach(function (f) {
    if (f) { f.addEventListener('change', apply); }
  });

  function key(row, col, kind) {
    var cell = row.cells[col];
    if (kind === 'num') {
      var n = parseFloat(cell.getAttribute('data-n'));
      return isNaN(n) ? Infinity : n;
    }
    var t = cell.textContent.trim().toLowerCase();
    if (kind === 'ratio') {
      var p = t.split('/');
      return p.length === 2 && +p[1] > 0 ? p[0] / p[1] : Infinity;
    }
    if (rank[kind]) {
      t = t.split(' ')[0];
      return t in rank[kind] ? rank[kind][t] : 9;
    }
    return t;
  }

  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    var kind = th.getAttribute('data-k');
    if (!kind) { return; }
    var btn = document.createElement('button');
    btn.type = 'button';
    while (th.firstChild) { btn.appendChild(th.firstChild); }
    th.appendChild(btn);
    btn.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var keyed = rows.map(function (r, i) { return { r: r, k: key(r, col, kind), i: i }; });
      keyed.sort(function (a, b) {
        if (a.k < b.k) { return -dir; }
        if (a.k > b.k) { return dir; }
        return a.i - b.i;
      });
      var frag = document.createDocumentFragment();
      keyed.forEach(function (e) { frag.appendChild(e.r); });
      tbody.appendChild(frag);
    });
  });
  apply();
  document.addEventListener('DOMContentLoaded', apply);
  if (window.performance && performance.mark) { performance.mark('tribunal-filters-ready'); }
}());
