// The operator dashboard: sign-in with an admin key, the first snapshot, then live snapshots read
// from the event stream with fetch (EventSource cannot send the Authorization header).
import { readServerSentEvents } from './sse.js';
import { visibleText } from './dom.js';
import { createRenderer } from './render.js';

const KEY_STORAGE = 'samplemind.adminKey';
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15000;
const STALL_MS = 5000;
const NOTICE_MS = 6000;

/** An answer of 401 or 403: the key is missing, wrong, or lacks the admin scope. */
class AuthError extends Error {}

const byId = (id) => document.getElementById(id);
const views = { login: byId('login-view'), dashboard: byId('dashboard-view') };
let streamAbort = null;
let pendingSnapshot = null;
let frameRequested = false;
let noticeTimer = 0;

const renderer = createRenderer(views.dashboard, runJobAction);

function showDashboard() {
  views.login.hidden = true;
  views.dashboard.hidden = false;
  byId('logout').hidden = false;
}

function render(snapshot) {
  showDashboard();
  renderer(snapshot);
}

/** Streamed snapshots are drawn at most once per frame; the newest wins. */
function renderSoon(snapshot) {
  pendingSnapshot = snapshot;
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    const next = pendingSnapshot;
    pendingSnapshot = null;
    if (next) render(next);
  });
}

function setConnection(state, text) {
  const node = byId('connection');
  node.dataset.state = state;
  node.textContent = text ?? state;
}

function notify(message, isError = false) {
  const notice = byId('notice');
  notice.textContent = visibleText(message);
  notice.classList.toggle('error', isError);
  // An error is announced at once (alert); other notices politely (status).
  notice.setAttribute('role', isError ? 'alert' : 'status');
  notice.setAttribute('aria-live', isError ? 'assertive' : 'polite');
  notice.hidden = false;
  clearTimeout(noticeTimer);
  // An error stays until the next notice or a click on it: an operator who looked away still reads why an action failed.
  if (!isError) noticeTimer = setTimeout(() => { notice.hidden = true; }, NOTICE_MS);
}

async function problemDetail(response) {
  try {
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      const problem = await response.json();
      return problem.detail || problem.title || `HTTP ${response.status}`;
    }
    const text = await response.text();
    return text || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

async function api(path, options = {}) {
  const key = sessionStorage.getItem(KEY_STORAGE);
  const headers = { Accept: 'application/json', ...(options.headers ?? {}) };
  if (key) headers.Authorization = `Bearer ${key}`;
  const response = await fetch(path, { ...options, headers, cache: 'no-store' });
  if (response.status === 401 || response.status === 403) throw new AuthError(await problemDetail(response));
  if (!response.ok) throw new Error(await problemDetail(response));
  return response;
}

function showLogin(message) {
  stopStream();
  sessionStorage.removeItem(KEY_STORAGE);
  byId('login-key').value = '';
  views.dashboard.hidden = true;
  views.login.hidden = false;
  byId('logout').hidden = true;
  setConnection('offline');
  const error = byId('login-error');
  error.textContent = visibleText(message ?? '');
  error.hidden = !message;
  byId('login-key').focus();
}

function stopStream() {
  if (streamAbort) streamAbort.abort();
  streamAbort = null;
}

function waitMs(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

async function runStream(signal) {
  let delay = RETRY_MIN_MS;
  while (!signal.aborted) {
    // The server sends a snapshot a second: one that stops coming (a hung server, a dead proxy) is a lost
    // connection, not a quiet cluster, so the attempt is dropped and the page says it is reconnecting.
    const attempt = new AbortController();
    const onAbort = () => attempt.abort();
    signal.addEventListener('abort', onAbort);
    let lastHeard = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastHeard > STALL_MS) attempt.abort();
    }, 1000);
    try {
      const response = await api('/v1/dashboard/stream', { signal: attempt.signal, headers: { Accept: 'text/event-stream' } });
      if (!response.body) throw new Error('the stream has no body');
      setConnection('live');
      delay = RETRY_MIN_MS;
      await readServerSentEvents(response.body, (event, data) => {
        lastHeard = Date.now();
        if (event === 'snapshot') renderSoon(JSON.parse(data));
      });
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof AuthError) {
        showLogin(error.message);
        return;
      }
    } finally {
      clearInterval(watchdog);
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) return;
    setConnection('reconnecting', `reconnecting in ${Math.round(delay / 1000)} s`);
    await waitMs(delay, signal);
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  }
}

function startStream() {
  stopStream();
  streamAbort = new AbortController();
  runStream(streamAbort.signal);
}

async function refresh() {
  const response = await api('/v1/dashboard/snapshot');
  render(await response.json());
}

/**
 * Loads the first snapshot, then follows the stream. Only a 401 or 403 signs out; any other failure (the network, a
 * 503 while the host restarts) keeps the key and tries again with the stream's back-off, the badge saying so.
 */
async function signIn(key) {
  sessionStorage.setItem(KEY_STORAGE, key);
  stopStream();
  const loading = new AbortController();
  streamAbort = loading; // "Sign out" (or a new sign-in) stops the retries too
  setConnection('connecting');
  let delay = RETRY_MIN_MS;
  while (!loading.signal.aborted) {
    try {
      await refresh();
      if (loading.signal.aborted) return;
      hideNotice();
      startStream();
      return;
    } catch (error) {
      if (loading.signal.aborted) return;
      if (error instanceof AuthError) {
        showLogin(error.message);
        return;
      }
      const seconds = Math.round(delay / 1000);
      showDashboard();
      setConnection('reconnecting', `reconnecting in ${seconds} s`);
      notify(`The dashboard could not be loaded: ${error.message}. Trying again in ${seconds} s.`, true);
    }
    await waitMs(delay, loading.signal);
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  }
}

function hideNotice() {
  clearTimeout(noticeTimer);
  byId('notice').hidden = true;
}

async function runJobAction(jobId, action, done) {
  try {
    await api(`/v1/jobs/${encodeURIComponent(jobId)}/${action}`, { method: 'POST' });
  } catch (error) {
    done(false);
    if (error instanceof AuthError) showLogin(error.message);
    else notify(`Could not ${action} job ${jobId}: ${error.message}`, true);
    return;
  }
  done(true);
  notify(`${action[0].toUpperCase()}${action.slice(1)} sent for job ${jobId}.`);
  // The stream brings the new state too; this only makes it appear sooner.
  try {
    await refresh();
  } catch (error) {
    if (error instanceof AuthError) showLogin(error.message);
  }
}

byId('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = byId('login-key').value.trim();
  byId('login-key').value = ''; // kept in sessionStorage only, not in the page
  if (!key) {
    showLogin('Enter an admin API key.');
    return;
  }
  signIn(key);
});

byId('logout').addEventListener('click', () => showLogin());
byId('notice').addEventListener('click', () => { byId('notice').hidden = true; });

window.samplemindDashboard = Object.freeze({ render });

const storedKey = sessionStorage.getItem(KEY_STORAGE);
if (storedKey) signIn(storedKey);
else showLogin();
