package ja

import (
	"fmt"
	"strings"
	"testing"

	"safeharbor/exchanges"
)

// parserInventory feeds the adapters the payloads the fakes never serve:
// each branch of each parser that words a summary or a reason.
func parserInventory(t *testing.T, inv *inventory) {
	r := func(body string) exchanges.Response { return exchanges.Response{StatusCode: 200, Body: []byte(body)} }
	rc := func(code int, body string) exchanges.Response {
		return exchanges.Response{StatusCode: code, Body: []byte(body)}
	}
	p := func(where string) func(exchanges.Observation, error) {
		return func(o exchanges.Observation, err error) { inv.parsed(where, o, err) }
	}
	feed := func(where string) func(exchanges.FeedEvent, error) {
		return func(ev exchanges.FeedEvent, err error) {
			if err == nil && ev.Observation != nil {
				inv.observation(where, *ev.Observation)
			}
		}
	}

	// Pair folding, branch by branch.
	ps := func(specs ...string) []exchanges.PairStatus {
		var out []exchanges.PairStatus
		for _, s := range specs {
			pair, lv, _ := strings.Cut(s, "=")
			l, err := exchanges.ParseLevel(lv)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, exchanges.PairStatus{Pair: pair, Level: l, Raw: strings.ToUpper(lv)})
		}
		return out
	}
	for _, c := range []struct {
		pairs   []exchanges.PairStatus
		watched []string
	}{
		{nil, nil},
		{ps("btc_jpy=maintenance", "eth_jpy=maintenance"), nil},
		{ps("btc_jpy=maintenance", "eth_jpy=operational"), []string{"btc_jpy"}},
		{ps("btc_jpy=maintenance", "eth_jpy=operational", "xrp_jpy=operational"), nil},
		{ps("btc_jpy=degraded", "eth_jpy=operational"), []string{"btc_jpy"}},
		{ps("btc_jpy=unknown", "eth_jpy=operational"), []string{"btc_jpy"}},
		{ps("btc_jpy=operational", "eth_jpy=restricted", "xrp_jpy=degraded", "ltc_jpy=unknown", "bcc_jpy=degraded"), []string{"btc_jpy"}},
		{ps("btc_jpy=outage", "eth_jpy=outage", "xrp_jpy=outage", "ltc_jpy=outage", "bcc_jpy=outage", "mona_jpy=operational"), nil},
	} {
		inv.observation("FoldPairs", exchanges.FoldPairs("rest", c.pairs, c.watched))
	}
	inv.observation("UnknownValue", exchanges.UnknownValue("rest", "status", "WEIRD"))

	// bitbank's error envelope and circuit breaks.
	for _, code := range []string{"10007", "10008", "10009", "10000"} {
		p("bitbank " + code)(exchanges.ParseBitbankStatus(rc(503, `{"success":0,"data":{"code":`+code+`}}`), nil))
	}
	for _, mode := range []string{"CIRCUIT_BREAK", "FULL_RANGE_CIRCUIT_BREAK", "RESUMPTION", "LISTING", "NONE", "SOMETHING_NEW"} {
		p("bitbank circuit " + mode)(exchanges.ParseBitbankCircuitBreak(r(`{"success":1,"data":{"mode":"`+mode+`","reopen_timestamp":1795000000000}}`), "btc_jpy"))
		feed("bitbank circuit push " + mode)(exchanges.HandleBitbankMessage([]byte(`["message",{"room_name":"circuit_break_info_btc_jpy","message":{"data":{"mode":"` + mode + `","reopen_timestamp":null}}}]`)))
	}
	p("bitbank no statuses")(exchanges.ParseBitbankStatus(r(`{"success":1,"data":{"statuses":[]}}`), nil))

	// Binance.
	for _, st := range []string{"TRADING", "HALT", "BREAK", "END_OF_DAY", "PRE_TRADING", "POST_TRADING", "AUCTION_MATCH"} {
		p("binance " + st)(exchanges.ParseBinanceExchangeInfo(r(`{"symbols":[{"symbol":"BTCUSDT","status":"`+st+`"},{"symbol":"ETHUSDT","status":"TRADING"}]}`), []string{"BTCUSDT"}))
	}
	p("binance api error")(exchanges.ParseBinanceSystemStatus(rc(400, `{"code":-1121,"msg":"Invalid symbol."}`)))
	feed("binance shutdown")(exchanges.HandleBinanceMessage([]byte(`{"e":"serverShutdown","E":1}`)))

	// Bitfinex websocket info codes.
	for _, code := range []string{"20051", "20060", "20061"} {
		feed("bitfinex info " + code)(exchanges.HandleBitfinexMessage([]byte(`{"event":"info","code":` + code + `}`)))
	}
	feed("bitfinex platform push")(exchanges.HandleBitfinexMessage([]byte(`{"event":"info","version":2,"platform":{"status":0}}`)))

	// bitFlyer board states, with and without the health word.
	for _, st := range []string{"STARTING", "PREOPEN", "CIRCUIT BREAK", "AWAITING SQ", "MATURED", "CLOSED"} {
		feed("bitflyer push " + st)(exchanges.HandleBitflyerMessage([]byte(`{"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_ticker_BTC_JPY","message":{"product_code":"BTC_JPY","state":"`+st+`","preopen_end":"2026-11-21T12:20:53","circuit_break_end":"2026-11-21T12:30:00"}}}`), nil))
		for _, h := range []string{"NORMAL", "BUSY", "VERY BUSY", "SUPER BUSY", "NO ORDER", "STOP", "WHATEVER"} {
			p("bitflyer board " + st + "/" + h)(exchanges.ParseBitflyerBoardState(r(`{"health":"`+h+`","state":"`+st+`"}`), "BTC_JPY", nil))
		}
	}
	p("bitflyer api error")(exchanges.ParseBitflyerHealth(rc(400, `{"status":-156,"error_message":"Invalid product_code","data":null}`), "XRP_JPY", nil))

	// Bitstamp fields.
	p("bitstamp fields")(exchanges.ParseBitstampPairs(r(`[{"url_symbol":"btcusd","trading":"Enabled","instant_and_market_orders":"Sometimes"},{"url_symbol":"btceur"},{"url_symbol":"ethusd","trading":"Enabled","instant_and_market_orders":"Disabled"}]`), []string{"btcusd", "btceur", "ethusd"}))

	// Bybit: no title, and every state family.
	for _, st := range []string{"ongoing", "in_progress", "scheduled", "pending", "completed", "weird"} {
		p("bybit " + st)(exchanges.ParseBybitSystemStatus(r(`{"retCode":0,"retMsg":"OK","result":{"list":[{"title":"","state":"` + st + `","begin":"1795000000000","end":"1795003600000","serviceTypes":[1],"product":[1],"maintainType":3}]}}`)))
	}
	p("bybit retCode")(exchanges.ParseBybitSystemStatus(r(`{"retCode":10016,"retMsg":"Internal server error"}`)))

	// Coinbase: statuses, flags and a watch list it does not list.
	p("coinbase products")(exchanges.ParseCoinbaseProducts(r(`[{"id":"BTC-USD","status":"offline"},{"id":"ETH-USD","status":"online","post_only":true,"limit_only":true,"auction_mode":true,"status_message":"Post only mode"},{"id":"SOL-USD"},{"id":"XRP-USD","status":"delisted"}]`), []string{"BTC-USD", "ETH-USD", "SOL-USD"}))
	p("coinbase unlisted")(exchanges.ParseCoinbaseProducts(r(`[{"id":"DOGE-USD","status":"online"}]`), []string{"BTC-USD", "ETH-USD"}))
	p("coinbase error")(exchanges.ParseCoinbaseProducts(r(`{"message":"Unauthorized."}`), nil))

	// coincheck availability.
	p("coincheck availability")(exchanges.ParseCoincheckStatus(r(`{"exchange_status":[{"pair":"btc_jpy","status":"available","availability":{"order":true,"market_order":false,"cancel":false}},{"pair":"eth_jpy","status":"itayose","availability":{"order":false,"market_order":false,"cancel":true}},{"pair":"xrp_jpy","status":"stop"}]}`), []string{"btc_jpy"}))

	// Gemini: every symbol status family and error envelope.
	for _, st := range []string{"open", "limit_only", "post_only", "auction_only", "reduce_only", "halted", "suspended", "mystery"} {
		p("gemini " + st)(exchanges.ParseGeminiSymbolDetails(r(`{"symbol":"BTCUSD","status":"`+st+`"}`), "BTCUSD"))
	}
	for _, reason := range []string{"Maintenance", "System", "RateLimited"} {
		p("gemini " + reason)(exchanges.ParseGeminiSymbolDetails(rc(503, `{"result":"error","reason":"`+reason+`","message":"Please try again later."}`), "BTCUSD"))
	}

	// GMO Coin maintenance codes and other errors.
	for _, code := range []string{"ERR-5201", "ERR-5202", "ERR-5003"} {
		p("gmocoin " + code)(exchanges.ParseGMOCoinStatus(r(`{"status":5,"messages":[{"message_code":"` + code + `","message_string":"..."}]}`)))
	}
	p("gmocoin preopen")(exchanges.ParseGMOCoinStatus(r(`{"status":0,"data":{"status":"PREOPEN"}}`)))

	// Kraken: every system status, the error strings, untitled notices.
	for _, st := range []string{"online", "maintenance", "cancel_only", "post_only", "limit_only"} {
		p("kraken " + st)(exchanges.ParseKrakenSystemStatus(r(`{"error":[],"result":{"status":"` + st + `","upcoming_maintenance":[{"start":"2026-11-22T01:00:00Z"}],"emergency":[{"status":"investigating"}]}}`)))
		feed("kraken push " + st)(exchanges.HandleKrakenMessage([]byte(`{"channel":"status","type":"update","data":[{"system":"` + st + `"}]}`)))
	}
	for _, e := range []string{"EService:Unavailable", "EService:Busy", "EGeneral:Temporary lockout; cancel_only", "EOrder:post_only", "EAPI:Rate limit exceeded"} {
		p("kraken " + e)(exchanges.ParseKrakenSystemStatus(r(`{"error":["` + e + `"]}`)))
	}

	// OKX: codes, services, states.
	for _, code := range []string{"50001", "50013", "50011"} {
		p("okx " + code)(exchanges.ParseOKXSystemStatus(r(`{"code":"` + code + `","msg":"Service temporarily unavailable. Please try again later.","data":[]}`)))
	}
	okx := func(svc, st, mt string) {
		p(fmt.Sprintf("okx %s/%s/%s", svc, st, mt))(exchanges.ParseOKXSystemStatus(r(`{"code":"0","data":[{"title":"","state":"` + st + `","serviceType":"` + svc + `","maintType":"` + mt + `","begin":"1795000000000","end":"1795003600000","env":"1"}]}`)))
	}
	for _, svc := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "99", "42"} {
		for _, st := range []string{"scheduled", "ongoing", "pre_open", "completed", "paused"} {
			okx(svc, st, "1")
		}
	}
	okx("5", "ongoing", "2")
	okx("5", "ongoing", "3")

	// Statuspage: every component status in every class, incidents of
	// every impact, maintenances in every state, the indicator alone.
	var comps []string
	for i, name := range []string{"Trading", "Withdrawals (BTC)", "Marketing site"} {
		for j, st := range []string{"operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance", "strange_status"} {
			comps = append(comps, fmt.Sprintf(`{"id":"c%d%d","name":"%s %d","status":"%s"}`, i, j, name, j, st))
		}
	}
	comps = append(comps, `{"id":"nos","name":"Login"}`)
	page := func(indicator, desc string, comps []string, incidents, maint string) string {
		return `{"status":{"indicator":"` + indicator + `","description":"` + desc + `"},"components":[` + strings.Join(comps, ",") +
			`],"incidents":[` + incidents + `],"scheduled_maintenances":[` + maint + `]}`
	}
	var incs []string
	for i, impact := range []string{"none", "minor", "major", "critical", "maintenance", "odd"} {
		for j, title := range []string{"Trading halted on some pairs", "Delayed BTC withdrawals", "Blog down"} {
			incs = append(incs, fmt.Sprintf(`{"id":"i%d%d","name":"%s","status":"identified","impact":"%s"}`, i, j, title, impact))
		}
	}
	var maints []string
	for i, st := range []string{"scheduled", "in_progress", "verifying", "odd"} {
		for j, title := range []string{"Exchange upgrade", "ETH network upgrade", "Newsletter"} {
			maints = append(maints, fmt.Sprintf(`{"id":"m%d%d","name":"%s","status":"%s","scheduled_for":"2026-11-22T01:00:00Z","scheduled_until":"2026-11-22T02:00:00Z"}`, i, j, title, st))
		}
	}
	for _, c := range []struct{ name, body string }{
		{"statuspage everything", page("major", "Partial System Outage", comps, strings.Join(incs, ","), strings.Join(maints, ","))},
		{"statuspage components", page("minor", "Minor Service Outage", comps, "", "")},
		{"statuspage funding only", page("minor", "Minor Service Outage", []string{`{"id":"w","name":"Withdrawals (ETH)","status":"major_outage"}`, `{"id":"d","name":"Deposits","status":"under_maintenance"}`, `{"id":"t","name":"Trading","status":"operational"}`}, "", "")},
		{"statuspage funding degraded", page("minor", "x", []string{`{"id":"w","name":"Withdrawals (ETH)","status":"major_outage"}`, `{"id":"t","name":"API","status":"degraded_performance"}`}, "", "")},
		{"statuspage indicator", page("critical", "Major System Outage", nil, "", "")},
		{"statuspage indicator none", page("none", "All Systems Operational", nil, "", "")},
		{"statuspage indicator odd", page("purple", "Hmm", nil, "", "")},
		{"statuspage bad", `{"status":{}}`},
	} {
		p(c.name)(exchanges.ParseStatusPage(r(c.body)))
	}
	p("statuspage http")(exchanges.ParseStatusPage(rc(404, `not found`)))

	// A user-defined endpoint's rejections.
	for _, b := range []string{`<html>`, `{"other":1}`} {
		p("custom " + b)(exchanges.ParseCustom(r(b), "status.indicator", []string{"none"}))
	}
}
