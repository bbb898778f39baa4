package fakex

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func rpcPost(t *testing.T, b *Bitcoind, user, pass, body string) (int, map[string]json.RawMessage) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+b.Host()+"/", strings.NewReader(body))
	req.SetBasicAuth(user, pass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(raw, &m)
	return resp.StatusCode, m
}

func TestBitcoindShapes(t *testing.T) {
	e := StartEsplora(5)
	defer e.Close()
	b := StartBitcoind(e, "u", "p")
	defer b.Close()
	if code, _ := rpcPost(t, b, "u", "bad", `{"jsonrpc":"1.0","id":1,"method":"getblockcount","params":[]}`); code != 401 {
		t.Fatalf("bad auth %d", code)
	}
	code, m := rpcPost(t, b, "u", "p", `{"jsonrpc":"1.0","id":1,"method":"getblockcount","params":[]}`)
	if code != 200 || string(m["result"]) != "5" || string(m["error"]) != "null" || string(m["id"]) != "1" {
		t.Fatalf("%d %s", code, m)
	}
	code, m = rpcPost(t, b, "u", "p", `{"jsonrpc":"1.0","id":2,"method":"getrawtransaction","params":["`+strings.Repeat("0", 64)+`",true]}`)
	if code != 500 || !strings.Contains(string(m["error"]), "-5") {
		t.Fatalf("%d %s", code, m)
	}
	code, _ = rpcPost(t, b, "u", "p", `{"jsonrpc":"1.0","id":3,"method":"importaddress","params":[]}`)
	if code != 404 {
		t.Fatalf("unknown method %d", code)
	}
	if b.Calls("getblockcount") != 1 {
		t.Fatal("calls not counted")
	}
}
