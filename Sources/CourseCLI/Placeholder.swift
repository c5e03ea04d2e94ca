// Placeholder so the target has a source; the module's owner replaces it.
