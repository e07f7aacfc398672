// Package retrieval finds the passages that answer a question and composes a
// cited answer: an in-process chromem-go collection of passage vectors and a
// BM25 index over the same passages, fused by reciprocal rank.
package retrieval

import (
	"context"
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
	// cache holds vectors by passage text: those of the serving index, and
	// those read from the index file or imported.
	cache map[string][]float32
	idx   atomic.Pointer[index]
	// storedAnalyses are the passage analyses the index file gave, by
	// passage text, until a Load uses them.
	storedAnalyses map[string]analyzed
	// cachedArticles are the articles of the serving index (or, before the
	// first Load, of the index file) by file name, for CachedArticle.
	cachedArticles map[string]cachedArticle

	indexPath string
	// indexRead is set once the index file has been read (or found
	// missing or unusable).
	indexRead bool
	// savedPassages fingerprints the articles the index file holds, so an
	// unchanged index is not written again; empty when unknown.
	savedPassages string
	// savedIndex is the index the index file holds, when it is known.
	savedIndex *index
	// addedBase fingerprints the articles of the index file proper, which
	// addedFiles added-articles files holding addedPassages passages
	// extend (append.go).
	addedBase                 string
	addedFiles, addedPassages int
}

// cachedArticle is an indexed article and its passages.
type cachedArticle struct {
	article  corpus.Article
	passages []corpus.Passage
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
	sources    []corpus.Article
	passages   []corpus.Passage
	analyzed   []analyzed
	vectors    [][]float32 // the passages' vectors, as chromem-go holds them
	lexical    *bm25
	db         *chromem.DB // holds collection alone; what ExportIndex writes
	collection *chromem.Collection
	columns    *vectorColumns // the local embedder's vectors by column; nil for other embedders
	byID       map[string]int
	// articleSpans are the passages of each article, by article ID: an
	// article's passages are next to each other.
	articleSpans map[string]corpus.Span
	vocab        *vocabulary         // for typo correction
	titles       map[string]analyzed // article ID → its analysed title
	topics       map[string][]string // article ID → its topics' terms (coref.go)
	names        nameIndex           // capitalised words by phonetic key (expand.go)
	nameWords    map[string]bool     // the capitalised words addNames has seen, lower-cased
	// collectionDocs is how many documents this index put in collection,
	// which an index that extends it shares (append.go).
	collectionDocs int
	years          map[string]bool // the years articles were published in (recency.go)
	// expansions remembers each question word's related terms
	// (expand.go), at most maxCachedExpansions of them.
	expansions     sync.Map
	expansionCount atomic.Int64
	// wordLexicon remembers each question word's lexicon relations
	// (expand.go), at most maxCachedExpansions of them.
	wordLexicon      sync.Map
	wordLexiconCount atomic.Int64
	// termKeys remembers the index terms of lexicon terms, and
	// termRelated the lexicon's relations of translations and synonyms
	// (expand.go), at most maxCachedTermKeys of each.
	termKeys    termCache[[]termKey]
	termRelated termCache[[]lexicon.Relation]
	// verbPrefixIndexed says which Russian verb prefixes have a prefix
	// that is an indexed stem (expand.go), found on first use.
	verbPrefixOnce    sync.Once
	verbPrefixIndexed []bool
	// scope remembers, by article ID, whether an article speaks of the
	// CSTO (inScope).
	scope sync.Map
	// marks are the regular-expression marks of each passage's sentences,
	// by passage, found the first time a question reads them (kinds.go).
	marks sync.Map
	// wordNames are the phonetic keys of all words (expand.go), built
	// the first time a question needs them.
	wordNamesOnce sync.Once
	wordNames     nameIndex
	articles      []ArticleInfo
	embedder      string
	loadedAt      time.Time
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
	e.readIndexFileOnce()
	old := e.idx.Load()
	if added, ok := appendedArticles(old, c); ok {
		if report, handled, err := e.loadAppended(ctx, c, added, old, started); handled {
			return report, err
		}
	}
	analyses := e.analysesOf(c.Passages, old)
	vectors, embedded, err := e.embedAll(ctx, c.Passages, analyses)
	if err != nil {
		return report, err
	}
	c, vectors, analyses = e.dropRefused(c, vectors, analyses)
	report = ReloadReport{Articles: len(c.Articles), Passages: len(c.Passages), Errors: c.Errors}
	if len(c.Passages) == 0 {
		return report, fmt.Errorf("%w: the embedding server refused every article", ErrNoPassages)
	}
	next, err := e.buildIndex(ctx, c, vectors, analyses)
	if errors.Is(err, errMixedDims) && embedded < len(c.Passages) {
		// The stored vectors have another size than the server's: the model
		// behind the same name changed. Embed everything again.
		e.log.Warn("stored vectors do not fit the embedder's; embedding every passage again", "embedder", e.embedder.ID(), "err", err)
		clear(e.cache)
		if vectors, embedded, err = e.embedAll(ctx, c.Passages, analyses); err != nil {
			return report, err
		}
		c, vectors, analyses = e.dropRefused(c, vectors, analyses)
		report = ReloadReport{Articles: len(c.Articles), Passages: len(c.Passages), Errors: c.Errors}
		if len(c.Passages) == 0 {
			return report, fmt.Errorf("%w: the embedding server refused every article", ErrNoPassages)
		}
		next, err = e.buildIndex(ctx, c, vectors, analyses)
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

	// Keep only the vectors and articles of the serving index.
	keep := make(map[string][]float32, len(vectors))
	for i, p := range c.Passages {
		// nil for a passage with nothing to embed, as the index file
		// keeps it: it is not embedded again.
		keep[p.Text] = vectors[i].vec
	}
	e.cache = keep
	e.storedAnalyses = nil
	e.cachedArticles = articlesOf(next)
	report.Took = time.Since(started)
	e.log.Info("index loaded", "articles", report.Articles, "passages", report.Passages,
		"added", report.Added, "changed", report.Changed, "removed", report.Removed,
		"embedded", report.Embedded, "file_errors", len(report.Errors), "took", report.Took)
	return report, nil
}

// analysesOf returns the analysis of every passage: the index file's or the
// serving index's for a passage text they have, a new one, made once on
// every CPU, for the rest. The analyses serve the lexical index, the sentence
// selection and, with the local embedder, the vectors.
func (e *Engine) analysesOf(passages []corpus.Passage, old *index) []analyzed {
	out := make([]analyzed, len(passages))
	var todo []int
	var oldDocs map[string]int
	var oldTerms [][]termCount
	for i, p := range passages {
		if a, ok := e.storedAnalyses[p.Text]; ok {
			out[i] = a
			continue
		}
		if old != nil && oldDocs == nil {
			oldDocs = make(map[string]int, len(old.passages))
			for d, p := range old.passages {
				oldDocs[p.Text] = d
			}
			oldTerms = termsByPassage(old)
		}
		if d, ok := oldDocs[p.Text]; ok {
			out[i] = old.analyzed[d]
			out[i].terms = oldTerms[d]
			continue
		}
		todo = append(todo, i)
	}
	// A passage takes about 0.1 ms to analyse: eight of them are worth a
	// goroutine, so the built-in articles' 63 passages are shared out.
	workers := min(runtime.NumCPU(), max(1, len(todo)/8))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pa := newPassageAnalyzer(e.glossary)
			for k := w; k < len(todo); k += workers {
				out[todo[k]] = pa.analyze(passages[todo[k]].Text)
			}
		}()
	}
	wg.Wait()
	return out
}

// termsByPassage returns the term counts of every passage of idx, which its
// posting lists hold once the passages' own lists are dropped.
func termsByPassage(idx *index) [][]termCount {
	out := make([][]termCount, len(idx.passages))
	for k, list := range idx.lexical.postings {
		for _, p := range list {
			out[p.doc] = append(out[p.doc], termCount{k, p.tf})
		}
	}
	for _, t := range out {
		slices.SortFunc(t, func(x, y termCount) int { return strings.Compare(x.key, y.key) })
	}
	return out
}

// articlesOf returns the articles of idx that came from files, with their
// passages, by file name.
func articlesOf(idx *index) map[string]cachedArticle {
	files := make(map[string]string, len(idx.sources)) // article ID → file
	out := make(map[string]cachedArticle, len(idx.sources))
	for _, a := range idx.sources {
		if a.File != "" && a.Digest != "" {
			files[a.ID] = a.File
			out[a.File] = cachedArticle{article: a}
		}
	}
	for i := 0; i < len(idx.passages); {
		// An article's passages are next to each other.
		j := i + 1
		for j < len(idx.passages) && idx.passages[j].ArticleID == idx.passages[i].ArticleID {
			j++
		}
		if file, ok := files[idx.passages[i].ArticleID]; ok {
			ca := out[file]
			ca.passages = idx.passages[i:j:j]
			out[file] = ca
		}
		i = j
	}
	return out
}

// passageVector is what embedding one passage gave: its vector, nil when
// the passage had nothing to embed (it is ranked lexically only), or the
// server's refusal (ErrPassageRefused).
type passageVector struct {
	vec     []float32
	refused error
}

// embedAll returns one vector per passage, from the cache where it can and
// from the embedder, with bounded concurrency, where it must. The local
// embedder makes its vectors from the passages' analyses. A passage with
// nothing to embed gets no vector and one the server refused gets its
// refusal; any other failure stops the load.
func (e *Engine) embedAll(ctx context.Context, passages []corpus.Passage, analyses []analyzed) ([]passageVector, int, error) {
	vectors := make([]passageVector, len(passages))
	var todo []int
	for i, p := range passages {
		if v, ok := e.cache[p.Text]; ok {
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
	local, _ := e.embedder.(*LocalEmbedder)
	jobs := make(chan int, 256)
	var wg sync.WaitGroup
	for range min(e.workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scratch []localFeature
			for i := range jobs {
				var v []float32
				var err error
				if local != nil {
					v = local.vectorWith(analyses[i], nil, &scratch)
					err = checkVector(v)
				} else {
					v, err = e.embedPassage(ctx, passages[i].Text)
				}
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
// refused, reporting each as a FileError, and returns the corpus, vectors
// and analyses that remain.
func (e *Engine) dropRefused(c *corpus.Corpus, vectors []passageVector, analyses []analyzed) (*corpus.Corpus, []passageVector, []analyzed) {
	refused := map[string]error{}
	for i, v := range vectors {
		if v.refused != nil && refused[c.Passages[i].ArticleID] == nil {
			refused[c.Passages[i].ArticleID] = fmt.Errorf("passage %s: %w", c.Passages[i].ID, v.refused)
		}
	}
	if len(refused) == 0 {
		return c, vectors, analyses
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
	var keptAnalyses []analyzed
	for i, p := range c.Passages {
		if refused[p.ArticleID] == nil {
			kept.Passages = append(kept.Passages, p)
			keptVectors = append(keptVectors, vectors[i])
			keptAnalyses = append(keptAnalyses, analyses[i])
		}
	}
	return kept, keptVectors, keptAnalyses
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
func (e *Engine) buildIndex(ctx context.Context, c *corpus.Corpus, vectors []passageVector, analyses []analyzed) (*index, error) {
	dims := -1
	flat := make([][]float32, len(vectors)) // nil for a passage without a vector
	withVectors := 0
	for i, pv := range vectors {
		v := pv.vec
		if v == nil {
			continue // nothing to embed: ranked lexically only
		}
		flat[i] = v
		withVectors++
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
	idx := &index{
		sources: slices.Clip(c.Articles), passages: slices.Clip(c.Passages), vectors: flat, byID: make(map[string]int, len(c.Passages)),
		titles: map[string]analyzed{}, embedder: e.embedder.ID(), loadedAt: time.Now(),
	}
	idx.analyzed = analyses
	// The collection, the vector columns and the lexical index are built
	// side by side from the same read-only inputs.
	var wg sync.WaitGroup
	var addErr error
	wg.Go(func() {
		for i, p := range c.Passages {
			if flat[i] == nil {
				continue // only passages with a vector go into the collection
			}
			// One at a time: AddDocuments would start a goroutine per passage.
			doc := chromem.Document{ID: p.ID, Content: p.Text, Embedding: flat[i], Metadata: map[string]string{"article": p.ArticleID}}
			if err := col.AddDocument(ctx, doc); err != nil {
				addErr = fmt.Errorf("add passage %s to collection: %w", p.ID, err)
				return
			}
		}
	})
	if _, ok := e.embedder.(*LocalEmbedder); ok {
		wg.Go(func() { idx.columns = newVectorColumns(flat, max(dims, 0)) })
	}
	perArticle := map[string]int{}
	stems := map[string]string{}
	idx.articleSpans = map[string]corpus.Span{}
	for i, p := range c.Passages {
		perArticle[p.ArticleID]++
		idx.byID[p.ID] = i
		for _, t := range analyses[i].tokens {
			if !t.stop {
				stems[t.lower] = t.stem
			}
		}
		span, ok := idx.articleSpans[p.ArticleID]
		if !ok {
			span.Start = i
		}
		span.End = i + 1
		idx.articleSpans[p.ArticleID] = span
	}
	idx.vocab = newVocabulary(stems)
	idx.lexical = newBM25(idx.analyzed)
	wg.Wait()
	if addErr != nil {
		return nil, addErr
	}
	if withVectors == 0 {
		e.log.Warn("no passage has anything to embed; answering from the lexical ranking only")
	}
	idx.db, idx.collection = db, col
	for _, a := range c.Articles {
		idx.articles = append(idx.articles, ArticleInfo{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Published: a.Published, Passages: perArticle[a.ID],
			URL: a.URL, AlsoReportedBy: reportsOf(a.AlsoReportedBy)})
		idx.titles[a.ID] = analyzeText(a.Title, e.glossary)
	}
	idx.topics = articleTopics(idx)
	for i := range idx.analyzed {
		idx.analyzed[i].terms = nil // counted in the posting lists
	}
	idx.names, idx.nameWords = nameIndex{}, map[string]bool{}
	addNames(idx.names, idx.nameWords, idx.analyzed)
	idx.collectionDocs = withVectors
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

// defaultGlossaryOnce parses the built-in glossary once: from its compiled
// form when that was made from the glossary and stopwords built in, else
// from the sources.
var defaultGlossaryOnce = sync.OnceValues(func() (*glossary, error) {
	if g, ok := readCompiledGlossary(compiledGlossary, defaultGlossaryKey()); ok {
		return g, nil
	}
	return parseGlossaryWithNames(defaultGlossary, countryNames)
})

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
