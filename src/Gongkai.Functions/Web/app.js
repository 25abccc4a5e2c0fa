// Gongkai's web page: a small hand-written single page over the HTTP API (see /api/openapi.json). The page is at
// /api/web/, so the API is '../'. Views are chosen by the URL's hash (#/reports, #/report/{id}, #/compare, #/trend,
// #/pipeline), so every view is a link that can be bookmarked and shared, and the query string (?code=<function key>)
// stays untouched: the page passes that key on to the API, which asks for one in Azure.
'use strict';

(() => {
  const main = document.getElementById('main');
  const card = document.getElementById('figure-card');
  const functionKey = new URLSearchParams(location.search).get('code');
  const charts = [];
  let renderToken = 0;
  let shownReport = null;
  let catalog = null;

  // ---- the API ----------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message, parameter) {
      super(message);
      this.status = status;
      this.parameter = parameter;
    }
  }

  function apiUrl(path, params) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params || {})) {
      if (value !== undefined && value !== null && value !== '') query.set(name, value);
    }
    if (functionKey) query.set('code', functionKey);
    const text = query.toString();
    return '../' + path + (text ? '?' + text : '');
  }

  async function api(path, params, { allowError = false } = {}) {
    const response = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' } });
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (!response.ok && !allowError) {
      throw new ApiError(response.status, (body && (body.detail || body.title)) || `${response.status} ${response.statusText}`, body && body.parameter);
    }
    return body;
  }

  async function metricCatalog() {
    if (!catalog) {
      const list = await api('metrics');
      catalog = new Map(list.items.map(m => [m.key, m]));
    }
    return catalog;
  }

  // ---- small DOM helpers ------------------------------------------------------------------------------------

  function h(tag, attrs, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') element.className = value;
      else if (name === 'text') element.textContent = value;
      else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else if (name === 'dataset') Object.assign(element.dataset, value);
      else element.setAttribute(name, value === true ? '' : value);
    }
    appendAll(element, children);
    return element;
  }

  function appendAll(parent, children) {
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      parent.append(child instanceof Node ? child : String(child));
    }
  }

  const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });
  const formatNumber = value => (value === undefined || value === null ? '—' : numberFormat.format(value));
  const formatTime = value => (value ? new Date(value).toLocaleString('zh-CN', { hour12: false }) : '—');
  const regionText = region => [region && region.province, region && region.city, region && region.county].filter(Boolean).join(' ') || '—';
  const reportHref = (id, at) => '#/report/' + encodeURIComponent(id) + (at ? '?at=' + encodeURIComponent(at) : '');
  const hashHref = (path, params) => {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
    return '#/' + path + (query ? '?' + query : '');
  };

  function table(headers, rows, { caption, className = 'data' } = {}) {
    return h('div', { class: 'scroll' },
      h('table', { class: className },
        caption ? h('caption', { class: 'muted', text: caption }) : null,
        h('thead', null, h('tr', null, headers.map(header =>
          h('th', { scope: 'col', class: header.num ? 'num' : null }, header.label || header)))),
        h('tbody', null, rows)));
  }

  function loading(text) {
    return h('p', { class: 'loading', role: 'status', text: text || '加载中… Loading…' });
  }

  function errorPanel(error) {
    const detail = error instanceof ApiError ? `${error.status}: ${error.message}` : String(error && error.message || error);
    return h('div', { class: 'panel error', role: 'alert' }, h('strong', { text: '出错了 Something went wrong. ' }), detail);
  }

  function metricOptions(selected) {
    return [...catalog.values()].map(m => h('option', { value: m.key, selected: m.key === selected }, `${m.labelZh} — ${m.key}`));
  }

  function field(label, control, wide) {
    return h('label', { class: wide ? 'wide' : null }, label, control);
  }

  function chartFont() {
    return getComputedStyle(document.documentElement).fontFamily;
  }

  function destroyCharts() {
    while (charts.length) charts.pop().destroy();
  }

  function addChart(canvas, config) {
    if (!window.Chart) {
      canvas.replaceWith(h('p', { class: 'muted', text: '图表库未加载 The chart library did not load.' }));
      return;
    }
    window.Chart.defaults.font.family = chartFont();
    charts.push(new window.Chart(canvas, config));
  }

  // ---- routing ----------------------------------------------------------------------------------------------

  function currentRoute() {
    const raw = location.hash.replace(/^#/, '') || '/reports';
    const cut = raw.indexOf('?');
    const path = cut < 0 ? raw : raw.slice(0, cut);
    return { path: path.replace(/\/+$/, '') || '/reports', params: new URLSearchParams(cut < 0 ? '' : raw.slice(cut + 1)) };
  }

  const views = [
    [/^\/reports$/, viewReports, 'reports'],
    [/^\/report\/([^/]+)$/, viewReport, 'reports'],
    [/^\/compare$/, viewCompare, 'compare'],
    [/^\/trend$/, viewTrend, 'trend'],
    [/^\/pipeline$/, viewPipeline, 'pipeline'],
  ];

  async function render() {
    hideCard(true);
    const { path, params } = currentRoute();
    const found = views.map(([pattern, view, nav]) => ({ match: pattern.exec(path), view, nav })).find(v => v.match);
    for (const link of document.querySelectorAll('header.site nav a')) {
      if (found && link.dataset.nav === found.nav) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    // A link into the report already on screen (a figure, a problem) only moves there.
    if (found && found.view === viewReport && shownReport === decodeURIComponent(found.match[1])) {
      goToTarget(params.get('at'));
      return;
    }
    shownReport = null;
    const token = ++renderToken;
    destroyCharts();
    const view = h('div');
    let attached = null;
    main.replaceChildren(loading());
    try {
      if (!found) throw new Error(`没有这个页面 No such view: ${path}`);
      attached = await found.view(view, params, found.match);
    } catch (error) {
      view.replaceChildren(errorPanel(error));
    }
    if (token !== renderToken) return;
    main.replaceChildren(view);
    // Charts are drawn once their canvas is in the document, so they take its size.
    if (typeof attached === 'function') attached();
    const heading = main.querySelector('h1');
    if (heading) {
      document.title = heading.textContent + ' · 公开 Gongkai';
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    if (found && found.view === viewReport) {
      shownReport = decodeURIComponent(found.match[1]);
      goToTarget(params.get('at'));
    }
  }

  // ---- find reports -----------------------------------------------------------------------------------------

  async function viewReports(view, params) {
    const filters = ['agency', 'region', 'year', 'format', 'hasProblems', 'agencyStated'];
    const form = h('form', { class: 'filters panel', role: 'search', 'aria-label': '查找报告 Find reports' },
      field('机关 Agency（简体或繁體）', h('input', { name: 'agency', value: params.get('agency') || '', placeholder: '东江市青石区人民政府', autocomplete: 'off' })),
      field('地区 Region', h('input', { name: 'region', value: params.get('region') || '', placeholder: '东江市' })),
      field('年度 Year', h('input', { name: 'year', type: 'number', min: '2000', max: '2100', value: params.get('year') || '' })),
      field('格式 Format', h('select', { name: 'format' },
        [['', '全部 any'], ['2021', '2021 版'], ['2019', '2019 版'], ['pre2019', '2019 年前'], ['unknown', '未知 unknown']]
          .map(([value, label]) => h('option', { value, selected: (params.get('format') || '') === value }, label)))),
      field('问题 Problems', h('select', { name: 'hasProblems' },
        [['', '全部 any'], ['true', '有问题 with problems'], ['false', '无问题 without']]
          .map(([value, label]) => h('option', { value, selected: (params.get('hasProblems') || '') === value }, label)))),
      // Reports that name no author are under no agency; this is where a reader finds them.
      field('作者 Author', h('select', { name: 'agencyStated' },
        [['', '全部 any'], ['true', '已署名 stated'], ['false', '未署名 not stated']]
          .map(([value, label]) => h('option', { value, selected: (params.get('agencyStated') || '') === value }, label)))),
      h('div', null, h('button', { type: 'submit' }, '查找 Search')));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const data = new FormData(form);
      location.hash = hashHref('reports', Object.fromEntries(filters.map(name => [name, (data.get(name) || '').trim()])));
    });

    const query = Object.fromEntries(filters.map(name => [name, params.get(name)]));
    const page = await api('reports', { ...query, top: 25, continuation: params.get('continuation') });
    const rows = page.items.map(r => h('tr', null,
      h('td', null, h('a', { href: reportHref(r.id) }, r.title || r.agency || r.id)),
      h('td', { text: r.agency || '—' }),
      h('td', { text: regionText(r.region) }),
      h('td', { class: 'num', text: r.year ?? '—', dataset: { label: '年度' } }),
      h('td', { text: r.format, dataset: { label: '格式' } }),
      h('td', { class: 'num', text: r.figures, dataset: { label: '数字' } }),
      h('td', { class: 'num', dataset: { label: '问题' } }, r.problems ? h('span', { class: 'badge bad', text: r.problems }) : h('span', { class: 'badge good', text: '0' }))));
    const first = params.get('continuation') ? h('a', { href: hashHref('reports', query) }, '« 第一页 First page') : null;
    const next = page.continuation ? h('a', { href: hashHref('reports', { ...query, continuation: page.continuation }), rel: 'next' }, '下一页 Next page »') : null;
    appendAll(view, [
      h('h1', { text: '查找报告 Find reports' }),
      form,
      page.items.length
        ? table(['报告 Report', '机关 Agency', '地区 Region', { label: '年度 Year', num: true }, '格式 Format', { label: '数字 Figures', num: true }, { label: '问题 Problems', num: true }], rows,
          { caption: `${page.items.length} 份报告 reports on this page`, className: 'data reports' })
        : h('p', { class: 'panel', text: '没有符合条件的报告。 No report matches these filters.' }),
      h('nav', { class: 'pager', 'aria-label': '翻页 Pages' }, first, next),
    ]);
  }

  // ---- read a report ----------------------------------------------------------------------------------------

  async function viewReport(view, params, match) {
    const id = decodeURIComponent(match[1]);
    const [report] = await Promise.all([api('reports/' + encodeURIComponent(id)), metricCatalog()]);
    const located = report.metrics.filter(m => hasSpan(m.provenance, report.text));
    const figureByKey = new Map(report.metrics.map(m => [m.key, m]));

    const source = report.source || {};
    const meta = h('dl', { class: 'meta' },
      h('dt', { text: '机关 Agency' }), h('dd', null, report.agency || '—',
        report.agencyAsWritten && report.agencyAsWritten !== report.agency ? h('span', { class: 'muted' }, '（原文 as written: ', h('span', { lang: 'zh-Hant', text: report.agencyAsWritten }), '）') : null),
      h('dt', { text: '地区 Region' }), h('dd', { text: regionText(report.region) }),
      h('dt', { text: '年度 Year' }), h('dd', { text: report.year ?? '—' }),
      h('dt', { text: '格式 Format' }), h('dd', { text: `${report.format} · ${report.script}` }),
      h('dt', { text: '发布 Published' }), h('dd', { text: report.publishedOn || '—' }),
      h('dt', { text: '来源 Source' }), h('dd', null, source.url ? h('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, source.url) : '—',
        h('div', { class: 'muted', text: `抓取 fetched ${formatTime(source.fetchedAt)} · ${source.encoding || ''} · ${source.portalId || ''}` })),
      h('dt', { text: '解析 Parser' }), h('dd', { text: report.parserVersion }),
      h('dt', { text: 'API' }), h('dd', null, h('a', { href: apiUrl('reports/' + encodeURIComponent(id)) }, 'JSON'), ' · ',
        h('a', { href: apiUrl('reports/' + encodeURIComponent(id), { format: 'csv' }), download: `report-${id}.csv` }, 'CSV')));

    const text = h('article', { class: 'report-text panel', lang: report.script === 'traditional' ? 'zh-Hant' : 'zh-Hans', 'aria-label': '报告正文 Report text' });
    renderText(text, report, located);

    const figureRows = report.metrics.map(m => {
      const p = m.provenance || {};
      const where = hasSpan(p, report.text)
        ? h('a', { href: reportHref(id, 'fig-' + m.key), 'aria-label': `查看 show ${m.key}` }, p.kind === 'table' ? '表格 cell' : '原文 text')
        : h('span', { class: 'muted', title: p.note || '' }, p.kind === 'derived' ? '推算 derived' : '—');
      return h('tr', { dataset: { key: m.key } },
        h('td', null, m.labelZh || m.key, h('br'), h('code', { class: 'key', text: m.key })),
        h('td', { class: 'num', text: formatNumber(m.value) }),
        h('td', { text: m.unit || '' }),
        h('td', null, where));
    });
    const problems = report.problems.map((p, i) => {
      const target = hasSpan(p, report.text) ? 'problem-' + i : (p.key && figureByKey.has(p.key) && hasSpan(figureByKey.get(p.key).provenance, report.text) ? 'fig-' + p.key : null);
      return h('li', null, h('code', { class: 'key', text: p.code }), ' ', p.message,
        target ? [' ', h('a', { href: reportHref(id, target) }, '查看原文 show')] : null);
    });
    const versions = report.versions.map(v => h('tr', null,
      h('td', null, v.sourceUrl ? h('a', { href: v.sourceUrl, rel: 'noopener noreferrer', target: '_blank' }, formatTime(v.fetchedAt)) : formatTime(v.fetchedAt),
        v.current ? [' ', h('span', { class: 'badge good', text: '当前 current' })] : null),
      h('td', { text: v.parserVersion || '—' }),
      h('td', null, h('code', { class: 'key', title: v.sha256 || '', text: (v.sha256 || '').slice(0, 12) }))));

    const derived = report.metrics.length - located.length;
    appendAll(view, [
      h('h1', { text: report.title || report.agency || report.id }),
      h('section', { class: 'panel', 'aria-label': '报告信息 About this report' }, meta),
      h('div', { class: 'report-layout' },
        h('div', null,
          h('h2', { text: '原文 Text as parsed' }),
          h('p', { class: 'muted', text: `${located.length} 个数字标在出处（悬停、点击或用 Tab 键查看）；${derived} 个为推算，不在原文中。 ${located.length} figures are highlighted where they were read (hover, click or Tab to one); ${derived} derived from others, not written.` }),
          text),
        h('aside', { class: 'panel', 'aria-label': '数字、问题与版本 Figures, problems and versions' },
          h('h2', { text: `问题 Problems (${report.problems.length})` }),
          problems.length ? h('ul', { class: 'problems' }, problems) : h('p', { class: 'muted', text: '解析未发现问题。 The parser found no problem.' }),
          h('h2', { text: `数字 Figures (${report.metrics.length})` }),
          table(['指标 Metric', { label: '数值 Value', num: true }, '单位 Unit', '出处 Where'], figureRows, { className: 'data figures' }),
          h('h2', { text: `版本 Versions (${report.versions.length})` }),
          table(['抓取 Fetched', '解析 Parser', 'SHA-256'], versions))),
    ]);

    text.addEventListener('mouseover', event => { const mark = event.target.closest('mark.fig'); if (mark && !card.dataset.pinned) showCard(mark, report, figureByKey); });
    text.addEventListener('mouseout', event => { const mark = event.target.closest('mark.fig'); if (mark && !card.dataset.pinned) hideCard(); });
    text.addEventListener('focusin', event => { const mark = event.target.closest('mark.fig'); if (mark) showCard(mark, report, figureByKey); });
    text.addEventListener('focusout', () => { if (!card.dataset.pinned) hideCard(); });
    text.addEventListener('click', event => {
      const mark = event.target.closest('mark.fig');
      if (mark) togglePinned(mark, report, figureByKey);
    });
    text.addEventListener('keydown', event => {
      const mark = event.target.closest('mark.fig');
      if (mark && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        togglePinned(mark, report, figureByKey);
      }
    });
  }

  function hasSpan(provenance, text) {
    return !!provenance && Number.isInteger(provenance.start) && Number.isInteger(provenance.end)
      && provenance.start >= 0 && provenance.start < provenance.end && provenance.end <= text.length;
  }

  // The text is drawn line by line; runs of lines with the same number of tab-separated cells are the tables the
  // parser laid out (cells joined by tabs, rows by line breaks), drawn as grids. Every figure and problem is a range of
  // offsets into the text, so each line or cell is cut where a range starts or ends and the pieces are marked.
  function renderText(container, report, located) {
    const text = report.text || '';
    if (!text) {
      container.append(h('p', { class: 'muted', text: '没有解析出的正文。 No parsed text for this report.' }));
      return;
    }
    const ranges = [
      ...located.map(m => ({ start: m.provenance.start, end: m.provenance.end, figure: m })),
      ...report.problems.map((p, i) => ({ start: p.start, end: p.end, problem: i, message: p.message })).filter(r => hasSpan(r, text)),
    ];
    const headings = new Set(report.sections.map(s => s.heading.trim()));
    const placed = new Set();
    const lines = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      lines.push({ start: offset, text: line, cells: line.includes('\t') ? line.split('\t') : null });
      offset += line.length + 1;
    }
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.cells) {
        const rows = [];
        while (i < lines.length && lines[i].cells && lines[i].cells.length === line.cells.length) rows.push(lines[i++]);
        i--;
        container.append(gridFor(rows, ranges, placed));
        continue;
      }
      if (!line.text.trim()) continue;
      const block = h(headings.has(line.text.trim()) ? 'h3' : 'p');
      fill(block, line.start, line.text, ranges, placed);
      container.append(block);
    }
  }

  function gridFor(rows, ranges, placed) {
    const body = h('tbody');
    for (const row of rows) {
      const tr = h('tr');
      let start = row.start;
      for (const cell of row.cells) {
        const td = h('td');
        if (fill(td, start, cell, ranges, placed)) td.classList.add('has-fig');
        tr.append(td);
        start += cell.length + 1;
      }
      body.append(tr);
    }
    return h('div', { class: 'table-wrap' }, h('table', { class: 'grid' }, body));
  }

  /** Appends the text of [start, start + text.length) to element, marked where ranges cover it; true when a figure is in it. */
  function fill(element, start, text, ranges, placed) {
    const end = start + text.length;
    const inside = ranges.filter(r => r.start < end && r.end > start);
    if (!inside.length) {
      element.append(text);
      return false;
    }
    const cuts = [...new Set([start, end, ...inside.flatMap(r => [Math.max(r.start, start), Math.min(r.end, end)])])].sort((a, b) => a - b);
    let figures = false;
    for (let i = 0; i < cuts.length - 1; i++) {
      const from = cuts[i];
      const to = cuts[i + 1];
      const piece = text.slice(from - start, to - start);
      const covering = inside.filter(r => r.start <= from && r.end >= to);
      if (!covering.length) {
        element.append(piece);
        continue;
      }
      const covered = covering.filter(r => r.figure).map(r => r.figure);
      const problems = covering.filter(r => r.problem !== undefined);
      const span = covered.length
        ? h('mark', {
          class: 'fig', tabindex: '0', role: 'button',
          'aria-label': covered.map(f => `${f.labelZh || f.key} ${formatNumber(f.value)}${f.unit || ''}`).join('；'),
          dataset: { keys: covered.map(f => f.key).join(' '), values: covered.map(f => f.value).join(' ') },
        }, piece)
        : h('span', { title: problems.map(p => p.message).join('\n') }, piece);
      if (problems.length) span.classList.add('problem-span');
      for (const figure of covered) {
        if (!placed.has('fig-' + figure.key)) {
          placed.add('fig-' + figure.key);
          if (!span.id) span.id = 'fig-' + figure.key;
          else span.dataset.alsoFirst = (span.dataset.alsoFirst ? span.dataset.alsoFirst + ' ' : '') + figure.key;
        }
      }
      for (const problem of problems) {
        const id = 'problem-' + problem.problem;
        if (!placed.has(id)) {
          placed.add(id);
          if (!span.id) span.id = id;
          else span.dataset.problemFirst = (span.dataset.problemFirst ? span.dataset.problemFirst + ' ' : '') + problem.problem;
        }
      }
      figures ||= covered.length > 0;
      element.append(span);
    }
    return figures;
  }

  function goToTarget(at) {
    if (!at) return;
    const target = document.getElementById(at)
      || (at.startsWith('fig-') && document.querySelector(`mark.fig[data-also-first~="${CSS.escape(at.slice(4))}"]`))
      || (at.startsWith('problem-') && document.querySelector(`[data-problem-first~="${CSS.escape(at.slice(8))}"]`));
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    target.classList.remove('flash');
    void target.offsetWidth;
    target.classList.add('flash');
  }

  // ---- the figure card (hover, focus or click a highlighted figure) -----------------------------------------

  function showCard(mark, report, figureByKey) {
    const keys = (mark.dataset.keys || '').split(' ').filter(Boolean);
    card.replaceChildren(...keys.map(key => {
      const m = figureByKey.get(key);
      const p = m.provenance || {};
      const where = p.kind === 'table'
        ? `表格 table ${(p.table ?? 0) + 1}，行 row ${(p.row ?? 0) + 1}「${p.rowLabel || ''}」，列 column ${(p.column ?? 0) + 1}「${p.columnLabel || ''}」`
        : `${p.kind === 'recovered' ? '推算恢复 recovered from' : '句子 sentence'}：「${p.text || ''}」`;
      return h('div', { class: 'fc-item' },
        h('div', null, h('strong', { text: m.labelZh || key }), m.labelEn ? h('span', { class: 'muted', text: ' · ' + m.labelEn }) : null),
        h('div', { class: 'fc-value', dataset: { key } }, formatNumber(m.value), ' ', h('span', { class: 'fc-unit', text: m.unit || '' })),
        h('div', null, h('code', { text: key })),
        h('div', { class: 'muted', text: where }),
        p.unit && p.unit !== m.unit ? h('div', { class: 'muted', text: `原文单位 unit as written: ${p.unit}${p.multiplier ? ' ×' + p.multiplier : ''}` }) : null,
        p.note ? h('div', { class: 'muted', text: p.note }) : null);
    }));
    card.hidden = false;
    for (const active of document.querySelectorAll('mark.fig.active')) active.classList.remove('active');
    mark.classList.add('active');
    mark.setAttribute('aria-describedby', 'figure-card');
    const box = mark.getBoundingClientRect();
    const width = card.offsetWidth;
    card.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 8)) + 'px';
    card.style.top = (window.scrollY + box.bottom + 6) + 'px';
  }

  function hideCard(unpin) {
    if (unpin) delete card.dataset.pinned;
    card.hidden = true;
    for (const active of document.querySelectorAll('mark.fig.active')) {
      active.classList.remove('active');
      active.removeAttribute('aria-describedby');
    }
  }

  function togglePinned(mark, report, figureByKey) {
    if (card.dataset.pinned === mark.id + mark.dataset.keys && !card.hidden) {
      hideCard(true);
      return;
    }
    showCard(mark, report, figureByKey);
    card.dataset.pinned = mark.id + mark.dataset.keys;
  }

  document.addEventListener('keydown', event => { if (event.key === 'Escape') hideCard(true); });
  document.addEventListener('click', event => { if (!event.target.closest('mark.fig') && !event.target.closest('#figure-card')) hideCard(true); });

  // ---- compare: one figure across agencies for a year -------------------------------------------------------

  async function latestYear() {
    const page = await api('reports', { top: 100 });
    return page.items.map(r => r.year).filter(Number.isInteger).reduce((a, b) => Math.max(a, b), new Date().getFullYear() - 1);
  }

  async function viewCompare(view, params) {
    await metricCatalog();
    const key = params.get('key') || 'requests.new_received';
    const year = params.get('year') || String(await latestYear());
    const region = params.get('region') || '';
    const order = params.get('order') || 'desc';
    const form = h('form', { class: 'filters panel', 'aria-label': '比较 Compare' },
      field('指标 Metric', h('select', { name: 'key' }, metricOptions(key)), true),
      field('年度 Year', h('input', { name: 'year', type: 'number', min: '2000', max: '2100', value: year, required: true })),
      field('地区 Region', h('input', { name: 'region', value: region, placeholder: '东江市' })),
      field('顺序 Order', h('select', { name: 'order' }, [['desc', '从高到低 highest first'], ['asc', '从低到高 lowest first']]
        .map(([value, label]) => h('option', { value, selected: value === order }, label)))),
      h('div', null, h('button', { type: 'submit' }, '比较 Compare')));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const data = new FormData(form);
      location.hash = hashHref('compare', { key: data.get('key'), year: data.get('year'), region: (data.get('region') || '').trim(), order: data.get('order') });
    });
    appendAll(view, [h('h1', { text: '比较各机关 Compare agencies' }), form]);

    const query = { year, region, order, top: 100 };
    const ranking = await api('metrics/' + encodeURIComponent(key), query);
    const csv = h('a', { class: 'button secondary', href: apiUrl('metrics/' + encodeURIComponent(key), { ...query, top: 1000, format: 'csv' }), download: `${key}-${year}.csv` }, '下载 CSV Download CSV');
    const title = `${ranking.labelZh}（${ranking.unit}）· ${ranking.year}${ranking.region ? ' · ' + ranking.region : ''}`;
    if (!ranking.items.length) {
      appendAll(view, [h('h2', { text: title }), h('p', { class: 'panel', text: '这一年没有机关报告这个数字。 No agency reported this figure for this year.' })]);
      return;
    }
    const canvas = h('canvas', { role: 'img', 'aria-label': `${title}：柱状图，数据见下表 bar chart; the table below has the same data` });
    const box = h('div', { class: 'chart-box' }, canvas);
    box.style.height = Math.max(160, ranking.items.length * 34 + 70) + 'px';
    const rows = ranking.items.map(item => h('tr', null,
      h('td', { class: 'num', text: item.rank }),
      h('td', null, item.agency || '—'),
      h('td', { text: regionText(item.region) }),
      h('td', { class: 'num', text: formatNumber(item.value) }),
      h('td', null, h('a', { href: reportHref(item.reportId, 'fig-' + key) }, '报告 report'), ' · ',
        item.agency ? h('a', { href: hashHref('trend', { agency: item.agency, key }) }, '历年 over years') : null)));
    appendAll(view, [
      h('h2', { text: title }),
      h('p', { class: 'muted', text: `${ranking.labelEn} · ${ranking.items.length} 个机关 agencies` }),
      h('div', { class: 'actions' }, csv, h('a', { class: 'button secondary', href: apiUrl('metrics/' + encodeURIComponent(key), query) }, 'JSON')),
      box,
      table([{ label: '名次 Rank', num: true }, '机关 Agency', '地区 Region', { label: `数值 Value（${ranking.unit}）`, num: true }, '链接 Links'], rows, { caption: title }),
      ranking.continuation ? h('p', { class: 'muted', text: '只显示前 100 名；CSV 含全部。 The first 100 are shown; the CSV has them all.' }) : null,
    ]);
    return () => addChart(canvas, {
      type: 'bar',
      data: { labels: ranking.items.map(i => i.agency || i.reportId), datasets: [{ label: ranking.labelZh, data: ranking.items.map(i => i.value), backgroundColor: '#9b1c1c' }] },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: c => `${formatNumber(c.parsed.x)} ${ranking.unit}` } } },
        scales: { x: { beginAtZero: true, title: { display: true, text: ranking.unit } } },
      },
    });
  }

  // ---- one agency over the years ----------------------------------------------------------------------------

  async function viewTrend(view, params) {
    await metricCatalog();
    const key = params.get('key') || 'requests.new_received';
    const agency = params.get('agency') || '';
    const agencies = await api('agencies', { top: 1000 });
    const list = h('datalist', { id: 'agency-list' }, agencies.items.map(a => h('option', { value: a.agency })));
    const form = h('form', { class: 'filters panel', 'aria-label': '历年 Over the years' },
      field('机关 Agency（简体或繁體）', h('input', { name: 'agency', list: 'agency-list', value: agency || (agencies.items[0] && agencies.items[0].agency) || '', required: true, autocomplete: 'off' })),
      field('指标 Metric', h('select', { name: 'key' }, metricOptions(key)), true),
      h('div', null, h('button', { type: 'submit' }, '查看 Show')), list);
    form.addEventListener('submit', event => {
      event.preventDefault();
      const data = new FormData(form);
      location.hash = hashHref('trend', { agency: (data.get('agency') || '').trim(), key: data.get('key') });
    });
    appendAll(view, [h('h1', { text: '一个机关的历年数字 One agency over the years' }), form]);
    if (!agency) {
      view.append(h('p', { class: 'muted', text: '选一个机关和指标。 Choose an agency and a metric.' }));
      return;
    }

    const series = await api('agencies/' + encodeURIComponent(agency) + '/metrics/' + encodeURIComponent(key));
    const title = `${series.agency} · ${series.labelZh}（${series.unit}）`;
    if (!series.items.length) {
      appendAll(view, [h('h2', { text: title }), h('p', { class: 'panel', text: '这个机关的报告里没有这个数字。 This agency\'s reports do not have this figure.' })]);
      return;
    }
    // The consistency checks are the parser's check.* problems on each year's report.
    const reports = await Promise.all(series.items.map(i => api('reports/' + encodeURIComponent(i.reportId))));
    const checks = reports.map(r => r.problems.filter(p => p.code.startsWith('check.')));
    const canvas = h('canvas', { role: 'img', 'aria-label': `${title}：折线图，数据见下表 line chart; the table below has the same data` });
    const box = h('div', { class: 'chart-box' }, canvas);
    box.style.height = '320px';
    const rows = series.items.map((item, i) => h('tr', { class: checks[i].length ? 'fails' : null },
      h('td', { class: 'num', text: item.year ?? '—' }),
      h('td', { class: 'num', text: formatNumber(item.value) }),
      h('td', null, checks[i].length
        ? h('ul', { class: 'problems' }, checks[i].map(p => h('li', null,
          h('span', { class: 'badge bad', text: p.key === key ? '本指标 this figure' : '未通过 fails' }), ' ', h('code', { class: 'key', text: p.code }), ' ', p.message)))
        : h('span', { class: 'badge good', text: '通过 passes' })),
      h('td', null, h('a', { href: reportHref(item.reportId, 'fig-' + key) }, '报告 report'))));
    const csv = h('a', { class: 'button secondary', href: apiUrl('agencies/' + encodeURIComponent(agency) + '/metrics/' + encodeURIComponent(key), { format: 'csv' }), download: `${key}-over-years.csv` }, '下载 CSV Download CSV');
    appendAll(view, [
      h('h2', { text: title }),
      h('p', { class: 'muted', text: `${series.labelEn}. 红点：该年报告未通过一致性检查。 Red points: that year's report fails a consistency check.` }),
      h('div', { class: 'actions' }, csv),
      box,
      table([{ label: '年度 Year', num: true }, { label: `数值 Value（${series.unit}）`, num: true }, '一致性检查 Consistency checks', '报告 Report'], rows, { caption: title }),
    ]);
    const failing = checks.map(c => c.length > 0);
    return () => addChart(canvas, {
      type: 'line',
      data: {
        labels: series.items.map(i => String(i.year)),
        datasets: [{
          label: series.labelZh, data: series.items.map(i => i.value), borderColor: '#0b5cad', backgroundColor: '#0b5cad', tension: 0,
          pointRadius: failing.map(f => (f ? 7 : 4)), pointBackgroundColor: failing.map(f => (f ? '#b42318' : '#0b5cad')),
          pointStyle: failing.map(f => (f ? 'rectRot' : 'circle')),
        }],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: c => `${formatNumber(c.parsed.y)} ${series.unit}${failing[c.dataIndex] ? ' · 检查未通过 fails a check' : ''}` } } },
        scales: { y: { beginAtZero: true, title: { display: true, text: series.unit } } },
      },
    });
  }

  // ---- the pipeline, for operators --------------------------------------------------------------------------

  async function viewPipeline(view) {
    const health = await api('health', null, { allowError: true });
    if (!health || !health.functions) throw new Error('/api/health gave no answer.');
    const failures = health.openFailures || { byStage: {}, total: 0, latest: [] };
    const functionRows = Object.entries(health.functions).map(([name, count]) => h('tr', null,
      h('td', { text: name }), h('td', { class: 'num', text: count.succeeded }),
      h('td', { class: 'num' }, count.failed ? h('span', { class: 'badge bad', text: count.failed }) : '0')));
    const stageRows = Object.entries(failures.byStage).map(([stage, count]) => h('tr', null, h('td', { text: stage }), h('td', { class: 'num', text: count })));
    const latestRows = (failures.latest || []).map(f => h('tr', null,
      h('td', { text: formatTime(f.occurredAt) }), h('td', { text: f.stage }), h('td', { text: f.portalId || '—' }),
      h('td', null, f.url ? h('a', { href: f.url, rel: 'noopener noreferrer', target: '_blank' }, f.url) : (f.blob || '—')),
      h('td', { class: 'num', text: f.attempts ?? '—' }), h('td', { text: f.error || '—' })));
    const refresh = h('button', { type: 'button', class: 'secondary', onclick: () => render() }, '刷新 Refresh');
    appendAll(view, [
      h('h1', { text: '运行状况 Pipeline' }),
      h('div', { class: 'cards' },
        h('div', { class: 'card' }, h('div', { class: 'muted', text: '状态 Status' }), h('div', { class: 'big status-' + health.status, text: health.status })),
        h('div', { class: 'card' }, h('div', { class: 'muted', text: '存储 Storage' }),
          h('div', { class: 'big ' + (health.storage.reachable ? 'status-healthy' : 'status-unhealthy'), text: health.storage.reachable ? 'OK' : '✗' }),
          h('div', { class: 'muted', text: health.storage.error || health.storage.account })),
        h('div', { class: 'card' }, h('div', { class: 'muted', text: '未解决的失败 Open failures' }), h('div', { class: 'big', text: failures.total + (failures.truncated ? '+' : '') })),
        h('div', { class: 'card' }, h('div', { class: 'muted', text: '解析器 Parser' }), h('div', { class: 'big', text: health.parserVersion }),
          h('div', { class: 'muted', text: '启动 started ' + formatTime(health.startedAt) }))),
      h('div', { class: 'actions' }, refresh, h('a', { href: hashHref('reports', { hasProblems: 'true' }) }, '有问题的报告 Reports with problems'),
        h('span', { class: 'muted', text: '更新于 as of ' + formatTime(health.time) })),
      h('h2', { text: '函数调用（自启动） Function invocations since start' }),
      table(['函数 Function', { label: '成功 Succeeded', num: true }, { label: '失败 Failed', num: true }], functionRows),
      h('h2', { text: '按阶段的失败 Open failures by stage' }),
      stageRows.length ? table(['阶段 Stage', { label: '数量 Count', num: true }], stageRows) : h('p', { class: 'panel', text: '没有未解决的失败。 No open failure.' }),
      h('h2', { text: '最近的失败 Latest failures' }),
      latestRows.length
        ? table(['时间 When', '阶段 Stage', '门户 Portal', '地址 URL', { label: '次数 Attempts', num: true }, '错误 Error'], latestRows)
        : h('p', { class: 'panel', text: '没有。 None.' }),
    ]);
  }

  for (const link of document.querySelectorAll('[data-api-link]')) link.href = apiUrl('openapi.json');
  window.addEventListener('hashchange', render);
  render();
})();
