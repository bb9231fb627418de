// The guest page: join, follow what plays and my requests, search, request or +1,
// withdraw, rate, tell my mood. It says when the DJ paused requests or muted me, and
// shows the door when the DJ removed me. Once the party is over it is a read-only
// "party over" view that leads to the recap.
import { $, Notes, PartyClient, announce, api, clock, el, pageData, sentence } from "../liveparty/party-client.js";

const page = pageData();
const SEARCH_DEBOUNCE_MS = 250;
const STATUS_WORDS = {
  pending: () => "Waiting for the DJ",
  queued: (request) => (request.position === 1 ? "You're next!" : `In the queue, #${request.position}`),
  playing: () => "Playing now",
  played: () => "Played",
  denied: () => "Not this time",
  // In my list with my ask still on it: only the party's end closes a request so.
  cancelled: () => "Not played: the party ended",
};
const WITHDRAWABLE = new Set(["pending", "queued"]);

let client = null;
let results = null; // null until the first page of results arrives
let nextPage = null;
let query = "";
let searchError = null; // why the last search has no results (offline)
let wholeCatalog = true;
let also = []; // "you might also request": songs that go with the one playing
let alsoFor = null; // the song id they go with
let moodSongs = null; // null: no mood shared yet
let moodShared = null;
let reading = null; // the selfie reading awaiting the guest's word
let standing = page.standing ?? "welcome"; // what the DJs made of me: welcome, muted or banned
const sending = new Set(); // keys of actions on their way
const notes = new Notes(() => render());

function state() {
  return client?.state ?? null;
}

function live() {
  return client?.status !== "ended" && state()?.event.status !== "ended";
}

function start() {
  $("join")?.classList.add("hidden");
  $("party").classList.remove("hidden");
  client = new PartyClient({
    code: page.code,
    role: "guest",
    onChange: (_, updates) => {
      // A snapshot (the first, or after a reconnect) or a new offer: what is on offer may differ.
      if (updates === null || updates.some((update) => update.kind === "offer.changed")) refreshLists();
      render();
    },
    onNotice: notice,
    onClosed: () => {
      if (standing === "banned") return; // the door was shown already
      $("mine-note").textContent = "This page lost its place at the party; reload it to join again.";
      $("mine-note").classList.remove("hidden");
    },
  });
  client.connect();
}

function refreshLists() {
  if (!live()) return;
  search(query);
  alsoFor = undefined; // the next render reloads "you might also request"
  if (moodShared) loadMoodSongs(moodShared);
}

// Joining

$("join")?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await api(`/api/events/${page.code}/guests`, { method: "POST", body: { nickname: $("nickname").value } });
  if (!answer.ok) {
    $("join-error").textContent = sentence(answer.error);
    return;
  }
  page.guest = { id: answer.data.guest_id, nickname: answer.data.nickname };
  start();
});

// Rendering

function render() {
  const current = state();
  if (!current) return;
  const open = live();
  document.body.classList.toggle("ended", !open);
  $("party-over").classList.toggle("hidden", open);
  document.querySelectorAll(".live-only").forEach((node) => node.classList.toggle("hidden", !open));
  $("djs").textContent = `Your DJ: ${current.event.djs.map((dj) => dj.display_name).join(" & ")}`;
  $("muted-banner").classList.toggle("hidden", !open || standing !== "muted");
  $("paused-banner").classList.toggle("hidden", !open || !current.offer.requests_paused);
  renderNowPlaying(current, open);
  renderMine(current, open);
  renderResults();
  renderMoodSongs();
}

function renderNowPlaying(current, open) {
  const playing = current.now_playing;
  $("now-playing").textContent = playing ? playing.song.title : open ? "Nothing playing yet" : "The music has stopped";
  const details = playing ? [playing.song.artist, playing.song.duration_ms ? clock(playing.song.duration_ms) : null] : [];
  $("now-playing-artist").textContent = details.filter(Boolean).join(" · ");
  $("rate").classList.toggle("hidden", !playing || !open);
  const rating = playing && current.me.rating?.request_id === playing.id ? current.me.rating.score : null;
  document.querySelectorAll("#rate button").forEach((button) => button.setAttribute("aria-pressed", String(Number(button.dataset.score) === rating)));
  if (!notes.get("rate")) $("rate-note").textContent = rating ? `You rated it ${rating} out of 5.` : "";
  if ((playing?.song.id ?? null) !== alsoFor && open) loadAlso(playing?.song.id ?? null);
  $("also").classList.toggle("hidden", !also.length || !open);
  $("also-list").replaceChildren(...also.map((item) => songRow(item.song, item.reason)));
}

function renderMine(current, open) {
  const mine = current.me.requests;
  $("mine").replaceChildren(
    ...(mine.length
      ? mine.map((request) => {
          const key = `request:${request.id}`;
          const withdrawButton =
            open && WITHDRAWABLE.has(request.status)
              ? el("button", { "aria-label": `Withdraw my request for ${request.song.title}`, disabled: sending.has(key), onclick: () => withdraw(request) }, "Withdraw")
              : null;
          return el(
            "li",
            {},
            el(
              "div",
              { class: "grow" },
              el("div", { class: "song" }, request.song.title),
              el("div", { class: "artist" }, request.song.artist),
              el("div", { class: `where where-${request.status}` }, STATUS_WORDS[request.status](request)),
              notes.element(key),
            ),
            withdrawButton,
          );
        })
      : [el("li", { class: "muted" }, open ? "Nothing requested yet: find a song below." : "You requested nothing this time.")]),
  );
  const next = open && mine.find((request) => request.status === "queued" && request.position === 1);
  $("next-banner").classList.toggle("hidden", !next);
  if (next) $("next-song").textContent = `${next.song.title} by ${next.song.artist} is up next.`;
}

function notice(frame) {
  const request = frame.data.request;
  if (frame.kind === "muted" || frame.kind === "welcomed_back") {
    standing = frame.kind === "muted" ? "muted" : "welcome";
    announce(standing === "muted" ? $("muted-banner").textContent : "The DJ welcomed you back: your requests count again.");
    render();
  } else if (frame.kind === "banned") {
    standing = "banned";
    $("party").classList.add("hidden");
    $("removed").classList.remove("hidden");
    announce("The DJ removed you from this party.");
  } else if (frame.kind === "you_are_next") {
    navigator.vibrate?.([200, 100, 200]);
    announce(`You're next! ${request.song.title} is up next.`);
  } else if (frame.kind === "request_denied") {
    announce(`The DJ passed on ${request.song.title} this time.`);
  } else if (frame.kind === "request_accepted") {
    announce(`${request.song.title} is in the queue.`);
  } else if (frame.kind === "request_played") {
    announce(`${request.song.title} is playing now.`);
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
  if (pageNumber === 1) {
    results = null;
    renderResults();
  }
  const answer = await api(`/api/events/${page.code}/songs?q=${encodeURIComponent(text)}&page=${pageNumber}`);
  if (text !== query) return; // a newer search is on its way
  if (!answer.ok) {
    // Offline or refused: the old list would answer another question, so it goes.
    searchError = answer.error.code === "offline" ? "No connection: your search runs again when you are back." : sentence(answer.error);
    results = [];
    nextPage = null;
  } else {
    searchError = null;
    wholeCatalog = answer.data.whole_catalog;
    results = pageNumber === 1 ? answer.data.results : [...(results ?? []), ...answer.data.results];
    nextPage = answer.data.next_page;
  }
  renderResults();
}

function requestFor(songId) {
  const current = state();
  if (!current) return null;
  return [...current.stack, ...current.queue].find((request) => request.song.id === songId) ?? null;
}

function songRow(song, note = null) {
  const current = state();
  const request = requestFor(song.id);
  const key = `song:${song.id}`;
  const mine = request && request.askers.includes(current.me.guest.nickname);
  const playing = current?.now_playing?.song.id === song.id;
  let button;
  if (sending.has(key)) button = el("button", { disabled: true }, "Sending…");
  else if (playing) button = el("button", { disabled: true }, "Playing");
  else if (mine) button = el("button", { disabled: true }, "Requested");
  else if (current.offer.requests_paused) button = el("button", { disabled: true, "aria-label": `${song.title}: requests are paused` }, "Paused");
  else if (request) button = el("button", { class: "primary", "aria-label": `+1 for ${song.title}`, onclick: () => act(key, "ask", { request_id: request.id }) }, `+1 (${request.asks})`);
  else button = el("button", { class: "primary", "aria-label": `Request ${song.title}`, onclick: () => act(key, "request", { song_id: song.id }) }, "Request");
  const details = [el("div", { class: "song" }, song.title), el("div", { class: "artist" }, song.artist)];
  if (note) details.push(el("div", { class: "reason" }, note));
  details.push(notes.element(key));
  return el("li", {}, el("div", { class: "grow" }, ...details), button);
}

function renderResults() {
  $("results-title").textContent = query ? `Songs matching “${query}”` : "Popular tonight";
  $("more").classList.toggle("hidden", !nextPage);
  if (results === null) {
    $("results").replaceChildren(el("li", { class: "muted" }, "Loading songs…"));
    return;
  }
  if (!results.length) {
    let why = searchError;
    if (!why && !query) why = "No songs are on offer yet: the DJ is still picking tonight's songs.";
    if (!why) why = wholeCatalog ? `No song matches “${query}”. Try another title, artist or album.` : `Nothing on tonight's list matches “${query}”: the DJ picked tonight's songs. Try another title or artist.`;
    $("results").replaceChildren(el("li", { class: "muted" }, why));
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
  render();
}

// Every action goes through here: a refusal that says the DJ muted or removed me is
// also how a page that missed the notice (it was offline) learns of it.
async function send(action, fields) {
  const answer = await client.send(action, fields);
  if (answer.type === "error" && answer.code === "muted" && standing !== "muted") notice({ kind: "muted", data: {} });
  if (answer.type === "error" && answer.code === "banned") notice({ kind: "banned", data: {} });
  return answer;
}

async function act(key, action, fields) {
  sending.add(key);
  notes.clear(key);
  render();
  const answer = await send(action, fields);
  sending.delete(key);
  if (answer.type === "error") notes.set(key, sentence(answer));
  render();
}

async function withdraw(request) {
  const key = `request:${request.id}`;
  sending.add(key);
  render();
  const answer = await send("cancel", { request_id: request.id });
  sending.delete(key);
  if (answer.type === "error") notes.set(key, sentence(answer));
  else {
    $("mine-note").textContent = `You withdrew ${request.song.title}.`;
    $("mine-note").classList.remove("hidden");
  }
  render();
}

// Rating

document.querySelectorAll("#rate button").forEach((button) =>
  button.addEventListener("click", async () => {
    notes.clear("rate");
    const answer = await send("rate", { score: Number(button.dataset.score) });
    if (answer.type === "error") {
      notes.set("rate", sentence(answer));
      $("rate-note").textContent = sentence(answer);
      return;
    }
    client.state.me.rating = answer.data.rating; // the ack says what the snapshot would
    render();
  }),
);

// Mood: a tap, or a selfie the camera reads and the guest confirms or corrects.

function moodName(value) {
  return page.moods[value];
}

function resetReading() {
  reading = null;
  $("mood-share").textContent = "Share my mood";
  $("selfie-reading").textContent = "";
}

$("moods").addEventListener("change", () => {
  $("mood-share").disabled = false;
  moodSongs = null;
  moodShared = null;
  $("mood-note").textContent = "";
  renderMoodSongs();
});

$("selfie").addEventListener("change", async () => {
  const photo = $("selfie").files[0];
  $("selfie").value = "";
  if (!photo) return;
  resetReading();
  const preview = $("selfie-preview");
  if (preview.src) URL.revokeObjectURL(preview.src);
  preview.src = URL.createObjectURL(photo);
  $("selfie-shown").classList.remove("hidden");
  $("mood-note").textContent = "Reading your selfie…";
  const answer = await api(`/api/events/${page.code}/selfies?keep=${$("selfie-keep").checked}`, { method: "POST", body: photo });
  if (!answer.ok) {
    $("mood-note").textContent = sentence(answer.error);
    return;
  }
  reading = answer.data.reading;
  document.querySelector(`input[name=mood][value="${reading.camera_mood}"]`).checked = true;
  $("mood-share").disabled = false;
  $("mood-share").textContent = "Confirm";
  const name = moodName(reading.camera_mood);
  $("selfie-reading").textContent = reading.uncertain
    ? `Not sure: you look ${name} (${Math.round(reading.confidence * 100)}%). Is this right? Confirm, or pick how you feel.`
    : `You look ${name}. Right? Confirm, or pick another mood.`;
  $("mood-note").textContent = "";
});

$("mood-share").addEventListener("click", async () => {
  const mood = document.querySelector("input[name=mood]:checked")?.value;
  if (!mood) return;
  const fields = reading ? { mood, reading_id: reading.id } : { mood };
  const answer = await send("mood", fields);
  if (answer.type === "error") {
    $("mood-note").textContent = sentence(answer);
    announce(sentence(answer));
    return;
  }
  resetReading();
  $("mood-note").textContent = "Thanks! The DJ sees how the crowd feels.";
  moodShared = mood;
  loadMoodSongs(mood);
});

async function loadMoodSongs(mood) {
  const songs = await api(`/api/events/${page.code}/moods/${mood}/songs`);
  if (mood !== moodShared) return;
  moodSongs = songs.ok ? songs.data.results : [];
  renderMoodSongs();
}

function renderMoodSongs() {
  $("mood-songs-title").classList.toggle("hidden", moodSongs === null);
  if (moodSongs === null) {
    $("mood-songs").replaceChildren();
    return;
  }
  $("mood-songs-title").textContent = `Songs for feeling ${moodName(moodShared).toLowerCase()}`;
  $("mood-songs").replaceChildren(
    ...(moodSongs.length
      ? moodSongs.map((item) => songRow(item.song, item.reason))
      : [el("li", { class: "muted" }, `Nothing on tonight's list suits feeling ${moodName(moodShared).toLowerCase()} yet; search for a song you'd like above.`)]),
  );
}

if (page.guest && standing !== "banned") start();
else $("nickname")?.focus();
