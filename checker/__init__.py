"""The checker: validate configurations and explain command lines with the one grammar engine."""
