"""SemEval-2025 Task 10 formats (readers, writers) and the official metrics."""
