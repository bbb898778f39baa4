package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"safeharbor/config"
)

type fakeGUI struct{ demo bool }

func (g *fakeGUI) Run(env *Env, demo bool) int { g.demo = demo; return 0 }

func TestDemoOpensGUI(t *testing.T) {
	g := &fakeGUI{}
	if code := Main([]string{"demo"}, nil, &bytes.Buffer{}, &bytes.Buffer{}, g); code != 0 || !g.demo {
		t.Fatalf("exit %d demo %v", code, g.demo)
	}
	if code, _, errs := run("demo"); code != ExitUsage || !strings.Contains(errs, "--headless") {
		t.Fatalf("no GUI: %d %q", code, errs)
	}
}

func TestDemoHeadless(t *testing.T) {
	stop := stoppable(t)
	out := newSyncBuffer()
	errb := newSyncBuffer()
	done := make(chan int)
	go func() { done <- Main([]string{"demo", "--headless"}, nil, out, errb, nil) }()
	errb.waitFor("demo step 1")
	text := out.waitFor("first check")
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(text, "operational") {
		t.Fatalf("%q", text)
	}
}

func TestDemoServeOnly(t *testing.T) {
	stop := stoppable(t)
	path := filepath.Join(t.TempDir(), "demo.toml")
	out := newSyncBuffer()
	done := make(chan int)
	go func() {
		done <- Main([]string{"demo", "--serve-only", "--steady", "--config-out", path}, nil, out, &bytes.Buffer{}, nil)
	}()
	out.waitFor("config written")
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Exchanges) == 0 {
		t.Fatal("no exchanges")
	}
	for _, e := range cfg.Exchanges {
		if !strings.HasPrefix(e.API, "http://127.0.0.1:") {
			t.Errorf("%s not on loopback: %q", e.ID, e.API)
		}
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d", code)
	}
}
