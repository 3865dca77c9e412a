"""Command-line checks shared by the entry points: bad input ends in one line, not a traceback."""

import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from hydra._internal.utils import get_args_parser
from hydra.core.hydra_config import HydraConfig
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.core.override_parser.types import ValueType
from hydra.errors import HydraException, InstantiationException

from noisy_gan.data.corruption.base import check_pct
from noisy_gan.errors import UserError

CONFIG_DIR = Path(__file__).resolve().parent.parent / "conf"
ERROR_FILE = "error.txt"


def group_options(group: str) -> list[str]:
    """Return the options of config group `group`, e.g. ['emnist', 'fashion', 'gaussian', 'none']."""
    return sorted(path.stem for path in (CONFIG_DIR / group).glob("*.yaml"))


def check_overrides(overrides: Sequence[str]) -> None:
    """Reject unknown config group options and out-of-range percentages before Hydra starts any job.

    Each job checks its full config again. This check reads only the command line,
    so that a bad sweep fails before its first job instead of halfway through.
    """
    try:
        parsed = OverridesParser.create().parse_overrides(list(overrides))
    except HydraException:
        return  # Hydra reports its own syntax errors with the offending override.
    for override in parsed:
        key = override.key_or_group
        if override.is_delete() or override.value_type == ValueType.GLOB_CHOICE_SWEEP or override.value_type == ValueType.INTERVAL_SWEEP:
            continue
        values = list(override.sweep_iterator()) if override.is_sweep_override() else [override.value()]
        if (CONFIG_DIR / key).is_dir():
            options = group_options(key)
            for value in values:
                if value is not None and str(value) not in options:
                    raise UserError(f"{key}={value} is not a known option; choose one of: {', '.join(options)}")
        elif key == "noise.pct":
            for value in values:
                check_pct(value)


def check_command_line(argv: Sequence[str] | None = None) -> None:
    """Run `check_overrides` on the overrides in `argv` (default: sys.argv) and exit with one line on error."""
    arguments = get_args_parser().parse_known_args(sys.argv[1:] if argv is None else list(argv))[0]
    try:
        check_overrides(arguments.overrides)
    except UserError as error:
        sys.exit(f"error: {error}")


def find_user_error(error: BaseException) -> UserError | None:
    """Return the `UserError` behind `error`, looking through Hydra's instantiation wrappers."""
    while error is not None:
        if isinstance(error, UserError):
            return error
        error = error.__cause__ or error.__context__
    return None


@contextlib.contextmanager
def user_errors_as_one_line() -> Iterator[None]:
    """Turn a `UserError` into one line on stderr, `error.txt` in the job directory and exit status 1."""
    try:
        yield
    except (UserError, InstantiationException) as error:
        cause = find_user_error(error)
        if cause is None:
            raise
        message = str(cause)
        if HydraConfig.initialized():
            Path(HydraConfig.get().runtime.output_dir, ERROR_FILE).write_text(message + "\n")
        sys.exit(f"error: {message}")
