package ui

import "safeharbor/config"

// fileStore saves the config file with config's own validation and atomic write.
type fileStore struct {
	path   string // where to save a config that was not read from a file; "" = the default location
	getenv func(string) string
}

// Save implements ConfigStore.
func (s fileStore) Save(c config.Config) (config.Config, error) {
	p := c.Path
	if p == "" {
		p = s.path
	}
	if p == "" && s.getenv != nil {
		p = config.Path(s.getenv)
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	if err := c.Save(p); err != nil {
		return c, err
	}
	c.Path = p
	return c, nil
}
