// Package retrieval finds the passages that answer a question and composes a
// cited answer: an in-process chromem-go collection of passage vectors and a
// BM25 index over the same passages, fused by reciprocal rank.
package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/philippgille/chromem-go"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/lexicon"
)

// Config configures an Engine. The zero value is usable: the local offline
// embedder and the default logger.
type Config struct {
	// Embedder makes the passage and question vectors; nil means
	// NewLocalEmbedder().
	Embedder Embedder
	// Logger receives load and embedding messages; nil means slog.Default().
	Logger *slog.Logger
	// EmbedConcurrency bounds parallel embedding requests; 0 means the
	// number of CPUs.
	EmbedConcurrency int
	// IndexPath, when set, is the file that keeps the passage vectors
	// between runs (e.g. DATA_DIR/index.gob.gz): it is read before the first
	// Load, so unchanged passages are not embedded again, and rewritten after
	// every Load that changed what it holds. See persist.go.
	IndexPath string
	// NoLexicon and NoTransliteration leave out the lexicon's synonyms and
	// translations and the other-script spellings of names; they exist to
	// measure what each adds.
	NoLexicon, NoTransliteration bool
}

// Engine answers questions from the index it last loaded. Answer is safe to
// call from many goroutines, also while Load builds a new index: the index is
// swapped in whole, so every answer sees the old index or the new one.
type Engine struct {
	embedder Embedder
	glossary *glossary
	// lexicon returns the word lexicon, or nil without one.
	lexicon           func() *lexicon.Lexicon
	noTransliteration bool
	log               *slog.Logger
	workers           int

	loadMu sync.Mutex // one Load at a time; guards cache and the fields below
	cache  map[string][]float32
	idx    atomic.Pointer[index]

	indexPath string
	// indexRead is set once the index file has been read (or found
	// missing or unusable).
	indexRead bool
	// savedPassages fingerprints the passages the index file holds, so an
	// unchanged index is not written again; empty when unknown.
	savedPassages string
}

// ErrNoPassages reports a corpus with no passage to index.
var ErrNoPassages = errors.New("the corpus has no article text to index")

// errMixedDims reports vectors of different sizes for one index.
var errMixedDims = errors.New("embedder gave vectors of different sizes")

// New returns an Engine with no index; call Load before answering.
func New(cfg Config) *Engine {
	e := &Engine{embedder: cfg.Embedder, glossary: mustDefaultGlossary(), log: cfg.Logger, workers: cfg.EmbedConcurrency, indexPath: cfg.IndexPath,
		lexicon: lexicon.Default, noTransliteration: cfg.NoTransliteration}
	if cfg.NoLexicon {
		e.lexicon = func() *lexicon.Lexicon { return nil }
	}
	if e.embedder == nil {
		e.embedder = NewLocalEmbedder()
	}
	if e.log == nil {
		e.log = slog.Default()
	}
	if e.workers <= 0 {
		e.workers = runtime.NumCPU()
	}
	e.cache = map[string][]float32{}
	return e
}

// index is one immutable generation of the searchable corpus.
type index struct {
	passages   []corpus.Passage
	analyzed   []analyzed
	lexical    *bm25
	db         *chromem.DB // holds collection alone; what ExportIndex writes
	collection *chromem.Collection
	byID       map[string]int
	vocab      map[string]string   // surface word → stem, for typo correction
	titles     map[string]analyzed // article ID → its analysed title
	topics     map[string][]string // article ID → its topics' terms (coref.go)
	names      nameIndex           // capitalised words by phonetic key (expand.go)
	years      map[string]bool     // the years articles were published in (recency.go)
	articles   []ArticleInfo
	embedder   string
	loadedAt   time.Time
}

// Load builds an index of c and swaps it in. Passages whose text was embedded
// before (by this embedder, in this process or, with Config.IndexPath, in an
// earlier one) reuse their vectors. On error the index that was serving keeps
// serving.
func (e *Engine) Load(ctx context.Context, c *corpus.Corpus) (ReloadReport, error) {
	started := time.Now()
	e.loadMu.Lock()
	defer e.loadMu.Unlock()

	report := ReloadReport{Articles: len(c.Articles), Passages: len(c.Passages), Errors: c.Errors}
	if len(c.Passages) == 0 {
		return report, ErrNoPassages
	}
	if e.indexPath != "" && !e.indexRead {
		e.indexRead = true
		e.readIndexFile()
	}
	old := e.idx.Load()
	vectors, embedded, err := e.embedAll(ctx, c.Passages)
	if err != nil {
		return report, err
	}
	next, err := e.buildIndex(ctx, c, vectors)
	if errors.Is(err, errMixedDims) && embedded < len(c.Passages) {
		// The stored vectors have another size than the server's: the model
		// behind the same name changed. Embed everything again.
		e.log.Warn("stored vectors do not fit the embedder's; embedding every passage again", "embedder", e.embedder.ID(), "err", err)
		clear(e.cache)
		if vectors, embedded, err = e.embedAll(ctx, c.Passages); err != nil {
			return report, err
		}
		next, err = e.buildIndex(ctx, c, vectors)
	}
	if err != nil {
		return report, err
	}
	report.Embedded = embedded
	report.Added, report.Changed, report.Removed = diffPassages(old, next)
	e.idx.Store(next)
	if e.indexPath != "" {
		e.saveIndexFile(next)
	}

	// Keep only the vectors of the serving passages.
	keep := make(map[string][]float32, len(vectors))
	for i, p := range c.Passages {
		keep[e.cacheKey(p.Text)] = vectors[i]
	}
	e.cache = keep
	report.Took = time.Since(started)
	e.log.Info("index loaded", "articles", report.Articles, "passages", report.Passages,
		"added", report.Added, "changed", report.Changed, "removed", report.Removed,
		"embedded", report.Embedded, "file_errors", len(report.Errors), "took", report.Took)
	return report, nil
}

func (e *Engine) cacheKey(text string) string {
	sum := sha256.Sum256([]byte(e.embedder.ID() + "\x00" + text))
	return hex.EncodeToString(sum[:16])
}

// embedAll returns one vector per passage, from the cache where it can and
// from the embedder, with bounded concurrency, where it must.
func (e *Engine) embedAll(ctx context.Context, passages []corpus.Passage) ([][]float32, int, error) {
	vectors := make([][]float32, len(passages))
	var todo []int
	for i, p := range passages {
		if v, ok := e.cache[e.cacheKey(p.Text)]; ok {
			vectors[i] = v
		} else {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return vectors, 0, nil
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(e.workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				v, err := e.embedder.EmbedPassage(ctx, passages[i].Text)
				if err == nil {
					err = checkVector(v)
				}
				if err != nil {
					cancel(fmt.Errorf("embed passage %s with %s: %w", passages[i].ID, e.embedder.ID(), err))
					continue
				}
				vectors[i] = v
			}
		}()
	}
	for _, i := range todo {
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, 0, err
	}
	return vectors, len(todo), nil
}

// checkVector rejects empty vectors and vectors of non-finite numbers, the
// signs of a server that answered with something other than embeddings.
func checkVector(v []float32) error {
	if len(v) == 0 {
		return errors.New("the embedder returned an empty vector")
	}
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 || sum != sum || sum > 1e30 {
		return errors.New("the embedder returned a zero or non-finite vector")
	}
	return nil
}

// buildIndex makes the chromem-go collection and the lexical index of c.
func (e *Engine) buildIndex(ctx context.Context, c *corpus.Corpus, vectors [][]float32) (*index, error) {
	dims := len(vectors[0])
	for i, v := range vectors {
		if len(v) != dims {
			return nil, fmt.Errorf("embed passage %s with %s: %w: vector has %d dimensions, others have %d", c.Passages[i].ID, e.embedder.ID(), errMixedDims, len(v), dims)
		}
	}
	db := chromem.NewDB()
	col, err := db.CreateCollection(indexCollection, e.indexMetadata(), func(context.Context, string) ([]float32, error) {
		return nil, errors.New("passages are embedded before they are added")
	})
	if err != nil {
		return nil, fmt.Errorf("create collection: %w", err)
	}
	docs := make([]chromem.Document, len(c.Passages))
	idx := &index{
		passages: c.Passages, byID: make(map[string]int, len(c.Passages)),
		vocab: map[string]string{}, titles: map[string]analyzed{}, embedder: e.embedder.ID(), loadedAt: time.Now(),
	}
	for i, p := range c.Passages {
		docs[i] = chromem.Document{ID: p.ID, Content: p.Text, Embedding: vectors[i], Metadata: map[string]string{"article": p.ArticleID}}
		a := analyzeText(p.Text, e.glossary)
		idx.analyzed = append(idx.analyzed, a)
		idx.byID[p.ID] = i
		for _, t := range a.tokens {
			if !t.stop {
				idx.vocab[t.lower] = t.stem
			}
		}
	}
	if err := col.AddDocuments(ctx, docs, 1); err != nil {
		return nil, fmt.Errorf("add passages to collection: %w", err)
	}
	idx.db, idx.collection = db, col
	idx.lexical = newBM25(idx.analyzed)
	for _, a := range c.Articles {
		n := 0
		for _, p := range c.Passages {
			if p.ArticleID == a.ID {
				n++
			}
		}
		idx.articles = append(idx.articles, ArticleInfo{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Published: a.Published, Passages: n,
			URL: a.URL, AlsoReportedBy: reportsOf(a.AlsoReportedBy)})
		idx.titles[a.ID] = analyzeText(a.Title, e.glossary)
	}
	idx.topics = articleTopics(idx)
	idx.names = buildNameIndex(idx.analyzed)
	idx.years = publicationYears(c.Passages)
	return idx, nil
}

// diffPassages counts passages added, changed (same ID, other text) and
// removed between two index generations.
func diffPassages(old, next *index) (added, changed, removed int) {
	if old == nil {
		return len(next.passages), 0, 0
	}
	for _, p := range next.passages {
		i, ok := old.byID[p.ID]
		switch {
		case !ok:
			added++
		case old.passages[i].Text != p.Text:
			changed++
		}
	}
	for _, p := range old.passages {
		if _, ok := next.byID[p.ID]; !ok {
			removed++
		}
	}
	return added, changed, removed
}

// Stats describes the serving index.
func (e *Engine) Stats() Stats {
	idx := e.idx.Load()
	if idx == nil {
		return Stats{Embedder: e.embedder.ID()}
	}
	return Stats{Ready: true, Embedder: idx.embedder, Articles: idx.articles, Passages: len(idx.passages), LoadedAt: idx.loadedAt}
}

var defaultGlossaryOnce = sync.OnceValues(func() (*glossary, error) { return parseGlossary(defaultGlossary) })

// mustDefaultGlossary returns the parsed built-in glossary; it is fixed at
// build time and checked by the tests, so a parse error is a programming
// error.
func mustDefaultGlossary() *glossary {
	g, err := defaultGlossaryOnce()
	if err != nil {
		panic(err)
	}
	return g
}
