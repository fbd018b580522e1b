import gc
import os
import sys

# A generation allocates mostly objects that live until the end (modules, classes, the IR): the
# collector's default pace (a young collection every 700 allocations) spends ~4 ms of a small
# generation traversing them to free almost nothing, and a young collection costs in proportion to
# what survives it, so fewer, larger ones save little. Every 50,000 allocations, a small
# generation (~35,000) runs none; a large one still frees its cycles (GitHub's 13 MB description:
# peak RSS +0.5 to +1% and the same CPU time as with 10,000). This is the command's process only,
# not that of a program importing the generator.
gc.set_threshold(50_000, 10, 10)

from generator import dataclass_code, regex_code, user_cache  # noqa: E402

# Before any module of ours defines a dataclass or compiles a pattern; in this process only (see
# `dataclass_code` and `regex_code`).
dataclass_code.install()
regex_code.install()

from generator.cli import main  # noqa: E402

code = main()
user_cache.save_all()  # what `atexit` would do, were the process not ended below
# The command is done: end the process without the interpreter's teardown, which frees every
# module and object one by one (~15 ms of a small generation, more after a large one) for memory
# the system takes back anyway. Nothing of ours waits for it (no atexit work, no threads left),
# and what the standard streams hold is flushed first.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
