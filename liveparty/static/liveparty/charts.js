// Charts the pages share (Chartist, vendored). A mood keeps its colour on every chart and
// in every legend: each mood's series carries the mood's class (charts.css), never a
// colour that follows the series' order (which reverseData and stacking change).
import { $, el } from "./party-client.js";

// A figure per mood, one bar each in the mood's colour: each bar is its own series, with
// nothing at the other moods' places (stack them, so that no room is left for those).
export function moodBars(moods, valueOf) {
  const values = Object.keys(moods);
  return {
    labels: values.map((value) => moods[value]),
    series: values.map((value, index) => ({ className: `ct-series mood-${value}`, data: values.map((_, at) => (at === index ? valueOf(value) : null)) })),
  };
}

// Bars standing up, for counts per mood.
export const MOOD_BARS_OPTIONS = { stackBars: true, low: 0, height: "180px", axisY: { offset: 30 }, chartPadding: { top: 14, right: 8, bottom: 0, left: 0 } };

// The crowd's mood as a share per mood (`moodBars`), one horizontal bar each, the first mood on top.
export const MOOD_SHARES_OPTIONS = {
  horizontalBars: true,
  stackBars: true,
  reverseData: true,
  low: 0,
  high: 100,
  height: "150px",
  chartPadding: { top: 0, right: 36, bottom: 0, left: 0 },
  axisX: { onlyInteger: true, labelInterpolationFnc: (value) => `${value}%` },
  axisY: { offset: 76 },
};

// Readings per mood as a donut, a slice per mood in its colour.
export function moodMix(moods, countOf) {
  return { series: Object.keys(moods).map((value) => ({ value: countOf(value), className: `mood-${value}` })) };
}

export const MOOD_MIX_OPTIONS = { donut: true, donutWidth: 38, showLabel: false, height: "200px" };
// The same as a whole pie: one person's moods (a crowd's mix is the donut).
export const MOOD_PIE_OPTIONS = { showLabel: false, ignoreEmptyValues: true, height: "200px" };

// Counts per mood over time, one line per mood (`moodsOverTime`).
export const MOOD_LINES_OPTIONS = {
  low: 0,
  lineSmooth: false, // counts per period: straight from one to the next, no curve between
  height: "220px",
  fullWidth: true,
  axisY: { onlyInteger: true, offset: 30 },
  chartPadding: { top: 14, right: 24, bottom: 0, left: 0 },
};

// What guests said of the camera's readings, per mood it read: confirmed and corrected, stacked.
export function cameraAnswers(moods, answersOf) {
  const values = Object.keys(moods);
  const series = ["agreed", "corrected"].map((kind) => ({ className: `ct-series ${kind}`, data: values.map((value) => answersOf(value)[kind]) }));
  return { labels: values.map((value) => moods[value]), series };
}

export const CAMERA_OPTIONS = { stackBars: true, low: 0, height: "200px", axisY: { onlyInteger: true, offset: 30 }, chartPadding: { top: 14, right: 8, bottom: 0, left: 0 } };

// Readings of each mood over time, stacked.
export function moodsOverTime(moods, labels, countsOf) {
  return { labels, series: Object.keys(moods).map((value) => ({ className: `ct-series mood-${value}`, data: countsOf(value) })) };
}

// The legend of the moods' colours (the chart's table names them for screen readers).
export function moodLegend(id, moods) {
  $(id).replaceChildren(...Object.keys(moods).map((value) => el("li", { class: `mood-${value}` }, moods[value])));
}

// A chart's text alternative: its figures as a table (`head`: the column names, or null
// to keep the template's); each row's first cell names it.
export function fillTable(id, head, rows) {
  const table = $(id);
  if (head) table.tHead.replaceChildren(el("tr", {}, ...head.map((cell) => el("th", { scope: "col" }, cell))));
  table.tBodies[0].replaceChildren(...rows.map(([label, ...cells]) => el("tr", {}, el("th", { scope: "row" }, label), ...cells.map((cell) => el("td", {}, String(cell))))));
}
