package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// coldStartEnv tells a re-executed test binary to answer one question, as
// "alliancebot ask" does, and exit.
const coldStartEnv = "ALLIANCEBOT_COLD_START"

// coldStartQuestion is the question each cold start answers.
const coldStartQuestion = "Who are the members?"

// BenchmarkColdStart measures a whole process answering one question over
// the built-in articles with no stored index: package initialisation, the
// glossary, loading and cleaning the articles, building the index and the
// first question's one-time set-up. Each iteration starts this test binary
// anew (TestColdStartChild), so nothing is cached between them; the
// binary's own start-up as a test program is counted too.
func BenchmarkColdStart(b *testing.B) {
	cpu := time.Duration(0)
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestColdStartChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), coldStartEnv+"=1", "DATA_DIR=", "CORPUS_DIR=", "EMBEDDER=")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			b.Fatalf("cold start: %v\n%s", err, out.String())
		}
		if !strings.Contains(out.String(), "ОДКБ") && !strings.Contains(out.String(), "CSTO") {
			b.Fatalf("cold start gave no answer:\n%s", out.String())
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
}

// TestColdStartChild is the process BenchmarkColdStart starts; run on its
// own it does nothing.
func TestColdStartChild(t *testing.T) {
	if os.Getenv(coldStartEnv) == "" {
		t.Skip("started by BenchmarkColdStart only")
	}
	var stdout, stderr bytes.Buffer
	getenv := func(key string) string {
		if key == coldStartEnv {
			return ""
		}
		return os.Getenv(key)
	}
	code := run(context.Background(), []string{"ask", coldStartQuestion}, getenv, strings.NewReader(""), &stdout, &stderr)
	os.Stdout.Write(stdout.Bytes())
	if code != exitOK {
		t.Fatalf("ask exited %d: %s", code, stderr.String())
	}
}
