"""aws-config-ls: see AWS config, credentials and boto files exactly as botocore does."""

__version__ = "0.1.0"
