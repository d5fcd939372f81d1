// The work panel: queue cards per role, jobs with their controls, items set aside; and the
// sessions and GPU tables.
import { KeyedTable, barColumn, el, fmtDuration, fmtFraction, fmtInt, fmtRate, setAttr, setText, textColumn } from './dom.js';

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

const actionColumn = {
  className: 'actions',
  init(td) {
    for (const action of ['pause', 'resume', 'cancel']) {
      const label = action[0].toUpperCase() + action.slice(1);
      td.append(el('button', { type: 'button', class: `small ${action}`, 'data-action': action, 'data-testid': `job-${action}` }, label));
    }
  },
  update(td, job) {
    const row = td.parentElement;
    // A sent action holds the buttons until the job's state moves on.
    if (row.dataset.pending && row.dataset.pending !== job.state) delete row.dataset.pending;
    enableActions(td, job.state, row.dataset.pending !== undefined);
    for (const button of td.children) setAttr(button, 'aria-label', `${button.textContent} job ${job.jobId}`);
  },
};

function enableActions(td, state, pending) {
  const allowed = allowedActions(state);
  for (const button of td.children) {
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
  jobsBody.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button || button.disabled) return;
    const row = button.closest('tr');
    row.dataset.pending = row.dataset.state;
    enableActions(button.parentElement, row.dataset.state, true);
    onJobAction(row.dataset.jobId, button.dataset.action, (accepted) => {
      if (accepted) return;
      delete row.dataset.pending;
      enableActions(button.parentElement, row.dataset.state, false);
    });
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
      barColumn(jobFraction, (j) => `${fmtInt(jobDone(j))} / ${fmtInt(j.listed)}`, 'job-progress'),
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
      barColumn((g) => (g.cpuFallback ? 0 : g.utilisation), (g) => (g.cpuFallback ? 'n/a on CPU' : fmtFraction(g.utilisation))),
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
    jobs.update(snapshot.jobs ?? []);
    // The snapshot carries each job's latest few; the count is every file the jobs set aside.
    const aside = (snapshot.setAside ?? []).slice(0, SET_ASIDE_SHOWN);
    const total = (snapshot.jobs ?? []).reduce((sum, job) => sum + (job.failed ?? 0), 0);
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
