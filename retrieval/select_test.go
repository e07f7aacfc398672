package retrieval

import (
	"slices"
	"testing"
)

// TestUnitMatcherRelease checks that released results are reused zeroed and
// that results still held are not: a match released out of turn, or after
// another match, keeps its scores.
func TestUnitMatcherRelease(t *testing.T) {
	g := mustDefaultGlossary()
	units := []queryUnit{{alts: []string{"w:" + stemWord("summit", false)}}, {alts: []string{"w:" + stemWord("moscow", false)}}}
	a := analyzeText("The summit was held in Moscow.", g)
	b := analyzeText("Nothing here.", g)
	mt := newUnitMatcher(units)
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
