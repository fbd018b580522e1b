"""`python -m corpus`: see corpus/README.md."""

from .cli import main

raise SystemExit(main())
