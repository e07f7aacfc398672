package lexicon

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode"
)

// BenchmarkLoad measures what Default does on first use: finding the tables
// in the embedded data. The "heap-MB" metric is the live heap the loaded
// lexicon holds.
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var l *Lexicon
	for b.Loop() {
		var err error
		l, err = load(relatedTSV, translationsTSV)
		if err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(l)
}

// BenchmarkRelated measures one lookup of an inflected word.
func BenchmarkRelated(b *testing.B) {
	l := Default()
	for b.Loop() {
		l.Related("founded")
	}
}

// BenchmarkTranslations measures one Russian lookup.
func BenchmarkTranslations(b *testing.B) {
	l := Default()
	for b.Loop() {
		l.Translations("перемирия", Russian)
	}
}

// BenchmarkNameKey measures the key of one Cyrillic name.
func BenchmarkNameKey(b *testing.B) {
	for b.Loop() {
		NameKey("Тасмагамбетов")
	}
}

// BenchmarkTranslationsInflected measures Russian lookups that go through
// the dictionary-form guesses: a noun with a fleeting vowel, a past-tense
// verb and a word the dictionary does not know.
func BenchmarkTranslationsInflected(b *testing.B) {
	l := Default()
	for b.Loop() {
		l.Translations("послом", Russian)
		l.Translations("погибли", Russian)
		l.Translations("токаева", Russian)
	}
}

// BenchmarkTableLookup measures finding a key's lines in the largest table,
// over keys spread through it, so that few probes find the cache warm.
func BenchmarkTableLookup(b *testing.B) {
	t := Default().enRu
	var keys []string
	for i, line := range strings.Split(t.text, "\n") {
		if i%101 == 0 && line != "" {
			k, _, _ := strings.Cut(line, "\t")
			keys = append(keys, k)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if !t.has(keys[i%len(keys)]) {
			b.Fatalf("no line for %q", keys[i%len(keys)])
		}
		i += 7919 // a prime stride: consecutive lookups far apart
	}
}

// BenchmarkQuestionWords measures the lookups a question's words make, as
// the retrieval package makes them for a word it has not seen: the
// translations of every word of the evaluation questions, the relations of
// an English word and of its first synonyms, and the relations of a Russian
// word's first translations, reading eight translations at most. One op is
// all the words once.
func BenchmarkQuestionWords(b *testing.B) {
	words := questionWords(b)
	l := Default()
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			if r, _ := firstRune(w); unicode.Is(unicode.Cyrillic, r) {
				for i, t := range l.FirstTranslations(w, Russian, 8) {
					if i == 4 {
						break
					}
					l.Related(t.Text)
				}
				continue
			}
			synonyms := 0
			for _, r := range l.Related(w) {
				if r.Kind == Synonym && synonyms < 4 && !strings.Contains(r.Term, " ") {
					synonyms++
					l.Related(r.Term)
				}
			}
			l.FirstTranslations(w, English, 8)
		}
	}
	b.ReportMetric(float64(len(words)), "words")
}

// questionWords returns the distinct words of the evaluation questions of
// ../testdata that are not a set's blind questions.
func questionWords(b *testing.B) []string {
	seen := map[string]bool{}
	var words []string
	for _, name := range []string{"dev.jsonl", "extra.jsonl", "heldout.jsonl"} {
		f, err := os.Open(filepath.Join("..", "testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var q struct{ Q string }
			if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
				b.Fatalf("%s: %v", name, err)
			}
			for _, w := range Words(q.Q) {
				if !seen[w] {
					seen[w] = true
					words = append(words, w)
				}
			}
		}
		f.Close()
	}
	return words
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}
