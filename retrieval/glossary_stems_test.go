package retrieval

import (
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite glossary_stems.txt from glossary.txt and countries.txt")

// TestGlossaryStems checks that the committed stem table is the one
// glossary.txt and countries.txt give: a glossary edited without running
// "go generate ./retrieval" fails here.
func TestGlossaryStems(t *testing.T) {
	want := glossaryStemTable(defaultGlossary, countryNames)
	if *update {
		if err := os.WriteFile("glossary_stems.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if glossaryStems != want {
		t.Fatalf("glossary_stems.txt does not match glossary.txt and countries.txt; run \"go generate ./retrieval\" (or go test ./retrieval -run TestGlossaryStems -update)")
	}
	if n := strings.Count(glossaryStems, "\n"); n < 1000 {
		t.Errorf("glossary_stems.txt has %d words, want every word of the glossary", n)
	}
}

// TestGlossaryStemTableParse checks that the table gives back the stems it
// was made of and that the glossary parsed with it is the one parsed by
// stemming every word.
func TestGlossaryStemTableParse(t *testing.T) {
	known := parseStemTable(glossaryStemTable(defaultGlossary, countryNames))
	for _, w := range []string{"организация", "collective", "армения"} {
		if got, want := known[w], stemWord(w, w[0] >= 0x80); got != want {
			t.Errorf("stem of %q: table has %q, stemmer gives %q", w, got, want)
		}
	}
	fast, err := parseGlossaryWithNames(defaultGlossary, countryNames, known)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := parseGlossaryWithNames(defaultGlossary, countryNames, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Error("the glossary parsed with the stem table differs from the one parsed by stemming")
	}
}
