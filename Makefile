# SafeHarbor. `make run` and `make test` are the two commands the README opens with.
GO      ?= go
TAGS    := migrated_fynedo,no_emoji
BIN     := safeharbor
PKGS    := ./...

.PHONY: run demo build build-headless test deps lint unit keyring-test gui-smoke tray-test bench package clean

run: deps build
	./$(BIN)

demo: deps build
	./$(BIN) demo

build:
	$(GO) build -tags $(TAGS) -o $(BIN) .

# The command line without the desktop app, for servers and cron.
build-headless:
	$(GO) build -tags $(TAGS),nogui -o $(BIN)-headless .

deps:
	@./scripts/deps.sh

lint:
	@out=$$(gofmt -l $$(git ls-files --cached --others --exclude-standard '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) $(PKGS)

# Unit tests with the race detector; fuzz targets run their seed corpora here too.
unit:
	$(GO) test -race -tags $(TAGS) -count=1 $(PKGS)

# Keyring integration tests against a real Secret Service (gnome-keyring) in an isolated HOME.
keyring-test:
	./scripts/keyring-test.sh

# The real app under Xvfb: starts the demo, screenshots it, fails if it died or drew nothing.
# Every main screen in both languages, so ci-artifacts/ holds a picture of each.
GUI_SCREENS ?= dashboard detail:bitbank playbook:bitbank settings wallet:accounts wallet:receive history:incidents history:calendar
gui-smoke: build
	SKIP_BUILD=1 SCREENS="$(GUI_SCREENS)" ./scripts/gui-smoke.sh

# The tray in a real session: a minimal tray host (internal/trayhost) reads the
# demo's tray icon and menu over D-Bus, clicks Snooze, Open and Quit, closes the window.
tray-test: build
	SKIP_BUILD=1 ./scripts/tray-session.sh

test: deps lint unit keyring-test gui-smoke tray-test

bench: deps
	./scripts/bench.sh

package: deps
	$(GO) tool fyne package -os linux -tags $(TAGS) --release

clean:
	rm -f $(BIN) $(BIN)-headless *.tar.xz
