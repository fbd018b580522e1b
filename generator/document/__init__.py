"""Reading a spec: YAML/JSON with source positions, `$ref` resolution across files, validation."""
