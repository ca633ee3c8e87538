"""Helpers the tests share: oracles, strategies, scenarios, an LSP client, editor setups."""
