package retrieval

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// vocabulary is the index's words (lower case, not stopwords), for typo
// correction: each word's stem, and the words grouped by first letter and
// length, since a typo rarely touches the first letter and changes the
// length by at most the distance allowed. A lookup reads a few small groups
// instead of the whole vocabulary.
type vocabulary struct {
	stems  map[string]string // word → stem
	groups map[vocabGroup][]string
}

type vocabGroup struct {
	first rune
	runes int
}

func newVocabulary(stems map[string]string) *vocabulary {
	v := &vocabulary{stems: stems, groups: map[vocabGroup][]string{}}
	for w := range stems {
		g := vocabGroup{firstRune(w), utf8.RuneCountInString(w)}
		v.groups[g] = append(v.groups[g], w)
	}
	for _, words := range v.groups {
		slices.Sort(words)
	}
	return v
}

// nearest returns the word within limit edits of word (n runes long) that
// starts with the same letter, the closest first and then the first in
// alphabetical order, or "" when there is none.
func (v *vocabulary) nearest(word string, n, limit int) string {
	best, bestDist := "", limit+1
	first := firstRune(word)
	for length := n - limit; length <= n+limit; length++ {
		for _, w := range v.groups[vocabGroup{first, length}] {
			if d := damerauLevenshtein(word, w, limit); d < bestDist || d == bestDist && w < best {
				best, bestDist = w, d
			}
		}
	}
	return best
}

// withPrefix returns the stems of the words that begin with prefix and are at
// most extra runes longer, shorter words first and alphabetically among
// words of a length, without repeats, at most n of them.
func (v *vocabulary) withPrefix(prefix string, extra, n int) []string {
	var out []string
	first, length := firstRune(prefix), utf8.RuneCountInString(prefix)
	for l := length; l <= length+extra; l++ {
		words := v.groups[vocabGroup{first, l}]
		i, _ := slices.BinarySearch(words, prefix)
		for ; i < len(words) && strings.HasPrefix(words[i], prefix); i++ {
			if st := v.stems[words[i]]; !slices.Contains(out, st) {
				out = append(out, st)
				if len(out) == n {
					return out
				}
			}
		}
	}
	return out
}

// tokenize is tokenize taking the stems of the words the index knows from
// its vocabulary instead of stemming them again: a question is tokenized
// several times.
func (idx *index) tokenize(text string) []token {
	return tokenizeWith(text, nil, idx.vocab.stemsOrNil())
}

// stemsOrNil returns the vocabulary's stems, or nil for no vocabulary.
func (v *vocabulary) stemsOrNil() map[string]string {
	if v == nil {
		return nil
	}
	return v.stems
}
