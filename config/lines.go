package config

import (
	"strconv"
	"strings"
)

// keyLines maps each key written in a TOML document to its line, with
// array-of-tables indices ("exchange[1].interval"). BurntSushi/toml keeps
// positions per un-indexed key only, so we scan the source ourselves. The
// scan is forgiving: it only has to find lines for error messages, and the
// real parser has already accepted the document.
type keyLines struct {
	lines map[string]int // indexed path -> line
	order []keyAt        // every key in document order
}

type keyAt struct {
	indexed, plain string
	line           int
}

func scanKeys(src string) *keyLines {
	kl := &keyLines{lines: map[string]int{}}
	counts := map[string]int{} // array-of-tables path -> elements seen
	var table, plainTable string
	inMulti := "" // inside a multi-line string: its delimiter
	depth := 0    // open [ brackets of a multi-line array value
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		s := strings.TrimSpace(line)
		if inMulti != "" {
			if strings.Count(s, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDelta(s)
			continue
		}
		if s == "" || s[0] == '#' {
			continue
		}
		if strings.HasPrefix(s, "[[") {
			name := keyPath(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(cutComment(s), "[[")), "]]"))
			idx := counts[name]
			counts[name]++
			plainTable = name
			table = name + "[" + strconv.Itoa(idx) + "]"
			kl.add(table, plainTable, n)
			continue
		}
		if s[0] == '[' {
			name := keyPath(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(cutComment(s), "[")), "]"))
			plainTable, table = name, name
			kl.add(table, plainTable, n)
			continue
		}
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			continue
		}
		key := keyPath(k)
		kl.add(join(table, key), join(plainTable, key), n)
		v = strings.TrimSpace(v)
		for _, d := range []string{`"""`, `'''`} {
			if strings.HasPrefix(v, d) && strings.Count(v, d)%2 == 1 {
				inMulti = d
			}
		}
		if strings.HasPrefix(v, "[") {
			depth = bracketDelta(cutComment(v))
		}
	}
	return kl
}

func (kl *keyLines) add(indexed, plain string, line int) {
	if _, seen := kl.lines[indexed]; !seen {
		kl.lines[indexed] = line
	}
	kl.order = append(kl.order, keyAt{indexed, plain, line})
}

// line finds the line of an indexed key, falling back to its nearest
// enclosing table (a key inside an inline table, say).
func (kl *keyLines) line(indexed string) int {
	for k := indexed; k != ""; {
		if n, ok := kl.lines[k]; ok {
			return n
		}
		i := strings.LastIndexAny(k, ".[")
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return 0
}

// has reports whether the document wrote this key.
func (kl *keyLines) has(indexed string) bool {
	_, ok := kl.lines[indexed]
	return ok
}

// first finds the first key whose un-indexed path is plain: the way to
// place a key the TOML library reports without its array index.
func (kl *keyLines) first(plain string) (indexed string, line int) {
	for _, k := range kl.order {
		if k.plain == plain {
			return k.indexed, k.line
		}
	}
	return plain, 0
}

func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// keyPath normalises a TOML key ("a . \"b\"") to a dotted path.
func keyPath(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

func cutComment(s string) string {
	if i := strings.Index(s, "#"); i >= 0 && !strings.ContainsAny(s[:i], `"'`) {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// bracketDelta counts [ minus ] outside strings, for multi-line arrays.
func bracketDelta(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[':
			d++
		case c == ']':
			d--
		}
	}
	return d
}
