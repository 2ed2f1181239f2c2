"""Resolvers: map names found in a document to entries of a registry."""
