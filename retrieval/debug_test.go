package retrieval

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDebugQuestion(t *testing.T) {
	q := os.Getenv("DEBUGQ")
	if q == "" {
		t.Skip()
	}
	e := defaultEngine(t)
	if os.Getenv("DEBUGUNSEEN") != "" {
		e = unseenEngine(t)
	}
	idx := e.idx.Load()
	kind := classifyQuestion(q)
	units := e.parseQuestion(idx, q, kind)
	for _, u := range units {
		fmt.Printf("unit %q alts=%v w=%.2f missing=%v name=%v entity=%v counted=%v\n", u.surface, u.alts, u.weight, u.missing, u.name, u.entity, u.counted)
		fmt.Printf("     related=%v\n", u.related)
	}
	fmt.Printf("kind %d present %v\n", kind, asksAboutPresent(tokenize(q)))
	if a := e.Answer(context.Background(), q); true {
		fmt.Printf("ANSWER found=%v %q\n", a.Found, a.Text)
	}
	ranked := fuseRanks(e.vectorRank(context.Background(), idx, q, rankDepth), idx.lexical.rank(units, rankDepth))
	if len(ranked) > candidatePassages {
		ranked = ranked[:candidatePassages]
	}
	best := selectSentences(idx, units, ranked, kind, q)
	for i, c := range best {
		if i > 6 {
			break
		}
		p := idx.passages[c.passage]
		s := p.Sentences[c.sentence]
		fmt.Printf("%v %v %.3f pc=%.2f sc=%.2f fused=%.4f %s %.120q\n", c.entitiesOK, c.holdsKind, c.score, c.passageCoverage, c.sentenceCoverage, c.fused, p.ID, p.Text[s.Start:s.End])
	}
}

func TestDebugCoverage(t *testing.T) {
	if os.Getenv("DEBUGCOV") == "" {
		t.Skip()
	}
	e := defaultEngine(t)
	idx := e.idx.Load()
	for _, f := range []string{"dev.jsonl", "extra.jsonl", "heldout.jsonl"} {
		for _, q := range readEval(t, f) {
			kind := classifyQuestion(q.Q)
			units := e.parseQuestion(idx, q.Q, kind)
			ranked := fuseRanks(e.vectorRank(context.Background(), idx, q.Q, rankDepth), idx.lexical.rank(units, rankDepth))
			best := selectSentences(idx, units, ranked, kind, q.Q)
			miss := 0.0
			for _, u := range units {
				if u.missing {
					miss += u.weight
				}
			}
			tot := totalWeight(units)
			pc, sc, ok := 0.0, 0.0, false
			if len(best) > 0 {
				pc, sc, ok = best[0].passageCoverage, best[0].sentenceCoverage, best[0].entitiesOK
			}
			a := e.Answer(context.Background(), q.Q)
			r := Evaluate(context.Background(), e, []EvalQuestion{q}).Results[0]
			_ = a
			fmt.Printf("%-5s %-6s %-5v pc=%.2f sc=%.2f miss=%.2f ent=%v units=%d %q\n", q.ID, q.Kind, r.Correct(), pc, sc, miss/tot, ok, len(units), q.Q)
		}
	}
}

// TestDebugGates prints, for each answerable question of a set that is
// refused or missed, the best candidate whose passage holds the expected
// keywords, with the gates it fails.
func TestDebugGates(t *testing.T) {
	f := os.Getenv("DEBUGGATES")
	if f == "" {
		t.Skip()
	}
	e := unseenEngine(t)
	idx := e.idx.Load()
	file, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := ReadEvalQuestions(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.Kind != "answer" {
			continue
		}
		r := Evaluate(context.Background(), e, []EvalQuestion{q}).Results[0]
		if r.HitAt1 {
			continue
		}
		kind := classifyQuestion(q.Q)
		units := e.parseQuestion(idx, q.Q, kind)
		kind, units = e.settleKind(idx, q.Q, kind, units)
		ranked := fuseRanks(e.vectorRank(context.Background(), idx, q.Q, rankDepth), idx.lexical.rank(units, rankDepth))
		if len(ranked) > candidatePassages {
			ranked = ranked[:candidatePassages]
		}
		best := selectSentences(idx, units, ranked, kind, q.Q)
		rank := -1
		for i, c := range best {
			p := idx.passages[c.passage]
			if containsGroups(strings.ToLower(p.Text), q.Groups) {
				rank = i
				break
			}
		}
		status := "MISS"
		if !r.Answer.Found {
			status = "REFUSED"
		}
		if rank < 0 {
			fmt.Printf("%s %s kind=%d %q: no candidate passage holds the keywords\n", status, q.ID, kind, q.Q)
			continue
		}
		c := best[rank]
		p := idx.passages[c.passage]
		s := p.Sentences[c.sentence]
		fmt.Printf("%s %s kind=%d %q: rank %d ent=%v kind=%v pc=%.2f sc=%.2f score=%.2f (top %.2f) %.100q\n", status, q.ID, kind, q.Q, rank, c.entitiesOK, c.holdsKind, c.passageCoverage, c.sentenceCoverage, c.score, best[0].score, p.Text[s.Start:s.End])
	}
}
