"""The language server's parts: settings, documents, the files boto3 reads, and features.

These modules may use lsprotocol types; the engine around them never does.
"""
