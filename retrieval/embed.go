package retrieval

import "context"

// Embedder turns passages and questions into vectors for the chromem-go
// collection. ID names the embedder and its model; an index built by one
// embedder is never queried with vectors of another.
type Embedder interface {
	ID() string
	EmbedPassage(ctx context.Context, text string) ([]float32, error)
	EmbedQuery(ctx context.Context, text string) ([]float32, error)
}

// weightedQueryEmbedder is implemented by embedders that can weight a
// question's features by the serving index's term statistics (the local
// embedder uses it for IDF weighting; passage vectors stay independent of the
// corpus so they survive reloads unchanged).
type weightedQueryEmbedder interface {
	embedWeightedQuery(text string, known map[string]string, weight func(key string) float64) []float32
}
