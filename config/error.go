package config

import (
	"fmt"
	"strconv"
)

// Error is a config problem located in the file: "config.toml:12:
// exchange[1].interval: "1x" is not a duration (e.g. "15s")". Line is 0
// when unknown (a Config built in code); Key is "" for syntax errors.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	s := e.File
	if s == "" {
		s = "config"
	}
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	if e.Key != "" {
		s += ": " + e.Key
	}
	return s + ": " + e.Msg
}

func errorf(key, format string, args ...any) *Error {
	return &Error{Key: key, Msg: fmt.Sprintf(format, args...)}
}
