"""The Python emitter: type spellings, models, package templates and the atomic writer."""
