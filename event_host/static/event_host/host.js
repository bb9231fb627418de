// The host page: start an event, invite co-DJs, end it, and watch its guests arrive.
import { PartyClient, api, sentence } from "../liveparty/party-client.js";

const page = JSON.parse(document.getElementById("page-data").textContent);
const $ = (id) => document.getElementById(id);

$("start").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = { name: $("name").value };
  const mainDj = $("main-dj").value.trim();
  if (mainDj && mainDj !== page.me.username) body.main_dj = mainDj;
  const answer = await api("/api/events", { method: "POST", body });
  if (!answer.ok) {
    $("start-error").textContent = sentence(answer.error);
    return;
  }
  location.assign(`?event=${answer.data.code}`); // the chosen event is in the URL: it survives a reload
});

if (page.event) {
  const client = new PartyClient({
    code: page.event,
    role: "host",
    onChange: (state) => {
      $("djs").textContent = state.event.djs.map((dj) => `${dj.display_name}${dj.role === "main" ? " (main)" : ""}`).join(", ");
      if (state.event.status === "ended") location.assign("."); // an ended event leaves the list
    },
    onPresence: (guests) => {
      $("online").textContent = `${guests} guest${guests === 1 ? "" : "s"} online`;
    },
    onStatus: (status, text) => {
      $("status").className = `badge status-${status}`;
      $("status").textContent = text;
    },
  });
  client.connect();

  $("invite").addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await api(`/api/events/${page.event}/djs`, { method: "POST", body: { username: $("co-dj").value.trim() } });
    $("invite-note").textContent = answer.ok ? "" : sentence(answer.error);
    if (answer.ok) $("co-dj").value = "";
  });

  $("end").addEventListener("click", async () => {
    if (!confirm("End this event for everyone? Guests can no longer request songs.")) return;
    const answer = await api(`/api/events/${page.event}/end`, { method: "POST" });
    if (!answer.ok) $("invite-note").textContent = sentence(answer.error);
  });
}
