print("exercises: under construction")
