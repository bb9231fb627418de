"""The guest's connection: request, +1, withdraw, rate."""

from consumers import messages
from consumers.base import PartyConsumer
from liveparty import actions


class GuestConsumer(PartyConsumer):
    role = "guest"
    allowed = frozenset({"request", "ask", "cancel", "rate", "mood", "resume"})

    def do_request(self, action: messages.RequestSong) -> dict:
        return {"request": actions.request_song(self.identity.guest, action.song_id).public}

    def do_ask(self, action: messages.Ask) -> dict:
        return {"request": actions.ask(self.identity.guest, action.request_id).public}

    def do_cancel(self, action: messages.Cancel) -> dict:
        return {"request": actions.cancel(self.identity.guest, action.request_id).public}

    def do_rate(self, action: messages.Rate) -> dict:
        return {"rating": actions.rate(self.identity.guest, action.score).public}

    def do_mood(self, action: messages.TellMood) -> dict:
        return {"mood": actions.tell_mood(self.identity.guest, action.mood, action.reading_id).public}
