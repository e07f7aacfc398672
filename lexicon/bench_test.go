package lexicon

import (
	"runtime"
	"strings"
	"testing"
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
