package retrieval

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
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

// localDims is the vector size. Features collide in it, but a passage's
// hundred or so features rarely meet the question's few dozen in the same
// dimension, and answers were the same at 256 to 2,048 dimensions on the
// question sets; 512 keeps 100,000 passages' vectors at 200 MB.
const localDims = 512

// localEmbedderID changes whenever the features or their weights change, so
// stored vectors of an older version are rebuilt rather than mixed. The
// glossary is part of the features too; ID adds a hash of it, so an edited
// glossary needs no bump here.
const localEmbedderID = "local/hashed-v2"

// Feature weights by kind.
const (
	weightWord    = 1.0
	weightConcept = 1.5
	weightBigram  = 0.5
	weightGram    = 0.15
)

// NewLocalEmbedder returns the offline embedder over the built-in glossary.
func NewLocalEmbedder() *LocalEmbedder {
	return &LocalEmbedder{glossary: mustDefaultGlossary(), id: localEmbedderID + "+glossary-" + glossaryHash()}
}

// ID implements Embedder: "local/hashed-v2+glossary-<hash>".
func (e *LocalEmbedder) ID() string { return e.id }

// EmbedPassage implements Embedder.
func (e *LocalEmbedder) EmbedPassage(_ context.Context, text string) ([]float32, error) {
	return e.vector(analyzeText(text, e.glossary), nil), nil
}

// EmbedQuery implements Embedder.
func (e *LocalEmbedder) EmbedQuery(_ context.Context, text string) ([]float32, error) {
	return e.vector(analyzeText(text, e.glossary), nil), nil
}

// embedWeightedQuery embeds a question weighted by weight, taking the stems
// of the words known has from it (see tokenizeWith).
func (e *LocalEmbedder) embedWeightedQuery(text string, known map[string]string, weight func(string) float64) []float32 {
	return e.vector(analyzeTokens(tokenizeWith(text, nil, known), e.glossary), weight)
}

// vector folds the features of a into a normalised vector. Each feature is
// worth its kind's weight times 1+ln(count), so a word said five times is
// not five times as relevant; weight, when not nil, also multiplies the word
// and concept features (IDF for questions). A feature is known by the FNV-1a
// hash of its key ("w:stem", "b:stem_stem", "g:gram"), computed without
// building the key.
func (e *LocalEmbedder) vector(a analyzed, weight func(string) float64) []float32 {
	return e.vectorWith(a, weight, nil)
}

// localFeature is a feature of a text: the hash of its key, its weight and
// where it came.
type localFeature struct {
	hash   uint64
	weight float64
	order  int
}

// vectorWith is vector reusing scratch, when not nil, for the features, so
// that embedding a corpus does not leave a list of features per passage
// for the garbage collector.
func (e *LocalEmbedder) vectorWith(a analyzed, weight func(string) float64, scratch *[]localFeature) []float32 {
	type feature = localFeature
	var features []feature
	if scratch != nil {
		features = (*scratch)[:0]
		defer func() { *scratch = features[:0] }()
	} else {
		features = make([]feature, 0, 8*len(a.tokens))
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
			features = append(features, feature{fnvAdd(fnvOffset, k), w, len(features)})
		}
		if prev != "" {
			h := fnvAdd(fnvAdd(fnvAdd(fnvAdd(fnvOffset, "b:"), prev), "_"), t.stem)
			features = append(features, feature{h, weightBigram, len(features)})
		}
		prev = t.stem
		n := charGramCount(t.lower)
		w := weightGram / math.Sqrt(float64(n))
		forCharGrams(t.lower, func(h uint64) { features = append(features, feature{h, w, len(features)}) })
	}
	// Equal features in a row: each counts once with the weight it was first
	// seen with, times 1+ln(count).
	slices.SortFunc(features, func(x, y feature) int {
		if c := cmp.Compare(x.hash, y.hash); c != 0 {
			return c
		}
		return cmp.Compare(x.order, y.order)
	})
	v := make([]float32, localDims)
	for i := 0; i < len(features); {
		j := i + 1
		for j < len(features) && features[j].hash == features[i].hash {
			j++
		}
		sum := features[i].hash
		value := float32(features[i].weight * (1 + math.Log(float64(j-i))))
		if sum>>63 == 1 {
			value = -value
		}
		v[sum%localDims] += value
		i = j
	}
	normalize(v)
	return v
}

// FNV-1a, 64 bits, as hash/fnv computes it.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// charGramCount is len(charGrams(word)).
func charGramCount(word string) int {
	return max(1, utf8.RuneCountInString(word)+2-3)
}

// forCharGrams calls f with the hash of "g:"+gram for each of
// charGrams(word), in order, without building the grams.
func forCharGrams(word string, f func(uint64)) {
	// Byte offsets of the runes of "^" + word + "$".
	var stack [64]int
	offsets := stack[:0]
	for i := range word {
		offsets = append(offsets, i)
	}
	n := len(offsets) + 2 // runes with the padding
	runeBytes := func(h uint64, r int) uint64 {
		switch r {
		case 0:
			return fnvAdd(h, "^")
		case n - 1:
			return fnvAdd(h, "$")
		}
		end := len(word)
		if r < n-2 {
			end = offsets[r]
		}
		return fnvAdd(h, word[offsets[r-1]:end])
	}
	size := min(4, n)
	for start := 0; start+size <= n; start++ {
		h := fnvAdd(fnvOffset, "g:")
		for r := start; r < start+size; r++ {
			h = runeBytes(h, r)
		}
		f(h)
	}
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
