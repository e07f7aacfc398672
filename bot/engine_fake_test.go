package bot

import (
	"context"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/retrieval"
)

// testEngine is what the bot's tests need from an engine: answering, and
// loading a corpus for FolderReloader. *retrieval.Engine has both.
type testEngine interface {
	Answerer
	CorpusLoader
}

// newTestEngine returns the engine the end-to-end tests run on. Until the
// retrieval engine is merged it is keywordEngine; afterwards this becomes
// retrieval.New(retrieval.Config{}) and the same tests run on the real one.
func newTestEngine(t testing.TB) testEngine {
	t.Helper()
	return &keywordEngine{}
}

// keywordEngine is a small, honest stand-in for the retrieval engine: it
// ranks passages by how many of the question's words they contain and
// quotes the best sentence. It cannot match across languages. Load swaps
// the index in atomically, like the real engine.
type keywordEngine struct {
	index atomic.Pointer[keywordIndex]
}

type keywordIndex struct {
	articles []retrieval.ArticleInfo
	passages []corpus.Passage
	words    []map[string]bool // words of each passage
	loadedAt time.Time
}

// stopwords carry no topic; a question made only of them matches nothing.
var stopwords = map[string]bool{
	"the": true, "and": true, "for": true, "are": true, "was": true, "were": true, "what": true,
	"who": true, "which": true, "when": true, "where": true, "why": true, "how": true, "did": true,
	"does": true, "its": true, "that": true, "this": true, "with": true, "from": true, "about": true,
	"has": true, "have": true, "had": true, "after": true, "into": true, "they": true, "them": true,
}

func questionWords(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	}) {
		w = strings.Trim(w, "-")
		if len(w) < 3 || stopwords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

func (e *keywordEngine) Load(_ context.Context, c *corpus.Corpus) (retrieval.ReloadReport, error) {
	start := time.Now()
	idx := &keywordIndex{passages: c.Passages, loadedAt: start}
	counts := map[string]int{}
	for _, p := range c.Passages {
		set := map[string]bool{}
		for _, w := range questionWords(p.Text) {
			set[w] = true
		}
		idx.words = append(idx.words, set)
		counts[p.ArticleID]++
	}
	for _, a := range c.Articles {
		idx.articles = append(idx.articles, retrieval.ArticleInfo{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Published: a.Published, Passages: counts[a.ID]})
	}
	rep := retrieval.ReloadReport{Articles: len(c.Articles), Passages: len(c.Passages), Errors: c.Errors}
	old := map[string]string{}
	if prev := e.index.Load(); prev != nil {
		for _, p := range prev.passages {
			old[p.ID] = p.Text
		}
	}
	for _, p := range c.Passages {
		text, ok := old[p.ID]
		switch {
		case !ok:
			rep.Added++
		case text != p.Text:
			rep.Changed++
		}
		delete(old, p.ID)
	}
	rep.Removed = len(old)
	rep.Embedded = rep.Added + rep.Changed
	e.index.Store(idx)
	rep.Took = time.Since(start)
	return rep, nil
}

func (e *keywordEngine) AnswerWith(_ context.Context, question string, o retrieval.Options) retrieval.Answer {
	refuse := func(r retrieval.Refusal, text string) retrieval.Answer {
		return retrieval.Answer{Question: question, Refusal: r, Text: text}
	}
	q := strings.TrimSpace(question)
	switch {
	case q == "":
		return refuse(retrieval.RefusedEmpty, "Ask a question.")
	case utf8.RuneCountInString(q) > retrieval.MaxQuestionRunes:
		return refuse(retrieval.RefusedTooLong, "The question is too long.")
	}
	idx := e.index.Load()
	if idx == nil {
		return refuse(retrieval.RefusedNoIndex, "No articles are loaded yet.")
	}
	words := questionWords(q)
	type hit struct{ passage, score int }
	var hits []hit
	for i, set := range idx.words {
		score := 0
		for _, w := range words {
			if set[w] {
				score++
			}
		}
		if len(words) > 0 && score*2 >= len(words) {
			hits = append(hits, hit{i, score})
		}
	}
	if len(hits) == 0 {
		return refuse(retrieval.RefusedNotCovered, "The articles do not cover this.")
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	n := o.Citations
	if n <= 0 {
		n = 3
	}
	n = min(n, 5, len(hits))
	a := retrieval.Answer{Question: question, Found: true}
	for k, h := range hits[:n] {
		p := idx.passages[h.passage]
		snippet := bestSentence(p, words)
		c := retrieval.Citation{
			N: k + 1, Doc: p.ArticleID, Title: p.Title, Source: p.Outlet, Published: p.Published,
			Snippet: snippet, Score: float64(h.score) / float64(len(words)), PassageID: p.ID,
			Passage: p.Text, Paragraph: p.Paragraph, Marks: wordMarks(snippet, words),
		}
		a.Citations = append(a.Citations, c)
	}
	a.Text, a.Marks = a.Citations[0].Snippet, a.Citations[0].Marks
	return a
}

func (e *keywordEngine) Stats() retrieval.Stats {
	idx := e.index.Load()
	if idx == nil {
		return retrieval.Stats{Embedder: "keywords (test)"}
	}
	return retrieval.Stats{Ready: true, Embedder: "keywords (test)", Articles: idx.articles, Passages: len(idx.passages), LoadedAt: idx.loadedAt}
}

// bestSentence is the passage's sentence with the most question words.
func bestSentence(p corpus.Passage, words []string) string {
	best, bestScore := p.Text, -1
	for _, s := range p.Sentences {
		text := p.Text[s.Start:s.End]
		if score := len(wordMarks(text, words)); score > bestScore {
			best, bestScore = text, score
		}
	}
	return best
}

// wordMarks returns the spans of text's words that are question words.
func wordMarks(text string, words []string) []retrieval.Span {
	want := map[string]bool{}
	for _, w := range words {
		want[w] = true
	}
	var marks []retrieval.Span
	start := -1
	for i, r := range text + " " {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-'
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			if want[strings.Trim(strings.ToLower(text[start:i]), "-")] {
				marks = append(marks, retrieval.Span{Start: start, End: i})
			}
			start = -1
		}
	}
	return marks
}
