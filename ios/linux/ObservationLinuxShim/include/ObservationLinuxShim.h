// Nothing to import: the shim only defines a symbol the Observation runtime needs on Linux.
