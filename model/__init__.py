"""The command record model, its YAML store and its JSON Schema validation."""
