package retrieval

import (
	"context"
	"math"
	"testing"
)

// TestVectorColumnsMatchChromem checks the column scoring against
// chromem-go's exhaustive query over the same vectors: the same
// similarities, rank by rank.
func TestVectorColumnsMatchChromem(t *testing.T) {
	ctx := context.Background()
	e := defaultEngine(t)
	idx := e.idx.Load()
	local := e.embedder.(*LocalEmbedder)
	for _, q := range []string{"Who are the members?", "Кто входит в ОДКБ?", "What did Zhaparov propose to discuss in Bishkek?", "secretery generl"} {
		v := local.embedWeightedQuery(q, func(k string) float64 { return idx.lexical.idf(k) })
		got := idx.columns.nearest(v, 10)
		want, err := idx.collection.QueryEmbedding(ctx, v, 10, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Fatalf("%q: no passage", q)
		}
		for i, d := range got {
			doc, err := idx.collection.GetByID(ctx, idx.passages[d].ID)
			if err != nil {
				t.Fatal(err)
			}
			sim := dot(v, doc.Embedding)
			if math.Abs(float64(sim-want[i].Similarity)) > 1e-5 {
				t.Errorf("%q rank %d: %s at %.6f, chromem-go has %s at %.6f", q, i, idx.passages[d].ID, sim, want[i].ID, want[i].Similarity)
			}
		}
	}
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
