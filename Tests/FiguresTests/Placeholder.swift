// Placeholder so the target has a source; replaced by real tests.
