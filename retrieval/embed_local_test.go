package retrieval

import "testing"

// TestCharGramHashes checks that the hashes vector takes for a word's
// character grams are those of the grams themselves.
func TestCharGramHashes(t *testing.T) {
	for _, word := range []string{"a", "ab", "abc", "abcd", "одкб", "security", "ß", "naïve", "организации"} {
		var got []uint64
		forCharGrams(word, func(h uint64) { got = append(got, h) })
		want := charGrams(word)
		if len(got) != len(want) || charGramCount(word) != len(want) {
			t.Fatalf("%q: %d hashes, count %d, want %d grams", word, len(got), charGramCount(word), len(want))
		}
		for i, g := range want {
			if h := fnvAdd(fnvOffset, "g:"+g); got[i] != h {
				t.Errorf("%q gram %d %q: hash %x, want %x", word, i, g, got[i], h)
			}
		}
	}
}
