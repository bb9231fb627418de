"""The host page's connection: watch the party, end it."""

from consumers import messages
from consumers.base import PartyConsumer
from liveparty import actions


class HostConsumer(PartyConsumer):
    role = "host"
    allowed = frozenset({"end", "resume"})
    sees_presence = True

    def do_end(self, action: messages.End) -> dict:
        return {"event": actions.end_event(self.event, self.identity.user).public}
