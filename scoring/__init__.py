"""Detection and grading of collection calls. Headless: never imports the simulator or Textual."""
