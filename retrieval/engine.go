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
	"slices"
	"strings"
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
	// EmbedMaxChars, when above zero, is the longest text sent to the
	// embedder at once: a longer passage is embedded in pieces that fit,
	// and its vector is their mean. Servers refuse texts over their
	// model's context; 0 sends every passage whole.
	EmbedMaxChars int
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
	maxChars          int

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

// ErrPassageRefused reports a passage the embedding server refused, such as
// one over its model's context; the load drops that passage's article with
// a FileError and goes on.
var ErrPassageRefused = errors.New("the embedding server refused the passage")

// errZeroVector reports a text with nothing to embed: every feature of it
// was dropped (stop words only, symbols only). Its passage is kept for the
// lexical ranking.
var errZeroVector = errors.New("the embedder returned a zero vector")

// errMixedDims reports vectors of different sizes for one index.
var errMixedDims = errors.New("embedder gave vectors of different sizes")

// New returns an Engine with no index; call Load before answering.
func New(cfg Config) *Engine {
	e := &Engine{embedder: cfg.Embedder, glossary: mustDefaultGlossary(), log: cfg.Logger, workers: cfg.EmbedConcurrency, indexPath: cfg.IndexPath,
		lexicon: lexicon.Default, noTransliteration: cfg.NoTransliteration, maxChars: cfg.EmbedMaxChars}
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
	c, vectors = e.dropRefused(c, vectors)
	report = ReloadReport{Articles: len(c.Articles), Passages: len(c.Passages), Errors: c.Errors}
	if len(c.Passages) == 0 {
		return report, fmt.Errorf("%w: the embedding server refused every article", ErrNoPassages)
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
		c, vectors = e.dropRefused(c, vectors)
		report = ReloadReport{Articles: len(c.Articles), Passages: len(c.Passages), Errors: c.Errors}
		if len(c.Passages) == 0 {
			return report, fmt.Errorf("%w: the embedding server refused every article", ErrNoPassages)
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
		if v := vectors[i].vec; v != nil {
			keep[e.cacheKey(p.Text)] = v
		}
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

// passageVector is what embedding one passage gave: its vector, nil when
// the passage had nothing to embed (it is ranked lexically only), or the
// server's refusal (ErrPassageRefused).
type passageVector struct {
	vec     []float32
	refused error
}

// embedAll returns one vector per passage, from the cache where it can and
// from the embedder, with bounded concurrency, where it must. A passage
// with nothing to embed gets no vector and one the server refused gets its
// refusal; any other failure stops the load.
func (e *Engine) embedAll(ctx context.Context, passages []corpus.Passage) ([]passageVector, int, error) {
	vectors := make([]passageVector, len(passages))
	var todo []int
	for i, p := range passages {
		if v, ok := e.cache[e.cacheKey(p.Text)]; ok {
			vectors[i].vec = v
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
				v, err := e.embedPassage(ctx, passages[i].Text)
				switch {
				case errors.Is(err, errZeroVector):
					e.log.Info("passage has nothing to embed; it is ranked by its words only", "passage", passages[i].ID)
				case errors.Is(err, ErrPassageRefused):
					vectors[i].refused = err
				case err != nil:
					cancel(fmt.Errorf("embed passage %s with %s: %w", passages[i].ID, e.embedder.ID(), err))
				default:
					vectors[i].vec = v
				}
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

// embedPassage embeds text, in pieces of at most maxChars when it is longer,
// and returns the normalised mean of the pieces' vectors.
func (e *Engine) embedPassage(ctx context.Context, text string) ([]float32, error) {
	var sum []float64
	for _, piece := range splitForEmbedding(text, e.maxChars) {
		v, err := e.embedder.EmbedPassage(ctx, piece)
		if err == nil {
			err = checkVector(v)
		}
		if errors.Is(err, errZeroVector) {
			continue // a piece of stop words adds nothing
		}
		if err != nil {
			return nil, err
		}
		if sum == nil {
			sum = make([]float64, len(v))
		}
		if len(v) != len(sum) {
			return nil, fmt.Errorf("%w: %d and %d dimensions in one passage", errMixedDims, len(sum), len(v))
		}
		for i, x := range v {
			sum[i] += float64(x)
		}
	}
	if sum == nil {
		return nil, errZeroVector
	}
	v := make([]float32, len(sum))
	for i, x := range sum {
		v[i] = float32(x)
	}
	normalize(v)
	return v, checkVector(v)
}

// splitForEmbedding cuts text into pieces of at most maxChars runes, at a
// sentence end or a space where it can; maxChars <= 0 keeps it whole.
func splitForEmbedding(text string, maxChars int) []string {
	runes := []rune(text)
	if maxChars <= 0 || len(runes) <= maxChars {
		return []string{text}
	}
	var pieces []string
	for len(runes) > maxChars {
		cut := maxChars
		if i := lastBreak(runes[:maxChars]); i > maxChars/2 {
			cut = i
		}
		if piece := strings.TrimSpace(string(runes[:cut])); piece != "" {
			pieces = append(pieces, piece)
		}
		runes = runes[cut:]
	}
	if piece := strings.TrimSpace(string(runes)); piece != "" {
		pieces = append(pieces, piece)
	}
	return pieces
}

// lastBreak is the index just after the last sentence end in rs, or else
// after its last space, or 0.
func lastBreak(rs []rune) int {
	space := 0
	for i := len(rs) - 1; i > 0; i-- {
		switch rs[i] {
		case ' ', '\n':
			if i > 0 && strings.ContainsRune(".!?…", rs[i-1]) {
				return i + 1
			}
			if space == 0 {
				space = i + 1
			}
		}
	}
	return space
}

// dropRefused removes the articles that have a passage the embedding server
// refused, reporting each as a FileError, and returns the corpus and
// vectors that remain.
func (e *Engine) dropRefused(c *corpus.Corpus, vectors []passageVector) (*corpus.Corpus, []passageVector) {
	refused := map[string]error{}
	for i, v := range vectors {
		if v.refused != nil && refused[c.Passages[i].ArticleID] == nil {
			refused[c.Passages[i].ArticleID] = fmt.Errorf("passage %s: %w", c.Passages[i].ID, v.refused)
		}
	}
	if len(refused) == 0 {
		return c, vectors
	}
	kept := &corpus.Corpus{Errors: slices.Clone(c.Errors)}
	for _, a := range c.Articles {
		if err := refused[a.ID]; err != nil {
			e.log.Warn("article dropped: the embedding server refused a passage", "file", a.File, "err", err)
			kept.Errors = append(kept.Errors, &corpus.FileError{File: a.File, Err: err})
			continue
		}
		kept.Articles = append(kept.Articles, a)
	}
	var keptVectors []passageVector
	for i, p := range c.Passages {
		if refused[p.ArticleID] == nil {
			kept.Passages = append(kept.Passages, p)
			keptVectors = append(keptVectors, vectors[i])
		}
	}
	return kept, keptVectors
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
	if sum == 0 {
		return errZeroVector
	}
	if sum != sum || sum > 1e30 {
		return errors.New("the embedder returned a non-finite vector")
	}
	return nil
}

// buildIndex makes the chromem-go collection and the lexical index of c.
func (e *Engine) buildIndex(ctx context.Context, c *corpus.Corpus, vectors []passageVector) (*index, error) {
	dims := -1
	for i, pv := range vectors {
		v := pv.vec
		if v == nil {
			continue // nothing to embed: ranked lexically only
		}
		if dims < 0 {
			dims = len(v)
		}
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
	docs := make([]chromem.Document, 0, len(c.Passages))
	idx := &index{
		passages: c.Passages, byID: make(map[string]int, len(c.Passages)),
		vocab: map[string]string{}, titles: map[string]analyzed{}, embedder: e.embedder.ID(), loadedAt: time.Now(),
	}
	for i, p := range c.Passages {
		if vectors[i].vec != nil {
			docs = append(docs, chromem.Document{ID: p.ID, Content: p.Text, Embedding: vectors[i].vec, Metadata: map[string]string{"article": p.ArticleID}})
		}
		a := analyzeText(p.Text, e.glossary)
		idx.analyzed = append(idx.analyzed, a)
		idx.byID[p.ID] = i
		for _, t := range a.tokens {
			if !t.stop {
				idx.vocab[t.lower] = t.stem
			}
		}
	}
	if len(docs) == 0 {
		e.log.Warn("no passage has anything to embed; answering from the lexical ranking only")
	} else if err := col.AddDocuments(ctx, docs, 1); err != nil {
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
