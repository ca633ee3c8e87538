"""The parse layer: bytes → text → lossless tree → botocore's dictionaries and failure.

Also the vocabulary every layer above shares: file kinds, paths as botocore expands them,
spans, and the located `Problem` every check produces. Imports nothing else of the package.
"""
