package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// The release stamps, set at build time:
//
//	go build -ldflags "-X main.version=0.4.0 -X main.commit=$(git rev-parse HEAD) -X main.buildDate=$(date -u +%FT%TZ)" ./cmd/alliancebot
//
// They are variables only because -ldflags -X can set nothing else; nothing
// assigns them at run time. Unset, the commit and date come from the VCS
// stamp Go puts in the binary (debug.ReadBuildInfo), and the version is the
// one under development.
var (
	version   = "0.4.0-dev"
	commit    = ""
	buildDate = ""
)

// buildInfo says which build is running.
type buildInfo struct {
	Version   string
	Commit    string
	Date      string
	GoVersion string
	// Modified is true when the binary was built from a work tree with
	// uncommitted changes.
	Modified bool
}

// currentBuild reads the stamps and, for what they leave unset, the build
// information Go embeds (vcs.revision, vcs.time, vcs.modified).
func currentBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: buildDate, GoVersion: runtime.Version()}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			b.Modified = b.Modified || (s.Value == "true" && commit == "")
		}
	}
	return b
}

// shortCommit is the commit as people quote it: twelve hex digits.
func (b buildInfo) shortCommit() string {
	c := b.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	if b.Modified {
		c += "+dirty"
	}
	return c
}

// String is one line: "alliancebot 0.4.0 (commit 1a2b3c4d5e6f, built
// 2026-11-30T22:00:00Z, go1.26.11)", with "unknown" for what is not known.
func (b buildInfo) String() string {
	return fmt.Sprintf("alliancebot %s (commit %s, built %s, %s)", b.Version, orUnknown(b.shortCommit()), orUnknown(b.Date), b.GoVersion)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// runVersion is "alliancebot version".
func runVersion(stdout io.Writer) int {
	fmt.Fprintln(stdout, currentBuild())
	return exitOK
}
