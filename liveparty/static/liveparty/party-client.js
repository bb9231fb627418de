// The page client shared by the host page, the DJ console and the guest page.
//
// It keeps the event's state the way docs/protocol.md says (snapshot, then each update
// in seq order), notices a gap and resumes, reconnects with back-off and jitter, and
// queues actions while offline: they are re-sent with the same id once back, so the
// server carries each out once. Once the party is over it stops reconnecting. The page
// renders from `client.state` in `onChange(state, updates)`: `updates` are the updates
// just applied, or null after a snapshot.

const HISTORY_LIMIT = 50;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15000;
// Close codes after which reconnecting cannot help (docs/protocol.md, Handshake).
const FINAL_CLOSES = { 4401: "unauthenticated", 4403: "forbidden", 4404: "not_found" };
// How long a refusal stays beside the control that caused it.
const NOTE_MS = 8000;

// Each connection state: the badge's word, and the sentence under the header (the
// badge stays short so that a phone's header keeps its room).
export const STATUS = {
  connecting: { badge: "Connecting…", sentence: "" },
  live: { badge: "Live", sentence: "" },
  reconnecting: { badge: "Reconnecting…", sentence: "The connection dropped; reconnecting. What you tap is sent once it is back." },
  offline: { badge: "Offline", sentence: "You are offline. What you tap is sent when you are back." },
  closed: { badge: "Disconnected", sentence: "" },
  ended: { badge: "Party over", sentence: "" },
};

// An update this page cannot apply to the state it holds: a fresh snapshot can.
export class CannotApply extends Error {}
// A kind this page does not know: the server is newer than the page.
export class UnknownUpdate extends CannotApply {}

export class PartyClient {
  constructor({ code, role, onChange = () => {}, onNotice = () => {}, onPresence = () => {}, onSuggestions = () => {}, onStatus = showStatus, onClosed = () => {} }) {
    this.url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/events/${code}/${role}/`;
    Object.assign(this, { onChange, onNotice, onPresence, onSuggestions, onStatus, onClosed });
    this.state = null;
    this.seq = 0;
    this.pending = new Map(); // id -> {frame, resolve}: sent or queued, not answered yet
    this.prefix = Math.random().toString(36).slice(2, 10); // ids unique per page load
    this.counter = 0;
    this.attempt = 0;
    this.status = null;
    addEventListener("online", () => this.reconnectNow());
    addEventListener("offline", () => {
      if (this.status === "ended" || this.status === "closed") return;
      this.attempt += 1;
      this.setStatus("offline");
    });
  }

  connect() {
    this.setStatus(this.attempt ? (navigator.onLine ? "reconnecting" : "offline") : "connecting");
    this.socket?.close();
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onmessage = (event) => this.receive(JSON.parse(event.data));
    socket.onclose = (event) => {
      if (socket !== this.socket || this.status === "ended") return;
      if (FINAL_CLOSES[event.code]) {
        this.setStatus("closed");
        this.onClosed(FINAL_CLOSES[event.code]);
        return;
      }
      this.scheduleReconnect();
    };
  }

  get ended() {
    return this.state?.event.status === "ended";
  }

  // Sending

  send(action, fields = {}) {
    const id = `${this.prefix}-${++this.counter}`;
    const frame = JSON.stringify({ id, action, ...fields });
    return new Promise((resolve) => {
      this.pending.set(id, { frame, resolve });
      this.write(frame);
    });
  }

  write(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN && this.status === "live") this.socket.send(frame);
  }

  // Receiving

  receive(frame) {
    switch (frame.type) {
      case "snapshot":
        this.state = frame.state;
        this.seq = frame.seq;
        if (this.status !== "live") this.goLive();
        this.onChange(this.state, null);
        break;
      case "update":
        this.applyRun(frame.seq, frame.seq, [frame]);
        break;
      case "updates": // several at once, the superseded left out (docs/protocol.md)
        this.applyRun(frame.from_seq, frame.seq, frame.updates);
        break;
      case "ack":
      case "error": {
        if (frame.ref === this.resuming) this.resuming = null;
        const waiting = this.pending.get(frame.ref);
        if (waiting) {
          this.pending.delete(frame.ref);
          waiting.resolve(frame);
        }
        break;
      }
      case "notice":
        this.onNotice(frame);
        break;
      case "presence":
        this.onPresence(frame.guests);
        break;
      case "suggestions": // DJ only, no seq: the whole list, as the next snapshot would hold it
        if (this.state) this.state.me.suggestions = frame.data;
        this.onSuggestions(frame.data);
        break;
    }
  }

  // Updates `from` to `to`: applied when they follow on from the state held (those
  // already applied skipped); after a gap, a resume asks once for what is missing (the
  // server repairs its own gaps too).
  applyRun(from, to, updates) {
    if (to <= this.seq) return;
    if (from > this.seq + 1) {
      if (!this.resuming) {
        this.resuming = `${this.prefix}-resume-${++this.counter}`;
        this.socket.send(JSON.stringify({ id: this.resuming, action: "resume", last_seq: this.seq }));
      }
      return;
    }
    const applied = updates.filter((update) => update.seq > this.seq);
    try {
      this.state = applied.reduce(applyUpdate, this.state);
    } catch (error) {
      if (!(error instanceof CannotApply)) throw error;
      this.socket.close(); // a fresh snapshot says what this page cannot apply
      return;
    }
    this.seq = to;
    this.onChange(this.state, applied);
    if (this.ended) this.finish();
  }

  goLive() {
    this.attempt = 0;
    this.resuming = null;
    if (this.ended) {
      this.finish();
      return;
    }
    this.setStatus("live");
    for (const { frame } of this.pending.values()) this.socket.send(frame); // same ids: carried out once
  }

  // The party is over: nothing more will change, so the page stops reconnecting, and
  // what was waiting to be sent is answered as the server would answer it.
  finish() {
    this.setStatus("ended");
    clearTimeout(this.timer);
    for (const [ref, { resolve }] of this.pending) resolve({ type: "error", ref, code: "event_ended", message: "This party has ended." });
    this.pending.clear();
  }

  // Reconnecting

  scheduleReconnect() {
    this.attempt += 1;
    this.setStatus(navigator.onLine ? "reconnecting" : "offline");
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (this.attempt - 1));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), base * (0.5 + Math.random())); // jitter: not all phones at once
  }

  reconnectNow() {
    if (this.status === "live" || this.status === "closed" || this.status === "ended") return;
    clearTimeout(this.timer);
    this.connect();
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.onStatus(status);
  }
}

// The reducer: the same rules as tests/state_reducer.py (tests/js/reducer.mjs runs both
// on the same scenarios).

export function applyUpdate(state, update) {
  const next = structuredClone(state);
  const { kind, data } = update;
  if (kind.startsWith("request.")) {
    place(next, data);
  } else if (kind === "queue.changed") {
    const queued = new Map(next.queue.map((request) => [request.id, request]));
    next.queue = data.order.map((id, index) => {
      if (!queued.has(id)) throw new CannotApply(`queue.changed names request ${id}, which this page does not hold`);
      return { ...queued.get(id), position: index + 1 };
    });
    next.queue.forEach((request) => trackMine(next, request));
  } else if (kind === "now_playing.changed") {
    if (data.played) {
      next.history = [data.played, ...next.history].slice(0, HISTORY_LIMIT);
      trackMine(next, data.played);
    }
    if (data.now_playing) {
      remove(next, data.now_playing.id);
      trackMine(next, data.now_playing);
    }
    next.now_playing = data.now_playing;
    if (next.me.guest) next.me.rating = null; // a new song, not rated yet
  } else if (kind === "dj.joined") {
    next.event.djs.push(data);
  } else if (kind === "event.ended") {
    next.event = data;
  } else if (kind === "crowd_mood.changed") {
    next.crowd_mood = data;
  } else if (kind === "offer.changed") {
    next.offer = data;
    sortStack(next); // the fair-order rule may have changed
  } else {
    throw new UnknownUpdate(`unknown update kind ${kind}`);
  }
  return next;
}

function remove(state, id) {
  state.stack = state.stack.filter((request) => request.id !== id);
  state.queue = state.queue.filter((request) => request.id !== id);
}

function place(state, request) {
  remove(state, request.id);
  if (request.status === "pending") {
    state.stack.push(request);
    sortStack(state);
  } else if (request.status === "queued") {
    state.queue.push(request);
    state.queue.sort((a, b) => a.position - b.position);
  }
  trackMine(state, request);
}

const byAge = (a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0) || a.id - b.id;

// More asks first (then the earlier, then the lower id); under the fair-order rule, each
// guest's n-th waiting request (by age) before anyone's n+1-th, by asks within a turn.
function sortStack(state) {
  state.stack.sort((a, b) => b.asks - a.asks || byAge(a, b));
  if (!state.offer.fair_order) return;
  const turns = new Map();
  const rank = new Map();
  for (const request of [...state.stack].sort(byAge)) {
    const taken = turns.get(request.requested_by) ?? 0;
    rank.set(request.id, taken);
    turns.set(request.requested_by, taken + 1);
  }
  state.stack.sort((a, b) => rank.get(a.id) - rank.get(b.id)); // stable: by asks within a turn
}

function trackMine(state, request) {
  const me = state.me;
  if (!me.guest) return;
  const mine = me.requests.filter((item) => item.id !== request.id);
  if (request.askers.includes(me.guest.nickname)) mine.push(request);
  me.requests = mine.sort((a, b) => b.id - a.id);
}

// What the three pages share.

export const $ = (id) => document.getElementById(id);

export function pageData() {
  return JSON.parse($("page-data").textContent);
}

// The badge in the header and, when something is wrong, a sentence under it.
export function showStatus(status) {
  const { badge, sentence } = STATUS[status];
  $("status").className = `badge status-${status}`;
  $("status").textContent = badge;
  $("connection").textContent = sentence;
  $("connection").classList.toggle("hidden", !sentence);
}

// Said to screen readers (the page shows the same sentence beside the control).
export function announce(text) {
  const region = $("announce");
  region.textContent = "";
  requestAnimationFrame(() => (region.textContent = text));
}

// Refusals kept beside the control that caused them, for a few seconds.
export class Notes {
  constructor(onExpire) {
    this.notes = new Map();
    this.onExpire = onExpire;
  }

  set(key, text) {
    clearTimeout(this.notes.get(key)?.timer);
    const timer = setTimeout(() => {
      this.notes.delete(key);
      this.onExpire();
    }, NOTE_MS);
    this.notes.set(key, { text, timer });
    announce(text);
  }

  clear(key) {
    clearTimeout(this.notes.get(key)?.timer);
    this.notes.delete(key);
  }

  get(key) {
    return this.notes.get(key)?.text ?? null;
  }

  // The note as an element to put under the control, or null.
  element(key) {
    const text = this.get(key);
    return text ? el("p", { class: "note" }, text) : null;
  }
}

export function csrfToken() {
  return document.cookie.split("; ").find((c) => c.startsWith("csrftoken="))?.split("=")[1] ?? "";
}

export async function api(path, { method = "GET", body } = {}) {
  let response;
  const raw = body instanceof Blob; // a photo goes as it is, with its own type
  try {
    response = await fetch(path, {
      method,
      headers: { "Content-Type": raw ? body.type || "application/octet-stream" : "application/json", "X-CSRFToken": csrfToken() },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: { code: "offline", message: "No connection to the party right now; try again when you are back." } };
  }
  const data = await response.json().catch(() => ({}));
  return response.ok ? { ok: true, data } : { ok: false, error: data.error ?? { code: "internal", message: "Something went wrong on our side." } };
}

// A refusal as a sentence: the server's message says what happened and, for a wait, how long.
export function sentence(error) {
  return error?.message ?? "";
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else if (value !== false && value != null) node.setAttribute(key, value);
  }
  node.append(...children.flat().filter((child) => child != null));
  return node;
}

// 1 -> "1 vote", 2 -> "2 votes" (`many` for the words that do not take an s).
export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

export function ago(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h`;
}

// 230400 -> "3:50"
export function clock(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
