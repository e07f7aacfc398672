package retrieval

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestDebugQuestion(t *testing.T) {
	q := os.Getenv("DEBUGQ")
	if q == "" {
		t.Skip()
	}
	e := defaultEngine(t)
	idx := e.idx.Load()
	kind := classifyQuestion(q)
	units := e.parseQuestion(idx, q, kind)
	for _, u := range units {
		fmt.Printf("unit %q alts=%v w=%.2f missing=%v name=%v entity=%v\n", u.surface, u.alts, u.weight, u.missing, u.name, u.entity)
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
		fmt.Printf("%v %.3f pc=%.2f sc=%.2f fused=%.4f %s %.120q\n", c.entitiesOK, c.score, c.passageCoverage, c.sentenceCoverage, c.fused, p.ID, p.Text[s.Start:s.End])
	}
}
