"""The patti service: command line now; storage, API and feed in later layers."""
