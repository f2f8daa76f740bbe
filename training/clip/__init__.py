"""Training the image tower: data (split, captions, preloaded photos), the trainer, the
held-out quality measures, and the recipe that writes the model file and its card."""
