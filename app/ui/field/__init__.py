"""Field mode: participants and their consent, the interview runner, the reflexive field note."""
