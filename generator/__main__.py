import os
import sys

from generator import dataclass_code
from generator.cli import main

code = main()
dataclass_code.save()  # what `atexit` would do, were the process not ended below
# The command is done: end the process without the interpreter's teardown, which frees every
# module and object one by one (~15 ms of a small generation, more after a large one) for memory
# the system takes back anyway. Nothing of ours waits for it (no atexit work, no threads left),
# and what the standard streams hold is flushed first.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
