print("chapter-11-2: under construction")
