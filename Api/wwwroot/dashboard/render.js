// Renders a whole DashboardSnapshot (docs/dashboard-contract.md) into the page.
import { drawChart } from './charts.js';
import { createClusterPanels } from './cluster.js';
import { fmtClock, fmtInt, fmtRate, setText } from './dom.js';
import { createWorkPanels } from './work.js';

/** Creates the renderer for the dashboard view; onJobAction(jobId, action, done) runs the buttons. */
export function createRenderer(root, onJobAction) {
  const byId = (id) => document.getElementById(id);
  const updateCluster = createClusterPanels(root);
  const updateWork = createWorkPanels(root, onJobAction);
  const charts = {
    calls: byId('chart-calls'),
    p99: byId('chart-p99'),
    queue: byId('chart-queue'),
  };

  function updateSummary(snapshot) {
    const silos = snapshot.silos ?? [];
    let active = 0;
    let activations = 0;
    for (const s of silos) {
      if (s.status === 'active') active++;
      activations += s.activations ?? 0;
    }
    let calls = 0;
    for (const g of snapshot.grains ?? []) calls += g.callsPerSecond ?? 0;
    let queued = 0;
    for (const q of snapshot.queues ?? []) queued += q.pending ?? 0;
    // Every job's count (jobTotals), not the listed rows'.
    let running = snapshot.jobTotals?.running;
    if (running === undefined) {
      running = 0;
      for (const j of snapshot.jobs ?? []) if (j.state === 'Running') running++;
    }
    setText(byId('sum-silos'), `${fmtInt(active)} / ${fmtInt(silos.length)}`);
    setText(byId('sum-activations'), fmtInt(activations));
    setText(byId('sum-calls'), fmtRate(calls));
    setText(byId('sum-queued'), fmtInt(queued));
    setText(byId('sum-jobs'), fmtInt(running));
    setText(byId('sum-sessions'), fmtInt((snapshot.sessions ?? []).length));
  }

  function updateHeader(snapshot) {
    const mode = byId('mode');
    mode.hidden = false;
    setText(mode, snapshot.mode === 'cluster' ? 'cluster mode' : 'embedded mode');
    const updated = byId('last-update');
    setText(updated, `Updated ${fmtClock(new Date())} · snapshot ${fmtClock(snapshot.time)}`);
    updated.dataset.snapshotTime = snapshot.time ?? '';
  }

  return function render(snapshot) {
    if (!snapshot || typeof snapshot !== 'object') throw new TypeError('render needs a DashboardSnapshot object');
    updateHeader(snapshot);
    updateSummary(snapshot);
    updateWork(snapshot);
    updateCluster(snapshot);
    const history = snapshot.history ?? {};
    drawChart(charts.calls, history.callsPerSecond, 'Calls per second, last hour');
    drawChart(charts.p99, history.p99Ms, 'p99 latency in milliseconds, last hour');
    drawChart(charts.queue, history.queueDepth, 'Queue depth in items, last hour');
  };
}
