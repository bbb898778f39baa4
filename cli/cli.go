package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes shared by every subcommand (SPEC §3).
const (
	ExitOK      = 0
	ExitUsage   = 64 // EX_USAGE
	ExitConfig  = 78 // EX_CONFIG
	ExitFailure = 1
)

// GUI starts the desktop app; main injects ui's implementation.
type GUI interface {
	// Run opens the window and blocks until the app quits. With demo set it
	// watches built-in simulated exchanges that go through an outage.
	Run(env *Env, demo bool) int
}

// Env is what a subcommand may touch: no globals, so tests can run commands in-process.
type Env struct {
	Args   []string // after the subcommand name
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	GUI    GUI
}

type command struct {
	name    string
	summary string
	run     func(*Env) int
}

var commands = map[string]command{}

// register adds a subcommand; each subcommand's file calls it from init.
func register(name, summary string, run func(*Env) int) {
	if _, dup := commands[name]; dup {
		panic("cli: duplicate command " + name)
	}
	commands[name] = command{name, summary, run}
}

// Main runs the command line and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, gui GUI) int {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, GUI: gui}
	if len(args) == 0 {
		if gui == nil {
			fmt.Fprintln(stderr, "safeharbor: this build has no desktop app; try 'safeharbor help'")
			return ExitUsage
		}
		return gui.Run(env, false)
	}
	name := args[0]
	env.Args = args[1:]
	switch name {
	case "help", "-h", "--help", "-help":
		usage(stdout)
		return ExitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "safeharbor: unknown command %q (see 'safeharbor help')\n", name)
		return ExitUsage
	}
	return c.run(env)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "SafeHarbor watches your crypto exchanges and helps you move coins to your own cold wallet.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  safeharbor                 open the desktop app")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  safeharbor %-15s %s\n", n, commands[n].summary)
	}
}

// parseFlags parses flags that may come before or after positional
// arguments ("address check ADDR --network testnet"). It returns the
// positionals. "--" ends flag parsing.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		// fs.Parse stopped at a positional; keep it and continue after it.
		pos = append(pos, rest[0])
		args = rest[1:]
		// A flag.Parse that consumed "--" leaves it out of Args; detect the case.
		if len(args) < len(rest)-1 {
			return append(pos, args...), nil
		}
	}
}

// usageError prints a one-line usage error and returns ExitUsage.
func usageError(env *Env, cmd string, err error) int {
	msg := err.Error()
	if errors.Is(err, flag.ErrHelp) {
		msg = "see 'safeharbor help'"
	}
	fmt.Fprintf(env.Stderr, "safeharbor %s: %s\n", cmd, strings.TrimSpace(msg))
	return ExitUsage
}
