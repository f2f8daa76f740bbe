"""Training the instance descriptor (``retrieval.vision.instance``): shopper-like copies
of each catalog photo as positives, every other photo as a negative."""
