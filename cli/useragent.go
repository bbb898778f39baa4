package cli

import "safeharbor/watchers"

// The engine's User-Agent carries the build version ("SafeHarbor/<version>");
// watchers cannot import cli, so cli hands it over.
func init() { watchers.Version = Version }
