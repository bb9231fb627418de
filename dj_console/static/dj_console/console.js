// The DJ console: the live request stack, the queue, now playing, history, presence,
// the crowd's mood and the engine's suggestions, the crate; tonight's rules and the
// guests muted or banned. Once the party is over it shows how the party went,
// read-only, and leads to the recap.
import { MOOD_SHARES_OPTIONS, moodBars } from "../liveparty/charts.js";
import { $, Notes, PartyClient, ago, api, clock, el, pageData, sentence } from "../liveparty/party-client.js";

const page = pageData();
const AGE_REFRESH_MS = 15000;
const PROGRESS_REFRESH_MS = 1000;
const HISTORY_SHOWN = 30;

let state = null;
let selected = 0; // index in the stack, for the keyboard
let moodChart = null;
let blocked = []; // tonight's "Not tonight" list, with ids to undo
let sanctions = []; // the guests muted or banned, to welcome back
let openMenu = null; // the key of the stack row whose "more" menu is open, kept across renders
const RULES = {
  requests_paused: "Requests are paused: guests can't request or +1 until you resume.",
  clean_only: "Clean only: explicit songs are off tonight's list.",
  fair_order: "Fair order: the stack takes guests in turn, not by raw asks.",
};
let crate = null; // the crate as last read: {whole_catalog, picks}
const fresh = new Set(); // request ids that just arrived: highlighted once
const sending = new Set(); // keys of actions on their way
const notes = new Notes(() => render());

const client = new PartyClient({
  code: page.code,
  role: "dj",
  onChange: (next, updates) => {
    // New on the stack: a request's first version may have been left out of a burst's frame.
    if (updates !== null) {
      const held = new Set(state.stack.map((request) => request.id));
      next.stack.filter((request) => !held.has(request.id)).forEach((request) => fresh.add(request.id));
    }
    state = next;
    render();
    // Another DJ's change of the crate or the blocklists, or a fresh snapshot.
    if (updates === null || updates.some((update) => update.kind === "offer.changed")) {
      loadCrate();
      loadBlocked();
    }
    if (updates === null) loadSanctions();
    // The party ended while the DJ was down the page (a phone): say so where they look.
    if (updates?.some((update) => update.kind === "event.ended")) $("party-over").scrollIntoView({ block: "start" });
  },
  onNotice: (frame) => {
    if (frame.kind === "guests_changed") loadSanctions(); // this console's or another DJ's
  },
  onSuggestions: () => render(),
  onPresence: (guests) => {
    $("online").textContent = `${guests} guest${guests === 1 ? "" : "s"} online`;
  },
  onClosed: () => {
    $("error").textContent = "This console lost its place at the party; reload the page (you may need to log in again).";
  },
});

function live() {
  return state !== null && state.event.status !== "ended";
}

// Actions: a refusal shows beside the control that caused it (`key`), and is announced;
// when that control is gone (another DJ moved the song meanwhile), at the top.
async function act(key, action, fields = {}) {
  sending.add(key);
  notes.clear(key);
  $("error").textContent = "";
  render();
  const answer = await client.send(action, fields);
  sending.delete(key);
  if (answer.type === "error") notes.set(key, sentence(answer));
  render();
  if (answer.type === "error" && !document.querySelector(`[data-key="${key}"]`)) $("error").textContent = sentence(answer);
}

function button(label, attributes, key, action, fields) {
  return el("button", { ...attributes, disabled: attributes.disabled || sending.has(key), onclick: () => act(key, action, fields) }, label);
}

function songCell(request, key = null, ...more) {
  return el("div", { class: "grow" }, el("div", { class: "song" }, request.song.title), el("div", { class: "artist" }, request.song.artist), ...more, key ? notes.element(key) : null);
}

function who(request) {
  if (request.picked_by) return `your pick (${request.picked_by})`;
  return request.askers.length ? `asked by ${request.askers.join(", ")}` : "asked by nobody now";
}

function render() {
  if (!state) return;
  const open = live();
  document.body.classList.toggle("ended", !open);
  $("party-over").classList.toggle("hidden", open);
  document.querySelectorAll(".dj-only").forEach((node) => node.classList.toggle("hidden", !open));
  if (!open) $("error").textContent = "";
  renderRules(open);
  renderStack(open);
  renderNowPlaying(open);
  renderQueue(open);
  renderHistory();
  renderMood(open);
  renderSuggestions(open);
  renderCrate(open);
}

function renderStack(open) {
  const stack = state.stack;
  selected = Math.min(selected, Math.max(0, stack.length - 1));
  $("stack-count").textContent = stack.length ? `(${stack.length})` : "";
  $("stack-empty").classList.toggle("hidden", stack.length > 0);
  $("stack-empty").textContent = !open
    ? "Nothing was left on the stack."
    : state.offer.requests_paused
      ? "Requests are paused: guests can request again once you resume them."
      : "No requests yet: guests request songs from their phones.";
  $("stack-table").classList.toggle("hidden", stack.length === 0);
  $("stack").replaceChildren(
    ...stack.map((request, index) => {
      const key = `request:${request.id}`;
      const actions = open
        ? [
            button("Accept", { class: "primary", "aria-label": `Accept ${request.song.title}` }, key, "accept", { request_id: request.id }),
            button("Deny", { class: "danger", "aria-label": `Deny ${request.song.title}` }, key, "deny", { request_id: request.id }),
            rowMenu(request, key),
          ]
        : [];
      return el(
        "tr",
        { "data-key": key, class: [index === selected ? "selected" : "", fresh.has(request.id) ? "new" : ""].join(" ").trim() || null },
        el("td", { class: "song-cell" }, songCell(request, key)),
        el("td", { class: "asks" }, String(request.asks), el("span", { class: "asks-word" }, request.asks === 1 ? " ask" : " asks")),
        el("td", { class: "requesters", title: request.askers.join(", ") }, request.askers.join(", ")),
        el("td", { class: "age", "data-created": request.created_at }, ago(request.created_at)),
        el("td", { class: "actions" }, ...actions),
      );
    }),
  );
  fresh.clear();
}

// A request's other actions: keep its song or artist off tonight's list, mute or ban
// whoever asked for it. The menu stays open across renders (updates keep coming).
function rowMenu(request, key) {
  const song = request.song;
  const item = (label, attributes, run) =>
    el("button", { type: "button", ...attributes, disabled: sending.has(key), onclick: () => {
      openMenu = null;
      run();
    } }, label);
  const items = [
    item("Block this song tonight", {}, () => block(song, key)),
    item(`Block every song by ${song.artist}`, {}, () => block(song, key, { whole_artist: true })),
    ...request.askers.flatMap((nickname) => [
      item(`Mute ${nickname}`, { title: "Their requests, +1s and moods stop counting" }, () => act(key, "mute", { nickname })),
      item(`Ban ${nickname}`, { class: "danger", title: "They leave the party and cannot come back from that phone" }, () => ban(nickname, key)),
    ]),
  ];
  const menu = el("details", { class: "row-menu", open: openMenu === key || null }, el("summary", { "aria-label": `More for ${song.title}`, title: "Block, mute or ban" }, "⋯"), el("div", { class: "menu" }, ...items));
  menu.addEventListener("toggle", () => {
    if (menu.open) openMenu = key;
    else if (openMenu === key) openMenu = null;
  });
  return menu;
}

function ban(nickname, key) {
  if (confirm(`Ban ${nickname}? They leave the party and cannot join again from that phone.`)) act(key, "ban", { nickname });
}

// Tonight's rules: each button says whether its rule is on; the sentence says what is on.
function renderRules(open) {
  const offer = state.offer;
  for (const rule of Object.keys(RULES)) {
    const control = $(`rule-${rule}`);
    control.setAttribute("aria-pressed", String(Boolean(offer[rule])));
    control.disabled = !open || sending.has("rules");
  }
  $("rule-requests_paused").textContent = offer.requests_paused ? "Resume requests" : "Pause requests";
  const on = Object.keys(RULES).filter((rule) => offer[rule]);
  $("rules-summary").textContent = on.length ? on.map((rule) => RULES[rule]).join(" ") : "Requests are open, every song on offer, the stack by asks.";
  $("rules-note").textContent = notes.get("rules") ?? "";
  $("sanctions-panel").classList.toggle("hidden", !sanctions.length);
  $("sanctions").replaceChildren(
    ...sanctions.map((guest) => {
      const key = `guest:${guest.nickname}`;
      return el(
        "li",
        { "data-key": key },
        el("div", { class: "grow" }, el("div", { class: "song" }, guest.nickname), el("div", { class: "reason" }, guest.standing === "banned" ? "banned: removed from the party" : "muted: nothing they do counts"), notes.element(key)),
        open ? button("Welcome back", { "aria-label": `Welcome ${guest.nickname} back` }, key, "welcome_back", { nickname: guest.nickname }) : null,
      );
    }),
  );
}

for (const rule of Object.keys(RULES)) {
  $(`rule-${rule}`).addEventListener("click", () => act("rules", "rules", { [rule]: !state.offer[rule] }));
}

async function loadSanctions() {
  const answer = await api(`/api/events/${page.code}/sanctions`);
  if (answer.ok) sanctions = answer.data;
  render();
}

function renderNowPlaying(open) {
  const playing = state.now_playing;
  $("now-playing").textContent = playing ? playing.song.title : open ? "Nothing playing" : "The music has stopped";
  $("now-playing-artist").textContent = playing ? `${playing.song.artist} · ${who(playing)}` : "";
  $("progress-row").classList.toggle("hidden", !playing);
  $("now-actions").classList.toggle("hidden", !open || !playing);
  $("finish").disabled = sending.has("now");
  $("skip").disabled = sending.has("now") || state.queue.length === 0;
  $("skip").setAttribute("aria-label", state.queue.length ? `Skip to ${state.queue[0].song.title}` : "Skip to next (the queue is empty)");
  $("now-note").textContent = notes.get("now") ?? "";
  renderProgress();
}

function renderProgress() {
  const playing = state?.now_playing;
  if (!playing?.played_at) return;
  const elapsed = Date.now() - Date.parse(playing.played_at);
  const duration = playing.song.duration_ms;
  $("progress").max = duration || 1;
  $("progress").value = duration ? Math.min(elapsed, duration) : 0;
  if (!duration) $("elapsed").textContent = `${clock(elapsed)} played`;
  else if (elapsed <= duration) $("elapsed").textContent = `${clock(elapsed)} / ${clock(duration)}`;
  else $("elapsed").textContent = `${clock(duration)} played: over? Finish it, or skip to the next`;
}

function renderQueue(open) {
  const queue = state.queue;
  $("queue-count").textContent = queue.length ? `(${queue.length})` : "";
  $("queue-empty").classList.toggle("hidden", queue.length > 0);
  $("queue-empty").textContent = open ? "Accepted requests and your picks line up here." : "Nothing was left in the queue.";
  $("queue").replaceChildren(
    ...queue.map((request, index) => {
      const key = `request:${request.id}`;
      const title = request.song.title;
      const controls = open
        ? el(
            "div",
            { class: "controls" },
            button("▲", { "aria-label": `Move ${title} up`, disabled: index === 0 }, key, "reorder", { request_id: request.id, position: request.position - 1 }),
            button("▼", { "aria-label": `Move ${title} down`, disabled: index === queue.length - 1 }, key, "reorder", { request_id: request.id, position: request.position + 1 }),
            button("Next", { "aria-label": `Play ${title} next`, disabled: index === 0 }, key, "reorder", { request_id: request.id, position: 1 }),
            button("Play", { class: "primary", "aria-label": `Play ${title} now` }, key, "play", { request_id: request.id }),
            button("✕", { class: "danger", "aria-label": `Take ${title} out of the queue` }, key, "deny", { request_id: request.id }),
          )
        : null;
      return el("li", { "data-key": key }, el("span", { class: "badge" }, String(request.position)), songCell(request, key, el("div", { class: "reason" }, who(request))), controls);
    }),
  );
}

function renderHistory() {
  const history = state.history;
  $("history-empty").classList.toggle("hidden", history.length > 0);
  $("history-empty").textContent = "Nothing played yet.";
  $("history").replaceChildren(
    ...history.slice(0, HISTORY_SHOWN).map((request) =>
      el("li", {}, songCell(request), el("span", { class: "muted" }, request.played_at ? new Date(request.played_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "")),
    ),
  );
}

// The crowd's mood: a bar per mood (Chartist, vendored), a sentence, and a table for
// screen readers; the moods named as the guests name them.
function renderMood(open) {
  const mood = state.crowd_mood;
  const shares = mood ? Object.entries(page.moods).map(([value, label]) => [label, Math.round((mood.distribution[value] ?? 0) * 100)]) : [];
  $("mood-chart").classList.toggle("hidden", !mood);
  if (!mood) {
    $("mood-summary").textContent = open ? "No moods yet: guests tell theirs on their phones." : "Nobody told their mood at this party.";
    $("mood-table").tBodies[0].replaceChildren();
    return;
  }
  const guests = `${mood.readings} guest${mood.readings === 1 ? "" : "s"}`;
  $("mood-summary").textContent = `Mostly ${page.moods[mood.mood].toLowerCase()} (${Math.round(mood.distribution[mood.mood] * 100)}%), from ${guests}.`;
  $("mood-table").tBodies[0].replaceChildren(...shares.map(([label, share]) => el("tr", {}, el("th", { scope: "row" }, label), el("td", {}, `${share}%`))));
  const data = moodBars(page.moods, (value) => Math.round((mood.distribution[value] ?? 0) * 100));
  if (moodChart) moodChart.update(data);
  else moodChart = new Chartist.BarChart("#mood-chart", data, MOOD_SHARES_OPTIONS);
}

function renderSuggestions(open) {
  const suggestions = open ? (state.me.suggestions ?? []) : [];
  $("suggestions-empty").classList.toggle("hidden", suggestions.length > 0);
  $("suggestions-empty").textContent = open ? "No suggestions yet: they come from what tonight's crowd asks for and rates." : "No more suggestions: the party is over.";
  $("suggestions").replaceChildren(
    ...suggestions.map((item) => {
      const key = `song:${item.song.id}`;
      const title = item.song.title;
      const controls = open
        ? el(
            "div",
            { class: "controls" },
            button("Queue", { "aria-label": `Queue ${title}` }, key, "queue", { song_id: item.song.id }),
            button("Play next", { class: "primary", "aria-label": `Play ${title} next` }, key, "queue", { song_id: item.song.id, position: 1 }),
            el("button", { "aria-label": `Not tonight: ${title}`, title: "Keep this song off tonight's list", disabled: sending.has(key), onclick: () => block(item.song) }, "Not tonight"),
            el("button", { "aria-label": `Not tonight: every song by ${item.song.artist}`, title: "Keep this artist off tonight's list", disabled: sending.has(key), onclick: () => block(item.song, key, { whole_artist: true }) }, "Not this artist"),
          )
        : null;
      return el("li", { class: "suggestion", "data-key": key }, songCell(item, key, el("div", { class: "reason" }, item.reason)), controls);
    }),
  );
  $("blocked-panel").classList.toggle("hidden", !blocked.length);
  $("blocked").replaceChildren(
    ...blocked.map((block) =>
      el(
        "li",
        {},
        block.artist ? artistCell(block) : songCell(block, `block:${block.id}`, el("div", { class: "reason" }, block.everywhere ? "never at your parties" : "off tonight's list")),
        open ? el("button", { "aria-label": `Undo: bring ${block.artist ?? block.song.title} back`, onclick: () => unblock(block) }, "Undo") : null,
      ),
    ),
  );
}

function artistCell(block) {
  const where = block.everywhere ? "never at your parties" : "off tonight's list";
  return el("div", { class: "grow" }, el("div", { class: "song" }, `Every song by ${block.artist}`), el("div", { class: "reason" }, where), notes.element(`block:${block.id}`));
}

// Keep a song (or with `whole_artist`, its artist) off tonight's list; a request for it
// waiting on the stack is turned down with it.
async function block(song, key = `song:${song.id}`, { whole_artist = false } = {}) {
  sending.add(key);
  render();
  const answer = await api(`/api/events/${page.code}/blocklist`, { method: "POST", body: { song_id: song.id, whole_artist } });
  sending.delete(key);
  if (!answer.ok) notes.set(key, sentence(answer.error));
  await loadBlocked();
}

async function unblock(blockedSong) {
  const answer = await api(`/api/events/${page.code}/blocklist/${blockedSong.id}`, { method: "DELETE" });
  if (!answer.ok) notes.set(`block:${blockedSong.id}`, sentence(answer.error));
  await loadBlocked();
}

async function loadBlocked() {
  const answer = await api(`/api/events/${page.code}/blocklist`);
  if (answer.ok) blocked = answer.data;
  render();
}

$("finish").addEventListener("click", () => act("now", "finish"));
// The main DJ may end the party (the host can, from the host page).
$("end")?.addEventListener("click", () => {
  if (confirm("End this party for everyone? Guests can no longer request songs.")) act("end", "end");
});
$("skip").addEventListener("click", () => state.queue.length && act("now", "play", { request_id: state.queue[0].id }));

document.addEventListener("keydown", (event) => {
  if (!live() || event.target.matches("input, textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
  const request = state.stack[selected];
  if (event.key === "ArrowDown" || event.key === "j") selected = Math.min(selected + 1, state.stack.length - 1);
  else if (event.key === "ArrowUp" || event.key === "k") selected = Math.max(selected - 1, 0);
  else if (event.key === "a" && request) act(`request:${request.id}`, "accept", { request_id: request.id });
  else if (event.key === "d" && request) act(`request:${request.id}`, "deny", { request_id: request.id });
  else if (event.key === "p" && state.queue.length) act("now", "play", { request_id: state.queue[0].id });
  else return;
  event.preventDefault();
  render();
});

// The crate: what is on offer tonight.

const crateBase = `/api/events/${page.code}/crate`;

function pickLabel(pick) {
  if (pick.kind === "playlist") return `Playlist: ${pick.playlist.name}`;
  if (pick.kind === "genre") return `Genre: ${pick.genre}`;
  return `Song: ${pick.song.title} (${pick.song.artist})`;
}

async function loadCrate() {
  const answer = await api(crateBase);
  if (!answer.ok) return;
  crate = answer.data;
  render();
}

function renderCrate(open) {
  if (!crate) return;
  const { picks, whole_catalog: whole } = crate;
  const narrowing = picks.filter((pick) => pick.kind !== "song").length;
  const added = picks.length - narrowing;
  $("crate-summary").textContent = whole ? "the whole catalog" : `${narrowing} pick${narrowing === 1 ? "" : "s"}${added ? `, ${added} song${added === 1 ? "" : "s"} added` : ""}`;
  $("crate-whole").classList.toggle("hidden", !whole);
  $("crate").replaceChildren(
    ...picks.map((pick) => {
      const label = pickLabel(pick);
      const remove = open ? el("button", { "aria-label": `Remove ${label}`, onclick: () => changeCrate("DELETE", `${crateBase}/${pick.id}`) }, "Remove") : null;
      return el("li", {}, el("div", { class: "grow" }, label), remove);
    }),
  );
}

async function changeCrate(method, path, body) {
  const answer = await api(path, { method, body });
  $("crate-error").textContent = answer.ok ? "" : sentence(answer.error);
  await loadCrate();
  if (answer.ok && $("crate-search").value.trim()) searchCatalog();
}

async function loadChoices() {
  const [playlists, genres] = await Promise.all([api("/api/playlists"), api("/api/genres")]);
  if (playlists.ok) {
    const options = playlists.data.map((p) => el("option", { value: p.id }, `${p.name} (${p.songs})`));
    $("crate-playlist").replaceChildren(...(options.length ? options : [el("option", { value: "" }, "No playlists in the catalog")]));
    $("crate-add-playlist").disabled = !options.length;
  }
  if (genres.ok) {
    const options = genres.data.map((g) => el("option", { value: g.genre }, `${g.genre} (${g.songs})`));
    $("crate-genre").replaceChildren(...(options.length ? options : [el("option", { value: "" }, "No genres in the catalog")]));
    $("crate-add-genre").disabled = !options.length;
  }
}

async function searchCatalog() {
  const text = $("crate-search").value.trim();
  if (!text) {
    $("crate-results").replaceChildren();
    return;
  }
  const answer = await api(`/api/events/${page.code}/songs?scope=catalog&q=${encodeURIComponent(text)}`);
  if (text !== $("crate-search").value.trim()) return;
  if (!answer.ok) {
    $("crate-results").replaceChildren(el("li", { class: "muted" }, sentence(answer.error)));
    return;
  }
  const found = answer.data.results.slice(0, 5);
  $("crate-results").replaceChildren(
    ...(found.length
      ? found.map((song) =>
          el(
            "li",
            {},
            songCell({ song }),
            song.on_offer
              ? el("span", { class: "muted" }, "On offer")
              : el("button", { "aria-label": `Add ${song.title} to the crate`, onclick: () => changeCrate("POST", crateBase, { song_id: song.id }) }, "Add"),
          ),
        )
      : [el("li", { class: "muted" }, `No song in the catalog matches “${text}”.`)]),
  );
}

$("crate-add-playlist").addEventListener("click", () => changeCrate("POST", crateBase, { playlist_id: Number($("crate-playlist").value) }));
$("crate-add-genre").addEventListener("click", () => changeCrate("POST", crateBase, { genre: $("crate-genre").value }));
let crateTimer = null;
$("crate-search").addEventListener("input", () => {
  clearTimeout(crateTimer);
  crateTimer = setTimeout(searchCatalog, 250);
});
loadChoices();

setInterval(() => document.querySelectorAll("td.age").forEach((cell) => (cell.textContent = ago(cell.dataset.created))), AGE_REFRESH_MS);
setInterval(renderProgress, PROGRESS_REFRESH_MS);
client.connect();
