"""Spec-driven mock server and contract tests."""
