//go:build tools

// Package deps pins the project's chosen dependencies (reference/toolchain.md)
// so that go.mod stays stable while packages that use them are written.
package deps

import (
	_ "fyne.io/fyne/v2/app"
	_ "fyne.io/fyne/v2/test"
	_ "fyne.io/fyne/v2/widget"
	_ "github.com/BurntSushi/toml"
	_ "github.com/btcsuite/btcd/address/v2"
	_ "github.com/btcsuite/btcd/btcec/v2"
	_ "github.com/btcsuite/btcd/btcec/v2/schnorr"
	_ "github.com/btcsuite/btcd/btcutil/v2/hdkeychain"
	_ "github.com/btcsuite/btcd/chaincfg/v2"
	_ "github.com/btcsuite/btcd/rpcclient"
	_ "github.com/btcsuite/btcd/txscript/v2"
	_ "github.com/gorilla/websocket"
	_ "github.com/skip2/go-qrcode"
	_ "github.com/tidwall/gjson"
	_ "github.com/zalando/go-keyring"
	_ "go.etcd.io/bbolt"
)
