package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/alliancebot/alliancebot/corpus"
)

// BenchmarkAnswer measures answering one question on the built-in corpus.
func BenchmarkAnswer(b *testing.B) {
	e := defaultEngine(b)
	ctx := context.Background()
	questions := []string{"Who are the members?", "Кто входит в ОДКБ?", "What did Zhaparov propose to discuss in Bishkek?", "What is the capital of France?"}
	b.ReportAllocs()
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		e.Answer(ctx, questions[i%len(questions)])
		i++
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// BenchmarkAnswerDistinct measures answering questions the engine has not
// seen before: the question sets' 153 questions, each once per engine (run
// it with -benchtime 153x or less; past that it starts over on a new
// engine), so no word's relations come from the expansion cache.
func BenchmarkAnswerDistinct(b *testing.B) {
	var questions []string
	for _, f := range []string{"dev.jsonl", "extra.jsonl", "heldout.jsonl"} {
		f, err := os.Open(filepath.Join("..", "testdata", f))
		if err != nil {
			b.Fatal(err)
		}
		qs, err := ReadEvalQuestions(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, q := range qs {
			questions = append(questions, q.Q)
		}
	}
	ctx := context.Background()
	e := defaultEngine(b)
	b.ReportAllocs()
	i := 0
	// CPU time, the building of new engines left out: steadier than the
	// wall clock on a shared machine.
	var building time.Duration
	cpu := cpuTime()
	for b.Loop() {
		if i == len(questions) {
			b.StopTimer()
			t := cpuTime()
			e, i = defaultEngine(b), 0
			runtime.GC() // the old engine's garbage is not a question's cost
			building += cpuTime() - t
			b.StartTimer()
		}
		e.Answer(ctx, questions[i])
		i++
	}
	b.ReportMetric(float64((cpuTime()-cpu-building).Microseconds())/float64(b.N), "cpu-µs/op")
}

// BenchmarkAnswerUnseen measures answering one question on the built-in
// corpus and the unseen articles of testdata/unseen together.
func BenchmarkAnswerUnseen(b *testing.B) {
	e := unseenEngine(b, "unseen")
	ctx := context.Background()
	questions := []string{"Who became secretary general in January 2023?", "Почему Армения отказалась принимать учения?",
		"Which country currently chairs the CSTO?", "What is the capital of France?"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.Answer(ctx, questions[i%len(questions)])
		i++
	}
}

// BenchmarkBuildIndex measures building the index from scratch: cleaning,
// passages, embedding every passage and the BM25 index.
func BenchmarkBuildIndex(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		c, err := corpus.Load(corpus.Default())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := New(Config{Logger: quietLogger()}).Load(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWarmStart measures a restart over the built-in corpus with a
// persisted index present: reading the article files and the index file
// (which gives back the cleaned articles, analyses and vectors) and building
// the index, with nothing cleaned, analysed or embedded.
func BenchmarkWarmStart(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "index.gob.gz")
	c, err := corpus.Load(corpus.Default())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := New(Config{Logger: quietLogger(), IndexPath: path}).Load(ctx, c); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		e := New(Config{Logger: quietLogger(), IndexPath: path})
		c, err := corpus.LoadCached(corpus.Default(), e)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := e.Load(ctx, c)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Embedded != 0 {
			b.Fatalf("warm start embedded %d passages", rep.Embedded)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}
