package retrieval

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestOtherWordsForTheSameThing: a question meets the articles' synonyms,
// their other language and the other script's spelling of a name, and does
// not without the lexicon and transliteration.
func TestOtherWordsForTheSameThing(t *testing.T) {
	articles := fstest.MapFS{
		"a.txt": {Data: []byte("Border clashes\n\nForty people were wounded in the clashes near the river.\n\n" +
			"Imangali Tasmagambetov was born in Atyrau.\n\nThe general served as ambassador in Moscow for years.")},
		"b.txt": {Data: []byte("Эвакуация\n\nВласти эвакуировали жителей трёх сёл у границы.")},
	}
	cases := []struct{ q, want, mechanism string }{
		{"How many people were injured?", "Forty", "lexicon"},
		{"В каком городе был посол?", "Moscow", "lexicon"},
		{"Who did the authorities evacuate?", "жителей", "lexicon"},
		{"Where was Тасмагамбетов born?", "Atyrau", "transliteration"},
	}
	full := New(Config{Logger: quietLogger()})
	mustLoad(t, full, articles)
	bare := New(Config{Logger: quietLogger(), NoLexicon: true, NoTransliteration: true})
	mustLoad(t, bare, articles)
	ctx := context.Background()
	for _, c := range cases {
		if a := full.Answer(ctx, c.q); !a.Found || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: found %v, %q; want %q", c.q, a.Found, a.Text, c.want)
		}
		if a := bare.Answer(ctx, c.q); a.Found && strings.Contains(a.Text, c.want) {
			t.Errorf("%q answered without the %s: %q", c.q, c.mechanism, a.Text)
		}
	}
	// A name no article has is not met through the lexicon's other words.
	if a := full.Answer(ctx, "What is the capital of France?"); a.Found {
		t.Errorf("France answered: %q", a.Text)
	}
}

func TestNameSpellings(t *testing.T) {
	idx := &index{names: nameIndex{}}
	addNames(idx.names, map[string]bool{}, []analyzed{analyzeText("Tasmagambetov met Rahmon and Japarov in Dushanbe.", mustDefaultGlossary())})
	for word, want := range map[string]string{
		"Тасмагамбетова": "tasmagambetov", // a case ending
		"Рахмон":         "rahmon",
		"Rakhmon":        "rahmon",
		"Жапаров":        "japarov",
		"Zhaparov":       "japarov",
	} {
		tok := tokenize(word)[0]
		got := idx.names.spellings(tok)
		if len(got) != 1 || got[0] != stemWord(want, false) {
			t.Errorf("spellings(%q) = %v, want [%s]", word, got, stemWord(want, false))
		}
	}
	if got := idx.names.spellings(tokenize("Тасмания")[0]); len(got) != 0 {
		t.Errorf("another name taken for a spelling: %v", got)
	}
}
