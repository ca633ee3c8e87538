"""`python -m aws_config_ls` is the same as the `aws-config-ls` command."""

from aws_config_ls.cli import main

raise SystemExit(main())
