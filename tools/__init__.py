"""Maintainer scripts run from the repository root (the Makefile wraps each): changelog.py
writes a release's section of CHANGELOG.md from `codegen diff`."""
