// Package ui is SafeHarbor's desktop app: dashboard, exchange detail,
// outage playbook, wallet, history, settings, tray and notifications. It is
// the only package that imports Fyne. Background work reaches widgets only
// through the bridge, which does every fyne.Do call.
package ui
