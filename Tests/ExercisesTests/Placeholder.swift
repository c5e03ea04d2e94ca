// Placeholder so the test target has a source.
