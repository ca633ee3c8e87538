"""Complaining: every producer of problems (structure, semantics, credentials, environment,
reach), and the one place that assembles a file's problems."""
