package fakex

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func esploraGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestEsploraShapes(t *testing.T) {
	e := StartEsplora(10)
	defer e.Close()
	const a = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
	id := e.Pay(a, 1234)
	if code, body := esploraGet(t, e.URL()+"/api/tx/"+id+"/status"); code != 200 || strings.TrimSpace(body) != `{"confirmed":false}` {
		t.Fatalf("%d %s", code, body)
	}
	e.Mine(2)
	_, body := esploraGet(t, e.URL()+"/api/tx/"+id+"/status")
	var st struct {
		Confirmed   bool   `json:"confirmed"`
		BlockHeight int64  `json:"block_height"`
		BlockHash   string `json:"block_hash"`
	}
	if err := json.Unmarshal([]byte(body), &st); err != nil || !st.Confirmed || st.BlockHeight != 11 {
		t.Fatalf("%s %v", body, err)
	}
	if _, h := esploraGet(t, e.URL()+"/api/block-height/11"); h != st.BlockHash {
		t.Fatalf("block hash %s vs %s", h, st.BlockHash)
	}
	if _, tip := esploraGet(t, e.URL()+"/api/blocks/tip/height"); tip != "12" {
		t.Fatalf("tip %s", tip)
	}
	_, body = esploraGet(t, e.URL()+"/api/address/"+a)
	var s struct {
		Chain struct {
			TxCount int   `json:"tx_count"`
			Sum     int64 `json:"funded_txo_sum"`
		} `json:"chain_stats"`
	}
	if err := json.Unmarshal([]byte(body), &s); err != nil || s.Chain.TxCount != 1 || s.Chain.Sum != 1234 {
		t.Fatalf("%s", body)
	}
	if code, _ := esploraGet(t, e.URL()+"/api/tx/"+strings.Repeat("0", 64)+"/status"); code != 404 {
		t.Fatalf("unknown tx %d", code)
	}
	if code, _ := esploraGet(t, e.URL()+"/api/address/x"); code != 400 {
		t.Fatalf("bad address %d", code)
	}
	e.FailNext(RateLimit, 1)
	if code, _ := esploraGet(t, e.URL()+"/api/blocks/tip/height"); code != 429 {
		t.Fatalf("rate limit %d", code)
	}
	if code, _ := esploraGet(t, e.URL()+"/api/blocks/tip/height"); code != 200 {
		t.Fatalf("after one fault %d", code)
	}
	e.Reorg(2, false)
	if _, body := esploraGet(t, e.URL()+"/api/tx/"+id+"/status"); !strings.Contains(body, `"confirmed":false`) {
		t.Fatalf("after reorg %s", body)
	}
	e.Drop(id)
	if code, _ := esploraGet(t, e.URL()+"/api/tx/"+id); code != 404 {
		t.Fatalf("dropped tx %d", code)
	}
}
