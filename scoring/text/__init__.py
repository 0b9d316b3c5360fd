"""Text utilities shared by the detector, the NLU and the scorer: normalisation with offset maps."""
