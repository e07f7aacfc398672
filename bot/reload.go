package bot

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/retrieval"
)

// CorpusLoader builds an index from a loaded corpus and swaps it in;
// *retrieval.Engine implements it. The report it returns lists the
// corpus's file errors (c.Errors) with the rest.
type CorpusLoader interface {
	Load(ctx context.Context, c *corpus.Corpus) (retrieval.ReloadReport, error)
}

// FolderReloader is the Reloader that re-reads the article files in Dir and
// hands them to Loader.
type FolderReloader struct {
	Dir    string
	Loader CorpusLoader
}

// Reload reads every article file in r.Dir and loads them. Files that do not
// parse are reported in ReloadReport.Errors and the rest load; an error
// means nothing changed and the old index keeps serving. A folder with no
// article that loads is an error wrapping retrieval.ErrNoPassages.
func (r FolderReloader) Reload(ctx context.Context) (retrieval.ReloadReport, error) {
	start := time.Now()
	// An engine that keeps its index gives back the files it has seen, so
	// only new and changed files are cleaned again.
	cache, _ := r.Loader.(corpus.Cache)
	c, err := corpus.LoadCached(os.DirFS(r.Dir), cache)
	if err != nil {
		return retrieval.ReloadReport{}, fmt.Errorf("reload %s: %w", r.Dir, err)
	}
	if len(c.Articles) == 0 {
		return retrieval.ReloadReport{Errors: c.Errors}, fmt.Errorf("reload %s: no article loaded (%d files refused): %w", r.Dir, len(c.Errors), retrieval.ErrNoPassages)
	}
	rep, err := r.Loader.Load(ctx, c)
	if err != nil {
		return rep, fmt.Errorf("reload %s: %w", r.Dir, err)
	}
	if rep.Took == 0 {
		rep.Took = time.Since(start)
	}
	return rep, nil
}
