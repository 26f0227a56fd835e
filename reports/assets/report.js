// tribunal report: sort and filter the cases table. The page works without
// this script; it only adds the filter bar and sortable column headers.
(function () {
  'use strict';
  var table = document.getElementById('cases');
  var bar = document.getElementById('filters');
  if (!table || !bar) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var rank = {
    status: { fail: 0, error: 1, skipped: 2, pass: 3 },
    sev: { critical: 0, high: 1, medium: 2, low: 3 }
  };
  var fStatus = document.getElementById('f-status');
  var fDim = document.getElementById('f-dim');
  var fSev = document.getElementById('f-sev');
  var fText = document.getElementById('f-text');
  var count = document.getElementById('f-count');
  bar.hidden = false;

  function detailsOf(row) {
    var a = row.cells[0].querySelector('a');
    return a ? document.getElementById(a.getAttribute('href').slice(1)) : null;
  }

  function apply() {
    var s = fStatus.value, d = fDim.value, v = fSev.value;
    var q = fText.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!s || r.getAttribute('data-s') === s) &&
        (!v || r.getAttribute('data-v') === v) &&
        (!d || (' ' + r.getAttribute('data-d') + ' ').indexOf(' ' + d + ' ') >= 0) &&
        (!q || texts[i].indexOf(q) >= 0);
      if (r.hidden === ok) {
        r.hidden = !ok;
        var det = detailsOf(r);
        if (det) { det.hidden = !ok; }
      }
      if (ok) { shown++; }
    }
    count.value = shown + ' of ' + rows.length + ' cases shown';
  }

  var timer = 0;
  fText.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  [fStatus, fDim, fSev].forEach(function (el) { el.addEventListener('change', apply); });

  function key(row, col, kind) {
    var cell = row.cells[col];
    if (kind === 'num') {
      var n = parseFloat(cell.getAttribute('data-n'));
      return isNaN(n) ? Infinity : n;
    }
    var t = cell.textContent.trim().toLowerCase();
    if (rank[kind]) { return t in rank[kind] ? rank[kind][t] : 9; }
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
}());
