// A hand-testing client for /v1/sessions/{id}/ws (docs/sessions.md). It applies the server's ops to
// its copy of the document; its own edits go one at a time, and after each ack it reloads the
// document at that revision over REST (the ack does not carry the op as the server transformed it).
"use strict";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = { socket: null, doc: null, revision: -1, seq: 0, inFlight: false, reloading: false, queued: [], clientId: "" };

$("sid").value = params.get("id") || "";
$("key").value = sessionStorage.getItem("samplemind-key") || "";
$("connect").addEventListener("submit", (e) => { e.preventDefault(); connect(); });
$("add-track").addEventListener("click", () => {
  const id = "t" + Math.random().toString(36).slice(2, 8);
  edit({ kind: "insert", path: ["tracks", state.doc.tracks.length],
    value: { id, name: "track " + id, settings: { gain: 0, pan: 0, mute: false, solo: false }, clips: [] } });
});
$("add-clip").addEventListener("click", () => {
  if (state.doc.tracks.length === 0) return;
  const clips = state.doc.tracks[0].clips;
  const id = "c" + Math.random().toString(36).slice(2, 8);
  edit({ kind: "insert", path: ["tracks", 0, "clips", clips.length],
    value: { id, sampleId: "sample", startBeat: clips.length * 4, lengthBeats: 4, gain: 0, pitch: 0, timeStretch: 1 } });
});
$("tempo-up").addEventListener("click", () =>
  edit({ kind: "set", path: ["tempo"], oldValue: state.doc.tempo, value: Math.min(999, state.doc.tempo + 1) }));
$("undo").addEventListener("click", () => send({ type: "undo" }));
$("chat-form").addEventListener("submit", (e) => {
  e.preventDefault();
  if ($("chat-text").value) send({ type: "chat", text: $("chat-text").value });
  $("chat-text").value = "";
});

function connect() {
  const key = $("key").value.trim();
  const sid = $("sid").value.trim();
  sessionStorage.setItem("samplemind-key", key);
  $("session-id").textContent = sid;
  state.clientId = state.clientId || "web-" + Math.random().toString(36).slice(2, 10);
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  // A browser cannot set headers on a WebSocket: the key travels as a subprotocol, never in the URL (URLs are logged).
  const socket = new WebSocket(`${scheme}//${location.host}/v1/sessions/${encodeURIComponent(sid)}/ws`, ["samplemind.session", "bearer." + key]);
  state.socket = socket;
  socket.onopen = () => send({ type: "hello", clientId: state.clientId, lastRevision: state.doc ? state.revision : -1, role: $("role").value });
  socket.onmessage = (e) => receive(JSON.parse(e.data));
  socket.onclose = (e) => { status(`closed (${e.code}) ${e.reason || ""}`); buttons(false); };
}

function send(message) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(message));
}

function edit(primitive) {
  if (!state.doc || state.inFlight || state.reloading) return;
  state.inFlight = true;
  send({ type: "op", clientSeq: ++state.seq, baseRevision: state.revision, op: { ops: [primitive] } });
}

function receive(m) {
  switch (m.type) {
    case "welcome": status(`connected as ${m.clientId} (${m.role})`); participants(m.participants); buttons(m.role !== "viewer"); break;
    case "snapshot": state.doc = m.document; state.revision = m.revision; render(); break;
    case "op": if (state.reloading) state.queued.push(m); else applyRemote(m); break;
    case "ack": state.inFlight = false; reloadAt(m.revision); break;
    case "participants": participants(m.participants); break;
    case "chat": line("chat", `${m.clientId}: ${m.text}`); break;
    case "presence": break;
    case "error": line("errors", m.reason); if (m.clientSeq !== undefined) state.inFlight = false; break;
  }
}

function applyRemote(m) {
  if (m.revision <= state.revision) return;
  for (const op of m.op.ops || []) apply(state.doc, op);
  state.revision = m.revision;
  render();
}

async function reloadAt(revision) {
  state.reloading = true;
  const key = $("key").value.trim();
  const sid = $("sid").value.trim();
  const response = await fetch(`/v1/sessions/${encodeURIComponent(sid)}/snapshot?revision=${revision}`, { headers: { Authorization: "Bearer " + key } });
  if (response.ok) {
    const body = await response.json();
    state.doc = body.document;
    state.revision = body.revision;
  }
  state.reloading = false;
  const queued = state.queued.splice(0);
  for (const m of queued) applyRemote(m);
  render();
}

function apply(doc, op) {
  const path = op.path;
  let parent = doc;
  for (let i = 0; i < path.length - 1; i++) parent = parent[path[i]];
  const last = path[path.length - 1];
  switch (op.kind.toLowerCase()) {
    case "set": parent[last] = op.value; break;
    case "insert": parent.splice(last, 0, op.value); break;
    case "delete": parent.splice(last, 1); break;
    case "move": parent.splice(op.toIndex, 0, parent.splice(last, 1)[0]); break;
    case "edittext": parent[last] = editText(parent[last], op.text); break;
  }
}

function editText(text, components) {
  const points = Array.from(text);
  const out = [];
  let at = 0;
  for (const c of components) {
    if (typeof c === "string") out.push(...Array.from(c));
    else if (c > 0) { out.push(...points.slice(at, at + c)); at += c; }
    else at -= c;
  }
  return out.concat(points.slice(at)).join("");
}

function render() {
  $("revision").textContent = state.revision;
  $("tempo").textContent = state.doc ? state.doc.tempo : "-";
  const root = $("tracks");
  root.replaceChildren();
  for (const track of state.doc ? state.doc.tracks : []) {
    const div = document.createElement("div");
    div.className = "track";
    const title = document.createElement("h3");
    title.textContent = `${track.name} (gain ${track.settings.gain} dB, pan ${track.settings.pan})`;
    const table = document.createElement("table");
    table.innerHTML = "<tr><th>clip</th><th>sample</th><th>start</th><th>length</th><th>gain</th></tr>";
    for (const clip of track.clips) {
      const row = table.insertRow();
      for (const v of [clip.id, clip.sampleId, clip.startBeat, clip.lengthBeats, clip.gain]) row.insertCell().textContent = v;
    }
    div.append(title, table);
    root.append(div);
  }
}

function participants(list) {
  $("participants").replaceChildren(...list.map((p) => {
    const li = document.createElement("li");
    li.textContent = `${p.clientId} (${p.role})${p.clientId === state.clientId ? " — you" : ""}`;
    return li;
  }));
}

function line(list, text) {
  const li = document.createElement("li");
  li.textContent = text;
  $(list).append(li);
}

function status(text) { $("status").textContent = text; }

function buttons(enabled) {
  for (const id of ["add-track", "add-clip", "tempo-up", "undo"]) $(id).disabled = !enabled;
}
