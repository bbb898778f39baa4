package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"safeharbor/ui"
)

func main() { os.Exit(run(os.Args[1:])) }

const usage = `usage:
  trayhost serve -dir D
  trayhost expect -dir D -lang en|ja [-timeout 20s] menu|icon-change|snoozed|gone
  trayhost expect -dir D -lang en|ja [-timeout 20s] -exchange ID outage-notice|maintenance-notice|recovery-notice
  trayhost notes -dir D -lang en|ja [-since N [-until M]] [-for 0s]
  trayhost click -dir D -lang en|ja open|snooze|resume|quit
  trayhost close-window WINDOW-ID`

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd := args[0]
	fs := flag.NewFlagSet("trayhost "+cmd, flag.ContinueOnError)
	dir := fs.String("dir", "", "the host's folder (state.json, menu.txt, ready)")
	langFlag := fs.String("lang", "en", "the app's language: en or ja")
	timeout := fs.Duration("timeout", 20*time.Second, "how long expect waits")
	exchange := fs.String("exchange", "bitbank", "expect outage-notice, maintenance-notice, recovery-notice: the exchange told of")
	since := fs.Int("since", -1, "notes: how many notifications came before alerts were snoozed (-1: not snoozed)")
	until := fs.Int("until", -1, "notes: how many notifications came before alerts were resumed (-1: still snoozed)")
	hold := fs.Duration("for", 0, "notes: how long to keep checking the notifications as they come")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	lang, ok := ui.ParseLang(*langFlag)
	if !ok {
		fmt.Fprintf(os.Stderr, "trayhost: unknown language %q\n", *langFlag)
		return 2
	}
	args1 := 1 // the condition, entry or window
	if cmd == "serve" || cmd == "notes" {
		args1 = 0
	}
	if cmd != "close-window" && *dir == "" || fs.NArg() != args1 {
		fmt.Fprintln(os.Stderr, usage)
		return 2
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, *dir, os.Stdout)
	case "expect":
		err = expect(ctx, *dir, lang, fs.Arg(0), *exchange, *timeout, os.Stdout)
	case "notes":
		err = notes(ctx, *dir, lang, *since, *until, *hold, os.Stdout)
	case "click":
		err = click(ctx, *dir, lang, fs.Arg(0), os.Stdout)
	case "close-window":
		err = closeWindow(fs.Arg(0), os.Stdout)
	default:
		fmt.Fprintln(os.Stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "trayhost %s: %v\n", cmd, err)
		return 1
	}
	return 0
}
