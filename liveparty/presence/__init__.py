"""How many guests are connected to each event, summed over every server process."""
