package ingest

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/corpus"
)

var safeNameShape = regexp.MustCompile(`^[\p{L}\p{N}_-]+\.(txt|md)$`)

// FuzzSafeArticleName: every upload name becomes a plain file name in the
// folder itself, an article file, stable when made safe again.
func FuzzSafeArticleName(f *testing.F) {
	for _, seed := range []string{"article.txt", "../../etc/passwd.txt", `C:\Users\me\notes.TXT`, ".hidden.md",
		"ОДКБ саммит 2022.txt", "....txt", "a/b/../c.md", "\x00.txt", "😀.md", strings.Repeat("я", 300) + ".md", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := SafeArticleName(name)
		switch {
		case !utf8.ValidString(got):
			t.Errorf("SafeArticleName(%q) = %q is not valid UTF-8", name, got)
		case !safeNameShape.MatchString(got) || strings.HasPrefix(got, "-"):
			t.Errorf("SafeArticleName(%q) = %q is not a plain article name", name, got)
		case !corpus.IsArticleFile(got):
			t.Errorf("SafeArticleName(%q) = %q is not an article file", name, got)
		case utf8.RuneCountInString(strings.TrimSuffix(strings.TrimSuffix(got, ".txt"), ".md")) > maxStemRunes:
			t.Errorf("SafeArticleName(%q) = %q is too long", name, got)
		case SafeArticleName(got) != got:
			t.Errorf("SafeArticleName(%q) = %q changes again to %q", name, got, SafeArticleName(got))
		}
	})
}
