package retrieval

import (
	"context"
	"math"
	"slices"
	"testing"
)

// TestAdmitCandidates checks how admitted lists join the fused candidates:
// new passages at the weighted reciprocal rank of their lists, boosting
// lists adding to the passages the fusion holds, others leaving them be.
func TestAdmitCandidates(t *testing.T) {
	rr := func(rank int) float64 { return 1 / float64(rrfK+rank+1) }
	ranked := []fused{{doc: 1, score: rr(0) + rr(0)}, {doc: 2, score: rr(1)}, {doc: 3, score: rr(5)}}
	tests := []struct {
		name  string
		lists []admitted
		want  []fused
	}{
		{"nothing to admit", nil, ranked},
		{"held passages keep their place", []admitted{{docs: []int{3, 2}, weight: 2}}, ranked},
		{"a new passage joins at its rank, after a held one of its score", []admitted{{docs: []int{3, 9}, weight: 1}},
			[]fused{ranked[0], ranked[1], {doc: 9, score: rr(1)}, ranked[2]}},
		{"weight lifts a new passage", []admitted{{docs: []int{9}, weight: 3}},
			[]fused{{doc: 9, score: 3 * rr(0)}, ranked[0], ranked[1], ranked[2]}},
		{"two lists add up", []admitted{{docs: []int{9}, weight: 1}, {docs: []int{7, 9}, weight: 1}},
			[]fused{ranked[0], {doc: 9, score: rr(0) + rr(1)}, {doc: 7, score: rr(0)}, ranked[1], ranked[2]}},
		{"a boosting list reorders held passages", []admitted{{docs: []int{3}, weight: 1, boosts: true}},
			[]fused{ranked[0], {doc: 3, score: rr(5) + rr(0)}, ranked[1]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(ranked)
			got := admitCandidates(ranked, tt.lists)
			if !slices.Equal(ranked, before) {
				t.Fatalf("admitCandidates changed its input: %v, was %v", ranked, before)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i].doc != tt.want[i].doc || math.Abs(got[i].score-tt.want[i].score) > 1e-12 {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// TestRankTyped checks that rankTyped ranks as rank does, and that its typed
// list holds only passages that name the type and match the question, best
// first by their score with the type counted as one more unit.
func TestRankTyped(t *testing.T) {
	e := defaultEngine(t)
	idx := e.idx.Load()
	b := idx.lexical
	for _, q := range []string{"Who is the president of Belarus?", "Кто принимал саммит ОДКБ в Ереване?",
		"Which country asked the CSTO for help?", "What did Rahmon say about military drills and training?"} {
		kind := classifyQuestion(q)
		units := e.parseQuestion(idx, q, kind)
		for _, key := range []string{"t:person", "t:country", "", "t:nothing"} {
			plain, typed := b.rankTyped(units, 20, key, 8)
			if want := b.rank(units, 20); !slices.Equal(plain, want) {
				t.Errorf("%q %q: rankTyped ranks %v, rank %v", q, key, plain, want)
			}
			if key == "" || key == "t:nothing" {
				if typed != nil {
					t.Errorf("%q %q: typed %v, want none", q, key, typed)
				}
				continue
			}
			typeUnit := queryUnit{alts: []string{key}}
			last := math.Inf(1)
			for _, d := range typed {
				s := b.score(units, d)
				withType := b.score(append(slices.Clone(units), typeUnit), d)
				if s <= 0 || withType <= s {
					t.Errorf("%q %q: typed passage %d scores %v, %v with the type", q, key, d, s, withType)
				}
				if withType > last+1e-9 {
					t.Errorf("%q %q: typed %v not best first", q, key, typed)
				}
				last = withType
			}
		}
	}
}

// TestCandidatesOnSmallIndex checks that on the built-in articles, where
// nothing is rare against the index and the fusion holds nearly every
// passage, the candidate stage admits no passage the fusion lacks.
func TestCandidatesOnSmallIndex(t *testing.T) {
	ctx := context.Background()
	e := defaultEngine(t)
	idx := e.idx.Load()
	for _, qs := range allQuestions(t) {
		for _, q := range qs {
			kind := classifyQuestion(q.Q)
			units := e.parseQuestion(idx, q.Q, kind)
			if got := rarePassages(idx, units); len(got) != 0 {
				t.Errorf("%q: rare passages %v in an index of %d", q.Q, got, len(idx.passages))
			}
			top := topFused(e.vectorRank(ctx, idx, q.Q, rankDepth), idx.lexical.rank(units, rankDepth))
			got := e.rankCandidates(ctx, idx, q.Q, kind, units)
			if len(got) != len(top) {
				t.Errorf("%q: %d candidates, the fusion has %d", q.Q, len(got), len(top))
			}
		}
	}
}

// TestCandidatesAdmitAtScale checks, among a few thousand passages of other
// news, that every passage holding a rare unit of a question is a
// candidate, with the passage after it when that opens with a pronoun, and
// that the fusion's candidates all stay.
func TestCandidatesAdmitAtScale(t *testing.T) {
	ctx := context.Background()
	e := New(Config{Logger: quietLogger()})
	if _, err := e.Load(ctx, loadFolder(t, writeHaystack(t, 3000))); err != nil {
		t.Fatal(err)
	}
	idx := e.idx.Load()
	admittedRare := 0
	for _, qs := range allQuestions(t) {
		for _, q := range qs {
			kind := classifyQuestion(q.Q)
			units := e.parseQuestion(idx, q.Q, kind)
			got := e.rankCandidates(ctx, idx, q.Q, kind, units)
			in := map[int]bool{}
			for i, c := range got {
				in[c.doc] = true
				if i > 0 && c.score > got[i-1].score {
					t.Fatalf("%q: candidates not best first: %v", q.Q, got)
				}
			}
			for _, c := range topFused(e.vectorRank(ctx, idx, q.Q, rankDepth), idx.lexical.rank(units, rankDepth)) {
				if !in[c.doc] {
					t.Errorf("%q: fused passage %d is no candidate", q.Q, c.doc)
				}
			}
			for _, u := range units {
				n := 0
				for _, k := range u.alts {
					n += len(idx.lexical.postings[k])
				}
				if u.missing || u.common || u.weight == 0 || n == 0 || n > min(maxRarePostings, len(idx.passages)/rareShare) {
					continue
				}
				for _, k := range u.alts {
					for _, p := range idx.lexical.postings[k] {
						d := int(p.doc)
						admittedRare++
						if !in[d] {
							t.Errorf("%q: passage %d holds rare %q and is no candidate", q.Q, d, u.surface)
						}
						next := d + 1
						if next < len(idx.passages) && idx.passages[next].ArticleID == idx.passages[d].ArticleID &&
							opensWithPronoun(idx.analyzed[next], 0, len(idx.passages[next].Text)) && !in[next] {
							t.Errorf("%q: passage %d follows rare %q with a pronoun and is no candidate", q.Q, next, u.surface)
						}
					}
				}
			}
		}
	}
	if admittedRare == 0 {
		t.Error("no question has a rare unit: the test tests nothing")
	}
}
