/**
 * The dashboard at `/fxcallbacks/`: one self-contained page (no CDN, no external file), which asks
 * `api/figures` every second with the token the owner types once (kept in the tab's sessionStorage). Kept as
 * plain ES2017 in a string, without template literals, so that the bundle carries it as is.
 */
export const DASHBOARD_PAGE = String.raw`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>fxcallbacks</title>
<style>
:root{color-scheme:dark;--bg:#111418;--panel:#1a1f26;--line:#2a313b;--text:#e6e9ee;--dim:#8b95a3;--ok:#3fb97f;--bad:#e5534b;--warn:#d9a53f;--acc:#4f9cf0}
*{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--text)}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;padding:.75rem 1rem;border-bottom:1px solid var(--line)}
h1{font-size:1.1rem;margin:0}h2{font-size:.95rem;margin:0 0 .5rem}#status{color:var(--dim);font-size:.85rem}
main{padding:1rem;display:grid;gap:1rem;grid-template-columns:1fr}@media(min-width:1000px){main{grid-template-columns:3fr 1fr}}
section{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.75rem;min-width:0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.3rem .5rem;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child,th.l,td.l{text-align:left}th{color:var(--dim);font-weight:600;cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
.bad{color:var(--bad)}.warn{color:var(--warn)}.dim{color:var(--dim)}svg{display:block}
.kv{display:grid;grid-template-columns:auto auto;gap:.2rem 1rem}.kv div:nth-child(even){text-align:right;font-variant-numeric:tabular-nums}
.bar{height:6px;background:var(--line);border-radius:3px;overflow:hidden;min-width:60px}.bar i{display:block;height:100%;background:var(--ok)}
form{display:flex;gap:.5rem;flex-wrap:wrap}input{flex:1;min-width:12rem;padding:.4rem;background:var(--bg);color:var(--text);border:1px solid var(--line);border-radius:4px}
button{padding:.4rem .8rem;background:var(--acc);color:#fff;border:0;border-radius:4px}ul{margin:0;padding-left:1rem}li{margin:.15rem 0;word-break:break-all}
</style></head><body>
<header><h1>fxcallbacks</h1><span id="status">connecting</span></header>
<main>
<section id="login" hidden><h2>Token</h2><form id="token-form"><input id="token" type="password" autocomplete="off" placeholder="fxcallbacks:metricsToken"><button>Open</button></form></section>
<section><h2>Callbacks</h2><div class="scroll"><table id="callbacks"><thead><tr>
<th data-key="callback" class="l">callback</th><th data-key="resource" class="l">resource</th><th data-key="direction" class="l">dir</th>
<th data-key="rate">calls/s</th><th data-key="calls">calls</th><th data-key="errorRate">errors</th><th data-key="p50">p50 ms</th><th data-key="p95">p95 ms</th><th data-key="p99">p99 ms</th><th data-key="inFlight">in flight</th><th class="l">last 60 s</th>
</tr></thead><tbody></tbody></table></div></section>
<section><h2>Hub</h2><div class="kv" id="hub"></div>
<h2 style="margin-top:1rem">Budget per player</h2><div class="scroll"><table id="players"><thead><tr><th class="l">player</th><th>in/s</th><th>out/s</th><th class="l">of limiter</th></tr></thead><tbody></tbody></table></div>
<h2 style="margin-top:1rem">Last refused frames</h2><ul id="refused"></ul></section>
</main>
<script>
(function () {
  'use strict';
  var KEY = 'fxcallbacks.token';
  var HISTORY = 60;
  var last = null;
  var rows = {};
  var sort = { key: 'rate', dir: -1 };
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function ms(v) { return v === null || v === undefined ? '-' : String(Math.round(v)); }
  function num(v, digits) { return v === null || v === undefined ? '-' : v.toFixed(digits); }
  function sparkline(values) {
    var w = 120, h = 24, max = Math.max.apply(null, values.concat([1e-9]));
    var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', w); svg.setAttribute('height', h); svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    var line = document.createElementNS(ns, 'polyline');
    line.setAttribute('fill', 'none'); line.setAttribute('stroke', '#4f9cf0'); line.setAttribute('stroke-width', '1.5');
    line.setAttribute('points', values.map(function (v, i) { return (i * w / (HISTORY - 1)).toFixed(1) + ',' + (h - 1 - v / max * (h - 2)).toFixed(1); }).join(' '));
    svg.appendChild(line);
    return svg;
  }
  function render() {
    var list = Object.keys(rows).map(function (k) { return rows[k]; });
    list.sort(function (a, b) {
      var x = a[sort.key], y = b[sort.key];
      if (x === y) return a.key < b.key ? -1 : 1;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * sort.dir;
    });
    var body = document.querySelector('#callbacks tbody');
    body.textContent = '';
    list.forEach(function (r) {
      var tr = el('tr');
      tr.dataset.key = r.key;
      [[r.callback, 'l'], [r.resource, 'l'], [r.direction === 'incoming' ? 'in' : 'out', 'l'], [num(r.rate, 1)], [String(r.calls)],
       [r.errorRate === null ? '-' : (r.errorRate * 100).toFixed(1) + '%', r.errorRate > 0 ? 'bad' : ''], [ms(r.p50)], [ms(r.p95)], [ms(r.p99)],
       [String(r.inFlight), r.inFlight > 0 ? 'warn' : '']].forEach(function (cell, i) {
        var td = el('td', cell[0], cell[1]);
        td.dataset.col = ['callback', 'resource', 'direction', 'rate', 'calls', 'errorRate', 'p50', 'p95', 'p99', 'inFlight'][i];
        tr.appendChild(td);
      });
      var spark = el('td', undefined, 'l'); spark.appendChild(sparkline(r.history)); tr.appendChild(spark);
      body.appendChild(tr);
    });
    document.querySelectorAll('#callbacks th[data-key]').forEach(function (th) {
      if (th.dataset.key === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending'); else th.removeAttribute('aria-sort');
    });
  }
  function update(data) {
    var seconds = last ? Math.max((data.at - last.at) / 1000, 1e-3) : null;
    var seen = {};
    data.series.forEach(function (s) {
      var key = s.callback + '|' + s.resource + '|' + s.direction;
      var row = rows[key] || (rows[key] = { key: key, history: [], calls: 0 });
      var rate = seconds === null ? null : Math.max(0, s.calls - row.calls) / seconds;
      row.history.push(rate || 0); if (row.history.length > HISTORY) row.history.shift();
      while (row.history.length < HISTORY) row.history.unshift(0);
      ['callback', 'resource', 'direction', 'calls', 'inFlight', 'p50', 'p95', 'p99'].forEach(function (k) { row[k] = s[k]; });
      row.rate = rate;
      row.errorRate = s.calls > 0 ? s.failures / s.calls : null;
      seen[key] = true;
    });
    Object.keys(rows).forEach(function (k) { if (!seen[k]) delete rows[k]; });
    last = data;
    render();
    var t = data.traffic, hub = $('hub');
    hub.textContent = '';
    [['events/s sent', t.perSecond.sent.events], ['events/s received', t.perSecond.received.events], ['bytes/s sent', t.perSecond.sent.bytes],
     ['bytes/s received', t.perSecond.received.bytes], ['frames per event sent', t.sent.events ? (t.sent.frames / t.sent.events).toFixed(2) : '-'],
     ['frames per event received', t.received.events ? (t.received.frames / t.received.events).toFixed(2) : '-'], ['frames held back (over budget)', t.framesHeldBack],
     ['players near the limiter', t.players.filter(function (p) { return p.nearLimiter; }).length]].forEach(function (kv) {
      hub.appendChild(el('div', kv[0], 'dim')); hub.appendChild(el('div', String(kv[1])));
    });
    var players = document.querySelector('#players tbody');
    players.textContent = '';
    t.players.forEach(function (p) {
      var tr = el('tr'), share = Math.min(1, p.receivedPerSecond / t.limiterRate);
      tr.appendChild(el('td', p.player, 'l')); tr.appendChild(el('td', String(p.receivedPerSecond), p.nearLimiter ? 'bad' : '')); tr.appendChild(el('td', String(p.sentPerSecond)));
      var bar = el('div', undefined, 'bar'), fill = el('i'); fill.style.width = (share * 100).toFixed(0) + '%'; if (p.nearLimiter) fill.style.background = 'var(--bad)';
      bar.appendChild(fill); var td = el('td', undefined, 'l'); td.appendChild(bar); tr.appendChild(td); players.appendChild(tr);
    });
    var refused = $('refused');
    refused.textContent = '';
    if (t.lastRefused.length === 0) refused.appendChild(el('li', 'none', 'dim'));
    t.lastRefused.forEach(function (r) { refused.appendChild(el('li', 'player ' + r.player + ': ' + r.reason.replace(/_/g, ' ') + (r.detail ? ' (' + r.detail + ')' : ''))); });
    $('status').textContent = 'updated ' + new Date().toLocaleTimeString() + ' - ' + data.series.length + ' series';
  }
  function poll() {
    var token = sessionStorage.getItem(KEY);
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    fetch('api/figures', { headers: headers, cache: 'no-store' }).then(function (res) {
      if (res.status === 401) { $('login').hidden = false; $('status').textContent = 'a token is needed'; return null; }
      if (!res.ok) throw new Error('HTTP ' + res.status);
      $('login').hidden = true;
      return res.json();
    }).then(function (data) { if (data) update(data); }, function (e) { $('status').textContent = 'offline: ' + e.message; })
      .then(function () { setTimeout(poll, 1000); });
  }
  $('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
  });
  document.querySelectorAll('#callbacks th[data-key]').forEach(function (th) {
    th.addEventListener('click', function () {
      sort = sort.key === th.dataset.key ? { key: sort.key, dir: -sort.dir } : { key: th.dataset.key, dir: th.classList.contains('l') ? 1 : -1 };
      render();
    });
  });
  poll();
})();
</script></body></html>
`;
