"""The DJ console's connection: accept, deny, play, reorder, queue a song, finish the one
playing; set tonight's rules, mute, ban or welcome back a guest; the main DJ may end
the event."""

from consumers import messages
from consumers.base import PartyConsumer
from liveparty import actions
from liveparty.events import moderation
from liveparty.events.offer import offer_state


class DJConsumer(PartyConsumer):
    role = "dj"
    allowed = frozenset(
        {"accept", "deny", "play", "reorder", "queue", "finish", "end", "resume"}
        | {"rules", "mute", "ban", "welcome_back"}
    )
    sees_presence = True
    sees_suggestions = True

    def do_accept(self, action: messages.Accept) -> dict:
        return {"request": actions.accept(self.event, self.identity.user, action.request_id).public}

    def do_deny(self, action: messages.Deny) -> dict:
        return {"request": actions.deny(self.event, self.identity.user, action.request_id).public}

    def do_play(self, action: messages.Play) -> dict:
        return {"request": actions.play(self.event, self.identity.user, action.request_id).public}

    def do_reorder(self, action: messages.Reorder) -> dict:
        queue = actions.reorder(self.event, self.identity.user, action.request_id, action.position)
        return {"queue": [song_request.public for song_request in queue]}

    def do_queue(self, action: messages.QueueSong) -> dict:
        return {"request": actions.queue_song(self.event, self.identity.user, action.song_id, action.position).public}

    def do_finish(self, action: messages.Finish) -> dict:
        return {"played": actions.finish(self.event, self.identity.user).public}

    def do_rules(self, action: messages.SetRules) -> dict:
        return {"offer": offer_state(actions.set_rules(self.event, self.identity.user, action.changes))}

    def do_mute(self, action: messages.Mute) -> dict:
        return {"guest": moderation.public(actions.mute(self.event, self.identity.user, action.nickname))}

    def do_ban(self, action: messages.Ban) -> dict:
        return {"guest": moderation.public(actions.ban(self.event, self.identity.user, action.nickname))}

    def do_welcome_back(self, action: messages.WelcomeBack) -> dict:
        return {"guest": moderation.public(actions.welcome_back(self.event, self.identity.user, action.nickname))}

    def do_end(self, action: messages.End) -> dict:
        return {"event": actions.end_event(self.event, self.identity.user).public}
