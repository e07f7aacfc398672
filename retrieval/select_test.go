package retrieval

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alliancebot/alliancebot/corpus"
)

// TestUnitMatcherRelease checks that released results are reused zeroed and
// that results still held are not: a match released out of turn, or after
// another match, keeps its scores.
func TestUnitMatcherRelease(t *testing.T) {
	g := mustDefaultGlossary()
	units := []queryUnit{{alts: []string{"w:" + stemWord("summit", false)}}, {alts: []string{"w:" + stemWord("moscow", false)}}}
	a := analyzeText("The summit was held in Moscow.", g)
	b := analyzeText("Nothing here.", g)
	mt := newUnitMatcher(units, 2)
	held := mt.match(a, 0, len("The summit was held in Moscow."))
	if !slices.Equal(held, []float64{1, 1}) {
		t.Fatalf("match = %v, want [1 1]", held)
	}
	first := mt.match(a, 0, len("The summit"))
	mt.release(held) // not the last match: kept
	mt.release(first)
	again := mt.match(b, 0, len("Nothing here."))
	if &again[0] != &first[0] {
		t.Error("a released match's scores are not reused")
	}
	if !slices.Equal(again, []float64{0, 0}) || !slices.Equal(held, []float64{1, 1}) {
		t.Errorf("after release: reused %v, want [0 0]; held %v, want [1 1]", again, held)
	}
}

// TestTokenRange checks that tokenRange finds the tokens lying wholly
// inside a span, for spans that cut words, hold none or the whole text.
func TestTokenRange(t *testing.T) {
	text := "The CSTO summit met in Yerevan on 23 November."
	a := analyzeText(text, mustDefaultGlossary())
	for start := 0; start <= len(text); start++ {
		for end := start; end <= len(text); end++ {
			lo, hi := tokenRange(a, corpus.Span{Start: start, End: end})
			wantLo := 0
			for wantLo < len(a.tokens) && a.tokens[wantLo].start < start {
				wantLo++
			}
			wantHi := wantLo
			for wantHi < len(a.tokens) && a.tokens[wantHi].end <= end {
				wantHi++
			}
			if lo != wantLo || hi != wantHi {
				t.Fatalf("tokenRange(%d, %d) = %d, %d; want %d, %d", start, end, lo, hi, wantLo, wantHi)
			}
		}
	}
}

// TestSecondSentenceByWhatItSays: a second sentence that says nearly as
// much as the first is joined to it even when its passage ranks far lower,
// as it does among a hundred thousand passages where the first passage
// alone names a word rare there; one that says much less is not.
func TestSecondSentenceByWhatItSays(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": dated("Summit", "2022-05-16", "The leaders met in the Kremlin."),
		"b.txt": dated("Talks", "2022-05-17", "The heads assessed the role of the organisation."),
	})
	idx := e.idx.Load()
	var kremlin, assessed int
	for i, p := range idx.passages {
		if strings.Contains(p.Text, "Kremlin") {
			kremlin = i
		} else {
			assessed = i
		}
	}
	units := []queryUnit{{surface: "Kremlin", weight: 1}, {surface: "assess", weight: 1}}
	for _, tt := range []struct {
		name       string
		secondSays float64
		joined     bool
	}{
		{"says nearly as much", 0.9, true},
		{"says much less", 0.5, false},
	} {
		best := []candidate{
			{passage: kremlin, score: 1 + rankWeight*0.05, fused: 0.05, matched: []float64{1, 0}},
			{passage: assessed, score: tt.secondSays + rankWeight*0.01, fused: 0.01, matched: []float64{0, 1}},
		}
		if got := composeAnswer(idx, best, units, false); strings.Contains(got, "assessed") != tt.joined {
			t.Errorf("%s: %q, joined %v, want %v", tt.name, got, !tt.joined, tt.joined)
		}
	}
	// A weaker candidate ranked between them does not stop the search.
	best := []candidate{
		{passage: kremlin, score: 1 + rankWeight*0.05, fused: 0.05, matched: []float64{1, 0}},
		{passage: kremlin, score: 0.5 + rankWeight*0.05, fused: 0.05, matched: []float64{0.5, 0}},
		{passage: assessed, score: 0.9 + rankWeight*0.01, fused: 0.01, matched: []float64{0, 1}},
	}
	if got := composeAnswer(idx, best, units, false); !strings.Contains(got, "assessed") {
		t.Errorf("behind a weaker candidate: %q does not join the one that says nearly as much", got)
	}
}
