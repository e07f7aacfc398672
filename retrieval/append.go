package retrieval

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/philippgille/chromem-go"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/internal/atomicfile"
)

// A reload that only adds articles (none of the serving index's articles
// changed or went away) does not build the index again: the new articles
// are analysed, embedded and indexed by themselves, and the result extends
// the serving index. The extended index copies the small per-passage tables
// and the maps, appends to the posting lists of the new articles' terms and
// to the last block of the vector columns, and shares the rest: the full
// column blocks, the chromem-go collection (into which the new passages are
// added; an older index skips the passages it does not know) and the
// strings. The serving index is not changed, so it keeps answering until
// the swap, and a reload that fails leaves it serving.
//
// The index file is extended likewise: the new articles are written to a
// file of their own beside it (<index>.added-<base>-<n>, in the index file
// format), which a warm start reads after the index file it extends. A full
// save, after any other reload or when the added files grow past
// maxAddedFiles or an eighth of the index, replaces them all.
//
// An extended index holds the new articles after the old ones, where a cold
// build would put them in file name order; passages of equal score are
// ranked in index order, so such ties may come out in another order.

// maxAddedFiles is how many added-article files an index file may have
// before the next reload writes it whole.
const maxAddedFiles = 16

// appendedArticles returns the articles of c that old lacks, and their
// passages, when every article and passage of old is in c unchanged; ok is
// false otherwise, or when c adds nothing.
func appendedArticles(old *index, c *corpus.Corpus) (added *corpus.Corpus, ok bool) {
	if old == nil || len(c.Articles) <= len(old.sources) {
		return nil, false
	}
	oldArticle := make(map[string]int, len(old.sources))
	for i, a := range old.sources {
		oldArticle[a.ID] = i
	}
	added = &corpus.Corpus{Errors: c.Errors}
	isNew := map[string]bool{}
	kept := 0
	for _, a := range c.Articles {
		i, found := oldArticle[a.ID]
		if !found {
			added.Articles = append(added.Articles, a)
			isNew[a.ID] = true
			continue
		}
		if !sameArticle(old.sources[i], a) {
			return nil, false
		}
		kept++
	}
	if kept != len(old.sources) {
		return nil, false
	}
	keptPassages := 0
	for i := 0; i < len(c.Passages); {
		id := c.Passages[i].ArticleID
		j := i + 1
		for j < len(c.Passages) && c.Passages[j].ArticleID == id {
			j++
		}
		run := c.Passages[i:j]
		i = j
		if isNew[id] {
			added.Passages = append(added.Passages, run...)
			continue
		}
		span, found := old.articleSpans[id]
		if !found || span.End-span.Start != len(run) {
			return nil, false
		}
		for k, p := range run {
			if !samePassage(old.passages[span.Start+k], p) {
				return nil, false
			}
		}
		keptPassages += len(run)
	}
	if keptPassages != len(old.passages) || len(added.Passages) == 0 {
		return nil, false
	}
	return added, true
}

// sameArticle reports whether a and b are the same article as the index
// sees it (the raw body aside).
func sameArticle(a, b corpus.Article) bool {
	return a.ID == b.ID && a.File == b.File && a.Title == b.Title && a.Outlet == b.Outlet && a.Published == b.Published &&
		a.Language == b.Language && a.URL == b.URL && a.Text == b.Text && a.Digest == b.Digest && a.Stamp == b.Stamp &&
		a.DuplicateOf == b.DuplicateOf && slices.Equal(a.Bands, b.Bands) && slices.Equal(a.AlsoReportedBy, b.AlsoReportedBy)
}

// samePassage reports whether a and b are the same passage.
func samePassage(a, b corpus.Passage) bool {
	return a.ID == b.ID && a.ArticleID == b.ArticleID && a.Title == b.Title && a.Outlet == b.Outlet && a.Published == b.Published &&
		a.Language == b.Language && a.URL == b.URL && a.Paragraph == b.Paragraph && a.Start == b.Start && a.End == b.End &&
		a.Text == b.Text && slices.Equal(a.Sentences, b.Sentences) && slices.Equal(a.AlsoReportedBy, b.AlsoReportedBy)
}

// loadAppended extends the serving index old with the articles added has
// (c is the whole corpus). It reports handled false, having changed
// nothing, when the new passages cannot extend old (their vectors have
// another size, or the embedding server refused them all): Load then builds
// the index whole.
func (e *Engine) loadAppended(ctx context.Context, c, added *corpus.Corpus, old *index, started time.Time) (report ReloadReport, handled bool, err error) {
	report = ReloadReport{Articles: len(c.Articles), Passages: len(c.Passages), Errors: c.Errors}
	analyses := e.analysesOf(added.Passages, nil)
	vectors, embedded, err := e.embedAll(ctx, added.Passages, analyses)
	if err != nil {
		return report, true, err
	}
	added, vectors, analyses = e.dropRefused(added, vectors, analyses)
	if len(added.Passages) == 0 {
		return report, false, nil
	}
	part, err := e.buildIndex(ctx, added, vectors, analyses)
	if err != nil || !sameDims(old, part) {
		return report, false, nil
	}
	next := extendIndex(old, part)
	// The new passages go into the shared collection last, so that
	// nothing can fail after it; an older index skips them.
	var put []string
	for i, p := range added.Passages {
		if part.vectors[i] == nil {
			continue
		}
		doc := chromem.Document{ID: p.ID, Content: p.Text, Embedding: part.vectors[i], Metadata: map[string]string{"article": p.ArticleID}}
		if err := old.collection.AddDocument(ctx, doc); err != nil {
			if len(put) > 0 {
				// Take back what was added, so that the collection
				// holds the serving index's passages only.
				old.collection.Delete(context.WithoutCancel(ctx), nil, nil, put...)
			}
			return report, true, fmt.Errorf("add passage %s to collection: %w", p.ID, err)
		}
		put = append(put, p.ID)
	}
	e.idx.Store(next)
	report = ReloadReport{Articles: len(next.sources), Passages: len(next.passages), Errors: added.Errors,
		Embedded: embedded, Added: len(part.passages)}
	e.saveAppended(old, next, part)
	for i, p := range part.passages {
		e.cache[p.Text] = part.vectors[i]
	}
	e.storedAnalyses = nil
	maps.Copy(e.cachedArticles, articlesOf(part))
	report.Took = time.Since(started)
	e.log.Info("index extended", "articles", report.Articles, "passages", report.Passages, "added", report.Added,
		"embedded", report.Embedded, "file_errors", len(report.Errors), "took", report.Took)
	return report, true, nil
}

// sameDims reports whether the vectors of part have the size of old's.
func sameDims(old, part *index) bool {
	dims := func(idx *index) int {
		for _, v := range idx.vectors {
			if v != nil {
				return len(v)
			}
		}
		return -1
	}
	a, b := dims(old), dims(part)
	return a < 0 || b < 0 || a == b
}

// extendIndex returns the index of old's passages followed by part's, the
// index of the added articles alone. Neither is changed.
func extendIndex(old, part *index) *index {
	base := len(old.passages)
	// The per-passage slices grow by append: old reads only up to its
	// lengths, and an index is only ever extended from the serving one,
	// under Engine.loadMu, so what a failed reload wrote past them is
	// written over by the next. buildIndex clips the slices it takes from
	// the corpus, so nothing of the caller's is written.
	next := &index{
		sources:        append(old.sources, part.sources...),
		passages:       append(old.passages, part.passages...),
		analyzed:       append(old.analyzed, part.analyzed...),
		vectors:        append(old.vectors, part.vectors...),
		db:             old.db,
		collection:     old.collection,
		collectionDocs: old.collectionDocs + part.collectionDocs,
		articles:       append(old.articles, part.articles...),
		embedder:       part.embedder,
		loadedAt:       part.loadedAt,
	}
	next.byID = maps.Clone(old.byID)
	for id, d := range part.byID {
		next.byID[id] = base + d
	}
	next.articleSpans = maps.Clone(old.articleSpans)
	for id, s := range part.articleSpans {
		next.articleSpans[id] = corpus.Span{Start: base + s.Start, End: base + s.End}
	}
	next.titles = maps.Clone(old.titles)
	maps.Copy(next.titles, part.titles)
	next.topics = maps.Clone(old.topics)
	maps.Copy(next.topics, part.topics)
	next.years = maps.Clone(old.years)
	maps.Copy(next.years, part.years)
	next.vocab = old.vocab.extended(part.vocab.stems)
	// addNames appends to the cloned map's lists past the lengths old
	// reads: old never sees those entries.
	next.names, next.nameWords = maps.Clone(old.names), maps.Clone(old.nameWords)
	addNames(next.names, next.nameWords, part.analyzed)
	next.lexical = old.lexical.extended(part.lexical, next.analyzed)
	if old.columns != nil && part.columns != nil {
		next.columns = old.columns.appended(part.vectors)
	}
	return next
}

// extended returns the vocabulary of v's words and those of stems.
func (v *vocabulary) extended(stems map[string]string) *vocabulary {
	out := &vocabulary{stems: maps.Clone(v.stems), groups: maps.Clone(v.groups)}
	grown := map[vocabGroup]bool{}
	for w, s := range stems {
		if _, ok := out.stems[w]; !ok {
			g := vocabGroup{firstRune(w), utf8.RuneCountInString(w)}
			if !grown[g] {
				grown[g] = true
				out.groups[g] = slices.Clip(out.groups[g]) // v's list is not written
			}
			out.groups[g] = append(out.groups[g], w)
		}
		out.stems[w] = s
	}
	for g := range grown {
		slices.Sort(out.groups[g])
	}
	return out
}

// saveAppended records in the index file that next is old with part's
// articles added: by writing them to an added-articles file when the index
// file holds old, or else by writing next whole.
func (e *Engine) saveAppended(old, next, part *index) {
	if e.indexPath == "" {
		return
	}
	if e.savedIndex != old || e.addedBase == "" || e.addedFiles >= maxAddedFiles || 8*(e.addedPassages+len(part.passages)) > len(next.passages) {
		e.saveIndexFile(next)
		return
	}
	path := addedFileName(e.indexPath, e.addedBase, e.addedFiles+1)
	err := atomicfile.Write(path, func(w *bufio.Writer) error {
		return writeIndexFile(w, e.indexHeader(), part)
	})
	if err != nil {
		e.log.Warn("added articles not saved; the next start embeds them again", "path", path, "err", err)
		return
	}
	e.addedFiles++
	e.addedPassages += len(part.passages)
	e.savedIndex = next
	e.savedPassages = articlesFingerprint(next.sources, next.passages)
	e.log.Info("added articles saved", "path", path, "passages", len(part.passages))
}

// addedFileName is the name of the n-th added-articles file of the index
// file at path whose articles fingerprint to base.
func addedFileName(path, base string, n int) string {
	return fmt.Sprintf("%s.added-%s-%d", path, base[:16], n)
}

// addedFiles returns the added-articles files that extend the index file
// at path whose articles fingerprint to base, in order, and removes the
// others: those of another index file, and those after a gap.
func (e *Engine) addedFilesOf(path, base string) []string {
	names, _ := filepath.Glob(path + ".added-*") // the pattern is valid
	byNumber := map[int]string{}
	for _, name := range names {
		rest, _ := strings.CutPrefix(name, path+".added-")
		fp, num, _ := strings.Cut(rest, "-")
		n, err := strconv.Atoi(num)
		if base != "" && fp == base[:16] && err == nil && n > 0 {
			byNumber[n] = name
			continue
		}
		e.removeAddedFile(name)
	}
	var out []string
	for n := 1; byNumber[n] != ""; n++ {
		out = append(out, byNumber[n])
		delete(byNumber, n)
	}
	rest := slices.Collect(maps.Values(byNumber))
	sort.Strings(rest)
	for _, name := range rest {
		e.removeAddedFile(name)
	}
	return out
}

// removeAddedFiles removes every added-articles file of the index file.
func (e *Engine) removeAddedFiles() {
	e.addedFilesOf(e.indexPath, "")
}

func (e *Engine) removeAddedFile(name string) {
	if err := os.Remove(name); err != nil {
		e.log.Warn("cannot remove an added-articles file the index file no longer uses", "file", name, "err", err)
	}
}
