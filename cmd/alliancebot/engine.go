package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/alliancebot/alliancebot/bot"
	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/retrieval"
)

// newEngine builds the answer engine every command uses from cfg, as
// engineConfig read it: logging to logger, keeping its index in dataDir when
// that is not empty, and, when it embeds with a server, checked against that
// server first. A server that is down would otherwise show only when
// something needs embedding, which with a stored index may be never. The
// engine has no index yet; load one with Load.
func newEngine(ctx context.Context, cfg retrieval.Config, dataDir string, logger *slog.Logger) (*retrieval.Engine, error) {
	cfg.Logger = logger
	if dataDir != "" {
		cfg.IndexPath = filepath.Join(dataDir, indexFileName)
	}
	if cfg.Embedder != nil {
		if err := retrieval.CheckEmbedder(ctx, cfg.Embedder); err != nil {
			return nil, err
		}
	}
	return retrieval.New(cfg), nil
}

// corpusFS returns the folder of articles to read: dir when set, else the
// built-in articles.
func corpusFS(dir string) (fs.FS, error) {
	if dir == "" {
		return corpus.Default(), nil
	}
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, &configError{"corpus folder", fmt.Sprintf("%q is not a readable folder", dir)}
	}
	return os.DirFS(dir), nil
}

// loadEngine builds the engine for ask and eval (newEngine, with the index
// kept in DATA_DIR when it is set) and loads the articles of dir (or the
// built-in ones), and of the extra folders beside them, into it, reporting
// per-file errors on stderr.
func loadEngine(ctx context.Context, dir string, getenv func(string) string, stderr io.Writer, extra ...string) (*retrieval.Engine, error) {
	cfg, err := engineConfig(getenv)
	if err != nil {
		return nil, err
	}
	e, err := newEngine(ctx, cfg, strings.TrimSpace(getenv(envDataDir)), slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, err
	}
	// With DATA_DIR the engine's index file holds the cleaned articles.
	c, err := loadCorpus(dir, e, extra...)
	if err != nil {
		return nil, err
	}
	for _, fe := range c.Errors {
		fmt.Fprintf(stderr, "alliancebot: skipped %v\n", fe)
	}
	rep, err := e.Load(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	// The engine reports the files it dropped itself (a passage the
	// embedding server refused) after the corpus's own.
	for _, fe := range rep.Errors[min(len(c.Errors), len(rep.Errors)):] {
		fmt.Fprintf(stderr, "alliancebot: skipped %v\n", fe)
	}
	return e, nil
}

// loadCorpus reads the articles of dir (or the built-in ones) and of every
// extra folder into one corpus, taking the unchanged files cache has seen
// from it.
func loadCorpus(dir string, cache corpus.Cache, extra ...string) (*corpus.Corpus, error) {
	var all corpus.Corpus
	for i, d := range append([]string{dir}, extra...) {
		if i > 0 && d == "" {
			continue
		}
		fsys, err := corpusFS(d)
		if err != nil {
			return nil, err
		}
		c, err := corpus.LoadCached(fsys, cache)
		if err != nil {
			return nil, &configError{"corpus folder", err.Error()}
		}
		all.Articles = append(all.Articles, c.Articles...)
		all.Passages = append(all.Passages, c.Passages...)
		all.Errors = append(all.Errors, c.Errors...)
	}
	return &all, nil
}

// exitCode is the exit code for an error that stops a command: exitUsage
// for what the user must fix and a restart cannot (a *configError, a corpus
// with no article text, a token the Bot API rejects), exitFailed for the
// rest. The systemd unit does not restart the bot after exitUsage.
func exitCode(err error) int {
	var ce *configError
	if errors.As(err, &ce) || errors.Is(err, retrieval.ErrNoPassages) || errors.Is(err, bot.ErrTokenRejected) {
		return exitUsage
	}
	return exitFailed
}

// exitCodeFor prints err as one line and returns its exit code.
func exitCodeFor(err error, stderr io.Writer) int {
	fmt.Fprintf(stderr, "alliancebot: %v\n", err)
	return exitCode(err)
}
