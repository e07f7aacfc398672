package lexicon

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/lookups.golden")

// goldenWords are common words of questions about alliances, treaties and
// conflicts, looked up in both languages; the golden file shows what the
// engine gets for them, noise included, so a change to the data or the
// generator shows in review.
var goldenWords = []struct{ word, lang string }{
	{"security", English}, {"member", English}, {"treaty", English}, {"summit", English},
	{"military", English}, {"exercise", English}, {"president", English}, {"minister", English},
	{"agreement", English}, {"peace", English}, {"war", English}, {"attack", English},
	{"leader", English}, {"state", English}, {"head", English}, {"founded", English},
	{"chief", English}, {"truce", English}, {"ceasefire", English}, {"armenian", English},
	{"безопасность", Russian}, {"договор", Russian}, {"учения", Russian}, {"саммит", Russian},
	{"президент", Russian}, {"министр", Russian}, {"соглашение", Russian}, {"мир", Russian},
	{"война", Russian}, {"нападение", Russian}, {"глава", Russian}, {"государство", Russian},
	{"граница", Russian}, {"перемирие", Russian}, {"генеральный секретарь", Russian}, {"выборы", Russian},
}

// TestLookupsGolden compares the first results for goldenWords with
// testdata/lookups.golden; go test ./lexicon -run Golden -update rewrites it.
func TestLookupsGolden(t *testing.T) {
	l := Default()
	var b strings.Builder
	for _, g := range goldenWords {
		fmt.Fprintf(&b, "%s (%s)\n", g.word, g.lang)
		if g.lang == English {
			var rel []string
			for i, r := range l.Related(g.word) {
				if i == 10 {
					break
				}
				rel = append(rel, fmt.Sprintf("%s %s %.2f", r.Term, r.Kind, r.Weight))
			}
			fmt.Fprintf(&b, "  related: %s\n", strings.Join(rel, "; "))
		}
		var tr []string
		for i, x := range l.Translations(g.word, g.lang) {
			if i == 10 {
				break
			}
			tr = append(tr, fmt.Sprintf("%s %.2f", x.Text, x.Weight))
		}
		fmt.Fprintf(&b, "  translations: %s\n", strings.Join(tr, "; "))
	}
	path := filepath.Join("testdata", "lookups.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("lookups differ from %s (run with -update after checking):\n%s", path, diffLines(string(want), got))
	}
}

// diffLines lists the lines that differ, for a readable failure.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, "- "+a, "+ "+b)
		}
	}
	return strings.Join(out, "\n")
}
