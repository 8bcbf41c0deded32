/* Part 3: the story index and the findings table (filters, search, sorting, a page
   at a time, so 20,000 findings stay responsive), routing and the colour theme. */
/* ---- story index ------------------------------------------------------------------------- */
const storiesView = document.getElementById('view-stories');
const storyList = {built: false, page: 0, size: 100, q: '', matched: []};
function buildStories() {
  const search = h('input', {type: 'search', id: 'story-search', placeholder: 'story id or source',
    oninput: function () { storyList.q = search.value.toLowerCase(); storyList.page = 0; renderStories(); }});
  storyList.count = h('p', {class: 'count', id: 'stories-count', 'aria-live': 'polite'});
  storyList.pager = pager(function (p) { storyList.page = p; renderStories(); });
  storyList.body = h('tbody');
  storyList.hay = STORIES.map(function (s) { return (s.id + ' ' + s.docs.map(sourceOf).join(' ')).toLowerCase(); });
  append(storiesView, [h('div', {class: 'toolbar'}, h('label', null, 'Search stories', search)), storyList.count,
    h('div', {class: 'table-wrap'}, h('table', {class: 'stories'}, h('thead', null, h('tr', null,
      ['Story', 'Sources', 'Findings', 'Figures', 'Names'].map(function (t) { return h('th', {scope: 'col'}, t); }))), storyList.body)),
    storyList.pager.el]);
  storyList.built = true;
}
function renderStories() {
  storyList.matched = [];
  STORIES.forEach(function (s, si) { if (!storyList.q || storyList.hay[si].indexOf(storyList.q) >= 0) storyList.matched.push(si); });
  const pages = Math.max(1, Math.ceil(storyList.matched.length / storyList.size));
  storyList.page = Math.max(0, Math.min(storyList.page, pages - 1));
  storyList.count.textContent = fmt(storyList.matched.length) + ' of ' + fmt(STORIES.length) + ' stories';
  storyList.count.setAttribute('data-count', storyList.matched.length);
  storyList.pager.update(storyList.page, pages);
  clear(storyList.body);
  storyList.matched.slice(storyList.page * storyList.size, (storyList.page + 1) * storyList.size).forEach(function (si) {
    const s = STORIES[si];
    const found = [].concat.apply([], s.docs.map(function (di) { return byDoc[di]; }));
    const conflicts = (s.claims || []).filter(function (c) { return c.conflict; }).length;
    const issues = (s.names || []).filter(function (n) { return (n.issues || []).length; }).length;
    storyList.body.appendChild(h('tr', {'data-story': s.id},
      h('th', {scope: 'row'}, h('a', {href: route('story', {id: s.id})}, s.id)),
      h('td', null, s.docs.map(sourceOf).join(', ')), h('td', null, severityBadges(found)),
      h('td', null, fmt((s.claims || []).length) + (conflicts ? ' (' + fmt(conflicts) + ' in conflict)' : '')),
      h('td', null, fmt((s.names || []).length) + (issues ? ' (' + fmt(issues) + ' with issues)' : ''))));
  });
}

/* ---- findings table ---------------------------------------------------------------------- */
const findingsView = document.getElementById('view-findings');
const FILTERS = ['category', 'severity', 'source', 'rule'];
const table = {built: false, state: {category: '', severity: '', source: '', rule: '', q: ''}, page: 0, size: 100,
  sort: null, dir: 1, rows: [], controls: {}};
let hay = null;
function haystack(fi) {
  if (!hay) {
    hay = FINDINGS.map(function (f) {
      const r = RULES[f[C.rule]];
      return [f[C.message], f[C.excerpt], DOCS[f[C.doc]].id, r[0], r[1], sourceOf(f[C.doc]), f[C.suggestion] || ''].join('\u0000').toLowerCase();
    });
  }
  return hay[fi];
}
function valueOf(name, f) {
  if (name === 'category') return CAT[f[C.category]];
  if (name === 'severity') return SEV[f[C.severity]];
  if (name === 'source') return sourceOf(f[C.doc]);
  return RULES[f[C.rule]][0];
}
function options(name) {
  const counts = new Map();
  FINDINGS.forEach(function (f) { const v = valueOf(name, f); counts.set(v, (counts.get(v) || 0) + 1); });
  let values = Array.from(counts.keys());
  if (name === 'severity') values = SEV.filter(function (s) { return counts.has(s); });
  else values.sort();
  return [h('option', {value: ''}, 'all')].concat(values.map(function (v) {
    const rule = name === 'rule' ? RULES.find(function (r) { return r[0] === v; }) : null;
    return h('option', {value: v}, v + (rule ? ' ' + rule[1] : '') + ' (' + fmt(counts.get(v)) + ')');
  }));
}
const SORTS = {
  severity: function (f) { return f[C.severity]; }, rule: function (f) { return RULES[f[C.rule]][0]; },
  category: function (f) { return CAT[f[C.category]]; }, source: function (f) { return sourceOf(f[C.doc]); },
  document: function (f) { return DOCS[f[C.doc]].id; },
};
function buildTable() {
  const form = h('form', {class: 'toolbar', role: 'search', 'aria-label': 'Filter findings', onsubmit: function (e) { e.preventDefault(); }});
  FILTERS.forEach(function (name) {
    const select = h('select', {id: 'filter-' + name, name: name, onchange: function () { table.state[name] = select.value; table.page = 0; applyTable(true); }}, options(name));
    table.controls[name] = select;
    form.appendChild(h('label', null, name, select));
  });
  let timer = null;
  const search = h('input', {type: 'search', id: 'filter-q', name: 'q', placeholder: 'message, excerpt, document…',
    oninput: function () { clearTimeout(timer); timer = setTimeout(function () { table.state.q = search.value; table.page = 0; applyTable(true); }, 120); }});
  table.controls.q = search;
  form.appendChild(h('label', null, 'search', search));
  const size = h('select', {id: 'page-size', onchange: function () { table.size = Number(size.value); table.page = 0; applyTable(false); }},
    [50, 100, 250, 1000].map(function (n) { return h('option', {value: n, selected: n === table.size}, String(n)); }));
  form.appendChild(h('label', null, 'per page', size));
  form.appendChild(h('button', {type: 'button', onclick: function () {
    FILTERS.concat(['q']).forEach(function (k) { table.state[k] = ''; table.controls[k].value = ''; });
    table.page = 0; applyTable(true);
  }}, 'Reset filters'));
  table.count = h('p', {class: 'count', id: 'findings-count', 'aria-live': 'polite'});
  table.pager = pager(function (p) { table.page = p; applyTable(false); });
  table.body = h('tbody');
  const heads = [['severity', 'Severity'], ['rule', 'Rule'], ['category', 'Category'], ['source', 'Source'],
    ['document', 'Document'], [null, 'Line:col'], [null, 'Message'], [null, 'Excerpt']].map(function (c) {
    if (!c[0]) return h('th', {scope: 'col'}, c[1]);
    const th = h('th', {scope: 'col', 'aria-sort': 'none'}, h('button', {type: 'button', class: 'sort', onclick: function () {
      table.dir = table.sort === c[0] ? -table.dir : 1; table.sort = c[0];
      Array.prototype.forEach.call(th.parentNode.children, function (x) { if (x.hasAttribute('aria-sort')) x.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', table.dir > 0 ? 'ascending' : 'descending');
      applyTable(false);
    }}, c[1]));
    return th;
  });
  append(findingsView, [form, table.count, table.pager.el,
    h('div', {class: 'table-wrap'}, h('table', {class: 'findings', id: 'findings-table'}, h('thead', null, h('tr', null, heads)), table.body))]);
  table.built = true;
}
function applyTable(updateHash) {
  const s = table.state, q = s.q.trim().toLowerCase();
  const rows = [];
  for (let i = 0; i < FINDINGS.length; i++) {
    const f = FINDINGS[i];
    if (s.category && CAT[f[C.category]] !== s.category) continue;
    if (s.severity && SEV[f[C.severity]] !== s.severity) continue;
    if (s.rule && RULES[f[C.rule]][0] !== s.rule) continue;
    if (s.source && sourceOf(f[C.doc]) !== s.source) continue;
    if (q && haystack(i).indexOf(q) < 0) continue;
    rows.push(i);
  }
  if (table.sort) {
    const key = SORTS[table.sort], dir = table.dir;
    rows.sort(function (a, b) {
      const x = key(FINDINGS[a]), y = key(FINDINGS[b]);
      return (x < y ? -1 : x > y ? 1 : a - b) * (x === y ? 1 : dir);
    });
  }
  table.rows = rows;
  const pages = Math.max(1, Math.ceil(rows.length / table.size));
  table.page = Math.max(0, Math.min(table.page, pages - 1));
  const from = table.page * table.size;
  table.count.textContent = fmt(rows.length) + ' of ' + fmt(FINDINGS.length) + ' findings' +
    (rows.length ? ' (showing ' + fmt(from + 1) + '–' + fmt(Math.min(rows.length, from + table.size)) + ')' : '');
  table.count.setAttribute('data-count', rows.length);
  table.pager.update(table.page, pages);
  clear(table.body);
  if (!rows.length) table.body.appendChild(h('tr', null, h('td', {colspan: 8, class: 'empty'}, 'No finding matches these filters.')));
  rows.slice(from, from + table.size).forEach(function (fi) {
    const f = FINDINGS[fi], rule = RULES[f[C.rule]], di = f[C.doc], si = storyOfDoc[di];
    const docCell = si >= 0 ? h('a', {href: route('story', {id: STORIES[si].id, f: fi})}, DOCS[di].id) : DOCS[di].id;
    table.body.appendChild(h('tr', {'data-f': fi}, h('td', null, sevBadge(f[C.severity])),
      h('td', {title: rule[2] || null}, h('code', null, rule[0]), ' ', rule[1]), h('td', null, CAT[f[C.category]]),
      h('td', null, sourceOf(di)), h('td', null, docCell), h('td', {class: 'num'}, f[C.line] + ':' + f[C.col]),
      h('td', null, f[C.message], f[C.suggestion] ? h('div', {class: 'muted'}, 'Suggestion: ' + f[C.suggestion]) : null),
      h('td', {class: 'excerpt'}, f[C.excerpt])));
  });
  if (updateHash) {
    const params = {};
    FILTERS.concat(['q']).forEach(function (k) { params[k] = s[k]; });
    history.replaceState(null, '', route('findings', params));
  }
}
function showFindings(params) {
  if (!table.built) buildTable();
  FILTERS.concat(['q']).forEach(function (k) {
    const control = table.controls[k];
    table.state[k] = params.get(k) || '';
    control.value = table.state[k];
    if (control.value !== table.state[k]) {  // a link to a value with no finding
      control.appendChild(h('option', {value: table.state[k]}, table.state[k] + ' (0)'));
      control.value = table.state[k];
    }
  });
  applyTable(false);
}

/* ---- routing, theme ---------------------------------------------------------------------- */
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  return {view: (q < 0 ? raw : raw.slice(0, q)) || 'overview', params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1))};
}
function show() {
  if (location.hash && location.hash.slice(0, 2) !== '#/') return;  // an in-page anchor
  const r = parseHash();
  const view = VIEWS.indexOf(r.view) >= 0 ? r.view : 'overview';
  VIEWS.forEach(function (v) { document.getElementById('view-' + v).hidden = v !== view; });
  document.querySelectorAll('nav a[data-view]').forEach(function (a) {
    const current = a.getAttribute('data-view') === view || (view === 'story' && a.getAttribute('data-view') === 'stories');
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  hideTip();
  if (view === 'stories') { if (!storyList.built) buildStories(); renderStories(); }
  if (view === 'story') showStory(r.params);
  if (view === 'findings') showFindings(r.params);
  document.body.setAttribute('data-view', view);
}
window.addEventListener('hashchange', show);

const themeButton = document.getElementById('theme');
const THEMES = ['auto', 'light', 'dark'];
function setTheme(t) {
  if (t === 'auto') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', t);
  themeButton.textContent = 'Theme: ' + t;
  try { localStorage.setItem('source-audit-theme', t); } catch (e) { /* storage off: fine */ }
}
themeButton.addEventListener('click', function () {
  const now = document.documentElement.getAttribute('data-theme') || 'auto';
  setTheme(THEMES[(THEMES.indexOf(now) + 1) % THEMES.length]);
});
let saved = null;
try { saved = localStorage.getItem('source-audit-theme'); } catch (e) { saved = null; }
if (THEMES.indexOf(saved) > 0) setTheme(saved);
show();
document.body.setAttribute('data-ready', 'true');
