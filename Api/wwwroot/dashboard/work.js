// The work panel: queue cards per role, jobs with their controls, items set aside; and the
// sessions and GPU tables.
import { KeyedTable, barColumn, el, fmtDuration, fmtFraction, fmtInt, fmtRate, setAttr, setText, textColumn, visibleText } from './dom.js';

const ALWAYS_SHOWN_ROLES = ['cpu', 'gpu'];
const SET_ASIDE_SHOWN = 100;

// Files done: succeeded already counts the duplicates (they are linked, not analysed, and succeed).
function jobDone(job) {
  return (job.succeeded ?? 0) + (job.failed ?? 0);
}

function plural(count, noun) {
  return `${fmtInt(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function jobFraction(job) {
  if (job.state === 'Completed') return 1;
  return job.listed > 0 ? jobDone(job) / job.listed : 0;
}

/** Which controls a job in a state allows. */
export function allowedActions(state) {
  return {
    pause: state === 'Running',
    resume: state === 'Paused',
    cancel: state === 'Running' || state === 'Paused',
  };
}

// Cancel cannot be undone, so its button only asks: the cell then shows the question with "Cancel job" and "Keep job".
const actionColumn = {
  className: 'actions',
  init(td) {
    const buttons = el('span', { class: 'action-buttons' });
    for (const action of ['pause', 'resume', 'cancel']) {
      const label = action[0].toUpperCase() + action.slice(1);
      buttons.append(el('button', { type: 'button', class: `small ${action}`, 'data-action': action, 'data-testid': `job-${action}` }, label));
    }
    const question = el('span', { class: 'confirm-question', 'data-testid': 'job-cancel-question' });
    const confirm = el('span', { class: 'confirm', role: 'group', 'data-testid': 'job-cancel-confirm', hidden: '' },
      question,
      el('button', { type: 'button', class: 'small cancel', 'data-confirm': 'cancel', 'data-testid': 'job-cancel-yes', disabled: '' }, 'Cancel job'),
      el('button', { type: 'button', class: 'small', 'data-confirm': 'keep', 'data-testid': 'job-cancel-keep', disabled: '' }, 'Keep job'));
    td.append(buttons, confirm);
  },
  update(td, job) {
    const row = td.parentElement;
    // A sent action holds the buttons until the job's state moves on.
    if (row.dataset.pending && row.dataset.pending !== job.state) delete row.dataset.pending;
    // A job that ended while its cancel was being confirmed has nothing left to cancel.
    if (row.dataset.confirming !== undefined && !allowedActions(job.state).cancel) showConfirm(td, false);
    enableActions(td, job.state, row.dataset.pending !== undefined);
    for (const button of actionButtons(td)) setAttr(button, 'aria-label', `${button.textContent} job ${visibleText(job.jobId)}`);
    const [question] = td.lastChild.children;
    setText(question, `Cancel job ${job.jobId}? This cannot be undone.`);
    setAttr(td.lastChild, 'aria-label', `Confirm cancelling job ${visibleText(job.jobId)}`);
  },
};

function actionButtons(td) {
  return td.firstChild.children;
}

/** Shows the cancel question in place of the buttons (and moves the focus into it), or the buttons again. */
function showConfirm(td, shown) {
  const row = td.parentElement;
  if (shown) row.dataset.confirming = '';
  else delete row.dataset.confirming;
  td.firstChild.hidden = shown;
  td.lastChild.hidden = !shown;
  // Hidden, the question's buttons are disabled too: a row offers no enabled control it does not show.
  for (const button of td.lastChild.querySelectorAll('button')) button.disabled = !shown;
  const focus = shown ? td.lastChild.querySelector('[data-confirm=keep]') : td.firstChild.querySelector('[data-action=cancel]');
  if (td.contains(document.activeElement) || shown) focus.focus();
}

function enableActions(td, state, pending) {
  const allowed = allowedActions(state);
  for (const button of actionButtons(td)) {
    const disabled = pending || !allowed[button.dataset.action];
    if (button.disabled !== disabled) button.disabled = disabled;
  }
}

const stateColumn = {
  update(td, item) {
    setText(td, item.state);
    setAttr(td, 'class', `state state-${String(item.state).toLowerCase()}`);
  },
};

/** Builds the work, sessions and GPU panels; returns an update function for a snapshot. */
export function createWorkPanels(root, onJobAction) {
  const byId = (id) => root.querySelector(`#${id}`);
  const queues = byId('queues');
  const queueCards = new Map();

  const jobsBody = byId('jobs');
  function send(row, td, action) {
    row.dataset.pending = row.dataset.state;
    enableActions(td, row.dataset.state, true);
    onJobAction(row.dataset.jobId, action, (accepted) => {
      if (accepted) return;
      delete row.dataset.pending;
      enableActions(td, row.dataset.state, false);
    });
  }

  jobsBody.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action], button[data-confirm]');
    if (!button || button.disabled) return;
    const row = button.closest('tr');
    const td = button.closest('td');
    if (button.dataset.action === 'cancel') showConfirm(td, true);
    else if (button.dataset.action) send(row, td, button.dataset.action);
    else {
      showConfirm(td, false);
      if (button.dataset.confirm === 'cancel' && allowedActions(row.dataset.state).cancel) send(row, td, 'cancel');
    }
  });
  jobsBody.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const td = event.target.closest('td.actions');
    if (td && td.parentElement.dataset.confirming !== undefined) showConfirm(td, false);
  });

  const jobs = new KeyedTable(jobsBody, {
    key: (j) => j.jobId,
    rowTestId: 'job-row',
    rowAttrs: (j) => ({ 'data-job-id': j.jobId, 'data-state': j.state }),
    empty: byId('jobs-empty'),
    columns: [
      textColumn((j) => j.jobId, 'mono'),
      textColumn((j) => `${j.tenantId} / ${j.libraryId}`),
      stateColumn,
      barColumn(jobFraction, (j) => `${fmtInt(jobDone(j))} / ${fmtInt(j.listed)}`, 'job-progress', (j) => `Progress of job ${j.jobId}`),
      textColumn((j) => fmtInt(j.failed), 'num'),
      textColumn((j) => fmtInt(j.duplicates), 'num'),
      textColumn((j) => fmtRate(j.filesPerSecond), 'num'),
      textColumn((j) => (j.state === 'Running' ? fmtDuration(j.etaSeconds) : '—'), 'num'),
      actionColumn,
    ],
  });

  const setAside = new KeyedTable(byId('setaside'), {
    key: (s) => `${s.jobId}\u0000${s.itemKey}`,
    rowTestId: 'setaside-row',
    empty: byId('setaside-empty'),
    columns: [
      textColumn((s) => s.jobId, 'mono'),
      textColumn((s) => s.itemKey, 'mono clip'),
      textColumn((s) => s.error, 'error-text'),
      textColumn((s) => fmtInt(s.attempts), 'num'),
    ],
  });

  const sessions = new KeyedTable(byId('sessions'), {
    key: (s) => s.sessionId,
    rowTestId: 'session-row',
    empty: byId('sessions-empty'),
    columns: [
      textColumn((s) => s.sessionId, 'mono'),
      textColumn((s) => s.libraryId),
      textColumn((s) => fmtInt(s.participants), 'num'),
      textColumn((s) => fmtRate(s.opsPerSecond), 'num'),
      textColumn((s) => fmtInt(s.revision), 'num'),
    ],
  });

  const gpu = new KeyedTable(byId('gpu'), {
    key: (g) => g.siloId,
    rowTestId: 'gpu-row',
    rowAttrs: (g) => ({ 'data-cpu-fallback': g.cpuFallback ? 'true' : 'false' }),
    empty: byId('gpu-empty'),
    columns: [
      textColumn((g) => g.siloId, 'mono'),
      {
        update(td, g) {
          setText(td, g.cpuFallback ? `CPU fallback (${g.device})` : g.device);
          setAttr(td, 'class', g.cpuFallback ? 'fallback' : '');
        },
      },
      barColumn((g) => (g.cpuFallback ? 0 : g.utilisation), (g) => (g.cpuFallback ? 'n/a on CPU' : fmtFraction(g.utilisation)), undefined,
        (g) => `Utilisation of ${g.siloId}`),
      textColumn((g) => fmtInt(g.batchSize), 'num'),
      textColumn((g) => g.model || '—'),
      textColumn((g) => fmtRate(g.itemsPerSecond), 'num'),
    ],
  });

  function queueCard(role) {
    let card = queueCards.get(role);
    if (card) return card;
    const depth = el('span', { class: 'queue-depth', 'data-testid': `queue-depth-${role}` });
    const detail = el('span', { class: 'queue-detail' });
    card = el('div', { class: 'queue', 'data-testid': `queue-${role}`, 'data-role': role },
      el('span', { class: 'queue-role' }, `${role} queue`), depth, detail);
    card.depth = depth;
    card.detail = detail;
    queueCards.set(role, card);
    queues.append(card);
    return card;
  }

  function updateQueues(list) {
    const seen = new Set();
    for (const q of list) {
      seen.add(q.role);
      const card = queueCard(q.role);
      setText(card.depth, fmtInt(q.pending));
      setText(card.detail, `${fmtInt(q.leased)} leased · oldest ${fmtDuration(q.oldestAgeSeconds)} · ${fmtRate(q.itemsPerSecond)} items/s`);
    }
    for (const role of ALWAYS_SHOWN_ROLES) {
      if (seen.has(role)) continue;
      const card = queueCard(role);
      setText(card.depth, '0');
      setText(card.detail, 'no queue reported');
    }
  }

  return function update(snapshot) {
    updateQueues(snapshot.queues ?? []);
    const jobList = snapshot.jobs ?? [];
    jobs.update(jobList);
    // Every running or paused job is listed up to the server's cap; the others are counted in jobTotals.
    const notShown = snapshot.jobTotals?.activeNotShown ?? 0;
    const more = byId('jobs-more');
    more.hidden = notShown === 0;
    setText(more, `${plural(notShown, 'more active job')} not shown`);
    // The snapshot carries each listed job's latest few; the count is every file every job set aside (jobTotals).
    const aside = (snapshot.setAside ?? []).slice(0, SET_ASIDE_SHOWN);
    const total = snapshot.jobTotals?.failed ?? jobList.reduce((sum, job) => sum + (job.failed ?? 0), 0);
    setAside.update(aside);
    setText(byId('setaside-count'), total > aside.length
      ? `(${fmtInt(total)}, latest ${fmtInt(aside.length)} shown)` : `(${fmtInt(total)})`);
    const live = snapshot.sessions ?? [];
    sessions.update(live);
    let participants = 0;
    let ops = 0;
    for (const s of live) {
      participants += s.participants ?? 0;
      ops += s.opsPerSecond ?? 0;
    }
    setText(byId('sessions-count'),
      `(${plural(live.length, 'session')} · ${plural(participants, 'participant')} · ${fmtRate(ops)} ops/s)`);
    gpu.update(snapshot.gpu ?? []);
  };
}
