package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alliancebot/alliancebot/retrieval"
)

// batchQuestions reads the questions of the eval files in testdata, one a
// line, with a blank line and an over-long one among them.
func batchQuestions(t testing.TB) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("question files: %v (%d found)", err, len(files))
	}
	var lines []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		qs, err := retrieval.ReadEvalQuestions(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, q := range qs {
			lines = append(lines, q.Q)
		}
	}
	lines = append(lines[:3], append([]string{"", strings.Repeat("x", 2000)}, lines[3:]...)...)
	return strings.Join(lines, "\n") + "\n"
}

// builtinEngine is an engine over the built-in articles, fresh: none of
// its caches has seen a question yet.
func builtinEngine(t *testing.T) *retrieval.Engine {
	t.Helper()
	engine, err := loadEngine(context.Background(), "", func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return engine
}

// TestAnswerBatchMatchesOneByOne answers the eval questions over the
// built-in articles with several workers at once and checks that the
// output is, byte for byte and in order, the answers writeJSON writes one
// question after another. Each batch starts on a fresh engine, so its
// workers fill the engine's caches side by side; run with -race, the test
// also checks that they do so without data races.
func TestAnswerBatchMatchesOneByOne(t *testing.T) {
	ctx := context.Background()
	engine := builtinEngine(t)
	in := batchQuestions(t)
	var want bytes.Buffer
	n := 0
	if err := readLines(strings.NewReader(in), maxLineBytes, func(line string) bool {
		n++
		return writeJSON(&want, io.Discard, engine.Answer(ctx, line)) == exitOK
	}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(want.String(), "\n"); got != n {
		t.Fatalf("one by one: %d answers for %d questions", got, n)
	}
	for _, workers := range []int{1, 2, 7} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			var got bytes.Buffer
			readErr, writeErr := answerBatch(ctx, builtinEngine(t).Answer, strings.NewReader(in), &got, workers)
			if readErr != nil || writeErr != nil {
				t.Fatalf("read: %v, write: %v", readErr, writeErr)
			}
			if got.String() != want.String() {
				g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
				for i := range min(len(g), len(w)) {
					if g[i] != w[i] {
						t.Fatalf("answer %d differs:\n got %s\nwant %s", i+1, g[i], w[i])
					}
				}
				t.Fatalf("%d lines, want %d", len(g), len(w))
			}
		})
	}
}

// echoAnswer answers every question with itself, for the tests of the
// batch's plumbing.
func echoAnswer(_ context.Context, q string) retrieval.Answer {
	return retrieval.Answer{Question: q, Text: q}
}

// TestAnswerBatchStreams feeds one question at a time through a pipe and
// reads its answer before sending the next: each answer must come out while
// standard input is still open.
func TestAnswerBatchStreams(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		readErr, writeErr := answerBatch(context.Background(), echoAnswer, inR, outW, 2)
		outW.Close()
		done <- errors.Join(readErr, writeErr)
	}()
	answers := bufio.NewReader(outR)
	for i := range 5 {
		q := fmt.Sprintf("question %d", i)
		fmt.Fprintln(inW, q)
		line, err := readLineOrTimeout(answers)
		if err != nil {
			t.Fatalf("answer to %q: %v", q, err)
		}
		if !strings.Contains(line, `"question":"`+q+`"`) {
			t.Fatalf("answer to %q is %s", q, line)
		}
	}
	inW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// readLineOrTimeout reads one line from r, or gives up after a while so a
// batch that holds its answers back fails the test instead of hanging it.
func readLineOrTimeout(r *bufio.Reader) (string, error) {
	got := make(chan string, 1)
	fail := make(chan error, 1)
	go func() {
		line, err := r.ReadString('\n')
		if err != nil {
			fail <- err
			return
		}
		got <- line
	}()
	select {
	case line := <-got:
		return line, nil
	case err := <-fail:
		return "", err
	case <-time.After(10 * time.Second):
		return "", errors.New("no answer while standard input stays open")
	}
}

// failingWriter accepts n bytes, then fails every write.
type failingWriter struct{ n int }

var errWriteClosed = errors.New("output closed")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errWriteClosed
	}
	w.n -= len(p)
	return len(p), nil
}

// endlessQuestions is standard input that never ends.
type endlessQuestions struct{}

func (endlessQuestions) Read(p []byte) (int, error) {
	const line = "Who are the members?\n"
	n := 0
	for n+len(line) <= len(p) {
		n += copy(p[n:], line)
	}
	return n, nil
}

// TestAnswerBatchStopsWhenOutputFails checks that a batch whose output
// fails stops reading, even from standard input that never ends, and
// reports the write error.
func TestAnswerBatchStopsWhenOutputFails(t *testing.T) {
	for _, room := range []int{0, 100, 10000} {
		t.Run(fmt.Sprintf("%d bytes", room), func(t *testing.T) {
			readErr, writeErr := answerBatch(context.Background(), echoAnswer, endlessQuestions{}, &failingWriter{n: room}, 2)
			if !errors.Is(writeErr, errWriteClosed) || readErr != nil {
				t.Fatalf("read: %v, write: %v; want the write error", readErr, writeErr)
			}
		})
	}
}

// TestAskBatchReportsWriteFailure checks the command's exit code and
// message when its output fails.
func TestAskBatchReportsWriteFailure(t *testing.T) {
	var errOut bytes.Buffer
	code := run(context.Background(), []string{"ask", "--json", "-"}, func(string) string { return "" },
		strings.NewReader("Who are the members?\nКто входит в ОДКБ?\n"), &failingWriter{}, &errOut)
	if code != exitFailed || !strings.Contains(errOut.String(), "write answer") {
		t.Fatalf("exit %d, stderr %q; want %d and a write error", code, errOut.String(), exitFailed)
	}
}

// BenchmarkAnswerBatch answers the eval questions over the built-in
// articles as "ask --json -" does, on a fresh engine each time (its caches
// empty, as in a new process), with one worker and with one per processor.
// cpu-ms/op is the processor time the process spent answering.
func BenchmarkAnswerBatch(b *testing.B) {
	ctx := context.Background()
	in := batchQuestions(b)
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				engine, err := loadEngine(ctx, "", func(string) string { return "" }, io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				before := processCPU()
				b.StartTimer()
				if readErr, writeErr := answerBatch(ctx, engine.Answer, strings.NewReader(in), io.Discard, workers); readErr != nil || writeErr != nil {
					b.Fatal(readErr, writeErr)
				}
				cpu += processCPU() - before
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// processCPU is the processor time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
