// Package notify delivers alerts: the policy that decides what is worth
// telling (levels, grouping, reminders, recovery, quiet hours, snooze,
// acknowledge), an outbox that persists every alert before sending and
// retries with backoff, and one file per channel (ntfy, Discord, Slack,
// Telegram, webhook). The desktop channel is implemented in ui.
//
// Messages are worded in each channel's language. In Japanese the
// engine's summaries and reasons, which are English, are worded by
// internal/ja, as the GUI words them; the details a webhook receives
// keep the engine's English.
package notify
