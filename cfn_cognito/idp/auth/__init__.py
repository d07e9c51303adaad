"""Sign-in: InitiateAuth / AdminInitiateAuth through one table of flows (`flows.py`), and
RespondToAuthChallenge / AdminRespondToAuthChallenge through one table of challenges
(`challenges.py`). One small module per flow or challenge."""
