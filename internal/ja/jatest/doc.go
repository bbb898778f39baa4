// Package jatest is the guard the Japanese tests share: it finds English
// left in a Japanese text outside what may stay in Latin letters (the
// exchange's own words in 「」, exchange names, pair codes, numbers and
// codes, HTTP, API, URL, SafeHarbor, config keys).
package jatest
