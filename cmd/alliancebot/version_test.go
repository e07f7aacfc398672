package main

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func TestVersionPrintsVersionCommitAndDate(t *testing.T) {
	for _, arg := range []string{"version", "--version"} {
		code, out, errOut := runCLI(t, "", nil, arg)
		if code != exitOK || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", arg, code, errOut)
		}
		want := regexp.MustCompile(`^alliancebot \S+ \(commit \S+, built \S+, go[0-9.]+\S*\)\n$`)
		if !want.MatchString(out) || !strings.Contains(out, currentBuild().Version) {
			t.Errorf("%s printed %q", arg, out)
		}
	}
}

func TestBuildInfoString(t *testing.T) {
	b := buildInfo{Version: "1.2.3", Commit: "0123456789abcdef0123", Date: "2026-11-30T10:00:00Z", GoVersion: "go1.26.11"}
	if got, want := b.String(), "alliancebot 1.2.3 (commit 0123456789ab, built 2026-11-30T10:00:00Z, go1.26.11)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	b.Modified = true
	if !strings.Contains(b.String(), "0123456789ab+dirty") {
		t.Errorf("a build from a modified tree does not say so: %q", b.String())
	}
	if got := (buildInfo{Version: "dev", GoVersion: "go1"}).String(); got != "alliancebot dev (commit unknown, built unknown, go1)" {
		t.Errorf("unknown stamps: %q", got)
	}
}

func TestHealthExitsZeroOnlyWhenHealthzAnswers200(t *testing.T) {
	status := http.StatusOK
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
	}))
	defer server.Close()
	addr := strings.TrimPrefix(server.URL, "http://")
	_, port, _ := strings.Cut(addr, ":")

	if code, out, _ := runCLI(t, "", nil, "health", "-addr", addr); code != exitOK || !strings.Contains(out, "ok") {
		t.Errorf("healthy: exit %d, out %q", code, out)
	}
	// LISTEN_ADDR on every interface is reached on loopback.
	if code, _, errOut := runCLI(t, "", map[string]string{envListenAddr: ":" + port}, "health"); code != exitOK {
		t.Errorf("LISTEN_ADDR=:%s: exit %d, %s", port, code, errOut)
	}
	status = http.StatusServiceUnavailable
	if code, _, errOut := runCLI(t, "", nil, "health", "-addr", addr); code != exitFailed || !strings.Contains(errOut, "503") {
		t.Errorf("unhealthy: exit %d, stderr %q", code, errOut)
	}
	server.Close()
	if code, _, _ := runCLI(t, "", nil, "health", "-addr", addr); code != exitFailed {
		t.Errorf("nothing listening: exit %d, want %d", code, exitFailed)
	}
}

func TestLoopbackAddr(t *testing.T) {
	for in, want := range map[string]string{
		"":               "127.0.0.1:8080",
		":9090":          "127.0.0.1:9090",
		"0.0.0.0:8080":   "127.0.0.1:8080",
		"[::]:8080":      "127.0.0.1:8080",
		"127.0.0.1:8081": "127.0.0.1:8081",
		"10.0.0.5:8080":  "10.0.0.5:8080",
	} {
		if got := loopbackAddr(in); got != want {
			t.Errorf("loopbackAddr(%q) = %q, want %q", in, got, want)
		}
	}
}
