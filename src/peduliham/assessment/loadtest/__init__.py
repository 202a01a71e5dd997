"""The locust scenario of the hall load test, run by `assessment.bench_hall` only."""
