// Package wallet is SafeHarbor's Bitcoin side for the user's own cold
// wallet: it checks payment addresses (CheckAddress), derives receive and
// change addresses from a watch-only account key or output descriptor
// (ParseAccount), and guards against look-alike and clipboard-swapped
// addresses (CheckLookalike, CheckClipboard).
//
// It never handles private keys or seeds: input that looks like one is
// refused without being echoed. Account keys and descriptors reveal the
// user's whole history, so they are treated as secrets too: they never
// appear in error messages, and Account.Descriptor must not be logged.
package wallet
