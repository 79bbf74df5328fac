-- Topic words of the generated catalog (three misspelt on purpose), for the distinct query mixes (uncached.lua, pages.lua).
return {
  "python", "javascript", "typescript", "java", "kotlin", "swift", "rust", "sql", "postgresql", "docker", "kubernetes",
  "terraform", "azure", "linux", "react", "angular", "blazor", "django", "microservices", "learning", "statistics", "excel",
  "pandas", "tensorflow", "vision", "cybersecurity", "networking", "unity", "blender", "photoshop", "figma", "typography",
  "photography", "guitar", "piano", "singing", "songwriting", "leadership", "negotiation", "scrum", "marketing", "seo",
  "copywriting", "sales", "accounting", "investing", "spanish", "french", "german", "japanese", "writing", "yoga",
  "nutrition", "meditation", "running", "cooking", "baking", "gardening", "calculus", "algebra", "physics", "chemistry",
  "biology", "astronomy", "psychology", "philosophy", "history", "architecture", "woodworking", "electronics", "arduino",
  "robotics", "blockchain", "pyhton", "kubernets", "photografy",
}
