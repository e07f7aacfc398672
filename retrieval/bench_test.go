package retrieval

import (
	"context"
	"testing"

	"github.com/alliancebot/alliancebot/corpus"
)

// BenchmarkAnswer measures answering one question on the built-in corpus.
func BenchmarkAnswer(b *testing.B) {
	e := defaultEngine(b)
	ctx := context.Background()
	questions := []string{"Who are the members?", "Кто входит в ОДКБ?", "What did Zhaparov propose to discuss in Bishkek?", "What is the capital of France?"}
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
