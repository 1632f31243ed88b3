/*
 * CS Companion dashboard: the hint ladder and the optional AI tutor, one panel per failing criterion.
 *
 * app.js calls CompanionGuidance.panel(id) wherever a failure is explained, and init() once. The tutor's form
 * appears once a hint has been taken (and a provider is configured): the ladder comes first. Rows are rebuilt as
 * results arrive, so everything the panel shows lives in `state` here and a panel can be rebuilt at any moment;
 * streamed tutor text is written to the panel found by id, whichever element that is by then.
 *
 * Endpoints (docs/dashboard-api.md, "Guidance"): GET/POST /api/hints/{id}, GET /api/tutor, POST /api/tutor/preview,
 * POST /api/tutor (a stream of JSON lines). Server text is inserted with textContent only.
 */
'use strict';

window.CompanionGuidance = (() => {
  const TOKEN = document.querySelector('meta[name="companion-token"]')?.content ?? '';
  const state = {
    ladders: new Map(), // id -> {shown: [{level, levels, kind, text}], next: string|null, loading: bool, error}
    tutor: null, // GET /api/tutor, once loaded
    replies: new Map(), // id -> {label, text, note, busy}
    questions: new Map(), // id -> the question being typed, kept across re-renders
  };
  let el = null;
  let api = null;

  const $ = (id) => document.getElementById(id);

  function init(helpers) {
    ({ el, api } = helpers);
    api('/api/tutor').then((doc) => {
      state.tutor = doc;
      rerenderAll();
    }).catch(() => {
      state.tutor = { configured: false };
    });
  }

  function rerenderAll() {
    for (const node of document.querySelectorAll('.guidance[data-criterion]')) rerender(node.dataset.criterion);
  }

  function rerender(id) {
    const old = $(`guidance-${id}`);
    if (old) old.replaceWith(panel(id));
  }

  /** The panel for criterion `id`: the ladder so far, the hint button, and the tutor when one is configured. */
  function panel(id) {
    if (!state.ladders.has(id)) loadLadder(id);
    const ladder = state.ladders.get(id);
    const shown = ladder.shown;
    const button = el('button', {
      type: 'button',
      class: 'small hint-button',
      id: `hint-${id}`,
      'aria-controls': `hint-text-${id}`,
      text: shown.length === 0 ? 'Hint' : 'Next hint',
      onclick: () => nextHint(id),
    });
    const list = el('ol', { class: 'hint-ladder', id: `hint-text-${id}`, 'aria-live': 'polite', hidden: !shown.length },
      shown.map((h) => el('li', { dataset: { level: String(h.level) } },
        el('span', { class: 'hint-level', text: `Hint ${h.level} of ${h.levels} · ${h.kind}` }),
        el('p', { class: 'hint', text: h.hint }))));
    const next = el('p', { class: 'hint-next help', id: `hint-next-${id}`, hidden: !ladder.next && !ladder.error },
      ladder.error ?? ladder.next ?? '');
    return el('div', { class: 'guidance', id: `guidance-${id}`, dataset: { criterion: id } },
      el('div', { class: 'hint-box' }, button), list, next, shown.length ? tutorForm(id) : null);
  }

  async function loadLadder(id) {
    state.ladders.set(id, { shown: [], next: null, error: null });
    try {
      const doc = await api(`/api/hints/${encodeURIComponent(id)}`);
      const ladder = state.ladders.get(id);
      ladder.shown = doc.shown.map((h) => ({ ...h, hint: h.text }));
      ladder.next = doc.shown.length ? doc.next : null;
      rerender(id);
    } catch {
      // the button still works; the ladder so far simply is not shown
    }
  }

  async function nextHint(id) {
    const ladder = state.ladders.get(id);
    try {
      const hint = await api(`/api/hints/${encodeURIComponent(id)}`, { method: 'POST' });
      ladder.shown = ladder.shown.filter((h) => h.level < hint.level).concat([hint]);
      ladder.next = hint.advanced ? hint.next : `Still hint ${hint.level}. ${hint.next}`;
      ladder.error = null;
    } catch (error) {
      ladder.error = `No hint could be loaded: ${error.message}`;
    }
    rerender(id);
    $(`hint-${id}`)?.focus();
  }

  // -------------------------------------------------------------------------------------------------------------
  // The AI tutor

  function tutorForm(id) {
    if (!state.tutor?.configured) return null;
    const reply = state.replies.get(id);
    const question = el('textarea', {
      id: `tutor-question-${id}`,
      rows: '2',
      placeholder: 'Ask the AI tutor about this failure…',
      'aria-label': `Question for the AI tutor about ${id}`,
      oninput: (event) => state.questions.set(id, event.target.value),
    });
    question.value = state.questions.get(id) ?? '';
    const ask = el('button', {
      type: 'button', class: 'small', id: `tutor-ask-${id}`, disabled: reply?.busy, text: 'Ask', onclick: () => askTutor(id),
    });
    const out = el('div', { class: 'tutor-reply', id: `tutor-reply-${id}`, hidden: !reply, 'aria-live': 'polite' },
      el('p', { class: 'ai-label', text: reply?.label ?? '' }),
      el('p', { class: 'tutor-text', id: `tutor-text-${id}`, text: reply?.text ?? '' }),
      el('p', { class: 'tutor-note', id: `tutor-note-${id}`, hidden: !reply?.note, text: reply?.note ?? '' }));
    return el('div', { class: 'tutor' },
      el('p', { class: 'help', text: `AI tutor: ${state.tutor.provider}` }), question, ask, out);
  }

  async function askTutor(id) {
    const question = (state.questions.get(id) ?? '').trim();
    if (!question) {
      $(`tutor-question-${id}`)?.focus();
      return;
    }
    let preview;
    try {
      preview = await api('/api/tutor/preview', { method: 'POST', body: { criterion: id, question } });
    } catch (error) {
      showReply(id, { label: '', text: '', note: error.message });
      return;
    }
    if (!preview.consented && !(await confirmSend(preview))) return;
    stream(id, question);
  }

  /** The consent dialog: exactly what will be sent, and where. Resolves true on "Send". */
  function confirmSend(preview) {
    const dialog = $('tutor-consent');
    $('tutor-consent-where').textContent = `To ${preview.url} (${preview.provider})`
      + (preview.keySent ? ', with your key in the Authorization header' : '') + ':';
    $('tutor-consent-body').textContent = preview.body;
    return new Promise((resolve) => {
      const done = (answer) => {
        dialog.close();
        resolve(answer);
      };
      $('tutor-consent-send').onclick = () => done(true);
      $('tutor-consent-cancel').onclick = () => done(false);
      dialog.oncancel = () => resolve(false);
      dialog.showModal();
    });
  }

  function showReply(id, reply) {
    state.replies.set(id, reply);
    rerender(id);
  }

  /** POST /api/tutor and show each line of the reply as it arrives. */
  async function stream(id, question) {
    const reply = { label: 'Asking the AI tutor…', text: '', note: '', busy: true };
    showReply(id, reply);
    try {
      const response = await fetch('/api/tutor', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Companion-Token': TOKEN },
        body: JSON.stringify({ criterion: id, question, consent: true }),
      });
      if (!response.ok) {
        const data = await response.json().catch(() => ({}));
        throw new Error(data.error || `${response.status} ${response.statusText}`);
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          handle(id, reply, JSON.parse(buffered.slice(0, newline)));
          buffered = buffered.slice(newline + 1);
        }
      }
    } catch (error) {
      reply.note = `The tutor could not answer: ${error.message}`;
    }
    reply.busy = false;
    showReply(id, reply);
  }

  function handle(id, reply, event) {
    if (event.type === 'start') {
      reply.label = event.label;
      showReply(id, reply);
    } else if (event.type === 'delta') {
      reply.text += event.text;
      const node = $(`tutor-text-${id}`);
      if (node) node.textContent = reply.text; // cheaper than a rebuild for every piece
    } else if (event.type === 'withdrawn') {
      reply.note = `Reply withdrawn: ${event.reason}. The offline hint instead: ${event.hint.hint}`;
    } else if (event.type === 'error') {
      reply.note = `${event.error}. The offline hint instead: ${event.hint.hint}`;
    }
  }

  return { init, panel };
})();
