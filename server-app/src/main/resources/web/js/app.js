// The browser client: wires the connection, the state and the view together.
import { Connection } from "./connection.js";
import { ChatState } from "./state.js";
import { renderConversations, renderMessages, renderPeople } from "./view.js";
import { authorizeDownloads, upload } from "./files.js";
import { roomEvent } from "./rooms.js";

const $ = (id) => document.getElementById(id);
const state = new ChatState();
const pending = new Map(); // ref -> what to file when the ack comes
const historyRefs = new Map(); // ref -> conversation key, or "base"
let connection = null;

function system(key, text, ts) {
  state.file(key, { kind: "system", text, ts }, false);
}

let renderTimer = null;
let renderScroll = "follow";

/** Renders soon, once for a burst of events (a replay brings hundreds at once); see renderMessages. */
function render(scroll = "follow") {
  if (scroll !== "follow") renderScroll = scroll;
  if (renderTimer === null) renderTimer = setTimeout(renderNow, 16);
}

function renderNow() {
  const scroll = renderScroll;
  renderTimer = null;
  renderScroll = "follow";
  const conv = state.conv(state.active);
  document.title = totalUnread() > 0 ? `(${totalUnread()}) tcp-chat` : "tcp-chat";
  $("title").textContent = conv.key;
  $("topic").textContent = conv.topic ?? "";
  $("older").hidden = !(conv.key.startsWith("@") || conv.key === "#lobby" ? state.baseMore : conv.more);
  renderConversations($("conversations"), state, pick);
  renderPeople($("people"), $("people-heading"), state, pick);
  renderMessages($("messages"), conv, scroll);
}

function totalUnread() {
  let n = 0;
  for (const c of state.convs.values()) n += c.unread;
  return n;
}

function pick(key) {
  state.active = key;
  const conv = state.conv(key);
  conv.unread = 0;
  if (key.startsWith("#") && key !== "#lobby" && state.roomsAware && conv.member) {
    connection.send({ type: "members", room: key });
    if (!conv.loaded) older();
  }
  document.body.classList.remove("show-side");
  render("bottom");
  $("text").focus();
}

/** The next page of history, older than what the conversation holds. */
function older() {
  const key = state.active;
  const conv = state.conv(key);
  conv.loaded = true;
  const base = key === "#lobby" || key.startsWith("@");
  const before = base ? state.baseOldest() : state.oldest(key);
  const request = { type: "history", limit: 50 };
  if (before !== null) request.before = before;
  if (!base) request.room = key;
  historyRefs.set(connection.send(request), base ? "base" : key);
}

function onEvent(ev) {
  if (typeof ev.seq === "number") state.noteSeq(ev.seq);
  switch (ev.type) {
    case "welcome": return onWelcome(ev);
    case "msg":
    case "file":
      fileStored(ev, true);
      break;
    case "joined":
    case "left":
      presence(ev, true);
      break;
    case "users":
      state.users = new Set(ev.users);
      break;
    case "history": return onHistory(ev);
    case "ack": return onAck(ev);
    case "room.state": return onRoomState(ev);
    case "rooms":
      system(state.active, "rooms: " + ev.rooms.map((r) => `${r.room} (${r.members})${r.topic ? " " + r.topic : ""}`).join(", "));
      break;
    case "error":
      pending.delete(ev.ref);
      system(state.active, `error (${ev.code}): ${ev.message}`);
      break;
    case "bye":
      system(state.active, `the server says bye: ${ev.reason}`);
      break;
    default:
      if (ev.type.startsWith("room.")) roomEvent(state, ev, true);
      else return; // pong, upload.ready, and what this page does not know
  }
  render();
}

function onWelcome(ev) {
  state.me = ev.user;
  state.session = ev.session;
  state.limits = ev.limits ?? {};
  state.roomsAware = Array.isArray(ev.rooms);
  for (const room of ev.rooms ?? []) state.conv(room).member = true;
  $("me").textContent = ev.user;
  $("login").hidden = true;
  $("chat").hidden = false;
  authorizeDownloads(ev.session);
  connection.send({ type: "who" });
  if (!state.conv("#lobby").loaded) {
    state.conv("#lobby").loaded = true;
    const ref = connection.send({ type: "history", limit: 50 });
    historyRefs.set(ref, "base");
  }
  const active = state.conv(state.active);
  if (active.key !== "#lobby" && active.key.startsWith("#") && state.roomsAware) connection.send({ type: "members", room: active.key });
  render();
}

function fileStored(ev, live) {
  const key = state.keyOf(ev);
  const item = ev.type === "file"
    ? { kind: "file", seq: ev.seq, ts: ev.ts, from: ev.from, file: ev.file, name: ev.name, size: ev.size }
    : { kind: ev.kind === "action" ? "action" : "msg", seq: ev.seq, ts: ev.ts, from: ev.from, text: ev.text };
  state.file(key, item, live);
}

function presence(ev, live) {
  if (live) {
    if (ev.type === "joined") state.users.add(ev.user);
    else state.users.delete(ev.user);
  }
  const text = ev.type === "joined" ? `${ev.user} is online` : `${ev.user} went offline (${ev.reason})`;
  state.file("#lobby", { kind: "system", seq: ev.seq, ts: ev.ts, text }, false);
}

function onHistory(ev) {
  const where = historyRefs.get(ev.ref);
  historyRefs.delete(ev.ref);
  for (const e of ev.events ?? []) {
    if (e.type === "msg" || e.type === "file") fileStored(e, false);
    else if (e.type === "joined" || e.type === "left") presence(e, false);
    else if (e.type.startsWith("room.")) roomEvent(state, e, false);
  }
  if (where === "base") state.baseMore = !!ev.more;
  else if (where) state.conv(where).more = !!ev.more;
  render("keep");
}

function onAck(ev) {
  const p = pending.get(ev.ref);
  pending.delete(ev.ref);
  if (!p) return;
  // the server sends no one their own stored events live: the ack stands for them
  if (p.kind === "topic") {
    state.conv(p.key).topic = p.text || null;
    const text = p.text ? `you set the topic: ${p.text}` : "you cleared the topic";
    if (ev.seq != null) state.file(p.key, { kind: "system", seq: ev.seq, ts: new Date().toISOString(), text }, false);
  } else if (p.kind === "part") {
    state.conv(p.key).member = false;
    state.file(p.key, { kind: "system", seq: ev.seq, ts: new Date().toISOString(), text: `you left ${p.key}` }, false);
  } else if (p.kind === "file") {
    state.file(p.key, { kind: "file", seq: ev.seq, ts: new Date().toISOString(), from: state.me, file: ev.file, name: p.name, size: p.size }, false);
  } else {
    state.file(p.key, { kind: p.kind, seq: ev.seq, ts: new Date().toISOString(), from: state.me, text: p.text }, false);
  }
  render();
}

function onRoomState(ev) {
  const conv = state.conv(ev.room);
  conv.topic = ev.topic ?? null;
  conv.members = ev.members ?? [];
  if (ev.seq != null) {
    conv.member = true;
    state.file(ev.room, { kind: "system", seq: ev.seq, ts: new Date().toISOString(), text: `you joined ${ev.room}` }, false);
  }
  if (ev.seq != null || pending.has(ev.ref)) {
    pending.delete(ev.ref);
    pick(ev.room);
  }
  render();
}

/** Where the active conversation's messages go: {room} or {to} or nothing for the lobby. */
function target(key = state.active) {
  if (key.startsWith("@")) return { to: key.slice(1) };
  if (key !== "#lobby") return { room: key };
  return {};
}

function submit(text) {
  const key = state.active;
  const command = text.match(/^\/(\w+)\s*(.*)$/s);
  if (!command) return say(key, text, undefined);
  const [, name, rest] = command;
  const arg = rest.trim();
  switch (name.toLowerCase()) {
    case "me": return say(key, arg, "action");
    case "msg": {
      const [, to, body] = arg.match(/^(\S+)\s+(.+)$/s) ?? [];
      if (to) { state.conv("@" + to); say("@" + to, body); pick("@" + to); }
      return;
    }
    case "join": {
      const room = arg.startsWith("#") ? arg : "#" + arg;
      pending.set(connection.send({ type: "join", room }), { kind: "join" });
      return;
    }
    case "part":
      pending.set(connection.send({ type: "part", room: key, ...(arg ? { text: arg } : {}) }), { kind: "part", key });
      return;
    case "topic":
      pending.set(connection.send({ type: "topic", room: key, topic: arg }), { kind: "topic", key, text: arg });
      return;
    case "who": return connection.send({ type: "who" });
    case "list": return connection.send({ type: "rooms" });
    case "invite": return connection.send({ type: "invite", room: key, user: arg });
    case "kick": return connection.send({ type: "kick", room: key, user: arg });
    default:
      system(key, "commands: /me, /msg USER TEXT, /join #ROOM, /part, /topic TEXT, /invite USER, /kick USER, /list, /who");
      render();
  }
}

function say(key, text, kind) {
  if (!text) return;
  const ref = connection.send({ type: "msg", text, ...target(key), ...(kind ? { kind } : {}) });
  pending.set(ref, { key, text, kind: kind === "action" ? "action" : "msg" });
}

async function sendFiles(files) {
  for (const file of files) {
    const key = state.active;
    const ref = "f" + Math.random().toString(36).slice(2, 10);
    pending.set(ref, { kind: "file", key, name: file.name, size: file.size });
    try {
      await upload(file, target(key), state.session, ref, $("transfers"));
    } catch (e) {
      pending.delete(ref);
      system(key, `upload of ${file.name} failed: ${e.message}`);
      render();
    }
  }
}

function start(user, password) {
  connection = new Connection({ user, password }, {
    onEvent,
    onState: (text, connected) => {
      $("status").textContent = text;
      document.body.classList.toggle("offline", !connected);
    },
    onFatal: (error) => {
      $("login-error").textContent = `${error.code}: ${error.message}`;
      $("login").hidden = false;
      $("chat").hidden = true;
    },
  }, () => state.lastSeq);
  connection.start();
}

$("login-form").addEventListener("submit", (e) => {
  e.preventDefault();
  $("login-error").textContent = "";
  const password = $("password").value;
  $("password").value = "";
  start($("user").value.trim(), password || undefined);
});
$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("text").value;
  $("text").value = "";
  submit(text);
});
$("older").addEventListener("click", older);
$("attach").addEventListener("click", () => $("file").click());
$("file").addEventListener("change", () => {
  sendFiles([...$("file").files]);
  $("file").value = "";
});
$("menu").addEventListener("click", () => document.body.classList.toggle("show-side"));
const drop = $("main");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("dragging"); });
drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("dragging");
  if (e.dataTransfer?.files?.length) sendFiles([...e.dataTransfer.files]);
});
$("join-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const room = $("join-room").value.trim();
  $("join-room").value = "";
  if (room) submit(`/join ${room}`);
});
window.addEventListener("beforeunload", () => connection?.stop());
