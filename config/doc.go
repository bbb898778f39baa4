// Package config loads, validates and saves SafeHarbor's TOML config file
// (SPEC §5). Validation happens up front: an unknown key or a bad value is
// an error that names the file, the line and the key. Secrets never live
// here; tokens are "keyring:NAME" references.
package config
