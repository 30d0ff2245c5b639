"""The one exception type bad user input raises, so the CLI can exit 2 with its text."""


class InputError(ValueError):
    """Bad user input: a scenario, data file, parameter, sweep spec, result folder or option.

    The message names the file or field and the allowed values, and says it in the
    caller's terms: Python callers see keywords, the command line adds its flags.
    """
