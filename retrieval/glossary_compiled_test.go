package retrieval

import (
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite glossary_compiled.txt from glossary.txt and countries.txt")

// TestCompiledGlossary checks that the committed compiled glossary is the
// one glossary.txt, countries.txt and the stopwords give: a glossary edited
// without running "go generate ./retrieval" fails here.
func TestCompiledGlossary(t *testing.T) {
	parsed, err := parseGlossaryWithNames(defaultGlossary, countryNames)
	if err != nil {
		t.Fatal(err)
	}
	want := compileGlossary(parsed, defaultGlossaryKey())
	if *update {
		if err := os.WriteFile("glossary_compiled.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if compiledGlossary != want {
		t.Fatal(`glossary_compiled.txt is not what glossary.txt, countries.txt and the stopwords give; run "go generate ./retrieval" (or go test ./retrieval -run TestCompiledGlossary -update)`)
	}
	got, ok := readCompiledGlossary(compiledGlossary, defaultGlossaryKey())
	if !ok {
		t.Fatal("glossary_compiled.txt does not read back")
	}
	if !reflect.DeepEqual(got, parsed) {
		t.Error("the glossary read from glossary_compiled.txt differs from the one parsed from its sources")
	}
}

// TestCompiledGlossaryRefused: a compiled glossary made from other
// sources, or damaged, is refused, and the engine parses the sources.
func TestCompiledGlossaryRefused(t *testing.T) {
	g, err := parseGlossary("org.csto: CSTO, ОДКБ, collective security treaty organization\nterm.treaty > term.law: treaty, договор\n")
	if err != nil {
		t.Fatal(err)
	}
	text := compileGlossary(g, "key-a")
	if back, ok := readCompiledGlossary(text, "key-a"); !ok || !reflect.DeepEqual(back, g) {
		t.Fatalf("round trip: ok=%v, glossary equal=%v", ok, reflect.DeepEqual(back, g))
	}
	tests := []struct{ name, text, key string }{
		{"other key", text, "key-b"},
		{"damaged line", text + "x\n", "key-a"},
		{"unknown record", text + "z a b\n", "key-a"},
		{"empty", "", "key-a"},
	}
	for _, tt := range tests {
		if _, ok := readCompiledGlossary(tt.text, tt.key); ok {
			t.Errorf("%s: read as a glossary", tt.name)
		}
	}
}

// BenchmarkReadDefaultGlossary measures what a start spends on the built-in
// glossary: checking the compiled file's key and reading it back.
func BenchmarkReadDefaultGlossary(b *testing.B) {
	for b.Loop() {
		if _, ok := readCompiledGlossary(compiledGlossary, defaultGlossaryKey()); !ok {
			b.Fatal("the compiled glossary is stale")
		}
	}
}
