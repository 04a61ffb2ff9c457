// Placeholder entry point; the ledger throughput harness replaces it (issue 5).
return 0;
