/* Part 1 of the report's script (joined in order by audit/report/html, inside one
   function scope): the data, its indexes, DOM helpers that insert text only, and the
   tooltip. Data never goes in as markup; links are built only from the page's own
   routes or http(s) URLs. */
const DATA = JSON.parse(document.getElementById('report-data').textContent);
const SEV = DATA.severities, CAT = DATA.categories, RULES = DATA.rules;
const DOCS = DATA.docs, STORIES = DATA.stories, FINDINGS = DATA.findings;
const C = {};
DATA.columns.forEach(function (name, i) { C[name] = i; });
const NO_SOURCE = '(no source)';
const VIEWS = ['overview', 'stories', 'story', 'findings'];

/* ---- indexes ------------------------------------------------------------------------ */
const byDoc = DOCS.map(function () { return []; });
FINDINGS.forEach(function (f, i) { byDoc[f[C.doc]].push(i); });
const storyOfDoc = new Array(DOCS.length).fill(-1);
const storyIndex = new Map();
STORIES.forEach(function (s, si) {
  if (!storyIndex.has(s.id)) storyIndex.set(s.id, si);
  s.docs.forEach(function (d) { if (storyOfDoc[d] < 0) storyOfDoc[d] = si; });
});
const docIndex = new Map(DOCS.map(function (d, i) { return [d.id, i]; }));
function sourceOf(di) { return DOCS[di].source || NO_SOURCE; }
function fmt(n) { return n.toLocaleString('en'); }

/* ---- DOM helpers: text only ----------------------------------------------------------- */
function h(tag, props) {
  const el = document.createElement(tag);
  if (props) {
    for (const key of Object.keys(props)) {
      const v = props[key];
      if (v === null || v === undefined || v === false) continue;
      if (key === 'class') el.className = v;
      else if (key.slice(0, 2) === 'on') el.addEventListener(key.slice(2), v);
      else el.setAttribute(key, v === true ? '' : String(v));
    }
  }
  for (let i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}
function append(el, kid) {
  if (kid === null || kid === undefined || kid === false) return;
  if (Array.isArray(kid)) { kid.forEach(function (k) { append(el, k); }); return; }
  el.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
}
function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
function safeUrl(url) { return /^https?:\/\//i.test(url || '') ? url : null; }
function route(view, params) {
  const p = new URLSearchParams();
  Object.keys(params || {}).forEach(function (k) {
    if (params[k] !== '' && params[k] !== null && params[k] !== undefined) p.set(k, params[k]);
  });
  const q = p.toString();
  return '#/' + view + (q ? '?' + q : '');
}
function sevBadge(s) { return h('span', {class: 'badge sev-' + SEV[s]}, SEV[s]); }
function countsBySeverity(indices) {
  const n = SEV.map(function () { return 0; });
  indices.forEach(function (fi) { n[FINDINGS[fi][C.severity]] += 1; });
  return n;
}
function severityBadges(indices) {
  const n = countsBySeverity(indices);
  const out = [];
  n.forEach(function (v, s) { if (v) out.push(h('span', {class: 'badge sev-' + SEV[s]}, fmt(v) + ' ' + SEV[s]), ' '); });
  return out.length ? out : [h('span', {class: 'badge ok'}, 'clean')];
}
function pager(onGo) {
  const first = h('button', {type: 'button', onclick: function () { onGo(0); }}, '« First');
  const prev = h('button', {type: 'button', onclick: function () { onGo(state.page - 1); }}, '‹ Previous');
  const label = h('span', {'aria-live': 'polite'});
  const next = h('button', {type: 'button', onclick: function () { onGo(state.page + 1); }}, 'Next ›');
  const last = h('button', {type: 'button', onclick: function () { onGo(state.pages - 1); }}, 'Last »');
  const state = {page: 0, pages: 1};
  const el = h('nav', {class: 'pager', 'aria-label': 'Pages'}, first, prev, label, next, last);
  return {el: el, update: function (page, pages) {
    state.page = page; state.pages = pages;
    label.textContent = 'Page ' + fmt(page + 1) + ' of ' + fmt(pages);
    first.disabled = prev.disabled = page <= 0;
    next.disabled = last.disabled = page >= pages - 1;
  }};
}

/* ---- tooltip ------------------------------------------------------------------------- */
const tip = document.getElementById('tip');
let tipFor = null;
function findingItem(fi) {
  const f = FINDINGS[fi], rule = RULES[f[C.rule]];
  const item = h('div', {class: 'tip-item'},
    h('div', {class: 'tip-title'}, SEV[f[C.severity]] + ' · ' + rule[0] + ' ' + rule[1] + ' · ' + CAT[f[C.category]]),
    h('div', null, f[C.message]));
  if (f[C.suggestion]) append(item, h('div', {class: 'muted'}, 'Suggestion: ' + f[C.suggestion]));
  f[C.related].forEach(function (r) {
    append(item, h('div', {class: 'tip-excerpt'}, 'Also in ' + sourceOf(r[0]) + ' (' + DOCS[r[0]].id + '): ' + r[3]));
  });
  return item;
}
function repairItem(di, ri) {
  const r = DOCS[di].repairs[ri];
  return h('div', {class: 'tip-item'}, h('div', {class: 'tip-title'}, 'Repaired'),
    h('div', {class: 'tip-excerpt'}, '“' + DOCS[di].text.slice(r[0], r[1]) + '” → “' + r[2] + '”'),
    h('div', {class: 'muted'}, r[3]));
}
function showTip(el) {
  const box = el.closest('.doc-text');
  if (!box) return;
  const di = Number(box.getAttribute('data-doc'));
  clear(tip);
  (el.getAttribute('data-f') || '').split(',').filter(Boolean).forEach(function (fi) { tip.appendChild(findingItem(Number(fi))); });
  (el.getAttribute('data-claim') || '').split('\u001f').filter(Boolean).forEach(function (label) {
    tip.appendChild(h('div', {class: 'tip-item'}, h('div', {class: 'tip-title'}, 'Figure in the claims matrix'), h('div', null, label)));
  });
  const rep = el.classList.contains('rep') ? el : el.querySelector('.rep');
  if (rep) tip.appendChild(repairItem(di, Number(rep.getAttribute('data-r'))));
  if (!tip.firstChild) return;
  tip.hidden = false;
  const rect = el.getBoundingClientRect();
  const width = Math.min(tip.offsetWidth, window.innerWidth - 16);
  tip.style.left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8)) + window.scrollX + 'px';
  tip.style.top = rect.bottom + window.scrollY + 6 + 'px';
  if (tipFor && tipFor !== el) tipFor.removeAttribute('aria-describedby');
  el.setAttribute('aria-describedby', 'tip');
  tipFor = el;
}
function hideTip() {
  tip.hidden = true;
  if (tipFor) tipFor.removeAttribute('aria-describedby');
  tipFor = null;
}
function tipTarget(node) { return node && node.closest ? node.closest('mark.hl, .rep[tabindex]') : null; }
/* A page re-rendered under a resting pointer fires mouseover on whatever now lies under it;
   only a pointer that really moved may take the tooltip from a focused highlight. */
let pointerMoved = false;
document.addEventListener('mousemove', function (e) {
  pointerMoved = true;
  // Browsers fire mouseover before mousemove: a real move onto a highlight lands here.
  const t = tipTarget(e.target);
  if (t && (t !== tipFor || tip.hidden)) showTip(t);
});
document.addEventListener('mouseover', function (e) {
  const t = tipTarget(e.target);
  if (!t) return;
  if (!pointerMoved && tipTarget(document.activeElement)) return;
  showTip(t);
});
document.addEventListener('mouseout', function (e) {
  const t = tipTarget(e.target);
  if (t && t === tipFor && !t.contains(e.relatedTarget) && document.activeElement !== t) hideTip();
});
document.addEventListener('focusin', function (e) {
  const t = tipTarget(e.target);
  pointerMoved = false;
  if (t) showTip(t); else hideTip();
});
document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hideTip(); });
