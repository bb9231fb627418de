"""Events, their DJs and their lifecycle: start, invite a co-DJ, end."""
