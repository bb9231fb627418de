// The guest page: join, search, request or +1, follow my requests, rate, mood.
import { PartyClient, api, el, sentence } from "../liveparty/party-client.js";

const page = JSON.parse(document.getElementById("page-data").textContent);
const $ = (id) => document.getElementById(id);
const SEARCH_DEBOUNCE_MS = 250;
const STATUS_WORDS = {
  pending: () => "Waiting for the DJ",
  queued: (entry) => (entry.position === 1 ? "You're next!" : `In the queue, #${entry.position}`),
  playing: () => "Playing now",
  played: () => "Played",
  denied: () => "Not this time",
  cancelled: () => "Withdrawn",
};

let client = null;
let results = [];
let nextPage = null;
let query = "";
let nextEntry = null;
let also = []; // "you might also request": songs that go with the one playing
let alsoFor = null; // the song id they go with
const sending = new Set(); // song ids with a request on its way

function start() {
  $("join").classList.add("hidden");
  $("party").classList.remove("hidden");
  client = new PartyClient({
    code: page.code,
    role: "guest",
    onChange: render,
    onNotice: notice,
    onStatus: (status, text) => {
      $("status").className = `badge status-${status}`;
      $("status").textContent = text;
    },
    onClosed: () => {
      $("request-error").textContent = "This page lost its place at the party; reload it to join again.";
    },
  });
  client.connect();
  search("");
}

// Joining

$("join").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await api(`/api/events/${page.code}/guests`, { method: "POST", body: { nickname: $("nickname").value } });
  if (!answer.ok) {
    $("join-error").textContent = sentence(answer.error);
    return;
  }
  page.nickname = answer.data.nickname;
  start();
});

// Rendering

function render(state) {
  $("djs").textContent = `Your DJ: ${state.event.djs.map((dj) => dj.display_name).join(" & ")}`;
  $("ended").classList.toggle("hidden", state.event.status !== "ended");
  const playing = state.now_playing;
  $("now-playing").textContent = playing ? playing.song.title : "Nothing yet";
  $("now-playing-artist").textContent = playing ? playing.song.artist : "";
  $("rate").classList.toggle("hidden", !playing);
  if ((playing?.song.id ?? null) !== alsoFor) loadAlso(playing?.song.id ?? null);
  if (playing && playing.id !== $("rate").dataset.entry) {
    $("rate").dataset.entry = playing.id;
    $("rate-note").textContent = "";
    document.querySelectorAll("#rate button").forEach((b) => b.setAttribute("aria-pressed", "false"));
  }
  const mine = state.me.requests;
  $("mine").replaceChildren(
    ...(mine.length
      ? mine.map((entry) =>
          el("li", {}, el("div", { class: "grow" }, el("div", { class: "song" }, entry.song.title), el("div", { class: "artist" }, entry.song.artist)),
            el("span", { class: "badge" }, STATUS_WORDS[entry.status](entry))))
      : [el("li", { class: "muted" }, "Nothing requested yet.")]),
  );
  if (nextEntry && !mine.some((entry) => entry.id === nextEntry && entry.status === "queued" && entry.position === 1)) {
    $("next-banner").classList.add("hidden");
    nextEntry = null;
  }
  renderResults();
}

function notice(frame) {
  const entry = frame.data.request;
  if (frame.kind === "you_are_next") {
    nextEntry = entry.id;
    $("next-song").textContent = `${entry.song.title} by ${entry.song.artist} is up next.`;
    $("next-banner").classList.remove("hidden");
    navigator.vibrate?.([200, 100, 200]);
  } else if (frame.kind === "request_denied") {
    $("request-error").textContent = `The DJ passed on ${entry.song.title} this time.`;
  }
}

// Searching and requesting

let searchTimer = null;
$("search").addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => search($("search").value.trim()), SEARCH_DEBOUNCE_MS);
});
$("more").addEventListener("click", () => search(query, nextPage));

async function search(text, pageNumber = 1) {
  query = text;
  const answer = await api(`/api/events/${page.code}/songs?q=${encodeURIComponent(text)}&page=${pageNumber}`);
  if (text !== query) return; // a newer search is on its way
  if (!answer.ok) {
    $("request-error").textContent = sentence(answer.error);
    return;
  }
  results = pageNumber === 1 ? answer.data.results : [...results, ...answer.data.results];
  nextPage = answer.data.next_page;
  $("more").classList.toggle("hidden", !nextPage);
  renderResults();
}

function entryFor(songId) {
  const state = client?.state;
  if (!state) return null;
  return [...state.stack, ...state.queue].find((entry) => entry.song.id === songId) ?? null;
}

function songRow(song, note = null) {
  const state = client?.state;
  const entry = entryFor(song.id);
  const mine = entry && state && entry.askers.includes(state.me.guest.nickname);
  const playing = state?.now_playing?.song.id === song.id;
  let button;
  if (sending.has(song.id)) button = el("button", { disabled: true }, "Sending…");
  else if (playing) button = el("button", { disabled: true }, "Playing");
  else if (mine) button = el("button", { disabled: true }, "Requested");
  else if (entry) button = el("button", { class: "primary", "aria-label": `+1 for ${song.title}`, onclick: () => act(song.id, "ask", { request_id: entry.id }) }, `+1 (${entry.asks})`);
  else button = el("button", { class: "primary", "aria-label": `Request ${song.title}`, onclick: () => act(song.id, "request", { song_id: song.id }) }, "Request");
  const details = [el("div", { class: "song" }, song.title), el("div", { class: "artist" }, song.artist)];
  if (note) details.push(el("div", { class: "reason" }, note));
  return el("li", {}, el("div", { class: "grow" }, ...details), button);
}

function renderResults() {
  if (moodSongs.length) renderMoodSongs();
  $("also").classList.toggle("hidden", !also.length);
  $("also-list").replaceChildren(...also.map((item) => songRow(item.song, item.reason)));
  if (!results.length) {
    $("results").replaceChildren(el("li", { class: "muted" }, query ? "No song matches that." : "Loading songs…"));
    return;
  }
  $("results").replaceChildren(...results.map((song) => songRow(song)));
}

async function loadAlso(songId) {
  alsoFor = songId;
  also = [];
  if (songId !== null) {
    const answer = await api(`/api/events/${page.code}/songs/${songId}/similar`);
    if (songId !== alsoFor) return; // the song changed meanwhile
    also = answer.ok ? answer.data.results : [];
  }
  renderResults();
}

async function act(songId, action, fields) {
  sending.add(songId);
  $("request-error").textContent = "";
  renderResults();
  const answer = await client.send(action, fields);
  sending.delete(songId);
  if (answer.type === "error") $("request-error").textContent = sentence(answer);
  renderResults();
}

// Rating

document.querySelectorAll("#rate button").forEach((button) =>
  button.addEventListener("click", async () => {
    const answer = await client.send("rate", { score: Number(button.dataset.score) });
    if (answer.type === "error") {
      $("rate-note").textContent = sentence(answer);
      return;
    }
    document.querySelectorAll("#rate button").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
    $("rate-note").textContent = `You rated it ${answer.data.rating.score} out of 5.`;
  }),
);

// Mood: a tap, or a selfie the camera reads and the guest confirms or corrects. "Next"
// only once a mood is picked; a new pick clears what the last one suggested.

let reading = null; // the selfie reading awaiting the guest's word
let moodSongs = [];

$("moods").addEventListener("change", () => {
  $("mood-next").disabled = false;
  moodSongs = [];
  renderMoodSongs();
  $("mood-note").textContent = "";
});

$("selfie").addEventListener("change", async () => {
  const photo = $("selfie").files[0];
  $("selfie").value = "";
  if (!photo) return;
  $("mood-note").textContent = "Reading your selfie…";
  const answer = await api(`/api/events/${page.code}/selfies?keep=${$("selfie-keep").checked}`, { method: "POST", body: photo });
  if (!answer.ok) {
    $("mood-note").textContent = sentence(answer.error);
    return;
  }
  reading = answer.data.reading;
  const radio = document.querySelector(`input[name=mood][value="${reading.camera_mood}"]`);
  radio.checked = true;
  $("mood-next").disabled = false;
  $("mood-next").textContent = "Confirm";
  $("selfie-reading").textContent = `The camera reads you as ${radio.parentElement.textContent.trim()} (${Math.round(reading.confidence * 100)}% sure). Right? Confirm, or pick another mood.`;
  $("selfie-reading").classList.remove("hidden");
  $("mood-note").textContent = "";
});

$("mood-next").addEventListener("click", async () => {
  const mood = document.querySelector("input[name=mood]:checked")?.value;
  if (!mood) return;
  const fields = reading ? { mood, reading_id: reading.id } : { mood };
  const answer = await client.send("mood", fields);
  if (answer.type === "error") {
    $("mood-note").textContent = sentence(answer);
    return;
  }
  reading = null;
  $("mood-next").textContent = "Next";
  $("selfie-reading").classList.add("hidden");
  $("mood-note").textContent = "Thanks! The DJ sees how the crowd feels.";
  const songs = await api(`/api/events/${page.code}/moods/${mood}/songs`);
  moodSongs = songs.ok ? songs.data.results : [];
  renderMoodSongs();
});

function renderMoodSongs() {
  $("mood-songs-title").classList.toggle("hidden", !moodSongs.length);
  $("mood-songs").replaceChildren(...moodSongs.map((item) => songRow(item.song, item.reason)));
}

if (page.guest) start();
else $("nickname").focus();
