package haystack

import (
	"os"
	"testing"

	"github.com/alliancebot/alliancebot/corpus"
)

// TestWriteIsDeterministicAndSized checks that a seed always gives the same
// files, that the corpus has about the passages asked for, and that the
// built-in articles are among them.
func TestWriteIsDeterministicAndSized(t *testing.T) {
	for _, tt := range []struct {
		passages int
		builtin  bool
	}{{300, false}, {1000, true}} {
		a, b := t.TempDir(), t.TempDir()
		for _, dir := range []string{a, b} {
			if _, err := Write(dir, Options{Passages: tt.passages, Seed: 7, Builtin: tt.builtin}); err != nil {
				t.Fatal(err)
			}
		}
		files, err := os.ReadDir(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			x, _ := os.ReadFile(a + "/" + f.Name())
			y, err := os.ReadFile(b + "/" + f.Name())
			if err != nil || string(x) != string(y) {
				t.Fatalf("%s differs between two writes with one seed", f.Name())
			}
		}
		c, err := corpus.Load(os.DirFS(a))
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Errors) > 0 {
			t.Errorf("%d files do not load: %v", len(c.Errors), c.Errors[0])
		}
		if n := len(c.Passages); n < tt.passages*9/10 || n > tt.passages*11/10 {
			t.Errorf("%d passages, asked for %d", n, tt.passages)
		}
		ru := 0
		for _, art := range c.Articles {
			if art.Language == "ru" {
				ru++
			}
		}
		if ru == 0 || ru*3 > len(c.Articles) {
			t.Errorf("%d of %d articles in Russian, want some", ru, len(c.Articles))
		}
		builtin, err := corpus.Load(corpus.Default())
		if err != nil {
			t.Fatal(err)
		}
		for _, art := range builtin.Articles {
			if _, err := os.Stat(a + "/" + art.File); (err == nil) != tt.builtin {
				t.Errorf("built-in %s present: %v, want %v", art.File, err == nil, tt.builtin)
			}
		}
	}
}
