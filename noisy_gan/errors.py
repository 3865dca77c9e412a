"""Errors caused by user input, reported as one line without a traceback."""


class UserError(Exception):
    """A bad config value or data file; the message names the value and the fix."""


class DataError(UserError):
    """A dataset file is missing, truncated or not in IDX format."""


class ConfigError(UserError):
    """A config value is out of range or of the wrong type."""
