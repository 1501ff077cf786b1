class RoundError(ValueError):
    """A round or ballot the rules do not allow; the message is for the person who tried."""
