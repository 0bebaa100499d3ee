// Bede dashboard: plain ES2020, no framework, no build step. The server's
// Content-Security-Policy is `default-src 'self'`, so everything here is built
// with DOM calls (data only ever goes through textContent / setAttribute),
// styling is by class names defined in app.css, and there is no eval.
//
// Routes (hash based, so every view is a shareable link):
//   #/?dyad=RUS-TUR&by=month&...   events: filters, series chart, event table
//   #/event/{event_id}             one event mention
//   #/cluster/{id}                 one event cluster and its mentions
//   #/article/{doc_id}             one article, its sentences and their events
//   #/actors?q=...                 actor codes
//   #/actor/{code}                 one actor code: names, partners, chart, events
//
// When a route has finished rendering, body[data-ready] is "1" (the browser
// test waits on it); it is "0" while a route loads.
'use strict';

(() => {
  const QUADS = [
    { n: 1, key: 'verbal_cooperation', label: 'Verbal cooperation' },
    { n: 2, key: 'material_cooperation', label: 'Material cooperation' },
    { n: 3, key: 'verbal_conflict', label: 'Verbal conflict' },
    { n: 4, key: 'material_conflict', label: 'Material conflict' },
  ];
  const QUAD_LABEL = Object.fromEntries(QUADS.map((q) => [q.n, q.label]));

  const ROOTS = {
    '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate', '04': 'Consult',
    '05': 'Engage in diplomatic cooperation', '06': 'Engage in material cooperation', '07': 'Provide aid',
    '08': 'Yield', '09': 'Investigate', '10': 'Demand', '11': 'Disapprove', '12': 'Reject', '13': 'Threaten',
    '14': 'Protest', '15': 'Exhibit force posture', '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault',
    '19': 'Fight', '20': 'Use unconventional mass violence',
  };

  // The filters of /api/events, /api/count and /api/series (docs/api.md).
  const FILTER_KEYS = [
    'text', 'dyad', 'directed', 'actor', 'source', 'target', 'country', 'source_country', 'target_country',
    'root', 'cameo', 'plover', 'quad', 'from', 'to', 'include_negated', 'unit',
  ];
  const PAGE = 50;

  // ---------------------------------------------------------------- DOM helpers

  function append(el, kids) {
    for (const k of kids.flat(Infinity)) {
      if (k == null || k === false) continue;
      el.append(k instanceof Node ? k : String(k));
    }
    return el;
  }

  // h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child, ...)
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    return append(el, kids);
  }

  // Replaces el's children (null / false kids are skipped, as in h()).
  function fill(el, ...kids) {
    el.replaceChildren();
    return append(el, kids);
  }

  const SVGNS = 'http://www.w3.org/2000/svg';
  function s(tag, attrs, ...kids) {
    const el = document.createElementNS(SVGNS, tag);
    setAttrs(el, attrs);
    return append(el, kids);
  }

  function setAttrs(el, attrs) {
    if (!attrs) return;
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }

  const $ = (sel) => document.querySelector(sel);

  const fmt = (n) => (n == null ? '–' : Number(n).toLocaleString('en-US'));
  const signed = (x, digits = 1) => (x == null || Number.isNaN(x) ? '–' : (x > 0 ? '+' : x < 0 ? '−' : '') + Math.abs(x).toFixed(digits));
  const plural = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many}`;

  const hrefEvent = (id) => '#/event/' + encodeURIComponent(id);
  const hrefCluster = (id) => '#/cluster/' + encodeURIComponent(id);
  const hrefArticle = (docId) => '#/article/' + encodeURIComponent(docId);
  const hrefActor = (code) => '#/actor/' + encodeURIComponent(code);
  const hrefEvents = (params) => {
    const qs = new URLSearchParams(params).toString();
    return qs ? '#/?' + qs : '#/';
  };

  function loading(text = 'Loading…') {
    return h('div', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
  }

  function card(title, ...kids) {
    return h('section', { class: 'card' }, title ? h('h2', { class: 'card-title' }, title) : null, ...kids);
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, body, path) {
      super((body && body.error) || `HTTP ${status}`);
      this.status = status;
      this.body = body || {};
      this.path = path;
    }
  }

  let inflight = 0;
  function setBusy(delta) {
    inflight += delta;
    const st = $('#status');
    document.body.classList.toggle('busy', inflight > 0);
    if (st) st.textContent = inflight > 0 ? 'Loading…' : '';
  }

  async function api(path, params) {
    const qs = params && params.toString() ? '?' + params.toString() : '';
    const url = '/api/' + path + qs;
    setBusy(1);
    try {
      let res;
      try {
        res = await fetch(url, { headers: { Accept: 'application/json' } });
      } catch (e) {
        throw new ApiError(0, { error: 'the server cannot be reached (' + e.message + ')' }, url);
      }
      let body = null;
      try {
        body = await res.json();
      } catch (e) {
        body = null;
      }
      if (!res.ok) throw new ApiError(res.status, body || { error: `HTTP ${res.status} ${res.statusText}` }, url);
      if (body == null) throw new ApiError(res.status, { error: 'the response is not JSON' }, url);
      return body;
    } finally {
      setBusy(-1);
    }
  }

  // ---------------------------------------------------------------- errors

  const shownErrors = new Set();

  function clearError() {
    const box = $('#error');
    shownErrors.clear();
    box.replaceChildren();
    box.hidden = true;
  }

  function describeError(err) {
    if (!(err instanceof ApiError)) return { head: 'Error', text: String(err && err.message ? err.message : err) };
    const b = err.body;
    const head = err.status === 0 ? 'Network error' : err.status === 404 ? 'Not found' : err.status === 503 ? 'Query timed out' : err.status >= 500 ? `Server error (${err.status})` : `Bad request (${err.status})`;
    return { head, text: b.error || 'request failed', param: b.param, value: b.value, reason: b.reason };
  }

  // The footer of a paged list: how many rows are shown (of `total`, when
  // known) and, while there is a next page, a button that loads it with `load(next)`.
  function pager(more, shown, next, load, total) {
    more.replaceChildren();
    if (!next) {
      more.append(h('span', { class: 'muted' }, `Showing all ${fmt(shown)}`));
      return;
    }
    const btn = h('button', { type: 'button', class: 'btn', id: 'load-more' }, 'Load more');
    btn.addEventListener('click', () => {
      btn.disabled = true;
      btn.textContent = 'Loading…';
      Promise.resolve()
        .then(() => load(next))
        .catch((err) => {
          btn.disabled = false;
          btn.textContent = 'Load more';
          showError(err);
        });
    });
    more.append(h('span', { class: 'muted' }, total == null ? `Showing ${fmt(shown)}` : `Showing ${fmt(shown)} of ${fmt(total)}`), btn);
  }

  // Shows an API error in the #error box, naming the parameter it is about.
  function showError(err) {
    const d = describeError(err);
    const key = [d.head, d.text, d.param, d.value].join('\u0000');
    if (shownErrors.has(key)) return;
    shownErrors.add(key);
    const box = $('#error');
    if (!box.firstChild) {
      box.append(h('button', { type: 'button', class: 'error-close', 'aria-label': 'Dismiss', onclick: clearError }, '×'));
    }
    const line = h('div', { class: 'error-line' }, h('strong', null, d.head + ': '), d.text);
    if (d.param) {
      const about = h('div', { class: 'error-param' }, 'Parameter ', h('code', { class: 'param' }, d.param));
      if (d.value != null && d.value !== '') about.append(' = ', h('code', null, JSON.stringify(d.value)));
      if (d.reason && !String(d.text).includes(d.reason)) about.append(': ', d.reason);
      line.append(about);
    }
    box.append(line);
    box.hidden = false;
    if (err instanceof ApiError && err.status !== 404) console.warn('bede api error', err.path, err.body);
  }

  function inlineError(err) {
    const d = describeError(err);
    return h('div', { class: 'inline-error' }, d.head + (d.param ? ` (parameter ${d.param})` : '') + ': ' + d.text);
  }

  // ---------------------------------------------------------------- shared bits

  // The evidence sentence with its source, verb and target marked. Built from
  // `highlight` (the sentence cut at the spans) with text nodes only.
  function evidence(item, tag = 'p') {
    const ev = item.event || {};
    const el = h(tag, { class: 'evidence' });
    const pieces = Array.isArray(item.highlight) ? item.highlight : [{ text: (ev.evidence && ev.evidence.text) || '', role: null }];
    // A joint subject ("the leaders agreed") is both source and target: one
    // span, which the highlight gives as the source's.
    const ss = ev.source && ev.source.span;
    const ts = ev.target && ev.target.span;
    const both = Array.isArray(ss) && Array.isArray(ts) && ss[0] === ts[0] && ss[1] === ts[1];
    for (const piece of pieces) {
      const role = piece.role;
      if (role === 'source' || role === 'verb' || role === 'target') {
        let title = role;
        if (role === 'source' && ev.source) title = `source: ${ev.source.code}${ev.source.name ? ' (' + ev.source.name + ')' : ''}`;
        if (role === 'target' && ev.target) title = `target: ${ev.target.code}${ev.target.name ? ' (' + ev.target.name + ')' : ''}`;
        if (role === 'verb') title = `verb: ${ev.cameo || ''} ${ev.cameo_name || ''}`.trim();
        if (both && role === 'source') {
          title = `source and target: ${ev.source.code} and ${ev.target.code}`;
          el.append(h('mark', { class: 'hl-source hl-both', title }, piece.text));
        } else el.append(h('mark', { class: 'hl-' + role, title }, piece.text));
      } else {
        el.append(piece.text == null ? '' : String(piece.text));
      }
    }
    return el;
  }

  function quadBadge(q) {
    if (!q) return null;
    return h('span', { class: `quad-badge q${q}`, title: `QuadClass ${q}: ${QUAD_LABEL[q] || ''}` }, QUAD_LABEL[q] || 'Quad ' + q);
  }

  function quadDot(q) {
    return h('span', { class: `quad-dot q${q}`, title: `QuadClass ${q}: ${QUAD_LABEL[q] || ''}`, 'aria-hidden': 'true' });
  }

  function actorLink(code, cls = 'code') {
    if (!code) return h('span', { class: 'muted' }, '—');
    return h('a', { class: cls, href: hrefActor(code) }, code);
  }

  function actorCell(actor) {
    if (!actor || !actor.code) return h('span', { class: 'muted' }, '—');
    return h('div', { class: 'actor' }, actorLink(actor.code), actor.name ? h('div', { class: 'actor-name', title: actor.text ? `as written: ${actor.text}` : null }, actor.name) : null);
  }

  function dateText(ev) {
    if (!ev.date) return 'undated';
    return ev.date;
  }

  function legendMarks() {
    return h(
      'div',
      { class: 'mark-legend' },
      h('mark', { class: 'hl-source' }, 'source'),
      h('mark', { class: 'hl-verb' }, 'verb'),
      h('mark', { class: 'hl-target' }, 'target'),
    );
  }

  function safeUrl(u) {
    if (typeof u !== 'string') return null;
    try {
      const p = new URL(u);
      return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null;
    } catch (e) {
      return null;
    }
  }

  function dl(rows) {
    const el = h('dl', { class: 'fields' });
    for (const [k, v] of rows) {
      if (v == null || v === false) continue;
      el.append(h('dt', null, k), h('dd', null, v));
    }
    return el;
  }

  function filterParams(query) {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      for (const v of query.getAll(k)) if (v.trim() !== '') p.append(k, v.trim());
    }
    return p;
  }

  function withParams(base, extra) {
    const p = new URLSearchParams(base);
    for (const [k, v] of Object.entries(extra)) if (v != null) p.set(k, v);
    return p;
  }

  // ---------------------------------------------------------------- series chart

  function niceStep(raw) {
    if (raw <= 0) return 1;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / mag;
    const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return Math.max(1, nice * mag);
  }

  function seriesTitle(data, filters) {
    const by = data.by || 'month';
    const unit = data.unit === 'mentions' ? 'Mentions' : 'Events';
    const bits = [];
    const dyad = data.dyad || filters.get('dyad');
    if (dyad) bits.push(`${dyad.replace('-', ' – ')} (${data.directed ? 'directed' : 'both directions'})`);
    for (const k of ['actor', 'country', 'text', 'root', 'cameo', 'quad', 'from', 'to']) {
      const v = filters.getAll(k).join(',');
      if (v) bits.push(`${k} ${v}`);
    }
    return { main: `${unit} per ${by}`, sub: bits.join(' · ') };
  }

  // A hand-drawn SVG: stacked bars per period by QuadClass (left axis: counts)
  // and the mean Goldstein value per period (right axis, −10..+10).
  function seriesChart(data, filters, width) {
    const periods = data.periods || [];
    const W = Math.max(480, Math.round(width));
    const H = 270;
    const M = { top: 14, right: 52, bottom: 30, left: 56 };
    const pw = W - M.left - M.right;
    const ph = H - M.top - M.bottom;
    const n = Math.max(1, periods.length);
    const band = pw / n;
    const gap = band >= 4 ? Math.min(band * 0.22, 14) : 0;
    const bw = Math.min(56, Math.max(0.5, band - gap));
    const maxTotal = periods.reduce((m, p) => Math.max(m, p.total || 0), 0);
    const step = niceStep(maxTotal / 5);
    const yMax = Math.max(step, Math.ceil(maxTotal / step) * step);
    const y = (v) => M.top + ph - (v / yMax) * ph;
    const yg = (v) => M.top + ((10 - v) / 20) * ph;
    const x = (i) => M.left + i * band;
    const dyad = data.dyad || filters.get('dyad') || null;
    const unitWord = data.unit === 'mentions' ? 'mentions' : 'events';

    const svg = s('svg', {
      id: 'series-chart',
      class: 'series-chart',
      viewBox: `0 0 ${W} ${H}`,
      width: W,
      height: H,
      role: 'img',
      'aria-label': `${unitWord} per ${data.by || 'month'} by QuadClass, with mean Goldstein${dyad ? ' for ' + dyad : ''}`,
      'data-dyad': dyad,
      'data-by': data.by || null,
      'data-unit': data.unit || null,
      'data-periods': periods.length,
    });

    // Gridlines and the left axis (counts).
    const grid = s('g', { class: 'grid' });
    const axisL = s('g', { class: 'axis axis-left' });
    for (let v = 0; v <= yMax + 1e-9; v += step) {
      const yy = Math.round(y(v)) + 0.5;
      grid.append(s('line', { x1: M.left, x2: M.left + pw, y1: yy, y2: yy }));
      axisL.append(s('text', { x: M.left - 8, y: yy, dy: '0.32em', 'text-anchor': 'end' }, fmt(Math.round(v * 100) / 100)));
    }
    axisL.append(s('text', { class: 'axis-title', transform: `translate(14 ${M.top + ph / 2}) rotate(-90)`, 'text-anchor': 'middle' }, unitWord));

    // Right axis (mean Goldstein).
    const axisR = s('g', { class: 'axis axis-right' });
    for (const v of [-10, -5, 0, 5, 10]) {
      const yy = Math.round(yg(v)) + 0.5;
      axisR.append(s('line', { x1: M.left + pw, x2: M.left + pw + 4, y1: yy, y2: yy }));
      axisR.append(s('text', { x: M.left + pw + 8, y: yy, dy: '0.32em', 'text-anchor': 'start' }, signed(v, 0)));
    }
    axisR.append(s('line', { class: 'zero', x1: M.left, x2: M.left + pw, y1: Math.round(yg(0)) + 0.5, y2: Math.round(yg(0)) + 0.5 }));
    axisR.append(
      s('text', { class: 'axis-title', transform: `translate(${W - 10} ${M.top + ph / 2}) rotate(90)`, 'text-anchor': 'middle' }, 'mean Goldstein'),
    );

    // X axis: a label every k periods, k chosen so labels do not collide.
    const axisX = s('g', { class: 'axis axis-bottom' });
    const labelW = Math.max(...periods.map((p) => String(p.period).length), 4) * 7 + 14;
    const every = Math.max(1, Math.ceil(labelW / band));
    axisX.append(s('line', { x1: M.left, x2: M.left + pw, y1: M.top + ph + 0.5, y2: M.top + ph + 0.5 }));
    periods.forEach((p, i) => {
      if (i % every !== 0) return;
      const cx = x(i) + band / 2;
      axisX.append(s('line', { x1: cx, x2: cx, y1: M.top + ph, y2: M.top + ph + 4 }));
      axisX.append(s('text', { x: cx, y: M.top + ph + 18, 'text-anchor': 'middle' }, p.period));
    });

    // Per period: a hover band with the period's summary, then the bars.
    const hits = s('g', { class: 'hits' });
    const bars = s('g', { class: 'bars' });
    const points = [];
    periods.forEach((p, i) => {
      const total = p.total || 0;
      const mean = total > 0 ? p.goldstein / total : null;
      const summary =
        `${p.period}: ${plural(total, unitWord.slice(0, -1), unitWord)}` +
        (mean == null ? '' : `, mean Goldstein ${signed(mean, 2)}`) +
        QUADS.map((q) => `\n${q.label}: ${fmt(p[q.key] || 0)}`).join('');
      // (Thousands of periods, e.g. days over decades: the bars' own tooltips suffice.)
      if (periods.length <= 1500) hits.append(s('rect', { class: 'hit', x: x(i), y: M.top, width: band, height: ph }, s('title', null, summary)));
      let acc = 0;
      for (const q of QUADS) {
        const c = p[q.key] || 0;
        if (c <= 0) continue;
        const y0 = y(acc);
        const y1 = y(acc + c);
        acc += c;
        bars.append(
          s(
            'rect',
            {
              class: `bar q${q.n}`,
              'data-quad': q.n,
              'data-period': p.period,
              'data-count': c,
              x: (x(i) + (band - bw) / 2).toFixed(2),
              y: y1.toFixed(2),
              width: bw.toFixed(2),
              height: Math.max(0.5, y0 - y1).toFixed(2),
            },
            s('title', null, `${p.period} · ${q.label}: ${fmt(c)} of ${fmt(total)}` + (mean == null ? '' : `\nmean Goldstein ${signed(mean, 2)}`)),
          ),
        );
      }
      if (mean != null) points.push({ i, x: x(i) + band / 2, y: yg(mean), mean, total, period: p.period });
    });

    // The Goldstein line: solid between consecutive periods with events,
    // dashed across periods that have none (the mean is undefined there).
    let solid = '';
    let dashed = '';
    points.forEach((pt, k) => {
      const xy = `${pt.x.toFixed(2)},${pt.y.toFixed(2)}`;
      if (k === 0) {
        solid += `M${xy}`;
        return;
      }
      const prev = points[k - 1];
      if (pt.i === prev.i + 1) solid += `L${xy}`;
      else {
        dashed += `M${prev.x.toFixed(2)},${prev.y.toFixed(2)}L${xy}`;
        solid += `M${xy}`;
      }
    });
    const line = s('g', { class: 'goldstein-layer' });
    line.append(s('path', { class: 'goldstein-gap', d: dashed || 'M0,0' }));
    line.append(s('path', { class: 'goldstein', d: solid || 'M0,0' }, s('title', null, 'mean Goldstein per period (right axis)')));
    if (band >= 5 || points.length <= 120) {
      for (const pt of points) {
        line.append(
          s('circle', { class: 'goldstein-point', cx: pt.x.toFixed(2), cy: pt.y.toFixed(2), r: 3 }, s('title', null, `${pt.period}: mean Goldstein ${signed(pt.mean, 2)} over ${plural(pt.total, 'event', 'events')}`)),
        );
      }
    }

    svg.append(grid, hits, bars, axisL, axisR, axisX, line);
    return svg;
  }

  function chartLegend() {
    return h(
      'ul',
      { class: 'legend' },
      QUADS.map((q) => h('li', null, h('span', { class: `swatch q${q.n}`, 'aria-hidden': 'true' }), q.label)),
      h('li', null, h('span', { class: 'swatch-line', 'aria-hidden': 'true' }), 'Mean Goldstein (right axis, −10 … +10)'),
    );
  }

  // ---------------------------------------------------------------- explorer (chart + count + table)

  const COLUMNS = ['Date', 'Source', 'Event (CAMEO)', 'Target', 'PLOVER', 'Reported by', 'Evidence'];

  function eventRow(item) {
    const ev = item.event || {};
    const cl = item.cluster || null;
    const art = item.article || {};
    const plover = ev.plover || {};
    const tr = h('tr', { class: 'row-link', dataset: { event: ev.id || '' } });
    tr.append(
      h(
        'td',
        { class: 'col-date' },
        h('a', { href: hrefEvent(ev.id), class: 'date-link' }, dateText(ev)),
        ev.date && ev.date_precision && ev.date_precision !== 'day' ? h('div', { class: 'sub' }, ev.date_precision) : null,
      ),
      h('td', { class: 'col-actor' }, actorCell(ev.source)),
      h(
        'td',
        { class: 'col-cameo' },
        h('div', { class: 'cameo-line' }, quadDot(ev.quad_class), h('span', { class: 'code cameo' }, ev.cameo || '—')),
        h('div', { class: 'cameo-name' }, ev.cameo_name || ''),
        ev.negated ? h('span', { class: 'tag tag-neg' }, 'negated') : null,
      ),
      h('td', { class: 'col-actor' }, actorCell(ev.target)),
      h('td', { class: 'col-plover' }, plover.type ? h('span', { class: 'code' }, plover.type) : h('span', { class: 'muted' }, '—'), plover.mode ? h('div', { class: 'sub' }, plover.mode) : null),
      h(
        'td',
        { class: 'col-outlet' },
        h('div', { class: 'outlet' }, art.outlet || h('span', { class: 'muted' }, 'unknown outlet')),
        cl ? h('a', { class: 'sub', href: hrefCluster(cl.id), title: `cluster ${cl.id}: ${plural(cl.num_articles, 'article', 'articles')}` }, `${plural(cl.num_sources, 'outlet', 'outlets')} · ${plural(cl.num_mentions, 'mention', 'mentions')}`) : null,
      ),
      h('td', { class: 'col-evidence' }, evidence(item)),
    );
    tr.addEventListener('click', (e) => {
      if (e.target.closest('a') || window.getSelection().toString()) return;
      location.hash = hrefEvent(ev.id);
    });
    return tr;
  }

  function eventsTable() {
    return h('table', { id: 'events', class: 'events' }, h('thead', null, h('tr', null, COLUMNS.map((c) => h('th', { scope: 'col' }, c)))), h('tbody'));
  }

  // The chart, count and table for one set of filters, requested in parallel.
  // Resolves when all three have rendered (or failed).
  function explorer(ctx, root, filters, by) {
    const seriesBody = h('div', { class: 'chart-body' }, loading('Loading series…'));
    const seriesHead = h('div', { class: 'card-head' }, h('h2', { class: 'card-title' }, 'Events over time'));
    const seriesCard = h('section', { class: 'card chart-card' }, seriesHead, seriesBody);

    const countEl = h('span', { class: 'count', id: 'count' }, '…');
    const countUnit = h('span', { class: 'muted', id: 'count-unit' }, '');
    const tableWrap = h('div', { class: 'table-wrap' }, loading('Loading events…'));
    const more = h('div', { class: 'more' });
    const tableCard = h(
      'section',
      { class: 'card table-card' },
      h('div', { class: 'card-head' }, h('h2', { class: 'card-title' }, 'Events'), h('span', { class: 'count-line' }, countEl, ' ', countUnit)),
      tableWrap,
      more,
    );
    root.append(seriesCard, tableCard);

    const unit = filters.get('unit') === 'mentions' ? 'mentions' : 'clusters';
    const seriesP = api('series', withParams(filters, { by }))
      .then((data) => {
        if (!ctx.alive()) return;
        const t = seriesTitle(data, filters);
        fill(seriesHead, h('h2', { class: 'card-title' }, t.main), t.sub ? h('span', { class: 'card-sub' }, t.sub) : null);
        if (!data.periods || data.periods.length === 0) {
          fill(seriesBody, h('p', { class: 'empty' }, 'No dated events match these filters.'));
        } else {
          const width = seriesBody.clientWidth || 900;
          fill(seriesBody, h('div', { class: 'chart-scroll' }, seriesChart(data, filters, width)), chartLegend());
        }
        const notes = [];
        if (data.coarser) notes.push(`${plural(data.coarser, unit === 'mentions' ? 'mention' : 'event', unit === 'mentions' ? 'mentions' : 'events')} dated less precisely than a ${data.by || by} (not in the chart)`);
        if (data.undated) notes.push(`${plural(data.undated, unit === 'mentions' ? 'mention' : 'event', unit === 'mentions' ? 'mentions' : 'events')} undated`);
        if (notes.length) seriesBody.append(h('p', { class: 'chart-note', id: 'series-notes' }, notes.join(' · ')));
      })
      .catch((err) => {
        if (!ctx.alive()) return;
        fill(seriesBody, inlineError(err));
        showError(err);
      });

    const countP = api('count', filters)
      .then((data) => {
        if (!ctx.alive()) return;
        countEl.textContent = fmt(data.count);
        countUnit.textContent = unit === 'mentions' ? (data.count === 1 ? 'mention' : 'mentions') : data.count === 1 ? 'event (cluster)' : 'events (clusters)';
      })
      .catch((err) => {
        if (!ctx.alive()) return;
        countEl.textContent = '?';
        showError(err);
      });

    let shown = 0;
    const tbl = eventsTable();
    const tbody = tbl.tBodies[0];
    const loadPage = (cursor) =>
      api('events', withParams(filters, { order: 'desc', limit: PAGE, cursor })).then((data) => {
        if (!ctx.alive()) return;
        for (const item of data.items || []) tbody.append(eventRow(item));
        shown += (data.items || []).length;
        more.replaceChildren();
        if (shown === 0) {
          fill(tableWrap, h('p', { class: 'empty' }, 'No events match these filters.'));
          return;
        }
        if (!tbl.isConnected) fill(tableWrap, tbl);
        pager(more, shown, data.next, loadPage);
      });
    const eventsP = loadPage(null).catch((err) => {
      if (!ctx.alive()) return;
      fill(tableWrap, inlineError(err));
      showError(err);
    });

    return Promise.all([seriesP, countP, eventsP]);
  }

  // ---------------------------------------------------------------- events page

  const FIELDS = [
    { key: 'dyad', label: 'Dyad', ph: 'RUS-TUR', title: 'Two countries or actor codes, A-B' },
    { key: 'actor', label: 'Actor', ph: 'RUSGOV', title: 'Actor code prefix, either side' },
    { key: 'country', label: 'Country', ph: 'ARM', title: 'ISO 3166-1 alpha-3 of the source or target' },
    { key: 'root', label: 'CAMEO root', options: [['', 'Any']].concat(Object.entries(ROOTS).map(([k, v]) => [k, `${k} ${v}`])) },
    { key: 'cameo', label: 'CAMEO code', ph: '042 or 04*', title: 'CAMEO code, or NN* for a code and its sub-codes' },
    { key: 'quad', label: 'QuadClass', options: [['', 'Any']].concat(QUADS.map((q) => [String(q.n), `${q.n} ${q.label}`])) },
    { key: 'from', label: 'From', ph: 'YYYY-MM-DD', title: 'First date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD' },
    { key: 'to', label: 'To', ph: 'YYYY-MM-DD', title: 'Last date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD' },
    { key: 'unit', label: 'Count', options: [['', 'Events'], ['mentions', 'Mentions']], title: 'Events: one row per event cluster; mentions: one per report' },
    { key: 'by', label: 'Period', options: [['day', 'Day'], ['week', 'Week'], ['', 'Month'], ['year', 'Year']] },
  ];

  function filterForm(query) {
    const form = h('form', { class: 'filters card', role: 'search', autocomplete: 'off' });
    const text = h('input', { type: 'search', name: 'text', id: 'f-text', value: query.get('text') || '', placeholder: 'Search evidence sentences (e.g. Lavrov AND Cavusoglu)', 'aria-label': 'Full-text search' });
    const checks = h('div', { class: 'checks' });
    for (const [key, label] of [['directed', 'Directed dyad (A → B)'], ['include_negated', 'Include negated']]) {
      const cb = h('input', { type: 'checkbox', name: key, id: 'f-' + key, checked: query.get(key) === 'true' });
      cb.addEventListener('change', () => form.requestSubmit());
      checks.append(h('label', { class: 'check', for: 'f-' + key }, cb, ' ', label));
    }
    form.append(h('div', { class: 'search-row' }, text, checks, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Search'), h('a', { class: 'btn btn-quiet', href: '#/' }, 'Reset')));
    const grid = h('div', { class: 'filter-grid' });
    for (const f of FIELDS) {
      const id = 'f-' + f.key;
      let cur = query.get(f.key) || '';
      if (f.key === 'by' && cur === 'month') cur = '';
      if (f.key === 'unit' && cur === 'clusters') cur = '';
      let input;
      if (f.options) {
        input = h('select', { name: f.key, id, title: f.title || null });
        const opts = f.options.slice();
        if (cur && !opts.some(([v]) => v === cur)) opts.push([cur, cur]);
        for (const [v, l] of opts) input.append(h('option', { value: v, selected: v === cur }, l));
        input.addEventListener('change', () => form.requestSubmit());
      } else {
        input = h('input', { type: 'text', name: f.key, id, value: cur, placeholder: f.ph || '', title: f.title || null, spellcheck: 'false' });
      }
      grid.append(h('label', { class: 'field', for: id }, h('span', { class: 'field-label' }, f.label), input));
    }
    form.append(grid);

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const p = new URLSearchParams();
      const fd = new FormData(form);
      for (const key of ['text', 'dyad', 'actor', 'country', 'root', 'cameo', 'quad', 'from', 'to', 'unit', 'by']) {
        const v = String(fd.get(key) || '').trim();
        if (v) p.set(key, v);
      }
      for (const key of ['directed', 'include_negated']) if (fd.get(key)) p.set(key, 'true');
      // Keep filters that have no field here (source, target, plover, ...).
      for (const key of FILTER_KEYS) {
        if (p.has(key) || ['directed', 'include_negated'].includes(key) || FIELDS.some((f) => f.key === key) || key === 'text') continue;
        for (const v of query.getAll(key)) p.append(key, v);
      }
      const next = hrefEvents(p);
      if (location.hash === next) route();
      else location.hash = next;
    });
    return form;
  }

  async function eventsPage(ctx, app, query) {
    document.title = 'Events · Bede';
    const filters = filterParams(query);
    const by = query.get('by') || 'month';
    app.append(filterForm(query));
    await explorer(ctx, app, filters, by);
  }

  // ---------------------------------------------------------------- event view

  function actorBlock(a) {
    if (!a || !a.code) return h('span', { class: 'muted' }, 'none');
    return h(
      'div',
      { class: 'actor-block' },
      h('div', null, actorLink(a.code), a.name ? h('span', { class: 'actor-name-inline' }, ' ' + a.name) : null),
      a.text ? h('div', { class: 'sub' }, 'as written: “', a.text, '”') : null,
      h('div', { class: 'sub' }, [a.country ? 'country ' + a.country : null, a.sectors && a.sectors.length ? 'sectors ' + a.sectors.join(', ') : null].filter(Boolean).join(' · ')),
    );
  }

  function valueText(v) {
    if (v == null) return null;
    if (typeof v === 'string') return v;
    return JSON.stringify(v);
  }

  async function eventPage(ctx, app, id) {
    document.title = 'Event · Bede';
    const body = h('div', null, loading('Loading event…'));
    app.append(body);
    let item;
    try {
      item = await api('events/' + encodeURIComponent(id));
    } catch (err) {
      fill(body, h('h1', null, 'Event'), inlineError(err));
      throw err;
    }
    if (!ctx.alive()) return;
    const ev = item.event || {};
    const art = item.article || {};
    const cl = item.cluster;
    const plover = ev.plover || {};
    const src = ev.source || {};
    const tgt = ev.target || null;
    document.title = `${ev.cameo || ''} ${ev.cameo_name || 'Event'} · Bede`;

    const head = h(
      'div',
      { class: 'page-head' },
      h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' / event'),
      h('h1', null, h('span', { class: 'code cameo big' }, ev.cameo || '—'), ' ', ev.cameo_name || 'Event', ' ', quadBadge(ev.quad_class)),
      h('p', { class: 'lede' }, actorLink(src.code), ' → ', tgt ? actorLink(tgt.code) : h('span', { class: 'muted' }, 'no target'), ' · ', dateText(ev), ev.negated ? h('span', { class: 'tag tag-neg' }, 'negated') : null),
    );

    const quote = card('Evidence', h('blockquote', { class: 'quote', id: 'evidence' }, evidence(item, 'p')), legendMarks());

    const links = h('ul', { class: 'link-list' });
    if (ev.doc_id) links.append(h('li', null, 'Article: ', h('a', { href: hrefArticle(ev.doc_id) }, art.title || ev.doc_id), art.outlet ? h('span', { class: 'muted' }, ' — ' + art.outlet) : null));
    if (cl) links.append(h('li', null, 'Cluster: ', h('a', { href: hrefCluster(cl.id) }, '#' + cl.id), h('span', { class: 'muted' }, ` — ${plural(cl.num_mentions, 'mention', 'mentions')} from ${plural(cl.num_sources, 'outlet', 'outlets')} in ${plural(cl.num_articles, 'article', 'articles')}`)));
    if (src.code) links.append(h('li', null, 'Source actor: ', actorLink(src.code)));
    if (tgt && tgt.code) links.append(h('li', null, 'Target actor: ', actorLink(tgt.code)));
    if (src.country && tgt && tgt.country && src.country !== tgt.country) {
      const dy = `${src.country}-${tgt.country}`;
      links.append(h('li', null, 'Dyad: ', h('a', { href: hrefEvents({ dyad: dy }) }, `all ${dy} events`)));
    }

    const evd = ev.evidence || {};
    const issues = Array.isArray(ev.issues) ? ev.issues : [];
    const fields = dl([
      ['Date', h('span', null, dateText(ev), h('span', { class: 'muted' }, ` (precision: ${ev.date_precision || 'none'}; basis: ${ev.date_basis || '—'})`))],
      ['Source', actorBlock(src)],
      ['Target', actorBlock(tgt)],
      ['Verb', evd.verb && evd.verb.text ? h('mark', { class: 'hl-verb' }, evd.verb.text) : '—'],
      ['CAMEO', h('span', null, h('span', { class: 'code' }, ev.cameo || '—'), ' ', ev.cameo_name || '', ev.cameo ? h('span', { class: 'muted' }, ` (root ${ev.cameo.slice(0, 2)} ${ROOTS[ev.cameo.slice(0, 2)] || ''})`) : null)],
      ['QuadClass', h('span', null, String(ev.quad_class || '—'), ' ', quadBadge(ev.quad_class))],
      ['Goldstein', signed(ev.goldstein, 1)],
      ['PLOVER', plover.type ? h('span', null, h('span', { class: 'code' }, plover.type), plover.mode ? ' / ' + plover.mode : '') : '—'],
      ['Negated', ev.negated ? 'yes' : 'no'],
      ['Location', valueText(ev.location) || h('span', { class: 'muted' }, 'none')],
      ['Pattern', evd.pattern ? h('code', { class: 'pattern' }, evd.pattern) : '—'],
      ['Issues', issues.length ? h('ul', { class: 'issues' }, issues.map((i) => h('li', null, valueText(i)))) : h('span', { class: 'muted' }, 'none')],
      ['Outlet', art.outlet || null],
      ['Published', art.published || null],
      ['Sentence', ev.sentence != null ? `#${ev.sentence} of article ${ev.doc_id}` : null],
      ['Event id', h('code', null, ev.id || id)],
    ]);

    const raw = h('details', { class: 'raw' }, h('summary', null, 'Raw record (JSON)'), h('pre', null, JSON.stringify(item, null, 2)));

    fill(body, head, h('div', { class: 'two-col' }, h('div', null, quote, card('Links', links)), card('Event record', fields, raw)));
  }

  // ---------------------------------------------------------------- cluster view

  function mentionRow(item) {
    const ev = item.event || {};
    const art = item.article || {};
    return h(
      'tr',
      null,
      h('td', { class: 'col-date' }, h('a', { href: hrefEvent(ev.id) }, dateText(ev)), ev.date && ev.date_precision !== 'day' ? h('div', { class: 'sub' }, ev.date_precision) : null),
      h('td', { class: 'col-outlet' }, h('div', { class: 'outlet' }, art.outlet || h('span', { class: 'muted' }, 'unknown outlet')), art.published ? h('div', { class: 'sub' }, 'published ' + art.published) : null),
      h('td', { class: 'col-cameo' }, h('span', { class: 'code' }, ev.cameo || ''), ' ', actorLink(ev.source && ev.source.code), ' → ', actorLink(ev.target && ev.target.code)),
      h('td', { class: 'col-evidence' }, evidence(item), h('a', { class: 'sub', href: hrefArticle(ev.doc_id) }, art.title || ev.doc_id)),
    );
  }

  async function clusterPage(ctx, app, id) {
    document.title = `Cluster ${id} · Bede`;
    const body = h('div', null, loading('Loading cluster…'));
    app.append(body);
    let data;
    try {
      data = await api('clusters/' + encodeURIComponent(id), new URLSearchParams({ limit: PAGE }));
    } catch (err) {
      fill(body, h('h1', null, `Cluster ${id}`), inlineError(err));
      throw err;
    }
    if (!ctx.alive()) return;
    const c = data.cluster || {};
    const head = h(
      'div',
      { class: 'page-head' },
      h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ` / cluster ${c.id}`),
      h('h1', null, h('span', { class: 'code cameo big' }, c.cameo || '—'), ' ', c.cameo_name || 'Cluster', ' ', quadBadge(c.quad_class)),
      h('p', { class: 'lede' }, actorLink(c.source_code), ' → ', c.target_code ? actorLink(c.target_code) : h('span', { class: 'muted' }, 'no target'), ' · ', c.date || 'undated', c.negated ? h('span', { class: 'tag tag-neg' }, 'negated') : null),
      h('p', { class: 'sub' }, 'Mentions of the same event (same actors at country-and-sector level, CAMEO root and negation, dates within the ingest window) from different articles.'),
    );
    const stats = h(
      'div',
      { class: 'stats' },
      stat('Mentions', c.num_mentions),
      stat('Outlets', c.num_sources),
      stat('Articles', c.num_articles),
      stat('Goldstein', signed(c.goldstein, 1)),
    );
    const summary = dl([
      ['CAMEO', h('span', null, h('span', { class: 'code' }, c.cameo || '—'), ' ', c.cameo_name || '', c.root ? h('span', { class: 'muted' }, ` (root ${c.root} ${ROOTS[c.root] || ''})`) : null)],
      ['QuadClass', h('span', null, String(c.quad_class || '—'), ' ', quadBadge(c.quad_class))],
      ['PLOVER', c.plover_type ? h('span', { class: 'code' }, c.plover_type) : '—'],
      ['Source', actorLink(c.source_code)],
      ['Target', actorLink(c.target_code)],
      ['Date', c.date ? h('span', null, c.date, c.date_precision ? h('span', { class: 'muted' }, ` (${c.date_precision})`) : null) : 'undated'],
      ['Negated', c.negated ? 'yes' : 'no'],
    ]);
    const tbl = h('table', { class: 'events mentions', id: 'mentions' }, h('thead', null, h('tr', null, ['Date', 'Outlet', 'Coded as', 'Evidence'].map((t) => h('th', { scope: 'col' }, t)))), h('tbody'));
    const more = h('div', { class: 'more' });
    let shown = 0;
    const add = (d) => {
      for (const m of d.mentions || []) tbl.tBodies[0].append(mentionRow(m));
      shown += (d.mentions || []).length;
      const next = (cursor) => api('clusters/' + encodeURIComponent(id), new URLSearchParams({ limit: PAGE, cursor })).then((n) => ctx.alive() && add(n));
      pager(more, shown, d.next, next, c.num_mentions);
    };
    add(data);
    fill(body,
      head,
      h('div', { class: 'two-col narrow-left' }, card('Summary', stats, summary), h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', { class: 'card-title' }, 'Mentions'), legendMarks()), h('div', { class: 'table-wrap' }, tbl), more)),
    );
  }

  function stat(label, value) {
    return h('div', { class: 'stat' }, h('div', { class: 'stat-value' }, typeof value === 'number' ? fmt(value) : value == null ? '–' : value), h('div', { class: 'stat-label' }, label));
  }

  // ---------------------------------------------------------------- article view

  async function articlePage(ctx, app, docId) {
    document.title = 'Article · Bede';
    const body = h('div', null, loading('Loading article…'));
    app.append(body);
    let data;
    try {
      data = await api('articles/' + encodeURIComponent(docId));
    } catch (err) {
      fill(body, h('h1', null, 'Article'), inlineError(err));
      throw err;
    }
    if (!ctx.alive()) return;
    const a = data.article || {};
    const sents = data.sentences || [];
    document.title = `${a.title || a.doc_id} · Bede`;
    const url = safeUrl(a.url);
    const withEvents = sents.filter((x) => x.events && x.events.length).length;
    const nEvents = sents.reduce((n, x) => n + (x.events ? x.events.length : 0), 0);
    const head = h(
      'div',
      { class: 'page-head' },
      h('div', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' / article'),
      h('h1', null, a.title || a.doc_id),
      h(
        'p',
        { class: 'lede' },
        h('strong', null, a.outlet || 'Unknown outlet'),
        a.published ? ' · published ' + a.published : ' · publication date unknown',
        a.language ? ' · ' + a.language : '',
        url ? [' · ', h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'external' }, new URL(url).host + ' ↗')] : null,
      ),
      h('p', { class: 'sub' }, `doc_id ${a.doc_id}`, a.ingested_at ? ` · ingested ${a.ingested_at}` : '', ` · ${plural(sents.length, 'sentence', 'sentences')}, ${plural(withEvents, 'with events', 'with events')}, ${plural(nEvents, 'event', 'events')}`),
    );
    const only = h('input', { type: 'checkbox', id: 'only-events' });
    const list = h('ol', { class: 'sentences' });
    for (const sn of sents) {
      const evs = sn.events || [];
      const li = h('li', { class: evs.length ? 'has-events' : 'no-events', value: (sn.index || 0) + 1, id: 's' + sn.index }, h('p', { class: 'sentence' }, sn.text));
      if (evs.length) {
        const ul = h('ul', { class: 'sentence-events' });
        for (const it of evs) {
          const ev = it.event || {};
          ul.append(
            h(
              'li',
              null,
              h(
                'div',
                { class: 'se-head' },
                quadDot(ev.quad_class),
                h('a', { href: hrefEvent(ev.id) }, h('span', { class: 'code' }, ev.cameo), ' ', ev.cameo_name || ''),
                ' · ',
                actorLink(ev.source && ev.source.code),
                ' → ',
                actorLink(ev.target && ev.target.code),
                ' · ',
                h('span', { class: 'muted' }, dateText(ev)),
                it.cluster ? [' · ', h('a', { href: hrefCluster(it.cluster.id), class: 'muted' }, `cluster #${it.cluster.id}`)] : null,
              ),
              evidence(it),
            ),
          );
        }
        li.append(ul);
      }
      list.append(li);
    }
    only.addEventListener('change', () => list.classList.toggle('only-events', only.checked));
    fill(body,
      head,
      data.truncated ? h('p', { class: 'notice' }, `Only the first ${fmt(sents.length)} sentences are shown.`) : null,
      h(
        'section',
        { class: 'card' },
        h('div', { class: 'card-head' }, h('h2', { class: 'card-title' }, 'Sentences'), h('label', { class: 'check', for: 'only-events' }, only, ' only sentences with events'), legendMarks()),
        sents.length ? list : h('p', { class: 'empty' }, 'No sentences.'),
      ),
    );
  }

  // ---------------------------------------------------------------- actors

  async function actorsPage(ctx, app, query) {
    document.title = 'Actors · Bede';
    const q = query.get('q') || '';
    const input = h('input', { type: 'search', name: 'q', id: 'actor-q', value: q, placeholder: 'Code prefix or name (e.g. RUS, Lavrov)', 'aria-label': 'Search actors' });
    const form = h('form', { class: 'filters card', role: 'search' }, h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Search'), q ? h('a', { class: 'btn btn-quiet', href: '#/actors' }, 'Reset') : null));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const v = input.value.trim();
      const next = v ? '#/actors?' + new URLSearchParams({ q: v }) : '#/actors';
      if (location.hash === next) route();
      else location.hash = next;
    });
    const wrap = h('div', { class: 'table-wrap' }, loading('Loading actors…'));
    const more = h('div', { class: 'more' });
    app.append(h('div', { class: 'page-head' }, h('h1', null, 'Actors'), h('p', { class: 'lede muted' }, 'Actor codes seen in the store, most mentioned first.')), form, h('section', { class: 'card' }, wrap, more));
    const tbl = h(
      'table',
      { class: 'events actors', id: 'actors' },
      h('thead', null, h('tr', null, ['Code', 'Name', 'Country', 'As source', 'As target', 'Mentions', 'Names seen'].map((t, i) => h('th', { scope: 'col', class: i >= 3 && i <= 5 ? 'num' : null }, t)))),
      h('tbody'),
    );
    let shown = 0;
    const load = async (cursor) => {
      const p = new URLSearchParams({ limit: PAGE });
      if (q) p.set('q', q);
      if (cursor) p.set('cursor', cursor);
      const data = await api('actors', p);
      if (!ctx.alive()) return;
      for (const a of data.items || []) {
        tbl.tBodies[0].append(
          h(
            'tr',
            null,
            h('td', null, actorLink(a.code)),
            h('td', null, a.name || ''),
            h('td', null, a.country ? h('a', { href: hrefEvents({ country: a.country }), class: 'code' }, a.country) : h('span', { class: 'muted' }, '—')),
            h('td', { class: 'num' }, fmt(a.as_source)),
            h('td', { class: 'num' }, fmt(a.as_target)),
            h('td', { class: 'num strong' }, fmt(a.mentions)),
            h('td', { class: 'names' }, (a.names || []).join(' · ')),
          ),
        );
      }
      shown += (data.items || []).length;
      more.replaceChildren();
      if (!shown) {
        fill(wrap, h('p', { class: 'empty' }, q ? `No actor matches “${q}”.` : 'No actors in the store.'));
        return;
      }
      if (!tbl.isConnected) fill(wrap, tbl);
      pager(more, shown, data.next, load);
    };
    try {
      await load(null);
    } catch (err) {
      fill(wrap, inlineError(err));
      throw err;
    }
  }

  async function actorPage(ctx, app, code, query) {
    document.title = `${code} · Bede`;
    const by = query.get('by') || 'month';
    const info = h('div', null, loading('Loading actor…'));
    const head = h('div', { class: 'page-head' }, h('div', { class: 'crumbs' }, h('a', { href: '#/actors' }, 'Actors'), ' / ' + code), h('h1', null, h('span', { class: 'code big' }, code)));
    const bySel = h('select', { id: 'actor-by', 'aria-label': 'Period' }, [['day', 'per day'], ['week', 'per week'], ['month', 'per month'], ['year', 'per year']].map(([v, l]) => h('option', { value: v, selected: v === by }, l)));
    bySel.addEventListener('change', () => {
      location.hash = hrefActor(code) + (bySel.value === 'month' ? '' : '?by=' + bySel.value);
    });
    const tools = h('div', { class: 'toolbar' }, h('span', { class: 'muted' }, `Events with actor=${code} (and the codes under it)`), bySel, h('a', { class: 'btn btn-quiet', href: hrefEvents({ actor: code }) }, 'Open in Events with filters'));
    const explore = h('div');
    app.append(head, info, tools, explore);

    const filters = new URLSearchParams({ actor: code });
    const infoP = api('actors/' + encodeURIComponent(code))
      .then((a) => {
        if (!ctx.alive()) return;
        head.lastChild.append(' ', a.name || '');
        const names = (a.names || []).map((n) => h('li', null, typeof n === 'string' ? n : [n.name, ' ', h('span', { class: 'muted' }, fmt(n.mentions))]));
        const partners = h(
          'table',
          { class: 'events partners', id: 'partners' },
          h('thead', null, h('tr', null, ['Partner', 'Name', 'As source', 'As target', 'Mentions', ''].map((t, i) => h('th', { scope: 'col', class: i >= 2 && i <= 4 ? 'num' : null }, t)))),
          h(
            'tbody',
            null,
            (a.partners || []).map((p) =>
              h(
                'tr',
                null,
                h('td', null, actorLink(p.code)),
                h('td', null, p.name || ''),
                h('td', { class: 'num' }, fmt(p.as_source)),
                h('td', { class: 'num' }, fmt(p.as_target)),
                h('td', { class: 'num strong' }, fmt(p.mentions)),
                h('td', null, h('a', { href: hrefEvents({ dyad: `${code}-${p.code}` }), class: 'sub' }, 'events')),
              ),
            ),
          ),
        );
        fill(info,
          h(
            'div',
            { class: 'two-col narrow-left' },
            card(
              'Actor',
              h('div', { class: 'stats' }, stat('Mentions', a.mentions), stat('As source', a.as_source), stat('As target', a.as_target)),
              dl([
                ['Code', h('code', null, a.code || code)],
                ['Name', a.name || '—'],
                ['Country', a.country ? h('a', { href: hrefEvents({ country: a.country }), class: 'code' }, a.country) : '—'],
              ]),
              h('h3', { class: 'minor' }, 'Names seen'),
              names.length ? h('ul', { class: 'chips' }, names) : h('p', { class: 'muted' }, 'none'),
            ),
            card('Partners', (a.partners || []).length ? h('div', { class: 'table-wrap short' }, partners) : h('p', { class: 'empty' }, 'No partners.')),
          ),
        );
      })
      .catch((err) => {
        if (!ctx.alive()) return;
        fill(info, inlineError(err));
        showError(err);
      });
    await Promise.all([infoP, explorer(ctx, explore, filters, by)]);
  }

  // ---------------------------------------------------------------- router

  let routeSeq = 0;

  function parseHash() {
    const raw = location.hash.replace(/^#/, '') || '/';
    const qi = raw.indexOf('?');
    const path = qi >= 0 ? raw.slice(0, qi) : raw;
    const query = new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : '');
    const parts = path
      .split('/')
      .filter(Boolean)
      .map((p) => {
        try {
          return decodeURIComponent(p);
        } catch (e) {
          return p;
        }
      });
    return { parts, query };
  }

  async function route() {
    const seq = ++routeSeq;
    const ctx = { alive: () => seq === routeSeq };
    document.body.dataset.ready = '0';
    clearError();
    const { parts, query } = parseHash();
    const app = $('#app');
    app.replaceChildren();
    const section = parts[0] || '';
    for (const a of document.querySelectorAll('nav a[data-nav]')) {
      const on = (a.dataset.nav === 'actors' && (section === 'actors' || section === 'actor')) || (a.dataset.nav === 'events' && !['actors', 'actor'].includes(section));
      a.classList.toggle('active', on);
      if (on) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    window.scrollTo(0, 0);
    try {
      if (section === '') await eventsPage(ctx, app, query);
      else if (section === 'event' && parts[1]) await eventPage(ctx, app, parts[1]);
      else if (section === 'cluster' && parts[1]) await clusterPage(ctx, app, parts[1]);
      else if (section === 'article' && parts[1]) await articlePage(ctx, app, parts.slice(1).join('/'));
      else if (section === 'actors') await actorsPage(ctx, app, query);
      else if (section === 'actor' && parts[1]) await actorPage(ctx, app, parts[1], query);
      else {
        app.append(h('div', { class: 'page-head' }, h('h1', null, 'Page not found'), h('p', null, 'There is no view at ', h('code', null, location.hash), '. ', h('a', { href: '#/' }, 'Go to Events'), '.')));
      }
    } catch (err) {
      if (ctx.alive()) showError(err);
    }
    if (ctx.alive()) document.body.dataset.ready = '1';
  }

  // The store's size in the header (not part of any route's readiness).
  function health() {
    api('health')
      .then((hd) => {
        const db = String(hd.db || '').split(/[\\/]/).pop();
        const el = h('span', { class: 'health', title: `${hd.db || ''}: bede ${hd.version || ''}, generation ${hd.generation ?? ''}` }, `${db} · ${plural(hd.articles, 'article', 'articles')} · ${plural(hd.events, 'mention', 'mentions')} · ${plural(hd.clusters, 'cluster', 'clusters')}`);
        const inner = $('.topbar-inner');
        const old = $('.health');
        if (old) old.replaceWith(el);
        else inner.append(el);
      })
      .catch(() => {});
  }

  window.addEventListener('hashchange', route);
  route();
  health();
})();
