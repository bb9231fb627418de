"""After the party: the recap of a party and each guest's night (services.py), on one
timeline (timeline.py), and the played playlist to take home (exports.py)."""
