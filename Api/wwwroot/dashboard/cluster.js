// The cluster and grains panels: silos, membership changes, activations and call statistics.
import { KeyedTable, el, fmtClock, fmtDuration, fmtFraction, fmtInt, fmtMs, fmtRate, setAttr, setText, textColumn, visibleText } from './dom.js';

const MEMBERSHIP_SHOWN = 30;

function partitionsText(partitions) {
  if (!partitions) return '—';
  const parts = [];
  for (const [ring, count] of Object.entries(partitions)) parts.push(`${ring} ${count}`);
  return parts.length ? parts.join(' · ') : '—';
}

const statusColumn = {
  update(td, silo) {
    setText(td, silo.status);
    setAttr(td, 'class', `status status-${silo.status}`);
  },
};

/** Sums one silo's (or all silos') per-type rows into one row per grain type. */
export function grainsByType(grains, siloId) {
  const byType = new Map();
  for (const g of grains) {
    if (siloId && g.siloId !== siloId) continue;
    let row = byType.get(g.grainType);
    if (!row) {
      row = { grainType: g.grainType, activations: 0, silos: 0, callsPerSecond: 0, weightedP50: 0, p99Ms: 0, weightedErrors: 0, sumP50: 0, sumErrors: 0 };
      byType.set(g.grainType, row);
    }
    const calls = g.callsPerSecond ?? 0;
    row.activations += g.activations ?? 0;
    row.silos += 1;
    row.callsPerSecond += calls;
    row.weightedP50 += (g.p50Ms ?? 0) * calls;
    row.weightedErrors += (g.errorRate ?? 0) * calls;
    row.sumP50 += g.p50Ms ?? 0;
    row.sumErrors += g.errorRate ?? 0;
    if ((g.p99Ms ?? 0) > row.p99Ms) row.p99Ms = g.p99Ms;
  }
  const rows = [...byType.values()];
  // Weighted by each silo's calls/s; with no calls in the window (every weight 0) each silo counts the same, so the
  // figures the silos measured before still show instead of 0.
  for (const row of rows) {
    const called = row.callsPerSecond > 0;
    row.p50Ms = called ? row.weightedP50 / row.callsPerSecond : row.sumP50 / row.silos;
    row.errorRate = called ? row.weightedErrors / row.callsPerSecond : row.sumErrors / row.silos;
  }
  rows.sort((a, b) => b.activations - a.activations || a.grainType.localeCompare(b.grainType));
  return rows;
}

/** Builds the cluster and grains panels; returns an update function for a snapshot. */
export function createClusterPanels(root) {
  const byId = (id) => root.querySelector(`#${id}`);
  const siloSelect = byId('grain-silo');
  let siloOptions = '';
  let lastSnapshot = null;

  const silos = new KeyedTable(byId('silos'), {
    key: (s) => s.id,
    rowTestId: 'silo-row',
    // A row is a toggle for the grains filter: focusable, Enter or Space as well as a click.
    rowAttrs: (s) => ({ 'data-silo-id': s.id, 'data-status': s.status, tabindex: '0', 'aria-label': `Show grains of silo ${visibleText(s.id)}` }),
    empty: byId('silos-empty'),
    columns: [
      textColumn((s) => s.id, 'mono'),
      textColumn((s) => (s.roles ?? []).join(', ')),
      statusColumn,
      textColumn((s) => s.address, 'mono'),
      textColumn((s) => fmtDuration(s.uptimeSeconds), 'num'),
      textColumn((s) => `${fmtRate(s.cpuPercent)} %`, 'num'),
      textColumn((s) => `${fmtInt(s.memoryMb)} MB`, 'num'),
      textColumn((s) => partitionsText(s.partitions), 'partitions'),
      textColumn((s) => fmtInt(s.activations), 'num'),
    ],
  });

  const membership = new KeyedTable(byId('membership'), {
    key: (c) => `${c.time}\u0000${c.siloId}\u0000${c.change}`,
    rowTestId: 'membership-change',
    empty: byId('membership-empty'),
    columns: [
      textColumn((c) => fmtClock(c.time), 'mono'),
      textColumn((c) => c.siloId, 'mono'),
      {
        update(td, c) {
          setText(td, c.change);
          setAttr(td, 'class', `change change-${c.change}`);
        },
      },
      textColumn((c) => c.detail ?? ''),
    ],
  });
  // The list holds rows of four spans rather than table cells (the detail, e.g. who declared a death, on its own line).
  membership.createRow = function createRow(key) {
    const item = el('li', { 'data-key': key, 'data-testid': 'membership-change' });
    for (let i = 0; i < 3; i++) item.append(el('span'));
    item.append(el('span', { class: 'change-detail', 'data-testid': 'membership-detail' }));
    return item;
  };

  const grains = new KeyedTable(byId('grains'), {
    key: (g) => g.grainType,
    rowTestId: 'grain-row',
    empty: byId('grains-empty'),
    columns: [
      textColumn((g) => g.grainType),
      textColumn((g) => fmtInt(g.activations), 'num'),
      textColumn((g) => fmtInt(g.silos), 'num'),
      textColumn((g) => fmtRate(g.callsPerSecond), 'num'),
      textColumn((g) => fmtMs(g.p50Ms), 'num'),
      textColumn((g) => fmtMs(g.p99Ms), 'num'),
      textColumn((g) => fmtFraction(g.errorRate), 'num'),
    ],
  });

  const slowest = new KeyedTable(byId('slowest'), {
    key: (m) => `${m.grainType}.${m.method}`,
    rowTestId: 'slow-method',
    empty: byId('slowest-empty'),
    columns: [
      textColumn((m) => m.grainType),
      textColumn((m) => m.method, 'mono'),
      textColumn((m) => fmtMs(m.p99Ms), 'num'),
      textColumn((m) => fmtInt(m.calls), 'num'),
    ],
  });

  function updateSiloOptions(list) {
    const ids = list.map((s) => s.id).join('\u0000');
    if (ids === siloOptions) return;
    siloOptions = ids;
    const selected = siloSelect.value;
    const options = [el('option', { value: '' }, 'all silos')];
    for (const s of list) options.push(el('option', { value: s.id }, s.id));
    siloSelect.replaceChildren(...options);
    siloSelect.value = list.some((s) => s.id === selected) ? selected : '';
  }

  function updateGrains() {
    if (!lastSnapshot) return;
    grains.update(grainsByType(lastSnapshot.grains ?? [], siloSelect.value));
  }

  siloSelect.addEventListener('change', updateGrains);
  function toggleSilo(row) {
    siloSelect.value = siloSelect.value === row.dataset.siloId ? '' : row.dataset.siloId;
    updateGrains();
  }

  byId('silos').addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-silo-id]');
    if (row) toggleSilo(row);
  });
  byId('silos').addEventListener('keydown', (event) => {
    const row = event.target.closest('tr[data-silo-id]');
    if (!row || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    toggleSilo(row);
  });

  return function update(snapshot) {
    lastSnapshot = snapshot;
    const siloList = snapshot.silos ?? [];
    silos.update(siloList);
    const changes = (snapshot.membershipChanges ?? []).slice();
    changes.sort((a, b) => String(b.time).localeCompare(String(a.time)));
    membership.update(changes.slice(0, MEMBERSHIP_SHOWN));
    updateSiloOptions(siloList);
    updateGrains();
    slowest.update(snapshot.slowestMethods ?? []);
  };
}
