/* Part 2: a story page. A document's text with its findings highlighted and its
   repairs shown in place (before → after), the claims matrix and the names table. */
/* ---- a document's text with highlights and repairs -------------------------------------- */
function renderText(di, claimSpans, marks) {
  const d = DOCS[di], text = d.text, len = text.length;
  const clamp = function (x) { return Math.max(0, Math.min(len, x)); };
  const decos = byDoc[di].map(function (fi) {
    return {s: clamp(FINDINGS[fi][C.start]), e: clamp(FINDINGS[fi][C.end]), f: fi};
  }).concat(claimSpans.map(function (c) { return {s: clamp(c.s), e: clamp(c.e), claim: c}; }));
  const units = d.repairs.map(function (r, ri) { return {s: r[0], e: r[1], after: r[2], ri: ri}; });
  const cuts = new Set([0, len]);
  decos.forEach(function (x) { cuts.add(x.s); cuts.add(x.e); });
  units.forEach(function (u) { cuts.add(u.s); cuts.add(u.e); });
  // A repair is shown whole (before → after), so no cut falls inside one.
  const points = Array.from(cuts).filter(function (p) {
    return !units.some(function (u) { return u.s < p && p < u.e; });
  }).sort(function (a, b) { return a - b; });
  const unitAt = new Map();
  units.forEach(function (u) { unitAt.set(u.s + ':' + u.e, u); });
  const box = h('div', {class: 'doc-text', 'data-doc': di});
  function repairEl(u, focusable) {
    return h('span', {class: 'rep', 'data-r': u.ri, tabindex: focusable ? 0 : null},
      h('del', null, text.slice(u.s, u.e)), h('span', {class: 'to', 'aria-hidden': 'true'}, ' → '),
      h('ins', null, u.after));
  }
  function unitOf(node) { return node && node.nodeType === 1 && node.classList.contains('rep'); }
  function markEl(content, cover, gap) {
    const fs = cover.filter(function (x) { return x.f !== undefined; }).map(function (x) { return x.f; });
    const cs = cover.filter(function (x) { return x.claim; }).map(function (x) { return x.claim; });
    const sev = fs.length ? Math.min.apply(null, fs.map(function (fi) { return FINDINGS[fi][C.severity]; })) : -1;
    const cls = 'hl ' + (sev >= 0 ? 'sev-' + SEV[sev] : 'claim-only') + (gap ? ' gap' : '');
    const m = h('mark', {class: cls, tabindex: 0, 'data-f': fs.join(','),
      'data-claim': cs.map(function (c) { return c.label; }).join('\u001f') || null}, content);
    if (gap) m.setAttribute('aria-label', 'missing text');
    else if (!unitOf(content) && /^\s+$/.test(content.textContent)) m.classList.add('blank');
    fs.forEach(function (fi) { if (!marks.has('f' + fi)) marks.set('f' + fi, m); });
    cs.forEach(function (c) { if (!marks.has(c.key)) marks.set(c.key, m); });
    return m;
  }
  for (let k = 0; k < points.length; k++) {
    const p = points[k];
    const gaps = decos.filter(function (x) { return x.s === p && x.e === p; });
    if (gaps.length) box.appendChild(markEl(null, gaps, true));
    units.forEach(function (u) { if (u.s === p && u.e === p) box.appendChild(repairEl(u, true)); });
    if (k === points.length - 1) break;
    const q = points[k + 1];
    const unit = unitAt.get(p + ':' + q);
    const cover = decos.filter(function (x) {
      return (x.s < q && x.e > p) || (unit && x.s === x.e && x.s > p && x.s < q);
    });
    const content = unit ? repairEl(unit, cover.length === 0) : document.createTextNode(text.slice(p, q));
    box.appendChild(cover.length ? markEl(content, cover, false) : content);
  }
  return box;
}

/* ---- story page -------------------------------------------------------------------------- */
const storyView = document.getElementById('view-story');
let shownStory = -1, storyMarks = new Map();
function claimLabel(claim) { return String(claim.counts || claim.id || 'figure'); }
function claimsTable(story) {
  const claims = story.claims || [];
  if (!claims.length) {
    return h('p', {class: 'empty', id: 'claims-empty'}, story.docs.length < 2
      ? 'One source only: there are no figures to compare.'
      : 'No figures aligned across these sources: the cross-source stage reported none for this story.');
  }
  const head = h('tr', null, h('th', {scope: 'col'}, 'Figure (what it counts)'),
    story.docs.map(function (di) { return h('th', {scope: 'col'}, sourceOf(di)); }), h('th', {scope: 'col'}, 'Status'));
  const rows = claims.map(function (claim, ci) {
    const cells = story.docs.map(function (di) {
      const cell = (claim.cells || {})[DOCS[di].id];
      if (!cell) return h('td', {class: 'absent'}, '— not reported');
      const key = 'c' + ci + ':' + di;
      // A gap is where the other sources' figure should stand but none does.
      const shown = cell.gap ? '⁁ missing here' : (cell.agrees === false ? '✗ ' : '') + (cell.text || '');
      const value = (cell.start !== undefined && cell.start !== null)
        ? h('button', {type: 'button', class: 'linklike', onclick: function () { focusMark(key); }}, shown)
        : h('span', null, shown);
      const range = (typeof cell.low === 'number' && cell.low !== cell.high)
        ? fmt(cell.low) + '–' + (typeof cell.high === 'number' ? fmt(cell.high) : '∞') : '';
      return h('td', {class: cell.gap ? 'gap' : (cell.agrees === false ? 'disagree' : null)},
        value, range ? h('div', {class: 'muted'}, range) : null);
    });
    const status = claim.conflict ? h('span', {class: 'badge conflict'}, '✗ conflict')
      : claim.gap ? h('span', {class: 'badge sev-warning'}, 'missing in a source')
        : h('span', {class: 'badge ok'}, 'consistent');
    return h('tr', {class: claim.conflict ? 'conflict' : (claim.gap ? 'gap' : null), 'data-claim': claim.id || ci},
      h('th', {scope: 'row'}, claimLabel(claim), claim.unit ? h('div', {class: 'muted'}, claim.unit) : null),
      cells, h('td', null, status));
  });
  return h('div', {class: 'table-wrap'}, h('table', {class: 'claims', id: 'claims-matrix'},
    h('caption', {class: 'visually-hidden'}, 'Claims matrix: each figure, as each source gives it'), h('thead', null, head), h('tbody', null, rows)));
}
function namesTable(story) {
  const names = story.names || [];
  if (!names.length) {
    return h('p', {class: 'empty', id: 'names-empty'}, story.docs.length < 2
      ? 'One source only: there are no names to compare.'
      : 'No names aligned across these sources: the cross-source stage reported none for this story.');
  }
  const head = h('tr', null, h('th', {scope: 'col'}, 'Name'), h('th', {scope: 'col'}, 'Kind'),
    story.docs.map(function (di) { return h('th', {scope: 'col'}, sourceOf(di)); }), h('th', {scope: 'col'}, 'Issues'));
  const rows = names.map(function (n) {
    const cells = story.docs.map(function (di) {
      const spellings = (n.spellings || {})[DOCS[di].id] || [];
      if (!spellings.length) return h('td', {class: 'absent'}, '—');
      return h('td', null, spellings.map(function (s, i) {
        return [i ? ', ' : '', s === n.entity ? s : h('strong', {class: 'variant'}, s)];
      }));
    });
    const issues = (n.issues || []).map(function (x) { return [h('span', {class: 'badge conflict'}, x), ' ']; });
    return h('tr', {class: issues.length ? 'conflict' : null}, h('th', {scope: 'row'}, n.entity || n.id || ''),
      h('td', null, n.kind || ''), cells, h('td', null, issues.length ? issues : h('span', {class: 'badge ok'}, 'consistent')));
  });
  return h('div', {class: 'table-wrap'}, h('table', {class: 'names', id: 'names-table'},
    h('caption', {class: 'visually-hidden'}, 'Names: each person or place, as each source spells it'), h('thead', null, head), h('tbody', null, rows)));
}
function docPanel(di, story) {
  const d = DOCS[di];
  const claimSpans = [];
  (story.claims || []).forEach(function (claim, ci) {
    const cell = (claim.cells || {})[d.id];
    if (cell && cell.start !== undefined && cell.start !== null) {
      claimSpans.push({s: cell.start, e: cell.end, key: 'c' + ci + ':' + di,
        label: claimLabel(claim) + ': ' + (cell.gap ? 'missing here (the other sources give it)' : (cell.text || '')) +
          (cell.agrees === false || (claim.conflict && cell.agrees === undefined) ? ' (conflicts with another source)' : '')});
    }
  });
  const meta = h('dl', null, h('dt', null, 'id'), h('dd', null, d.id));
  if (d.path) append(meta, [h('dt', null, 'file'), h('dd', null, d.path)]);
  if (d.lang) append(meta, [h('dt', null, 'language'), h('dd', null, d.lang)]);
  if (d.published) append(meta, [h('dt', null, 'published'), h('dd', null, d.published)]);
  if (d.url) append(meta, [h('dt', null, 'url'), h('dd', null, safeUrl(d.url) ? h('a', {href: safeUrl(d.url), rel: 'noreferrer noopener'}, d.url) : d.url)]);
  append(meta, [h('dt', null, 'repairs'), h('dd', null, fmt(d.repairs.length))]);
  const list = h('ol', null, byDoc[di].map(function (fi) {
    const f = FINDINGS[fi], rule = RULES[f[C.rule]];
    return h('li', null, sevBadge(f[C.severity]), ' ',
      h('button', {type: 'button', class: 'linklike', onclick: function () { focusMark('f' + fi); }},
        rule[0] + ' ' + CAT[f[C.category]] + ' (' + f[C.line] + ':' + f[C.col] + ')'), ': ', f[C.message]);
  }));
  return h('article', {class: 'doc', id: 'doc-' + di, 'aria-labelledby': 'doc-title-' + di},
    h('header', null, h('h3', {id: 'doc-title-' + di}, d.source || d.id), h('div', null, severityBadges(byDoc[di])), meta),
    renderText(di, claimSpans, storyMarks),
    h('details', {class: 'doc-findings', open: byDoc[di].length <= 20},
      h('summary', null, 'Findings in this document (' + fmt(byDoc[di].length) + ')'),
      byDoc[di].length ? list : h('p', {class: 'empty'}, 'None.')));
}
function focusMark(key) {
  const m = storyMarks.get(key);
  if (!m) return;
  m.scrollIntoView({block: 'center'});
  m.focus({preventScroll: true});
  m.classList.add('flash');
  setTimeout(function () { m.classList.remove('flash'); }, 1600);
}
function showStory(params) {
  const si = storyIndex.has(params.get('id')) ? storyIndex.get(params.get('id')) : -1;
  if (si < 0) {
    shownStory = -1;
    clear(storyView).appendChild(h('p', {class: 'empty'}, 'No story with this id in the report.'));
    return;
  }
  if (si !== shownStory) {
    const story = STORIES[si];
    storyMarks = new Map();
    const found = [].concat.apply([], story.docs.map(function (di) { return byDoc[di]; }));
    const modes = h('fieldset', {class: 'modes'}, h('legend', null, 'Show'),
      [['inline', 'repairs inline (before → after)'], ['repaired', 'repaired text'], ['original', 'original text']].map(function (m, i) {
        return h('label', null, h('input', {type: 'radio', name: 'mode', value: m[0], checked: i === 0,
          onchange: function () { sources.className = 'sources mode-' + m[0]; }}), ' ' + m[1]);
      }));
    const sources = h('div', {class: 'sources mode-inline'}, story.docs.map(function (di) { return docPanel(di, story); }));
    clear(storyView);
    append(storyView, [
      h('p', null, h('a', {href: route('stories')}, '← All stories')),
      h('div', {class: 'story-head'}, h('h2', {id: 'story-title', tabindex: '-1'}, 'Story: ' + story.id),
        h('span', {class: 'muted'}, fmt(story.docs.length) + ' sources · grouped: ' + story.method), h('span', null, severityBadges(found))),
      h('section', {'aria-labelledby': 'claims-title'}, h('h3', {id: 'claims-title'}, 'Claims matrix'), claimsTable(story)),
      h('section', {'aria-labelledby': 'names-title'}, h('h3', {id: 'names-title'}, 'Names'), namesTable(story)),
      h('section', {'aria-labelledby': 'sources-title'}, h('h3', {id: 'sources-title'}, 'Sources side by side'), modes, sources)]);
    storyView.setAttribute('aria-labelledby', 'story-title');
    shownStory = si;
  }
  if (params.get('f') !== null) focusMark('f' + params.get('f'));
  else if (params.get('claim') !== null) focusMark(params.get('claim'));
  else document.getElementById('story-title').focus();
}
