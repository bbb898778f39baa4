package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"sync"

	"safeharbor/wallet/vault"
)

// newVault opens the secret store; tests replace it with an in-memory keyring.
var newVault = vault.Default

func init() {
	register("secrets", "set NAME | get NAME --reveal | delete NAME | list: secrets in the OS keyring", runSecrets)
}

const secretsUsage = "usage: safeharbor secrets set NAME | get NAME --reveal | delete NAME | list (values are read from stdin)"

func runSecrets(env *Env) int {
	if len(env.Args) == 0 {
		return usageError(env, "secrets", errors.New(secretsUsage))
	}
	sub, args := env.Args[0], env.Args[1:]
	fs := flag.NewFlagSet("secrets "+sub, flag.ContinueOnError)
	reveal := fs.Bool("reveal", false, "print the secret (get only)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(env, "secrets", fmt.Errorf("%v; %s", err, secretsUsage))
	}
	if *reveal && sub != "get" {
		return usageError(env, "secrets", fmt.Errorf("--reveal only applies to get"))
	}
	want := 1
	if sub == "list" {
		want = 0
	}
	switch sub {
	case "set", "get", "delete", "list":
	default:
		return usageError(env, "secrets", fmt.Errorf("unknown action %q; %s", sub, secretsUsage))
	}
	if len(pos) != want {
		if sub == "set" && len(pos) > 1 {
			// Almost certainly a secret on the command line: say why it is refused, never echo it.
			return usageError(env, "secrets", errors.New("secrets set takes only NAME; the value is read from stdin, never from the command line (it would end up in shell history and process lists)"))
		}
		return usageError(env, "secrets", errors.New(secretsUsage))
	}
	var name string
	if want == 1 {
		name = pos[0]
		if err := vault.CheckName(name); err != nil {
			return usageError(env, "secrets", err)
		}
	}
	v := newVault()
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "safeharbor secrets %s: %v\n", sub, err)
		return ExitFailure
	}
	switch sub {
	case "set":
		secret, err := readSecretInput(env, name)
		if err != nil {
			return fail(err)
		}
		if err := v.Set(name, secret); err != nil {
			return fail(err)
		}
		fmt.Fprintf(env.Stdout, "stored %s in the OS keyring (service %q)\n", name, vault.Service)
	case "get":
		if !*reveal {
			ok, err := v.Has(name)
			if err != nil {
				return fail(err)
			}
			if !ok {
				return fail(fmt.Errorf("no secret named %s", name))
			}
			fmt.Fprintf(env.Stderr, "safeharbor secrets get: %s exists; not printing it without --reveal\n", name)
			return ExitFailure
		}
		s, err := v.Get(name)
		if errors.Is(err, vault.ErrNotFound) {
			return fail(fmt.Errorf("no secret named %s", name))
		}
		if err != nil {
			return fail(err)
		}
		fmt.Fprintln(env.Stdout, s)
	case "delete":
		err := v.Delete(name)
		if errors.Is(err, vault.ErrNotFound) {
			return fail(fmt.Errorf("no secret named %s", name))
		}
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(env.Stdout, "deleted %s\n", name)
	case "list":
		names, err := v.List()
		if err != nil {
			return fail(err)
		}
		for _, n := range names {
			fmt.Fprintln(env.Stdout, n)
		}
	}
	return ExitOK
}

// readSecretInput prompts with echo off when stdin is a terminal, else
// reads a pipe or file.
func readSecretInput(env *Env, name string) (string, error) {
	f, ok := env.Stdin.(*os.File)
	if !ok || !isTerminal(f) {
		return readSecret(env.Stdin)
	}
	fmt.Fprintf(env.Stderr, "Value for %s (input hidden; Enter to finish): ", name)
	restore, hidden := hideInput(f)
	if !hidden {
		fmt.Fprint(env.Stderr, "\n(warning: could not hide the input; it will be visible) ")
	}
	// Restore the echo on Ctrl-C too, or the user's terminal stays silent.
	sig := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sig, os.Interrupt)
	go func() {
		select {
		case <-sig:
			restore()
			fmt.Fprintln(env.Stderr)
			os.Exit(130)
		case <-done:
		}
	}()
	line, err := bufio.NewReader(io.LimitReader(f, vault.MaxSecret+3)).ReadString('\n')
	signal.Stop(sig)
	close(done)
	restore()
	fmt.Fprintln(env.Stderr)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the value: %v", err)
	}
	return readSecret(strings.NewReader(line))
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// hideInput turns terminal echo off with stty (Unix); no extra module needed.
func hideInput(f *os.File) (restore func(), ok bool) {
	if runtime.GOOS == "windows" {
		return func() {}, false
	}
	off := exec.Command("stty", "-echo")
	off.Stdin = f
	if off.Run() != nil {
		return func() {}, false
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			on := exec.Command("stty", "echo")
			on.Stdin = f
			_ = on.Run()
		})
	}, true
}

// readSecret reads the value from stdin, up to the keyring's limit, and
// trims one trailing newline (echo/printf and a typed line both add one).
func readSecret(r io.Reader) (string, error) {
	if r == nil {
		return "", errors.New("no value on stdin: pipe it in, e.g. 'safeharbor secrets set NAME < file'")
	}
	b, err := io.ReadAll(io.LimitReader(r, vault.MaxSecret+3))
	if err != nil {
		return "", fmt.Errorf("reading the value from stdin: %v", err)
	}
	s := strings.TrimSuffix(string(b), "\n")
	s = strings.TrimSuffix(s, "\r")
	if len(s) > vault.MaxSecret {
		return "", fmt.Errorf("%w: more than %d bytes on stdin", vault.ErrTooLarge, vault.MaxSecret)
	}
	if strings.TrimSpace(s) == "" {
		return "", errors.New("empty value on stdin: nothing stored")
	}
	return s, nil
}
