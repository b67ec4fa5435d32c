class InvalidInstance(ValueError):
    """The instance breaks the contract; the message is one line a person can act on."""
