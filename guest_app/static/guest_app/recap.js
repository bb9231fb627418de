// The recap: the night in numbers, my night, the song-of-the-night poll, the most
// requested songs, requests over the night, what played, the top rated, and how the crowd
// felt. Every chart (Chartist, vendored) has a sentence and a table for screen readers;
// times are the phone's own.
import { CAMERA_OPTIONS, MOOD_LINES_OPTIONS, MOOD_PIE_OPTIONS, MOOD_SHARES_OPTIONS, cameraAnswers, fillTable, moodLegend, moodMix, moodBars, moodsOverTime } from "../liveparty/charts.js";
import { $, api, el, pageData, plural, sentence } from "../liveparty/party-client.js";

const page = pageData();
const recap = page.recap;
const MOOD_LABELS = page.moods;
const CHART_BARS = 10; // the most requested chart: a top ten reads on a phone
const LABEL_CHARS = 18;
// While the poll is open the page asks for the votes this often (while it is in view).
const POLL_REFRESH_MS = 3000;
const OVER_TIME_OPTIONS = { low: 0, height: "180px", axisY: { onlyInteger: true, offset: 30 }, chartPadding: { top: 14, right: 8, bottom: 0, left: 0 } };

const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
const short = (text) => (text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text);
const songCell = (song, ...more) => el("div", { class: "grow" }, el("div", { class: "song" }, song.title), el("div", { class: "artist" }, song.artist), ...more);
const empty = (text) => el("li", { class: "muted" }, text);

// Time labels every few slices, so that each has room in the chart's own width: decided
// at each drawing (Chartist draws again when the window is resized or a phone turns).
const LABEL_PX = 64;
function timeLabels(count, chartId) {
  return (value, index) => (index % Math.max(1, Math.ceil((count * LABEL_PX) / $(chartId).clientWidth)) === 0 ? value : "");
}

function renderNumbers() {
  const requests = recap.requests_over_time.reduce((sum, n) => sum + n, 0);
  const { joined, took_part: tookPart } = recap.guests;
  $("night-numbers").textContent = `${plural(joined, "guest")} joined, ${tookPart} took part · ${plural(recap.played.length, "song")} played · ${plural(requests, "request")}.`;
  const width = recap.timeline.slice_minutes;
  $("busiest").textContent = recap.busiest.length
    ? `Busiest: ${recap.busiest.map((moment) => `${time(moment.at)} (${plural(moment.requests, "request")} in ${width} min)`).join(", ")}.`
    : "";
}

function renderMyNight() {
  const me = page.me;
  $("my-night").classList.toggle("hidden", !me);
  if (!me) return;
  $("my-title").textContent = `My night · ${me.nickname}`;
  $("my-requests").replaceChildren(
    ...(me.requests.length
      ? me.requests.map((item) => el("li", {}, songCell(item.song), el("span", { class: `where where-${item.status}` }, item.outcome)))
      : [empty("You did not request a song.")]),
  );
  $("my-ratings").replaceChildren(
    ...(me.ratings.length
      ? me.ratings.map((item) => el("li", {}, songCell(item.song), el("span", { class: "stars", role: "img", "aria-label": `${item.score} of 5 stars` }, "★".repeat(item.score) + "☆".repeat(5 - item.score))))
      : [empty("You did not rate a song.")]),
  );
  $("my-moods").replaceChildren(
    ...(me.moods.length
      ? me.moods.map((item) => el("li", {}, el("span", { class: "grow" }, MOOD_LABELS[item.mood]), el("span", { class: "muted" }, `${item.source === "camera" ? "selfie" : "tap"} · ${time(item.at)}`)))
      : [empty("You did not tell your mood.")]),
  );
  renderMyMoodCharts(me.moods);
}

let poll = page.poll;
let voting = false;

function pollSummary() {
  if (poll.status === "not_yet") return "The poll opens when the party ends: guests vote for the song of the night among the most requested.";
  if (!poll.candidates.length) return "Nobody requested a song, so there is nothing to vote for.";
  if (poll.status === "closed") {
    const winner = poll.candidates.find((candidate) => candidate.song.id === poll.winner?.id);
    return winner ? `The song of the night: ${winner.song.title} by ${winner.song.artist}, with ${plural(winner.votes, "vote")} of ${poll.votes}.` : "The poll closed without a vote.";
  }
  if (page.me) return poll.my_vote ? "Your vote is in. You can move it until the poll closes." : "Vote for the song of the night: one vote each, yours to move until the poll closes.";
  return `${plural(poll.votes, "vote")} so far: guests vote until the host or the DJ closes the poll.`;
}

function renderPoll() {
  const open = poll.status === "open";
  $("poll-summary").textContent = pollSummary();
  const most = Math.max(1, ...poll.candidates.map((candidate) => candidate.votes));
  $("poll-candidates").replaceChildren(
    ...poll.candidates.map((candidate) => {
      const mine = poll.my_vote === candidate.song.id;
      const won = poll.status === "closed" && poll.winner?.id === candidate.song.id;
      const tally = el("meter", { min: 0, max: most, value: candidate.votes, "aria-label": `${plural(candidate.votes, "vote")} for ${candidate.song.title}` });
      const button =
        open && page.me
          ? el("button", { class: mine ? "primary" : null, "aria-pressed": String(mine), "aria-label": `Vote for ${candidate.song.title}`, disabled: voting, onclick: () => castVote(candidate.song.id) }, mine ? "Your vote" : "Vote")
          : null;
      return el("li", { class: won ? "won" : null }, songCell(candidate.song, tally), won ? el("span", { class: "badge status-live" }, "winner") : null, el("span", { class: "badge" }, plural(candidate.votes, "vote")), button);
    }),
  );
  $("poll-close-row").classList.toggle("hidden", !(open && page.can_close_poll && poll.candidates.length));
}

async function pollAction(path, body) {
  voting = true;
  $("poll-note").textContent = "";
  renderPoll();
  const answer = await api(`/api/events/${page.code}/poll${path}`, { method: "POST", body });
  voting = false;
  if (answer.ok) poll = answer.data;
  else $("poll-note").textContent = sentence(answer.error);
  renderPoll();
}

const castVote = (songId) => pollAction("/votes", { song_id: songId });

$("poll-close").addEventListener("click", () => {
  if (confirm("Close the poll? Nobody can vote or move a vote after.")) pollAction("/close");
});

// Other guests' votes, live enough for a poll: asked for while the poll is open and the
// page in view (the party's update stream ended with the party).
const refresh = setInterval(async () => {
  if (poll.status !== "open") return clearInterval(refresh);
  if (voting || document.visibilityState !== "visible") return;
  const answer = await api(`/api/events/${page.code}/poll`);
  if (answer.ok && !voting) {
    poll = answer.data;
    renderPoll();
  }
}, POLL_REFRESH_MS);

// The played playlist saved in my Spotify account (the party's host and DJs).
const spotify = page.exports?.spotify;
const SPOTIFY_OUTCOMES = {
  connected: "Spotify is connected: save the playlist there.",
  refused: "Spotify was not connected. Try again when you are ready.",
};
if (spotify?.outcome in SPOTIFY_OUTCOMES) $("spotify-note").textContent = SPOTIFY_OUTCOMES[spotify.outcome];

$("save-spotify")?.addEventListener("click", async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  $("spotify-error").textContent = "";
  $("spotify-note").textContent = "Saving to Spotify…";
  const answer = await api(spotify.save_url, { method: "POST" });
  button.disabled = false;
  if (!answer.ok) {
    $("spotify-note").textContent = "";
    $("spotify-error").textContent = sentence(answer.error);
    return;
  }
  const saved = answer.data;
  const missing = saved.missing.length ? ` Spotify does not have ${plural(saved.missing.length, "song")}: ${saved.missing.join(", ")}.` : "";
  $("spotify-note").replaceChildren(`Saved ${plural(saved.added, "song")} to Spotify as `, el("a", { href: saved.url, target: "_blank", rel: "noopener" }, saved.name), `.${missing}`);
});

// My moods as charts: the mix, over the night (on the party's timeline), and what I said
// of the camera's readings, each with its sentence and table.
function renderMyMoodCharts(readings) {
  $("my-mood-charts").classList.toggle("hidden", !readings.length);
  if (!readings.length) return;
  const values = Object.keys(MOOD_LABELS);
  const count = (value) => readings.filter((reading) => reading.mood === value).length;
  const top = values.reduce((best, value) => (count(value) > count(best) ? value : best));
  $("my-share-summary").textContent = `Mostly ${MOOD_LABELS[top].toLowerCase()}: ${count(top)} of the ${plural(readings.length, "mood")} I told.`;
  fillTable("my-share-table", null, values.map((value) => [MOOD_LABELS[value], count(value)]));
  new Chartist.PieChart("#my-share-chart", moodMix(MOOD_LABELS, count), MOOD_PIE_OPTIONS);
  moodLegend("my-share-legend", MOOD_LABELS);

  const starts = recap.timeline.starts;
  const sliceMs = recap.timeline.slice_minutes * 60_000;
  const sliceOf = (at) => Math.min(starts.length - 1, Math.max(0, Math.floor((Date.parse(at) - Date.parse(starts[0])) / sliceMs)));
  const over = Object.fromEntries(values.map((value) => [value, starts.map(() => 0)]));
  for (const reading of readings) over[reading.mood][sliceOf(reading.at)] += 1;
  $("my-time-summary").textContent = `My moods over the night: how often I told each, in ${recap.timeline.slice_minutes}-minute slices.`;
  fillTable("my-time-table", ["From", ...values.map((value) => MOOD_LABELS[value])], starts.map((at, index) => [time(at), ...values.map((value) => over[value][index])]));
  moodLegend("my-time-legend", MOOD_LABELS);
  new Chartist.LineChart("#my-time-chart", moodsOverTime(MOOD_LABELS, starts.map(time), (value) => over[value]), { ...MOOD_LINES_OPTIONS, showPoint: false, axisX: { labelInterpolationFnc: timeLabels(starts.length, "my-time-chart") } });

  // Songs played, and songs I requested, while I felt each mood: the mood I told last, if
  // lately (as the statistics count an ask's mood).
  const within = page.mood_within_minutes * 60_000;
  const moodAt = (at) => {
    const moment = Date.parse(at);
    return readings.filter((reading) => Date.parse(reading.at) <= moment && Date.parse(reading.at) >= moment - within).at(-1)?.mood;
  };
  const played = recap.played.map((item) => moodAt(item.played_at));
  const requested = page.me.requests.map((item) => moodAt(item.asked_at));
  const songs = (moods) => values.map((value) => moods.filter((mood) => mood === value).length);
  $("my-songs-summary").textContent = `Songs played, and songs I requested, by how I felt at the time (the mood I told last, up to ${page.mood_within_minutes} minutes before).`;
  fillTable("my-songs-table", null, values.map((value, index) => [MOOD_LABELS[value], songs(played)[index], songs(requested)[index]]));
  new Chartist.BarChart(
    "#my-songs-chart",
    { labels: values.map((value) => MOOD_LABELS[value]), series: [{ className: "ct-series played-in", data: songs(played) }, { className: "ct-series requested-in", data: songs(requested) }] },
    { ...CAMERA_OPTIONS, stackBars: false, seriesBarDistance: 10 },
  );

  const answered = readings.filter((reading) => reading.source === "camera" && reading.confirmed);
  $("my-camera").classList.toggle("hidden", !answered.length);
  if (!answered.length) return;
  const answers = (value) => {
    const read = answered.filter((reading) => reading.camera_mood === value);
    return { agreed: read.filter((reading) => reading.mood === value).length, corrected: read.filter((reading) => reading.mood !== value).length };
  };
  const agreed = answered.filter((reading) => reading.mood === reading.camera_mood).length;
  $("my-camera-summary").textContent = `The camera read me right ${agreed} time${agreed === 1 ? "" : "s"} in ${answered.length}.`;
  fillTable("my-camera-table", null, values.map((value) => [MOOD_LABELS[value], answers(value).agreed, answers(value).corrected]));
  new Chartist.BarChart("#my-camera-chart", cameraAnswers(MOOD_LABELS, answers), CAMERA_OPTIONS);
}

function renderMostRequested() {
  const rows = recap.most_requested;
  $("most-requested").replaceChildren(
    ...(rows.length
      ? rows.map((item) => el("li", {}, songCell(item.song), el("span", { class: "badge" }, plural(item.asks, "ask")), item.played ? el("span", { class: "badge status-live" }, "played") : null))
      : [empty("Nobody requested a song at this party.")]),
  );
  $("requested-chart").classList.toggle("hidden", !rows.length);
  $("requested-summary").textContent = rows.length ? `${rows[0].song.title} led with ${plural(rows[0].asks, "ask")}; the list below has every figure.` : "";
  if (!rows.length) return;
  const top = rows.slice(0, CHART_BARS);
  new Chartist.BarChart(
    "#requested-chart",
    { labels: top.map((item) => short(item.song.title)), series: [top.map((item) => item.asks)] },
    { horizontalBars: true, reverseData: true, low: 0, height: `${top.length * 28 + 30}px`, axisX: { onlyInteger: true }, axisY: { offset: 130 }, chartPadding: { top: 0, right: 24, bottom: 0, left: 0 } },
  );
}

function renderRequestsOverTime() {
  const counts = recap.requests_over_time;
  const starts = recap.timeline.starts;
  const total = counts.reduce((sum, n) => sum + n, 0);
  $("time-chart").classList.toggle("hidden", !total);
  $("time-summary").textContent = total
    ? `${plural(total, "request")} in ${recap.timeline.slice_minutes}-minute slices, from ${time(starts[0])}.`
    : "No requests over the night.";
  fillTable("time-table", null, starts.map((at, index) => [time(at), counts[index]]));
  if (!total) return;
  new Chartist.BarChart("#time-chart", { labels: starts.map(time), series: [counts] }, { ...OVER_TIME_OPTIONS, axisX: { labelInterpolationFnc: timeLabels(starts.length, "time-chart") } });
}

function renderPlayed() {
  $("played").replaceChildren(
    ...(recap.played.length
      ? recap.played.map((item) => {
          const who = item.picked_by ? `the DJ's pick (${item.picked_by})` : `requested by ${item.requested_by}`;
          const asks = item.asks ? ` · ${plural(item.asks, "ask")}` : "";
          return el("li", {}, el("span", { class: "muted when" }, time(item.played_at)), songCell(item.song, el("div", { class: "reason" }, who + asks)));
        })
      : [empty("Nothing was played at this party.")]),
  );
}

function renderTopRated() {
  $("top-rated").replaceChildren(
    ...(recap.top_rated.length
      ? recap.top_rated.map((item) => el("li", {}, songCell(item.song), el("span", { class: "badge", role: "img", "aria-label": `${item.average} of 5 stars from ${plural(item.ratings, "rating")}` }, `${item.average.toFixed(1)} ★ · ${item.ratings}`)))
      : [empty("Nobody rated a song at this party.")]),
  );
}

function renderMood() {
  const mood = recap.mood;
  for (const id of ["mood-chart", "mood-time-chart", "mood-legend"]) $(id).classList.toggle("hidden", !mood);
  if (!mood) {
    $("mood-summary").textContent = "Nobody told their mood at this party.";
    return;
  }
  const moods = Object.keys(MOOD_LABELS);
  const shares = moods.map((value) => [MOOD_LABELS[value], Math.round(mood.distribution[value] * 100)]);
  const [topLabel, topShare] = shares.reduce((best, share) => (share[1] > best[1] ? share : best));
  const agreement = mood.camera_agreement;
  const camera = agreement.answered ? ` Guests agreed with the camera ${agreement.agreed} time${agreement.agreed === 1 ? "" : "s"} in ${agreement.answered}.` : "";
  $("mood-summary").textContent = `Mostly ${topLabel.toLowerCase()} (${topShare}%), from ${plural(mood.readings, "reading")}: ${mood.sources.tap} tapped, ${mood.sources.camera} from selfies.${camera}`;
  fillTable("mood-table", null, shares.map(([label, share]) => [label, `${share}%`]));
  new Chartist.BarChart("#mood-chart", moodBars(MOOD_LABELS, (value) => Math.round(mood.distribution[value] * 100)), { ...MOOD_SHARES_OPTIONS, height: "160px" });

  const starts = recap.timeline.starts;
  moodLegend("mood-legend", MOOD_LABELS);
  $("mood-time-summary").textContent = `Mood readings in ${recap.timeline.slice_minutes}-minute slices, stacked by mood; the table below has every figure.`;
  fillTable("mood-time-table", ["From", ...moods.map((value) => MOOD_LABELS[value])], starts.map((at, index) => [time(at), ...moods.map((value) => recap.mood_over_time[value][index])]));
  new Chartist.BarChart("#mood-time-chart", moodsOverTime(MOOD_LABELS, starts.map(time), (value) => recap.mood_over_time[value]), { ...OVER_TIME_OPTIONS, stackBars: true, axisX: { labelInterpolationFnc: timeLabels(starts.length, "mood-time-chart") } });
}

renderNumbers();
renderMyNight();
renderPoll();
renderMostRequested();
renderRequestsOverTime();
renderPlayed();
renderTopRated();
renderMood();
