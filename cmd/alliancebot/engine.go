package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/retrieval"
)

// errConfig marks errors in the user's configuration: they exit with
// exitUsage and one line naming the problem.
var errConfig = errors.New("configuration")

// corpusFS returns the folder of articles to read: dir when set, else the
// built-in articles.
func corpusFS(dir string) (fs.FS, error) {
	if dir == "" {
		return corpus.Default(), nil
	}
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("%w: corpus folder %q is not a readable folder", errConfig, dir)
	}
	return os.DirFS(dir), nil
}

// loadEngine configures the engine from the environment, checks the
// embedding server, if any, and builds an engine over the articles of dir (or
// the built-in ones), reporting per-file errors on stderr.
func loadEngine(ctx context.Context, dir string, getenv func(string) string, stderr io.Writer) (*retrieval.Engine, error) {
	cfg, err := engineConfig(getenv)
	if err != nil {
		return nil, err
	}
	fsys, err := corpusFS(dir)
	if err != nil {
		return nil, err
	}
	c, err := corpus.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errConfig, err)
	}
	for _, fe := range c.Errors {
		fmt.Fprintf(stderr, "alliancebot: skipped %v\n", fe)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Embedder != nil {
		// A server that is down would otherwise show only when something
		// needs embedding, which with a stored index may be never.
		if err := retrieval.CheckEmbedder(ctx, cfg.Embedder); err != nil {
			return nil, err
		}
	}
	e := retrieval.New(cfg)
	if _, err := e.Load(ctx, c); err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	return e, nil
}

// exitCodeFor maps an error to an exit code and prints it as one line.
func exitCodeFor(err error, stderr io.Writer) int {
	fmt.Fprintf(stderr, "alliancebot: %v\n", err)
	if errors.Is(err, errConfig) || errors.Is(err, retrieval.ErrNoPassages) {
		return exitUsage
	}
	return exitFailed
}
