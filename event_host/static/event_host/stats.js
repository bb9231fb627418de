// Mood statistics across my parties (or, for the site's staff, every party): asked of the
// API in this browser's time zone, drawn with Chartist (vendored); every chart has a
// sentence and a table for screen readers, and the heatmap is a table itself.
import { CAMERA_OPTIONS, MOOD_BARS_OPTIONS, MOOD_LINES_OPTIONS, MOOD_MIX_OPTIONS, cameraAnswers, fillTable, moodBars, moodLegend, moodMix, moodsOverTime } from "../liveparty/charts.js";
import { $, api, el, pageData, plural, sentence } from "../liveparty/party-client.js";

const page = pageData();
const MOODS = page.moods;
const VALUES = Object.keys(MOODS);
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const HEAT_LEVELS = 4; // shades of the heatmap above "none"
const PERIOD_LABEL = {
  day: (at) => at.toLocaleDateString([], { day: "numeric", month: "short" }),
  week: (at) => `w/c ${at.toLocaleDateString([], { day: "numeric", month: "short" })}`,
  month: (at) => at.toLocaleDateString([], { month: "short", year: "numeric" }),
};
// A song's title on the top ten's axis: longer ones end in "…" (the table has them whole).
const TITLE_ROOM = 22;
const charts = {};
let latest = null;


function draw(id, Kind, data, options) {
  charts[id]?.detach();
  $(id).replaceChildren();
  charts[id] = new Kind(`#${id}`, data, options);
}

function renderShare(stats) {
  const top = VALUES.reduce((best, value) => (stats.distribution[value] > stats.distribution[best] ? value : best));
  $("share-summary").textContent = `Most often ${MOODS[top].toLowerCase()}: ${Math.round((stats.distribution[top] / stats.readings) * 100)}% of ${plural(stats.readings, "reading")}.`;
  fillTable("share-table", null, VALUES.map((value) => [MOODS[value], stats.distribution[value]]));
  moodLegend("share-legend", MOODS);
  draw("share-chart", Chartist.PieChart, moodMix(MOODS, (value) => stats.distribution[value]), MOOD_MIX_OPTIONS);
}

function renderTrends(stats) {
  const trends = stats.trends;
  const labels = trends.starts.map((start) => PERIOD_LABEL[trends.period](new Date(start)));
  $("trend-summary").textContent = `Readings of each mood by ${trends.period}, over ${plural(labels.length, trends.period)}.`;
  fillTable("trend-table", ["From", ...VALUES.map((value) => MOODS[value])], labels.map((label, index) => [label, ...VALUES.map((value) => trends.series[value][index])]));
  moodLegend("trend-legend", MOODS);
  draw("trend-chart", Chartist.LineChart, moodsOverTime(MOODS, labels, (value) => trends.series[value]), MOOD_LINES_OPTIONS);
}

function renderHeatmap(stats) {
  const grid = stats.by_weekday_and_hour;
  const most = Math.max(...grid.flat());
  let busiest = [0, 0];
  grid.forEach((row, day) => row.forEach((n, hour) => (n > grid[busiest[0]][busiest[1]] ? (busiest = [day, hour]) : null)));
  $("when-summary").textContent = `Busiest: ${WEEKDAYS[busiest[0]]}s at ${String(busiest[1]).padStart(2, "0")}:00 (${plural(most, "reading")}). Hours are this device's time.`;
  $("heatmap").tHead.replaceChildren(el("tr", {}, el("td"), ...Array.from({ length: 24 }, (_, hour) => el("th", { scope: "col" }, String(hour)))));
  $("heatmap").tBodies[0].replaceChildren(
    ...grid.map((row, day) =>
      el(
        "tr",
        {},
        el("th", { scope: "row" }, el("abbr", { title: WEEKDAYS[day] }, WEEKDAYS[day].slice(0, 3))),
        ...row.map((n, hour) => el("td", { class: `heat-${n ? Math.ceil((n / most) * HEAT_LEVELS) : 0}`, title: `${WEEKDAYS[day]} ${hour}:00, ${plural(n, "reading")}` }, n ? String(n) : "")),
      ),
    ),
  );
  // On a phone the 24 hours scroll sideways: start with the busiest hour in view.
  const box = document.querySelector(".heat-scroll");
  const cell = $("heatmap").tBodies[0].rows[busiest[0]].cells[busiest[1] + 1];
  box.scrollLeft = Math.max(0, cell.offsetLeft - box.clientWidth / 2);
}

function renderCamera(stats) {
  const answered = VALUES.reduce((sum, value) => sum + stats.camera[value].agreed + stats.camera[value].corrected, 0);
  const agreed = VALUES.reduce((sum, value) => sum + stats.camera[value].agreed, 0);
  $("camera-summary").textContent = answered
    ? `Guests confirmed the camera's reading ${agreed} time${agreed === 1 ? "" : "s"} in ${answered}, by the mood the camera read.`
    : "No guest has answered a selfie reading yet.";
  $("camera-chart").classList.toggle("hidden", !answered);
  document.querySelector(".camera-legend").classList.toggle("hidden", !answered);
  fillTable("camera-table", null, VALUES.map((value) => [MOODS[value], stats.camera[value].agreed, stats.camera[value].corrected]));
  if (!answered) return;
  draw("camera-chart", Chartist.BarChart, cameraAnswers(MOODS, (value) => stats.camera[value]), CAMERA_OPTIONS);
}

function renderMostActive(stats) {
  $("most-active").replaceChildren(
    ...stats.most_active.map((guest) =>
      el("li", {}, el("div", { class: "grow" }, el("div", { class: "song" }, guest.nickname), el("div", { class: "artist" }, `at ${guest.party.name}`)), el("span", { class: "badge" }, plural(guest.readings, "mood"))),
    ),
  );
}

function renderPlayed(stats) {
  const played = stats.songs.played;
  const total = VALUES.reduce((sum, value) => sum + played[value], 0);
  const top = VALUES.reduce((best, value) => (played[value] > played[best] ? value : best));
  $("played-summary").textContent = total
    ? `${plural(total, "song")} played while the crowd's mood was known; most while it was ${MOODS[top].toLowerCase()} (${played[top]}).`
    : "No song has played yet while the crowd's mood was known.";
  $("played-chart").classList.toggle("hidden", !total);
  fillTable("played-table", null, VALUES.map((value) => [MOODS[value], played[value]]));
  if (total) draw("played-chart", Chartist.BarChart, moodBars(MOODS, (value) => played[value]), { ...MOOD_BARS_OPTIONS, axisY: { ...MOOD_BARS_OPTIONS.axisY, onlyInteger: true } });
}

function renderRequested(stats) {
  const requested = stats.songs.requested;
  const told = VALUES.filter((value) => requested[value].asks > 0);
  const most = told.reduce((best, value) => (best === null || requested[value].per_guest > requested[best].per_guest ? value : best), null);
  $("requested-summary").textContent = most
    ? `${MOODS[most]} guests request the most: ${requested[most].per_guest} songs each, on average.`
    : "No guest has requested a song with a mood told yet.";
  $("requested-chart").classList.toggle("hidden", !most);
  fillTable("requested-table", null, VALUES.map((value) => [MOODS[value], requested[value].asks, requested[value].guests, requested[value].per_guest ?? "none"]));
  if (most) draw("requested-chart", Chartist.BarChart, moodBars(MOODS, (value) => requested[value].per_guest ?? 0), MOOD_BARS_OPTIONS);
}

function shortTitle(title) {
  return title.length > TITLE_ROOM ? `${title.slice(0, TITLE_ROOM - 1)}…` : title;
}

function renderTopSongs(stats, mood) {
  const top = stats.songs.top[mood];
  const feeling = MOODS[mood].toLowerCase();
  $("top-summary").textContent = top.length ? `The songs asked for most by ${feeling} guests, most first.` : `No guest has requested a song while ${feeling} yet.`;
  $("top-chart").classList.toggle("hidden", !top.length);
  fillTable("top-table", null, top.map((row) => [row.song.title, row.song.artist, row.asks]));
  if (!top.length) return;
  draw(
    "top-chart",
    Chartist.BarChart,
    { labels: top.map((row) => shortTitle(row.song.title)), series: [{ className: `ct-series mood-${mood}`, data: top.map((row) => row.asks) }] },
    { horizontalBars: true, reverseData: true, low: 0, height: `${top.length * 26 + 30}px`, axisX: { onlyInteger: true }, axisY: { offset: 130 }, chartPadding: { top: 0, right: 16, bottom: 0, left: 0 } },
  );
}

function renderTrending(stats, mood) {
  const trending = stats.songs.trending;
  const rows = trending.moods[mood];
  const feeling = MOODS[mood].toLowerCase();
  const dayName = (day) => new Date(`${day}T12:00:00`).toLocaleDateString([], { day: "numeric", month: "short" });
  $("trending-summary").textContent = rows.length
    ? `What ${feeling} guests asked for most since ${dayName(trending.days[0])}, with their requests each day.`
    : `No guest has requested a song while ${feeling} in the last 30 days.`;
  const busiest = (row) => trending.days[row.by_day.indexOf(Math.max(...row.by_day))];
  fillTable("trending-table", null, rows.map((row) => [row.song.title, row.asks, row.by_day.slice(-7).reduce((sum, n) => sum + n, 0), dayName(busiest(row))]));
  $("trending").replaceChildren(
    ...rows.map((row, index) =>
      el(
        "li",
        {},
        el("div", { class: "grow" }, el("div", { class: "song" }, row.song.title), el("div", { class: "artist" }, row.song.artist)),
        el("div", { id: `spark-${index}`, class: "chart spark", "aria-hidden": "true" }),
        el("span", { class: "badge" }, plural(row.asks, "request")),
      ),
    ),
  );
  rows.forEach((row, index) =>
    draw(`spark-${index}`, Chartist.LineChart, { series: [{ className: `ct-series mood-${mood}`, data: row.by_day }] }, {
      low: 0,
      showPoint: false,
      showArea: true,
      fullWidth: true,
      height: "32px",
      chartPadding: { top: 2, right: 2, bottom: 2, left: 2 },
      axisX: { showLabel: false, showGrid: false, offset: 0 },
      axisY: { showLabel: false, showGrid: false, offset: 0 },
    }),
  );
}

function renderSongsForMood(stats) {
  const chosen = $("song-mood");
  if (!chosen.options.length) {
    chosen.replaceChildren(...VALUES.map((value) => el("option", { value }, MOODS[value])));
    chosen.value = VALUES.reduce((best, value) => (stats.songs.requested[value].asks > stats.songs.requested[best].asks ? value : best));
  }
  $("top-title").textContent = `Top ten when ${MOODS[chosen.value].toLowerCase()}`;
  renderTopSongs(stats, chosen.value);
  renderTrending(stats, chosen.value);
}

async function load() {
  const scope = $("scope")?.value ?? "mine";
  const query = new URLSearchParams({ scope, period: $("period").value, tz: ZONE });
  $("stats-error").textContent = "";
  const answer = await api(`/api/stats/moods?${query}`);
  if (!answer.ok) {
    $("stats-summary").textContent = "";
    $("stats-error").textContent = sentence(answer.error);
    return;
  }
  const stats = answer.data;
  const where = `at ${plural(stats.parties, "party", "parties")} ${scope === "site" ? "on the whole site" : "you hosted or DJed"}`;
  document.querySelectorAll(".figures").forEach((section) => section.classList.toggle("hidden", !stats.readings));
  if (!stats.readings) {
    $("stats-summary").textContent = stats.parties ? `No moods told ${where} yet: guests tell theirs from their phones.` : "No parties yet: the moods of your parties show here once guests tell them.";
    return;
  }
  $("stats-summary").textContent = `${plural(stats.readings, "mood")} told ${where}.`;
  renderShare(stats);
  renderTrends(stats);
  renderHeatmap(stats);
  renderCamera(stats);
  renderMostActive(stats);
  renderPlayed(stats);
  renderRequested(stats);
  renderSongsForMood(stats);
  latest = stats;
}

$("period").addEventListener("change", load);
$("song-mood").addEventListener("change", () => latest && renderSongsForMood(latest));
$("scope")?.addEventListener("change", load);
load();
