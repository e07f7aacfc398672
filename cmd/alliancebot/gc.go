package main

import (
	"runtime/debug"
	"runtime/metrics"
)

// A short command (ask, eval) starts with an empty heap and ends soon
// after: at Go's default GOGC of 100 the collector runs every few
// megabytes while the engine loads and answers, though what is live stays
// small (about 6 MB over the built-in articles). It runs less often with
// more room between collections; a long-running bot keeps the default.
const (
	// shortRunGCPercent is the GOGC a short command starts with.
	shortRunGCPercent = 400
	// shortRunHeapRoom is the garbage a short command lets pile up
	// between collections once its engine is loaded: the GOGC that gives
	// this room over the live heap, between 100 and shortRunGCPercent,
	// so a large index does not get five times its size in garbage.
	shortRunHeapRoom = 64 << 20
)

// loosenGC sets the collector for a short command, unless the environment
// sets GOGC or GOMEMLIMIT, which then rule. fit, called once the engine is
// loaded, narrows the room to the live heap as the last collection found
// it; restore puts the setting back.
func loosenGC(getenv func(string) string) (fit, restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}, func() {}
	}
	before := debug.SetGCPercent(shortRunGCPercent)
	fit = func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		debug.SetGCPercent(gcPercentFor(sample[0].Value.Uint64()))
	}
	return fit, func() { debug.SetGCPercent(before) }
}

// gcPercentFor is the GOGC that leaves shortRunHeapRoom of garbage over a
// live heap of live bytes, kept between 100 and shortRunGCPercent.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return shortRunGCPercent
	}
	return int(min(max(shortRunHeapRoom*100/live, 100), shortRunGCPercent))
}
