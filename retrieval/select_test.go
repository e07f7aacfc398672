package retrieval

import (
	"slices"
	"testing"

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
