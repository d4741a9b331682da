// Package ignores judges ignores by their expiry date: an ignore (in
// contractlint.yaml or inline in a contract file) may say until when it
// holds (expires), who owns it (owner) and which ticket tracks its removal
// (ticket). An expired ignore stops applying and is reported by the rule
// IGNORE_EXPIRED; one that expires within [SoonDays] days is a warning.
//
// Like the lifecycle rules, everything here is a pure function of its
// inputs: "today" is the caller's as-of date, never the clock.
package ignores
