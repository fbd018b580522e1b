"""The release workflow: change reports, release records and versions, build and publish."""
