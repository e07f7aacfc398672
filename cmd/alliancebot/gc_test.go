package main

import (
	"runtime/debug"
	"testing"
)

func TestGCPercentFor(t *testing.T) {
	tests := []struct {
		name string
		live uint64
		want int
	}{
		{"no collection yet", 0, shortRunGCPercent},
		{"small heap gets the most room", 6 << 20, shortRunGCPercent},
		{"room over the live heap", 32 << 20, 200},
		{"large heap keeps the default", 1 << 30, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := gcPercentFor(tt.live); got != tt.want {
				t.Errorf("gcPercentFor(%d) = %d, want %d", tt.live, got, tt.want)
			}
		})
	}
}

func TestLoosenGC(t *testing.T) {
	const start = 150
	defer debug.SetGCPercent(debug.SetGCPercent(start))
	tests := []struct {
		name   string
		env    map[string]string
		during int // the GOGC between loosenGC and fit
	}{
		{"default", nil, shortRunGCPercent},
		{"GOGC set", map[string]string{"GOGC": "50"}, start},
		{"GOMEMLIMIT set", map[string]string{"GOMEMLIMIT": "1GiB"}, start},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fit, restore := loosenGC(func(k string) string { return tt.env[k] })
			if got := debug.SetGCPercent(-1); got != tt.during {
				t.Errorf("GOGC %d after loosenGC, want %d", got, tt.during)
			}
			debug.SetGCPercent(tt.during)
			fit()
			got := debug.SetGCPercent(-1)
			debug.SetGCPercent(got)
			if tt.env == nil && (got < 100 || got > shortRunGCPercent) {
				t.Errorf("GOGC %d after fit, want 100 to %d", got, shortRunGCPercent)
			}
			if tt.env != nil && got != start {
				t.Errorf("GOGC %d after fit, want %d untouched", got, start)
			}
			restore()
			if got := debug.SetGCPercent(start); got != start {
				t.Errorf("GOGC %d after restore, want %d", got, start)
			}
		})
	}
}
