"""Benchmarks of cfn-cognito against its peers; run with `.venv/bin/python -m bench`."""
