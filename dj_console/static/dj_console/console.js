// The DJ console: the live request stack, the queue, now playing, history, presence,
// the crowd's mood and the engine's suggestions.
import { PartyClient, ago, api, el, sentence } from "../liveparty/party-client.js";

const page = JSON.parse(document.getElementById("page-data").textContent);
const $ = (id) => document.getElementById(id);
const AGE_REFRESH_MS = 15000;

let state = null;
let selected = 0; // index in the stack, for the keyboard
const fresh = new Set(); // entry ids that just arrived: highlighted once

const client = new PartyClient({
  code: page.code,
  role: "dj",
  onChange: (next, update) => {
    if (update?.kind === "request.created") fresh.add(update.data.id);
    state = next;
    render();
  },
  onSuggestions: () => {
    if (state) render();
  },
  onPresence: (guests) => {
    $("online").textContent = `${guests} guest${guests === 1 ? "" : "s"} online`;
  },
  onStatus: (status, text) => {
    $("status").className = `badge status-${status}`;
    $("status").textContent = text;
  },
  onClosed: () => {
    $("error").textContent = "This console lost its place at the event; reload the page (you may need to log in again).";
  },
});

async function act(action, fields) {
  $("error").textContent = "";
  const answer = await client.send(action, fields);
  if (answer.type === "error") $("error").textContent = sentence(answer);
}

function songCell(entry) {
  return el("div", {}, el("div", { class: "song" }, entry.song.title), el("div", { class: "artist" }, entry.song.artist));
}

function render() {
  const stack = state.stack;
  selected = Math.min(selected, Math.max(0, stack.length - 1));
  $("ended").classList.toggle("hidden", state.event.status !== "ended");
  $("stack-count").textContent = stack.length ? `(${stack.length})` : "";
  $("stack-empty").classList.toggle("hidden", stack.length > 0);
  $("stack").closest("table").classList.toggle("hidden", stack.length === 0);
  $("stack").replaceChildren(
    ...stack.map((entry, index) => {
      const row = el(
        "tr",
        { class: [index === selected ? "selected" : "", fresh.has(entry.id) ? "new" : ""].join(" ").trim() || null },
        el("td", {}, songCell(entry)),
        el("td", { class: "asks" }, String(entry.asks)),
        el("td", { class: "requesters", title: entry.askers.join(", ") }, entry.askers.join(", ")),
        el("td", { class: "age", "data-created": entry.created_at }, ago(entry.created_at)),
        el(
          "td",
          { class: "actions" },
          el("button", { class: "primary", "aria-label": `Accept ${entry.song.title}`, onclick: () => act("accept", { request_id: entry.id }) }, "Accept"),
          " ",
          el("button", { class: "danger", "aria-label": `Deny ${entry.song.title}`, onclick: () => act("deny", { request_id: entry.id }) }, "Deny"),
        ),
      );
      return row;
    }),
  );
  fresh.clear();

  const playing = state.now_playing;
  $("now-playing").textContent = playing ? playing.song.title : "Nothing playing";
  $("now-playing-artist").textContent = playing ? `${playing.song.artist} · asked by ${playing.askers.join(", ") || "nobody now"}` : "";

  const queue = state.queue;
  $("queue-empty").classList.toggle("hidden", queue.length > 0);
  $("queue").replaceChildren(
    ...queue.map((entry, index) =>
      el(
        "li",
        {},
        el("span", { class: "badge" }, String(entry.position)),
        el("div", { class: "grow" }, songCell(entry)),
        el("button", { "aria-label": `Move ${entry.song.title} up`, disabled: index === 0, onclick: () => act("reorder", { request_id: entry.id, position: entry.position - 1 }) }, "▲"),
        el("button", { "aria-label": `Move ${entry.song.title} down`, disabled: index === queue.length - 1, onclick: () => act("reorder", { request_id: entry.id, position: entry.position + 1 }) }, "▼"),
        el("button", { "aria-label": `Play ${entry.song.title} next`, disabled: index === 0, onclick: () => act("reorder", { request_id: entry.id, position: 1 }) }, "Next"),
        el("button", { class: "primary", "aria-label": `Play ${entry.song.title} now`, onclick: () => act("play", { request_id: entry.id }) }, "Play"),
      ),
    ),
  );

  $("history-empty").classList.toggle("hidden", state.history.length > 0);
  $("history").replaceChildren(
    ...state.history.slice(0, 12).map((entry) => el("li", {}, el("div", { class: "grow" }, songCell(entry)))),
  );
  const mood = state.crowd_mood;
  $("crowd-mood").textContent = mood ? Object.entries(mood.distribution ?? {}).map(([name, share]) => `${name} ${Math.round(share * 100)}%`).join(" · ") || mood.mood : "No mood readings yet.";
  const suggestions = state.me.suggestions ?? [];
  $("suggestions-empty").classList.toggle("hidden", suggestions.length > 0);
  $("suggestions").replaceChildren(
    ...suggestions.map((item) =>
      el(
        "li",
        {},
        el("div", { class: "grow" }, songCell(item), el("div", { class: "reason" }, item.reason)),
        el("button", { "aria-label": `Not tonight: ${item.song.title}`, title: "Block this song for tonight", onclick: () => block(item.song.id) }, "Not tonight"),
      ),
    ),
  );
}

async function block(songId) {
  const answer = await api(`/api/events/${page.code}/blocklist`, { method: "POST", body: { song_id: songId } });
  $("error").textContent = answer.ok ? "" : sentence(answer.error);
}

document.addEventListener("keydown", (event) => {
  if (!state || event.target.matches("input, textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
  const entry = state.stack[selected];
  if (event.key === "ArrowDown" || event.key === "j") selected = Math.min(selected + 1, state.stack.length - 1);
  else if (event.key === "ArrowUp" || event.key === "k") selected = Math.max(selected - 1, 0);
  else if (event.key === "a" && entry) act("accept", { request_id: entry.id });
  else if (event.key === "d" && entry) act("deny", { request_id: entry.id });
  else if (event.key === "p" && state.queue.length) act("play", { request_id: state.queue[0].id });
  else return;
  event.preventDefault();
  render();
});

// The crate: what is on offer tonight.

const crateBase = `/api/events/${page.code}/crate`;

async function loadCrate() {
  const answer = await api(crateBase);
  if (!answer.ok) return;
  $("crate-whole").classList.toggle("hidden", !answer.data.whole_catalog);
  $("crate").replaceChildren(
    ...answer.data.picks.map((pick) => {
      const label = pick.kind === "playlist" ? `Playlist: ${pick.playlist.name}` : pick.kind === "genre" ? `Genre: ${pick.genre}` : `Song: ${pick.song.title} (${pick.song.artist})`;
      return el("li", {}, el("div", { class: "grow" }, label), el("button", { "aria-label": `Remove ${label}`, onclick: () => changeCrate("DELETE", `${crateBase}/${pick.id}`) }, "Remove"));
    }),
  );
}

async function changeCrate(method, path, body) {
  const answer = await api(path, { method, body });
  $("crate-error").textContent = answer.ok ? "" : sentence(answer.error);
  loadCrate();
}

async function loadChoices() {
  const [playlists, genres] = await Promise.all([api("/api/playlists"), api("/api/genres")]);
  if (playlists.ok) {
    const options = playlists.data.map((p) => el("option", { value: p.id }, `${p.name} (${p.songs})`));
    $("crate-playlist").replaceChildren(...(options.length ? options : [el("option", { value: "" }, "No playlists in the catalog")]));
    $("crate-add-playlist").disabled = !options.length;
  }
  if (genres.ok) $("crate-genre").replaceChildren(...genres.data.map((g) => el("option", { value: g.genre }, `${g.genre} (${g.songs})`)));
}

$("crate-add-playlist").addEventListener("click", () => changeCrate("POST", crateBase, { playlist_id: Number($("crate-playlist").value) }));
$("crate-add-genre").addEventListener("click", () => changeCrate("POST", crateBase, { genre: $("crate-genre").value }));
let crateTimer = null;
$("crate-search").addEventListener("input", () => {
  clearTimeout(crateTimer);
  crateTimer = setTimeout(async () => {
    const text = $("crate-search").value.trim();
    if (!text) return $("crate-results").replaceChildren();
    const answer = await api(`/api/events/${page.code}/songs?scope=catalog&q=${encodeURIComponent(text)}`);
    if (!answer.ok) return;
    $("crate-results").replaceChildren(
      ...answer.data.results.slice(0, 5).map((song) =>
        el("li", {}, el("div", { class: "grow" }, songCell({ song })), el("button", { "aria-label": `Add ${song.title} to the crate`, onclick: () => changeCrate("POST", crateBase, { song_id: song.id }) }, "Add")),
      ),
    );
  }, 250);
});
loadCrate();
loadChoices();

setInterval(() => document.querySelectorAll("td.age").forEach((cell) => (cell.textContent = ago(cell.dataset.created))), AGE_REFRESH_MS);
client.connect();
