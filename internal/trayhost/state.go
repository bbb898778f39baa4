package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// state is the host's view of the tray item, as written to D/state.json.
type state struct {
	Registered bool           `json:"registered"`
	Gone       bool           `json:"gone"` // the item's owner left the bus
	Bus        string         `json:"bus"`  // the item's unique bus name
	Path       string         `json:"path"`
	MenuPath   string         `json:"menu_path"`
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	Status     string         `json:"status"`
	ToolTip    string         `json:"tooltip"`
	Icon       string         `json:"icon"`     // a level name, "none", or "other-WxH"
	Icons      []string       `json:"icons"`    // every icon seen, in order, without repeats
	Revision   uint32         `json:"revision"` // of the menu layout
	Menu       []entry        `json:"menu"`
	Signals    map[string]int `json:"signals"` // received from the item, by member
}

// entry is one visible menu entry.
type entry struct {
	ID        int32  `json:"id"`
	Label     string `json:"label"`
	Separator bool   `json:"separator,omitempty"`
	Enabled   bool   `json:"enabled"`
}

// menuLine is the menu on one line, for the transcript.
func (s *state) menuLine() string {
	var b []string
	for _, e := range s.Menu {
		if e.Separator {
			b = append(b, "----")
			continue
		}
		b = append(b, e.Label)
	}
	return strings.Join(b, " | ")
}

// text is the host's view for people (D/menu.txt).
func (s *state) text() string {
	var b strings.Builder
	switch {
	case !s.Registered:
		b.WriteString("no item registered\n")
	case s.Gone:
		fmt.Fprintf(&b, "item %s%s is gone\n", s.Bus, s.Path)
	default:
		fmt.Fprintf(&b, "item %s%s menu %s\n", s.Bus, s.Path, s.MenuPath)
	}
	fmt.Fprintf(&b, "id %q title %q status %q tooltip %q\n", s.ID, s.Title, s.Status, s.ToolTip)
	fmt.Fprintf(&b, "icon %s (seen: %s)\n", s.Icon, strings.Join(s.Icons, " → "))
	fmt.Fprintf(&b, "menu revision %d\n", s.Revision)
	for _, e := range s.Menu {
		switch {
		case e.Separator:
			fmt.Fprintf(&b, "  %4d  ----\n", e.ID)
		case !e.Enabled:
			fmt.Fprintf(&b, "  %4d  %s (disabled)\n", e.ID, e.Label)
		default:
			fmt.Fprintf(&b, "  %4d  %s\n", e.ID, e.Label)
		}
	}
	return b.String()
}

// save writes state.json and menu.txt, each replaced whole.
func (s *state) save(dir string) error {
	j, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := replace(filepath.Join(dir, "state.json"), j); err != nil {
		return err
	}
	return replace(filepath.Join(dir, "menu.txt"), []byte(s.text()))
}

func replace(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// loadState reads the host's view; a missing file is no item yet.
func loadState(dir string) (*state, error) {
	b, err := os.ReadFile(filepath.Join(dir, "state.json"))
	if os.IsNotExist(err) {
		return &state{}, nil
	}
	if err != nil {
		return nil, err
	}
	var s state
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, "state.json"), err)
	}
	return &s, nil
}
