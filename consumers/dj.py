"""The DJ console's connection: accept, deny, play, reorder, queue a song, finish the one
playing; the main DJ may end the event."""

from consumers import messages
from consumers.base import PartyConsumer
from liveparty.events.services import end_event
from liveparty.requests import services as requests


class DJConsumer(PartyConsumer):
    role = "dj"
    actions = frozenset({"accept", "deny", "play", "reorder", "queue", "finish", "end", "resume"})
    sees_presence = True
    sees_suggestions = True

    def do_accept(self, action: messages.Accept) -> dict:
        return {"request": requests.accept(self.event, self.identity.user, action.request_id).public}

    def do_deny(self, action: messages.Deny) -> dict:
        return {"request": requests.deny(self.event, self.identity.user, action.request_id).public}

    def do_play(self, action: messages.Play) -> dict:
        return {"request": requests.play(self.event, self.identity.user, action.request_id).public}

    def do_reorder(self, action: messages.Reorder) -> dict:
        queue = requests.reorder(self.event, self.identity.user, action.request_id, action.position)
        return {"queue": [entry.public for entry in queue]}

    def do_queue(self, action: messages.QueueSong) -> dict:
        return {"request": requests.queue_song(self.event, self.identity.user, action.song_id, action.position).public}

    def do_finish(self, action: messages.Finish) -> dict:
        return {"played": requests.finish(self.event, self.identity.user).public}

    def do_end(self, action: messages.End) -> dict:
        return {"event": end_event(self.event, self.identity.user).public}
