package bot

import (
	"io"
	"log/slog"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
)

// testEngine is what the bot's tests need from an engine: answering, and
// loading a corpus for FolderReloader. *retrieval.Engine has both.
type testEngine interface {
	Answerer
	CorpusLoader
}

// newTestEngine returns the engine the end-to-end tests run on: the real
// retrieval engine with the offline embedder, over the small corpus in
// testdata/articles that the harness loads.
func newTestEngine(t testing.TB) testEngine {
	t.Helper()
	return retrieval.New(retrieval.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
}
