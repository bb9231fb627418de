// The pages' reducer (party-client.js's applyUpdate) on the scenarios the Python tests
// record: for each viewer, the updates an action recorded, applied to the snapshot taken
// before it, must give the snapshot taken after it (all but `me.suggestions`, which has
// no seq). Run by tests/test_js_reducer.py: node reducer.mjs CASES.json
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const { applyUpdate, UnknownUpdate } = await import("../../liveparty/static/liveparty/party-client.js");

function logged(state) {
  const copy = structuredClone(state);
  delete copy.me.suggestions;
  return copy;
}

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const failures = [];
for (const { scenario, viewer, before, updates, after } of cases) {
  try {
    const state = updates.reduce(applyUpdate, before);
    assert.deepEqual(logged(state), logged(after));
  } catch (error) {
    failures.push(`${scenario} / ${viewer}: ${error.message}`);
  }
}
try {
  applyUpdate(cases[0].before, { type: "update", seq: 1, kind: "dance.started", data: {} });
  failures.push("an unknown update kind was applied instead of refused");
} catch (error) {
  if (!(error instanceof UnknownUpdate)) failures.push(`an unknown update kind threw ${error}`);
}
if (failures.length) {
  console.error(failures.join("\n\n"));
  process.exit(1);
}
console.log(`${cases.length} cases: the page's reducer gives every fresh snapshot`);
