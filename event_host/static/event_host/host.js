// The host page: start a party, invite co-DJs, end it, and watch its guests arrive.
import { $, PartyClient, api, pageData, sentence } from "../liveparty/party-client.js";

const page = pageData();

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
  location.assign(`?event=${answer.data.code}`); // the chosen party is in the URL: it survives a reload
});

if (page.event && $("end")) {
  const client = new PartyClient({
    code: page.event,
    role: "host",
    onChange: (state) => {
      $("djs").textContent = state.event.djs.map((dj) => `${dj.display_name}${dj.role === "main" ? " (main)" : ""}`).join(", ");
      // Ended here or by the main DJ: the page shows the party over, and it among my past parties.
      if (state.event.status === "ended") location.replace(location.href);
    },
    onPresence: (guests) => {
      $("online").textContent = `${guests} guest${guests === 1 ? "" : "s"} online`;
    },
  });
  client.connect();

  $("invite").addEventListener("submit", async (event) => {
    event.preventDefault();
    const username = $("co-dj").value.trim();
    const answer = await api(`/api/events/${page.event}/djs`, { method: "POST", body: { username } });
    $("invite-note").textContent = answer.ok ? `${answer.data.display_name} is a co-DJ now.` : sentence(answer.error);
    $("invite-note").className = answer.ok ? "muted" : "note";
    if (answer.ok) $("co-dj").value = "";
  });

  $("end").addEventListener("click", async () => {
    if (!confirm("End this party for everyone? Guests can no longer request songs.")) return;
    const answer = await api(`/api/events/${page.event}/end`, { method: "POST" });
    if (!answer.ok) $("end-note").textContent = sentence(answer.error);
  });
}
