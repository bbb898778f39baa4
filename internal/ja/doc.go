// Package ja words in Japanese what the watch engine (watchers) and the
// exchange adapters (exchanges) say in English.
//
// English is the canonical form: the CLI, the JSON output and the history
// keep it (SPEC §3). Japanese screens and notifications translate every
// shape the engine and the adapters produce, by pattern, down to the
// causes inside ("connection refused", "HTTP 503"). What the exchange
// itself wrote (incident and maintenance titles, status words, its own
// messages) stays verbatim but is marked as such: 「…」 around it, after
// 公式発表 or 取引所の表示 where the sentence needs it.
//
// Every function here returns Japanese; a caller in English shows the
// English as it is. Translating text that is already Japanese changes
// nothing, so a message can safely pass through twice.
//
// TestJapaneseInventory runs every adapter against its fake in every
// scenario and fault, through the real engine, and fails on any English
// left outside those marks.
package ja
