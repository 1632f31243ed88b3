/*
 * CS Companion dashboard: the page served by `companion start`.
 *
 * Plain ES2020, no build step, no framework: the page talks to the local server through the JSON API and the
 * server-sent events described in docs/dashboard-api.md. Everything is async so that the page keeps answering
 * while a test or benchmark run goes on.
 *
 * Rule for safety: text from the server is inserted with textContent (see `el`), never as HTML. The one exception
 * is the lesson, which the server renders from the course's own Markdown.
 */
'use strict';

(() => {
  // ---------------------------------------------------------------------------------------------------------------
  // Constants and state

  const TOKEN = document.querySelector('meta[name="companion-token"]')?.content ?? '';
  const MILESTONE_COUNT = 5;

  // Icon + word for every status: the page must read the same without colour.
  const STATUS = {
    passed: { icon: '✔', word: 'passed' },
    failed: { icon: '✘', word: 'failed' },
    error: { icon: '!', word: 'error' },
    timeout: { icon: '⏱', word: 'timeout' },
    'not-run': { icon: '·', word: 'not run' },
  };
  const PENDING = { icon: '◌', word: 'waiting' };
  const LOAD_FAILED = 'Part of the page could not load';

  const MILESTONE_STATE = {
    passed: { icon: '✔', word: 'passed' },
    'in-progress': { icon: '▶', word: 'in progress' },
    locked: { icon: '🔒', word: 'locked' },
    unavailable: { icon: '–', word: 'not in this version yet' },
  };

  // Statuses whose row opens to show did / expected / got.
  const EXPLAINED = new Set(['failed', 'error', 'timeout']);

  const state = {
    status: null, // the last Status document
    milestone: null, // the current milestone number
    criteria: new Map(), // id -> CriterionView, in catalog order
    pending: new Set(), // ids waiting for a result in the current test run
    expanded: new Set(), // ids whose details are open
    autoExpanded: false, // whether the first failure was opened for the learner already
    run: null, // {id, kind, total, done, compileFailed} while a run goes on
    summary: null, // {text, mode}: how the last run seen live ended; wins over the history's last line
    history: [],
    files: [],
    openFile: null, // {path, line}
    lessonMilestone: null, // the milestone whose lesson is shown
    fileRequest: 0, // counts requests so that a slow, older answer cannot replace a newer one
    charts: { history: null, bench: null },
    noticeTimer: null,
  };

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------------------------------------------------------
  // Small helpers

  /** Builds an element; strings become text nodes, so server text is never parsed as HTML. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value == null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child == null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** Calls the API; rejects with an Error whose message is the server's {"error": ...} when there is one. */
  async function api(path, { method = 'GET', body } = {}) {
    const init = { method, headers: { Accept: 'application/json' }, cache: 'no-store' };
    if (method !== 'GET') {
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-Companion-Token'] = TOKEN;
      init.body = JSON.stringify(body ?? {});
    }
    const response = await fetch(path, init);
    let data = null;
    try {
      data = await response.json();
    } catch {
      // not JSON: the status line says enough
    }
    if (!response.ok) {
      const error = new Error(data?.error || `${response.status} ${response.statusText}`.trim());
      error.status = response.status;
      throw error;
    }
    return data;
  }

  const numberFormat = new Intl.NumberFormat('en');
  const compactFormat = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });

  function formatDuration(millis) {
    if (millis == null) return '—';
    if (millis < 1000) return `${millis} ms`;
    if (millis < 60000) return `${(millis / 1000).toFixed(1)} s`;
    const minutes = Math.floor(millis / 60000);
    return `${minutes} min ${Math.round((millis % 60000) / 1000)} s`;
  }

  function formatRatio(ratio) {
    if (ratio >= 10) return `${ratio.toFixed(0)}×`;
    if (ratio >= 1) return `${ratio.toFixed(1)}×`;
    if (ratio >= 0.01) return `${ratio.toFixed(2)}×`;
    return `${ratio.toPrecision(1)}×`;
  }

  function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso ?? '');
    return date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  /** The last segment of a path, for short labels. */
  const baseName = (path) => String(path).split('/').pop();

  /** Paths in compile errors may be absolute or start at the workspace: cut them to src/main/java-relative. */
  function sourcePath(file) {
    const text = String(file ?? '').replace(/\\/g, '/');
    const marker = 'src/main/java/';
    const at = text.lastIndexOf(marker);
    return at >= 0 ? text.slice(at + marker.length) : text;
  }

  /** Keeps keyboard focus on the same control (by id) when the rows around it are rebuilt. */
  function preservingFocus(rebuild) {
    const focusedId = document.activeElement?.id;
    rebuild();
    if (focusedId && document.activeElement?.id !== focusedId) {
      $(focusedId)?.focus({ preventScroll: true });
    }
  }

  function showNotice(text, { sticky = false } = {}) {
    const notice = $('notice');
    clearTimeout(state.noticeTimer);
    notice.textContent = text;
    notice.hidden = !text;
    if (text && !sticky) {
      state.noticeTimer = setTimeout(() => {
        notice.hidden = true;
      }, 8000);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Header: workspace, milestone map, connection

  function renderStatus(status) {
    state.status = status;
    state.milestone = status.milestone;
    showPath($('workspace-path'), status.workspace ?? '');
    renderMilestoneMap(status);
    renderGroupTitles(); // the criteria may have arrived first, titled "Milestone 1" only
    renderWatch(Boolean(status.watching));
    if (state.lessonMilestone != null && status.milestone !== state.lessonMilestone) {
      // the learner moved on (companion next): show the new lesson
      loadLesson(status.milestone).catch((error) => showNotice(`Could not load the lesson: ${error.message}`));
    }
    if (status.running && !state.run) {
      // A run we did not see start (page opened mid-run, or the stream dropped): no progress numbers yet.
      state.run = { id: null, kind: status.running, total: null, done: 0 };
      showRunning();
    } else if (!status.running && state.run && state.run.id == null) {
      state.run = null;
      showIdleOrSummary();
    }
  }

  /** A long path may break after a slash, never in the middle of a name. */
  function showPath(node, path) {
    const parts = String(path).split('/');
    node.replaceChildren(...parts.flatMap((part, i) => {
      const segment = el('span', { class: 'path-part', text: i < parts.length - 1 ? `${part}/` : part });
      return i < parts.length - 1 ? [segment, el('wbr')] : [segment];
    }));
    node.title = path;
  }

  function renderMilestoneMap(status) {
    const byNumber = new Map((status.milestones ?? []).map((m) => [m.number, m]));
    const items = [];
    for (let n = 1; n <= MILESTONE_COUNT; n++) {
      items.push(milestoneItem(n, byNumber.get(n), n === status.milestone));
    }
    $('milestone-map').replaceChildren(...items);
  }

  function milestoneItem(number, milestone, current) {
    const stateName = milestone?.state ?? 'unavailable';
    const look = MILESTONE_STATE[stateName] ?? { icon: '?', word: stateName };
    let progress = '';
    if (milestone && milestone.total > 0 && stateName !== 'unavailable') {
      progress = ` · ${milestone.passing} of ${milestone.total}`;
    }
    const scaffold = milestone?.scaffoldTarget != null ? Math.round(milestone.scaffoldTarget * 100) : null;
    return el('li', { dataset: { milestone: String(number), state: stateName }, 'aria-current': current ? 'step' : null },
      el('span', { class: 'ms-head' },
        el('span', { class: 'ms-number', text: `M${number}` }),
        el('span', { class: 'ms-title', text: milestone?.title ?? `Milestone ${number}` })),
      el('span', { class: 'ms-state' },
        el('span', { class: 'icon', 'aria-hidden': 'true', text: look.icon }), ` ${look.word}${progress}`),
      scaffold != null
        ? el('span', {
          class: 'ms-scaffold',
          title: `The starter code gives about ${scaffold}% of this milestone's code; you write the rest.`,
          text: `${scaffold}% given`,
        })
        : null);
  }

  function setConnection(stateName, text) {
    const node = $('connection');
    node.dataset.state = stateName;
    node.textContent = text;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Criteria table

  function milestoneTitle(number) {
    const milestone = state.status?.milestones?.find((m) => m.number === number);
    return milestone ? `Milestone ${number} · ${milestone.title}` : `Milestone ${number}`;
  }

  function renderCriteria() {
    const table = $('criteria');
    const groups = new Map();
    for (const criterion of state.criteria.values()) {
      const number = criterion.milestone ?? 0;
      if (!groups.has(number)) groups.set(number, []);
      groups.get(number).push(criterion);
    }
    const bodies = [];
    for (const [number, criteria] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
      const body = el('tbody', { dataset: { milestone: String(number) } },
        el('tr', { class: 'group' },
          el('th', { scope: 'rowgroup', colspan: '4' },
            el('span', { id: `group-title-${number}`, text: milestoneTitle(number) }),
            el('span', { class: 'group-count', id: `group-count-${number}` }))));
      for (const criterion of criteria) body.append(...criterionRows(criterion));
      bodies.push(body);
    }
    preservingFocus(() => {
      table.querySelectorAll('tbody').forEach((body) => body.remove());
      if (bodies.length === 0) {
        bodies.push(el('tbody', {}, el('tr', {}, el('td', { colspan: '4', text: 'No criteria yet.' }))));
      }
      table.append(...bodies);
    });
    for (const number of groups.keys()) updateGroupCount(number);
  }

  /** Replaces one criterion's rows in place (a live update), keeping focus where it was. */
  function renderCriterion(id) {
    const criterion = state.criteria.get(id);
    const row = document.querySelector(`tr[data-criterion="${CSS.escape(id)}"]`);
    if (!criterion || !row) {
      renderCriteria();
      return;
    }
    const details = $(`details-${id}`);
    preservingFocus(() => {
      const fresh = criterionRows(criterion);
      row.replaceWith(...fresh);
      details?.remove();
    });
    updateGroupCount(criterion.milestone);
  }

  function renderGroupTitles() {
    for (const node of document.querySelectorAll('#criteria [id^="group-title-"]')) {
      node.textContent = milestoneTitle(Number(node.id.slice('group-title-'.length)));
    }
  }

  function updateGroupCount(number) {
    const node = $(`group-count-${number}`);
    if (!node) return;
    const criteria = [...state.criteria.values()].filter((c) => c.milestone === number);
    const passed = criteria.filter((c) => c.status === 'passed').length;
    node.textContent = `${passed} of ${criteria.length} passed`;
  }

  /** The row of one criterion, plus its details row when it failed with an explanation. */
  function criterionRows(c) {
    const pending = state.pending.has(c.id);
    const explained = EXPLAINED.has(c.status) && !c.todo;
    const open = explained && state.expanded.has(c.id);
    const look = STATUS[c.status] ?? { icon: '?', word: c.status };

    const idCell = el('th', { scope: 'row', class: 'col-id' });
    if (explained) {
      idCell.append(el('button', {
        type: 'button',
        class: 'disclosure',
        id: `toggle-${c.id}`,
        'aria-expanded': String(open),
        'aria-controls': `details-${c.id}`,
        title: open ? 'Hide what went wrong' : 'Show what went wrong',
        onclick: () => toggleDetails(c.id),
      }, el('span', { class: 'chevron', 'aria-hidden': 'true', text: '▸' }), el('code', { text: c.id })));
    } else {
      idCell.append(el('code', { text: c.id }));
    }

    const titleCell = el('td', { class: 'col-title' }, el('span', { class: 'title', text: c.title ?? '' }));
    if (c.todo && EXPLAINED.has(c.status)) titleCell.append(todoLine(c));

    const shown = pending ? PENDING : look;
    const statusCell = el('td', { class: 'col-status' },
      el('span', { class: 'status-label', dataset: { status: pending ? 'pending' : c.status } },
        el('span', { class: 'icon', 'aria-hidden': 'true', text: shown.icon }), ` ${shown.word}`));
    if (pending && c.status !== 'not-run') {
      statusCell.append(el('span', { class: 'was', text: `was ${look.word}` }));
    }

    const row = el('tr', {
      class: [explained ? 'expandable' : '', pending ? 'pending' : '', open ? 'open' : ''].join(' ').trim() || null,
      dataset: { criterion: c.id, status: c.status },
    }, idCell, titleCell, statusCell,
    el('td', { class: 'col-time', text: c.status === 'not-run' ? '—' : formatDuration(c.millis) }));

    if (!explained) return [row];
    const detailsRow = el('tr', { class: 'details', id: `details-${c.id}`, hidden: !open },
      el('td', { colspan: '4' }, failureDetails(c)));
    return [row, detailsRow];
  }

  /**
   * A starter TODO: one line is enough, as in the CLI ("not written yet: ..."). The TODO names its place
   * ("(KVStore.java:124)"): when the location is known, that very text becomes the link to the source.
   */
  function todoLine(c) {
    const text = el('span', { class: 'todo-text' }, el('strong', { text: 'not written yet: ' }));
    const place = c.location ? `${baseName(sourcePath(c.location.file))}:${c.location.line}` : null;
    const at = place ? c.todo.lastIndexOf(place) : -1;
    if (at >= 0) {
      // keep "(KVStore.java:124)" together: a line break after the "(" reads badly
      const open = c.todo[at - 1] === '(' ? 1 : 0;
      const close = c.todo[at + place.length] === ')' ? 1 : 0;
      text.append(c.todo.slice(0, at - open),
        el('span', { class: 'nowrap' }, open ? '(' : '', locationButton(c.location), close ? ')' : ''),
        c.todo.slice(at + place.length + close));
    } else {
      text.append(c.todo, c.location ? ' ' : '', c.location ? locationButton(c.location) : '');
    }
    return el('div', { class: 'todo' }, text, hintControls(c));
  }

  function toggleDetails(id) {
    state.autoExpanded = true; // the learner chose: stop opening rows for them
    if (state.expanded.has(id)) state.expanded.delete(id);
    else state.expanded.add(id);
    const open = state.expanded.has(id);
    const row = document.querySelector(`tr[data-criterion="${CSS.escape(id)}"]`);
    const button = $(`toggle-${id}`);
    const details = $(`details-${id}`);
    if (!row || !button || !details) return;
    row.classList.toggle('open', open);
    button.setAttribute('aria-expanded', String(open));
    button.title = open ? 'Hide what went wrong' : 'Show what went wrong';
    details.hidden = !open;
  }

  /** did / expected / got / note / repro, laid out as the CLI prints them. */
  function failureDetails(c) {
    const fields = el('dl', { class: 'fields' });
    const add = (label, ...value) => fields.append(el('dt', { text: label }), el('dd', {}, ...value));

    if (c.did != null) {
      add('did', el('span', { class: 'mono', text: c.did }));
      if (c.expected != null || c.got != null) {
        const [expected, got, from] = diffPair(c.expected ?? '', c.got ?? '');
        add('expected', expected);
        add('got', got, from);
      }
      if (c.note) add('note', c.note);
    } else if (c.message) {
      add('what happened', el('span', { class: 'mono', text: c.message }));
    }
    if (c.output) add('printed', el('pre', { class: 'output', text: c.output }));
    if (c.location) add('where', locationButton(c.location));
    // As in the CLI: an error without did/expected (the runner's own trouble) has nothing to reproduce.
    if (c.repro && (c.status !== 'error' || c.did != null)) add('repro', reproLine(c.repro));

    return el('div', { class: 'failure' }, fields, hintControls(c));
  }

  /**
   * Expected and got as two lines with the part where they differ marked: the common prefix and suffix stay
   * plain, so "value-6420" against "value-6421" marks only the last digit.
   */
  function diffPair(expectedText, gotText) {
    const a = Array.from(String(expectedText)); // code points, so an emoji is never cut in half
    const b = Array.from(String(gotText));
    const max = Math.min(a.length, b.length);
    let start = 0;
    while (start < max && a[start] === b[start]) start++;
    let end = 0;
    while (end < max - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
    const same = start === a.length && start === b.length;

    const line = (chars) => {
      const node = el('span', { class: 'mono diff' });
      if (same) {
        node.textContent = chars.join('');
        return node;
      }
      const middle = chars.slice(start, chars.length - end).join('');
      node.append(chars.slice(0, start).join(''),
        el('mark', { class: middle ? null : 'gap', title: 'the two differ here', text: middle }),
        chars.slice(chars.length - end).join(''));
      return node;
    };
    // On long strings, also say where: the mark alone is easy to miss in a 60-character line.
    const from = !same && start > 0 && Math.max(a.length, b.length) > 24
      ? el('span', { class: 'diff-note', text: `first difference at character ${start + 1}` })
      : null;
    return [line(a), line(b), from];
  }

  function reproLine(repro) {
    const code = el('code', { class: 'repro', text: repro });
    const copy = el('button', { type: 'button', class: 'small', text: 'Copy' });
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(repro);
        copy.textContent = 'Copied';
      } catch {
        // no clipboard (an older browser, or not allowed): select the text so that Ctrl+C works
        window.getSelection()?.selectAllChildren(code);
        copy.textContent = 'Selected';
      }
      setTimeout(() => {
        copy.textContent = 'Copy';
      }, 2000);
    });
    return el('span', { class: 'repro-line' }, code, ' ', copy);
  }

  function locationButton(location) {
    const path = sourcePath(location.file);
    return el('button', {
      type: 'button',
      class: 'link location',
      title: `Open ${path} at line ${location.line} in the source viewer`,
      onclick: () => openFile(path, location.line),
    }, `${baseName(path)}:${location.line}`);
  }

  /** The hint ladder and the AI tutor for a failure (guidance.js): #hint-<id>, #hint-text-<id>, #tutor-... */
  function hintControls(c) {
    return window.CompanionGuidance.panel(c.id);
  }

  /** Opens the first explained failure once, so that the learner sees what to work on without a click. */
  function autoExpandFirstFailure() {
    if (state.autoExpanded) return;
    const first = [...state.criteria.values()].find((c) => EXPLAINED.has(c.status) && !c.todo);
    if (first) {
      state.expanded.add(first.id);
      state.autoExpanded = true;
    }
  }

  async function loadCriteria() {
    const data = await api('/api/criteria');
    state.criteria = new Map((data.criteria ?? []).map((c) => [c.id, c]));
    if (data.milestone != null) state.milestone = data.milestone;
    autoExpandFirstFailure();
    renderCriteria();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Runs: buttons, status line, live events

  function setRunStatus(text, mode, progress) {
    const status = $('run-status');
    status.textContent = text;
    status.dataset.state = mode;
    const bar = $('run-progress');
    bar.hidden = mode !== 'running';
    if (progress && progress.total) {
      bar.max = progress.total;
      bar.value = progress.done;
    } else {
      bar.removeAttribute('value'); // no numbers yet: an indeterminate bar
    }
  }

  function showRunning(step) {
    const run = state.run;
    if (run.kind === 'bench') {
      const what = step ? `benchmarking: ${step}` : 'benchmarking…';
      const count = run.total ? ` (${run.done} of ${run.total})` : '';
      setRunStatus(what + count, 'running', run);
    } else if (run.total) {
      setRunStatus(`running: ${run.done} of ${run.total} criteria`, 'running', run);
    } else {
      setRunStatus('running the criteria…', 'running', null);
    }
  }

  /** Idle, or the last run's summary: the one seen live, else the last test run in the history. */
  function showIdleOrSummary() {
    if (state.summary) {
      setRunStatus(state.summary.text, state.summary.mode);
      return;
    }
    // a run that did not compile ran nothing: its "0 of 0" says less than the run before it
    const lastTest = [...state.history].reverse().find((entry) => entry.kind === 'test' && entry.total > 0);
    if (lastTest) {
      setRunStatus(`${lastTest.passed} of ${lastTest.total} passed`, 'done');
    } else {
      setRunStatus('idle', 'idle');
    }
  }

  async function startRun(kind) {
    const path = kind === 'bench' ? '/api/bench' : '/api/test';
    try {
      await api(path, { method: 'POST', body: {} });
      if (!state.run) {
        // run-started usually follows at once; until then say that the request was taken
        state.run = { id: null, kind, total: null, done: 0 };
        setRunStatus(kind === 'bench' ? 'starting the benchmark…' : 'starting the criteria…', 'running', null);
      }
      showNotice('');
    } catch (error) {
      if (error.status === 409) {
        showNotice('a run is already in progress');
      } else if (error.status === 403) {
        showNotice('The server did not accept this page (it may have restarted): reload the page.', { sticky: true });
      } else {
        showNotice(`Could not start the run: ${error.message}`, { sticky: true });
      }
    }
  }

  const handlers = {
    'run-started'(data) {
      state.run = { id: data.run, kind: data.kind, total: data.total ?? null, done: 0, compileFailed: false };
      if (data.kind === 'test') {
        hideCompileErrors();
        state.pending = new Set(state.criteria.keys());
        renderCriteria();
      }
      showRunning();
    },

    'criterion'(data) {
      const result = data.result;
      if (!result?.id) return;
      const old = state.criteria.get(result.id);
      // The result replaces the old one whole (a field it leaves out is null, not the old value); only the
      // catalog's own fields are kept, in case an event carries the result alone.
      state.criteria.set(result.id, { title: old?.title, checks: old?.checks, milestone: old?.milestone, ...result });
      state.pending.delete(result.id);
      if (state.run) {
        state.run.done += 1;
        showRunning();
      }
      if (old) renderCriterion(result.id);
      else renderCriteria();
    },

    'compile-failed'(data) {
      if (state.run) state.run.compileFailed = true;
      showCompileErrors(data.errors ?? []);
      clearPending();
      const count = (data.errors ?? []).length;
      state.summary = { text: `did not compile: ${count} error${count === 1 ? '' : 's'}`, mode: 'failed' };
      showIdleOrSummary();
    },

    'bench-progress'(data) {
      if (!state.run || state.run.kind !== 'bench') state.run = { id: data.run, kind: 'bench', done: 0 };
      state.run.done = data.done ?? state.run.done;
      state.run.total = data.total ?? state.run.total;
      showRunning(data.step);
    },

    'run-finished'(data) {
      const compileFailed = state.run?.compileFailed;
      state.run = null;
      clearPending();
      if (data.error) {
        // the server's own trouble (not the learner's code): say it, it is the only clue
        state.summary = { text: `the run stopped: ${data.error}`, mode: 'failed' };
      } else if (compileFailed) {
        // keep "did not compile" on screen: "0 of 0 passed" would hide the reason
      } else if (data.kind === 'bench') {
        const engines = `${data.passed} engine${data.passed === 1 ? '' : 's'}`;
        state.summary = { text: `benchmark finished: ${engines} with results`, mode: 'done' };
      } else {
        state.summary = { text: `${data.passed} of ${data.total} passed`, mode: 'done' };
      }
      showIdleOrSummary();
      refreshAfterRun(data.kind);
    },

    'files-changed'(data) {
      const paths = (data.paths ?? []).map(sourcePath);
      showNotice(`saved: ${paths.join(', ') || 'a file'} — re-running`);
      // the open file may be the one that changed: show the new text
      if (state.openFile && paths.includes(state.openFile.path)) {
        openFile(state.openFile.path, state.openFile.line, { scroll: false });
      }
    },
  };

  function clearPending() {
    if (state.pending.size === 0) return;
    state.pending.clear();
    renderCriteria();
  }

  async function refreshAfterRun(kind) {
    const jobs = [loadStatus(), loadHistory()];
    if (kind !== 'bench') jobs.push(loadCriteria());
    await Promise.allSettled(jobs);
  }

  function showCompileErrors(errors) {
    const list = $('compile-error-list');
    list.replaceChildren(...errors.map((error) => {
      const path = sourcePath(error.file);
      const where = error.line > 0 ? `${path}:${error.line}` : path; // line 0: no position
      const place = error.line > 0
        ? el('button', {
          type: 'button',
          class: 'link location',
          title: `Open ${path} at line ${error.line}`,
          onclick: () => openFile(path, error.line),
        }, where)
        : el('span', { text: where });
      return el('li', { class: 'mono' }, place, `: ${error.message ?? ''}`);
    }));
    $('compile-errors').hidden = false;
  }

  function hideCompileErrors() {
    $('compile-errors').hidden = true;
    $('compile-error-list').replaceChildren();
  }

  /** Live updates; EventSource reconnects by itself, and we say so while it does. */
  function connectEvents() {
    const source = new EventSource('/api/events');
    let dropped = false;
    source.addEventListener('open', () => {
      setConnection('live', 'live');
      if (dropped) {
        // events may have been missed while away: reload what they would have changed
        dropped = false;
        state.run = null;
        state.pending.clear();
        refreshAll({ lesson: false });
      }
    });
    source.addEventListener('error', () => {
      dropped = true;
      if (source.readyState === EventSource.CLOSED) {
        // the browser gave up (e.g. the server answered with an error): try again ourselves, a little later
        setConnection('offline', 'disconnected: retrying…');
        source.close();
        setTimeout(connectEvents, 5000);
      } else {
        setConnection('reconnecting', 'reconnecting…');
      }
    });
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (event) => {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch {
          return; // a malformed event is not worth breaking the page for
        }
        handle(data);
      });
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Watch mode

  function renderWatch(on) {
    $('watch-toggle').checked = on;
    $('watch-help').textContent = on
      ? 'Watch is on: saving a file re-runs the criteria. “Run tests” is the manual fallback.'
      : 'Watch is off: press “Run tests” after you save, or turn Watch on to re-run on every save.';
  }

  async function changeWatch() {
    const toggle = $('watch-toggle');
    const wanted = toggle.checked;
    toggle.disabled = true;
    try {
      const data = await api('/api/watch', { method: 'POST', body: { enabled: wanted } });
      renderWatch(Boolean(data?.watching ?? wanted));
    } catch (error) {
      renderWatch(!wanted);
      showNotice(`Could not turn watch mode ${wanted ? 'on' : 'off'}: ${error.message}`, { sticky: true });
    } finally {
      toggle.disabled = false;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Lesson

  async function loadLesson(number) {
    const data = await api(`/api/milestones/${encodeURIComponent(number)}/lesson`);
    const template = document.createElement('template');
    template.innerHTML = data.html ?? ''; // our own Markdown, rendered by the server: the one innerHTML here
    tidyLesson(template.content);
    $('lesson').replaceChildren(template.content);
    state.lessonMilestone = number;
    $('lesson-heading').textContent = `Lesson · Milestone ${number}`;
  }

  /** Fits the lesson into the page: headings under the panel's h2, wide blocks scrollable by keyboard. */
  function tidyLesson(fragment) {
    for (const heading of fragment.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Math.min(6, Number(heading.tagName[1]) + 2);
      const replacement = document.createElement(`h${level}`);
      replacement.append(...heading.childNodes);
      for (const attribute of heading.attributes) replacement.setAttribute(attribute.name, attribute.value);
      heading.replaceWith(replacement);
    }
    for (const pre of fragment.querySelectorAll('pre')) pre.tabIndex = 0;
    for (const table of fragment.querySelectorAll('table')) {
      const wrap = el('div', { class: 'table-wrap', tabindex: '0' });
      table.replaceWith(wrap);
      wrap.append(table);
    }
  }

  function rememberLessonOpen() {
    const details = $('lesson-details');
    try {
      if (localStorage.getItem('companion.lesson-open') === 'false') details.open = false;
      details.addEventListener('toggle', () => localStorage.setItem('companion.lesson-open', String(details.open)));
    } catch {
      // no storage (private mode): the panel simply starts open
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Charts

  // Colours with good contrast on white; the series also differ by point shape and dash, not colour alone.
  const PALETTE = ['#1f5fae', '#b35900', '#2e7d32', '#8e3a9d', '#b0263a', '#00777a', '#5d5d5d', '#7a6200'];
  const POINTS = ['circle', 'triangle', 'rect', 'rectRot', 'crossRot', 'star', 'rectRounded', 'cross'];
  const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

  async function loadHistory() {
    const data = await api('/api/history');
    state.history = data.entries ?? [];
    renderHistoryChart();
    renderBenchChart();
    if (!state.run) showIdleOrSummary();
  }

  function chartsAvailable() {
    return typeof window.Chart === 'function';
  }

  function baseChartOptions() {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false, // calm, and nothing moves for readers who prefer less motion
      interaction: { mode: 'nearest', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 10 } } },
    };
  }

  function showChartMessage(kind, text) {
    const message = $(`${kind}-empty`);
    message.textContent = text;
    message.hidden = !text;
    $(`${kind}-chart`).parentElement.hidden = Boolean(text);
    if (text && state.charts[kind]) {
      state.charts[kind].destroy();
      state.charts[kind] = null;
    }
  }

  /** ops/sec of "yours" per bench run, one line per workload. */
  function renderHistoryChart() {
    const runs = state.history.filter((entry) => entry.kind === 'bench'
      && (entry.results ?? []).some((r) => r.engine === 'yours' && r.opsPerSec > 0));
    if (runs.length === 0) {
      showChartMessage('history', 'No benchmark of your store yet. Press “Run benchmark” (or run ./companion bench -m '
        + `${state.milestone ?? 1} in a terminal): each run adds a point here, so you can watch your store get faster.`);
      return;
    }
    if (!chartsAvailable()) {
      showChartMessage('history', 'The chart library did not load: reload the page.');
      return;
    }
    showChartMessage('history', '');

    const workloads = [];
    for (const run of runs) {
      for (const r of run.results) {
        if (r.engine === 'yours' && !workloads.includes(r.workload)) workloads.push(r.workload);
      }
    }
    const datasets = workloads.map((workload, i) => ({
      label: workload,
      data: runs.map((run) => {
        const result = run.results.find((r) => r.engine === 'yours' && r.workload === workload);
        return result && result.opsPerSec > 0 ? result.opsPerSec : null;
      }),
      borderColor: PALETTE[i % PALETTE.length],
      backgroundColor: PALETTE[i % PALETTE.length],
      pointStyle: POINTS[i % POINTS.length],
      borderDash: DASHES[i % DASHES.length],
      pointRadius: 4,
      pointHoverRadius: 6,
      spanGaps: true,
      tension: 0,
    }));
    const options = baseChartOptions();
    options.scales = {
      x: { title: { display: true, text: 'benchmark run' } },
      y: {
        beginAtZero: true,
        title: { display: true, text: 'ops/sec' },
        ticks: { callback: (value) => compactFormat.format(value) },
      },
    };
    options.plugins.tooltip = {
      callbacks: {
        label: (item) => `${item.dataset.label}: ${numberFormat.format(Math.round(item.parsed.y))} ops/sec`,
        footer: (items) => {
          const run = runs[items[0]?.dataIndex];
          if (!run) return '';
          const parts = [`milestone ${run.milestone}`, `durability ${run.durability}`];
          if (run.commit) parts.push(`commit ${String(run.commit).slice(0, 7)}`);
          return parts.join(' · ');
        },
      },
    };
    drawChart('history', { type: 'line', data: { labels: runs.map((run) => formatTime(run.time)), datasets }, options });
  }

  /** The latest bench run: a bar per engine for each workload, with the ratio to the reference. */
  function renderBenchChart() {
    const latest = [...state.history].reverse().find((entry) => entry.kind === 'bench'
      && (entry.results ?? []).some((r) => r.opsPerSec > 0));
    if (!latest) {
      showChartMessage('bench', 'No benchmark run yet: the latest run will show here, your store beside the reference '
        + 'and real databases.');
      $('bench-numbers').hidden = true;
      $('bench-caption').textContent = 'Latest benchmark run: operations per second by engine';
      return;
    }
    const results = latest.results.filter((r) => r.opsPerSec > 0);
    const workloads = [...new Set(results.map((r) => r.workload))];
    const engines = orderEngines([...new Set(results.map((r) => r.engine))]);
    const find = (engine, workload) => results.find((r) => r.engine === engine && r.workload === workload);
    const ratio = (engine, workload) => {
      const mine = find(engine, workload);
      const reference = find('reference', workload);
      return mine && reference && engine !== 'reference' ? mine.opsPerSec / reference.opsPerSec : null;
    };

    $('bench-caption').textContent = `Latest benchmark run (${formatTime(latest.time)}, durability `
      + `${latest.durability ?? '?'}): operations per second by engine, log scale`;
    renderBenchTable(engines, workloads, find, ratio);

    if (!chartsAvailable()) {
      showChartMessage('bench', 'The chart library did not load: reload the page. The numbers are below.');
      return;
    }
    showChartMessage('bench', '');
    const datasets = engines.map((engine, i) => ({
      label: engine,
      data: workloads.map((workload) => find(engine, workload)?.opsPerSec ?? null),
      backgroundColor: engine === 'yours' ? '#1f5fae' : PALETTE[(i % (PALETTE.length - 1)) + 1],
      borderColor: '#1a1a1a',
      borderWidth: engine === 'yours' ? 2 : 0,
    }));
    const options = baseChartOptions();
    options.interaction = { mode: 'index', intersect: false };
    options.scales = {
      // engines differ by orders of magnitude: on a linear axis a slow store would be an invisible sliver
      y: {
        type: 'logarithmic',
        title: { display: true, text: 'ops/sec (log scale)' },
        ticks: {
          callback: (value) => (/^[125]/.test(String(value)) ? compactFormat.format(value) : ''),
        },
      },
    };
    options.plugins.tooltip = {
      callbacks: {
        label: (item) => {
          const engine = item.dataset.label;
          const workload = workloads[item.dataIndex];
          const value = item.parsed.y;
          if (value == null) return `${engine}: no result`;
          const r = ratio(engine, workload);
          const versus = r != null ? ` (${formatRatio(r)} the reference)` : '';
          return `${engine}: ${numberFormat.format(Math.round(value))} ops/sec${versus}`;
        },
      },
    };
    drawChart('bench', { type: 'bar', data: { labels: workloads, datasets }, options });
  }

  /** yours first, then the reference, then the other engines as they came. */
  function orderEngines(engines) {
    const rank = (engine) => (engine === 'yours' ? 0 : engine === 'reference' ? 1 : 2);
    return engines.map((engine, i) => [engine, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
      .map(([engine]) => engine);
  }

  /** The same numbers as a table: exact values, and readable without the chart. */
  function renderBenchTable(engines, workloads, find, ratio) {
    const head = el('tr', {}, el('th', { scope: 'col', text: 'engine' }),
      workloads.map((w) => el('th', { scope: 'col', text: w })));
    const rows = engines.map((engine) => el('tr', { class: engine === 'yours' ? 'yours' : null },
      el('th', { scope: 'row', text: engine }),
      workloads.map((workload) => {
        const result = find(engine, workload);
        if (!result) return el('td', { text: '—' });
        const r = ratio(engine, workload);
        return el('td', {}, numberFormat.format(Math.round(result.opsPerSec)),
          r != null ? el('span', { class: 'ratio', text: ` (${formatRatio(r)})` }) : null);
      })));
    $('bench-table').replaceChildren(
      el('caption', { text: 'ops/sec; in brackets, the ratio to the reference' }),
      el('thead', {}, head), el('tbody', {}, rows));
    $('bench-numbers').hidden = false;
  }

  /** Draws or redraws a chart in place (update keeps the canvas and its size). */
  function drawChart(kind, config) {
    const existing = state.charts[kind];
    if (existing && existing.config.type === config.type) {
      existing.data = config.data;
      existing.options = config.options;
      existing.update();
      return;
    }
    existing?.destroy();
    state.charts[kind] = new window.Chart($(`${kind}-chart`), config);
  }

  function setChartDefaults() {
    if (!chartsAvailable()) return;
    const css = getComputedStyle(document.body);
    window.Chart.defaults.font.family = css.fontFamily;
    window.Chart.defaults.color = '#333';
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Source viewer

  async function loadFiles() {
    const data = await api('/api/files');
    state.files = data.files ?? [];
    renderFileList();
  }

  /** Files grouped by folder: the package is context, the file name is what you click. */
  function renderFileList() {
    const folders = new Map();
    for (const path of state.files) {
      const at = path.lastIndexOf('/');
      const folder = at >= 0 ? path.slice(0, at + 1) : '';
      if (!folders.has(folder)) folders.set(folder, []);
      folders.get(folder).push(path);
    }
    const items = [...folders.entries()].map(([folder, paths]) => el('li', {},
      folder ? el('span', { class: 'folder', text: folder }) : null,
      el('ul', {}, paths.map((path) => el('li', {}, el('button', {
        type: 'button',
        class: 'file',
        dataset: { path },
        title: path,
        'aria-current': state.openFile?.path === path ? 'true' : null,
        onclick: () => openFile(path),
      }, baseName(path)))))));
    if (items.length === 0) items.push(el('li', { class: 'help', text: 'No sources found under src/main/java.' }));
    $('file-list').replaceChildren(...items);
  }

  async function openFile(path, line = null, { scroll = true } = {}) {
    const request = ++state.fileRequest;
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    let data;
    try {
      data = await api(`/api/files/${encoded}`);
    } catch (error) {
      if (request !== state.fileRequest) return;
      $('source-path').textContent = `Cannot open ${path}: ${error.message}`;
      return;
    }
    if (request !== state.fileRequest) return; // a newer click won
    state.openFile = { path: data.path ?? path, line };
    renderSource(state.openFile.path, data.text ?? '', line);
    for (const button of document.querySelectorAll('#file-list button.file')) {
      if (button.dataset.path === state.openFile.path) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
    if (scroll) revealLine(line);
  }

  function renderSource(path, text, highlight) {
    const lines = text.replace(/\n$/, '').split('\n');
    const width = String(lines.length).length;
    const code = $('source-code');
    code.style.setProperty('--gutter', `${width + 1}ch`);
    code.replaceChildren(...lines.map((line, i) => el('div', {
      class: i + 1 === highlight ? 'line highlight' : 'line',
      id: `source-line-${i + 1}`,
      dataset: { line: String(i + 1) },
    }, el('span', { class: 'ln', 'aria-hidden': 'true', text: String(i + 1) }),
    el('span', { class: 'tx', text: line }))));
    $('source-path').replaceChildren(el('code', { text: path }),
      highlight ? el('span', { class: 'help', text: ` · line ${highlight} highlighted` }) : null,
      el('span', { class: 'help', text: ' · read-only' }));
  }

  function revealLine(line) {
    const code = $('source-code');
    const target = line ? $(`source-line-${line}`) : null;
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    (target ?? $('source-heading')).scrollIntoView({ block: line ? 'center' : 'start', behavior: smooth ? 'smooth' : 'auto' });
    if (!line) code.scrollTop = 0;
    code.focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Start

  async function loadStatus() {
    renderStatus(await api('/api/status'));
  }

  /** Loads everything; after a reconnect the lesson stays as it is, unless the milestone changed (renderStatus). */
  async function refreshAll({ lesson = true } = {}) {
    const results = await Promise.allSettled([
      lesson ? loadStatus().then(() => loadLesson(state.milestone ?? 1)) : loadStatus(),
      loadCriteria(),
      loadHistory(),
      loadFiles(),
    ]);
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0) {
      showNotice(`${LOAD_FAILED}: ${failed[0].reason?.message ?? failed[0].reason}. `
        + 'Is `companion start` still running?', { sticky: true });
    } else if ($('notice').textContent.startsWith(LOAD_FAILED)) {
      showNotice(''); // loaded fine this time: the old complaint no longer holds
    }
  }

  /** A click anywhere on a failed row opens it, as long as it is not on a control or a text selection. */
  function onTableClick(event) {
    const row = event.target.closest('tr.expandable');
    if (!row || event.target.closest('button, a, input')) return;
    if (window.getSelection()?.toString()) return;
    toggleDetails(row.dataset.criterion);
  }

  function start() {
    setChartDefaults();
    rememberLessonOpen();
    $('run-tests').addEventListener('click', () => startRun('test'));
    $('run-bench').addEventListener('click', () => startRun('bench'));
    $('watch-toggle').addEventListener('change', changeWatch);
    $('criteria').addEventListener('click', onTableClick);
    window.CompanionGuidance.init({ el, api });
    connectEvents();
    refreshAll();
  }

  start();
})();
