package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"math"
	"slices"
	"strings"
)

// LocalEmbedder is the default embedder: deterministic, offline, no model
// weights. A text becomes hashed features: stems ("w:"), glossary concepts
// ("c:", so English and Russian meet), pairs of neighbouring stems ("b:") and
// character 4-grams of each word ("g:", so typos and inflections still
// overlap), each weighted 1+ln(tf) by kind, folded into Dims signed buckets
// and L2-normalised.
type LocalEmbedder struct {
	glossary *glossary
	id       string
}

// localDims is the vector size: large enough that the few thousand features
// of a corpus rarely collide.
const localDims = 2048

// localEmbedderID changes whenever the features or their weights change, so
// stored vectors of an older version are rebuilt rather than mixed. The
// glossary is part of the features too; ID adds a hash of it, so an edited
// glossary needs no bump here.
const localEmbedderID = "local/hashed-v1"

// Feature weights by kind.
const (
	weightWord    = 1.0
	weightConcept = 1.5
	weightBigram  = 0.5
	weightGram    = 0.15
)

// NewLocalEmbedder returns the offline embedder over the built-in glossary.
func NewLocalEmbedder() *LocalEmbedder {
	sum := sha256.Sum256([]byte(defaultGlossary))
	return &LocalEmbedder{glossary: mustDefaultGlossary(), id: localEmbedderID + "+glossary-" + hex.EncodeToString(sum[:4])}
}

// ID implements Embedder: "local/hashed-v1+glossary-<hash>".
func (e *LocalEmbedder) ID() string { return e.id }

// EmbedPassage implements Embedder.
func (e *LocalEmbedder) EmbedPassage(_ context.Context, text string) ([]float32, error) {
	return e.vector(analyzeText(text, e.glossary), nil), nil
}

// EmbedQuery implements Embedder.
func (e *LocalEmbedder) EmbedQuery(_ context.Context, text string) ([]float32, error) {
	return e.vector(analyzeText(text, e.glossary), nil), nil
}

func (e *LocalEmbedder) embedWeightedQuery(text string, weight func(string) float64) []float32 {
	return e.vector(analyzeText(text, e.glossary), weight)
}

// vector folds the features of a into a normalised vector. Each feature is
// worth its kind's weight times 1+ln(count), so a word said five times is
// not five times as relevant; weight, when not nil, also multiplies the word
// and concept features (IDF for questions).
func (e *LocalEmbedder) vector(a analyzed, weight func(string) float64) []float32 {
	type feature struct {
		weight float64
		count  int
	}
	features := map[string]*feature{}
	add := func(key string, w float64) {
		f, ok := features[key]
		if !ok {
			f = &feature{weight: w}
			features[key] = f
		}
		f.count++
	}
	prev := ""
	for i, t := range a.tokens {
		if t.stop {
			prev = ""
			continue
		}
		for _, k := range a.keys[i] {
			if i > 0 && strings.HasPrefix(k, "c:") && slices.Contains(a.keys[i-1], k) {
				continue // one phrase, one concept
			}
			w := weightWord
			if strings.HasPrefix(k, "c:") {
				w = weightConcept
			}
			if weight != nil {
				w *= weight(k)
			}
			add(k, w)
		}
		if prev != "" {
			add("b:"+prev+"_"+t.stem, weightBigram)
		}
		prev = t.stem
		grams := charGrams(t.lower)
		for _, gram := range grams {
			add("g:"+gram, weightGram/math.Sqrt(float64(len(grams))))
		}
	}
	v := make([]float32, localDims)
	for key, f := range features {
		h := fnv.New64a()
		h.Write([]byte(key))
		sum := h.Sum64()
		value := float32(f.weight * (1 + math.Log(float64(f.count))))
		if sum>>63 == 1 {
			value = -value
		}
		v[sum%localDims] += value
	}
	normalize(v)
	return v
}

// charGrams returns the character 4-grams of a word padded with ^ and $.
func charGrams(word string) []string {
	r := []rune("^" + word + "$")
	if len(r) <= 4 {
		return []string{string(r)}
	}
	out := make([]string, 0, len(r)-3)
	for i := 0; i+4 <= len(r); i++ {
		out = append(out, string(r[i:i+4]))
	}
	return out
}

func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
}
