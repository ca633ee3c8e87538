"""LSP features as pure functions, called in process without a server (after esbonio)."""
