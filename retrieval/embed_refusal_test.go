package retrieval_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/retrieval"
)

// longParagraph is one paragraph of n sentences, longer than a small
// model's context when n is large.
func longParagraph(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString("The delegations discussed the logistics of the peacekeeping contingent at length.")
	}
	return b.String()
}

// TestPassageRefusedByServerDropsOnlyItsArticle: a server that refuses one
// over-long passage costs that article (a FileError), not the load.
func TestPassageRefusedByServerDropsOnlyItsArticle(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt":    {Data: []byte("Alpha\n\nKazakhstan asked the CSTO for help in January. Troops arrived within days.")},
		"long.txt": {Data: []byte("Long\n\n" + longParagraph(12))},
	}
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			fake := s.start(t)
			fake.SetContextLimit(200)
			e := retrieval.New(retrieval.Config{Embedder: newClient(t, s, fake.URL), Logger: quietLogger()})
			c, err := corpus.Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			if longest(c) <= 200 {
				t.Skipf("the corpus split the long paragraph into passages of %d characters", longest(c))
			}
			rep, err := e.Load(t.Context(), c)
			if err != nil {
				t.Fatalf("load failed over one refused passage: %v", err)
			}
			if rep.Articles != 1 || len(rep.Errors) != 1 || rep.Errors[0].File != "long.txt" || !errors.Is(rep.Errors[0], retrieval.ErrPassageRefused) {
				t.Errorf("report %+v, want a.txt loaded and long.txt reported as refused", rep)
			}
			if a := e.Answer(t.Context(), "Which country asked the CSTO for help in January?"); !a.Found {
				t.Errorf("the article that loaded is not answered: %+v", a)
			}
		})
	}
}

// TestEmbedMaxCharsSplitsLongPassages: with EmbedMaxChars under the
// server's limit every article loads.
func TestEmbedMaxCharsSplitsLongPassages(t *testing.T) {
	fsys := fstest.MapFS{"long.txt": {Data: []byte("Long\n\n" + longParagraph(12))}}
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			fake := s.start(t)
			fake.SetContextLimit(200)
			e := retrieval.New(retrieval.Config{Embedder: newClient(t, s, fake.URL), Logger: quietLogger(), EmbedMaxChars: 200})
			rep, err := loadFS(e, fsys)
			if err != nil || rep.Articles != 1 || len(rep.Errors) != 0 {
				t.Fatalf("load: %+v, %v; want the article loaded in pieces", rep, err)
			}
		})
	}
}

func longest(c *corpus.Corpus) int {
	n := 0
	for _, p := range c.Passages {
		n = max(n, len([]rune(p.Text)))
	}
	return n
}
