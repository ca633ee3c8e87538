"""Editing that keeps botocore's reading: where names are written (names), rename planned and
checked (rename), formatting (formatting), and why either is refused (refusal). Shared by the
server and the CLI."""
