package corpus

import (
	"io/fs"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzz targets check invariants of the corpus package on any input.
// `go test` runs their seeds; `go test -fuzz FuzzX ./corpus` explores.

// fuzzSeeds are pages of every shape the package meets: the built-in
// articles, a few furniture-heavy fragments and edge cases.
func fuzzSeeds(f *testing.F) []string {
	seeds := []string{
		"",
		"\n\n\n",
		"Title only",
		"---\ntitle: T\npublished: 2022-11-23\n---\nThe CSTO met. It agreed.\n",
		"---\ntitle: T\n",
		"Home | World | Sport\nAllies meet in the capital on Thursday\n14.06.2024 10:32 (обновлено: 15.06.2024)\nThe defence ministers of the six member states met in the capital on Thursday to discuss the plan.\nComments (2)\nuser · 2 hours ago\nA claim of the reader's own.\n© 2024 Site. 18+",
		"Читайте также:\n— Заголовок другой новости\nМинистры обороны шести государств встретились в столице.\nКомментарии\nГость · 2 дня назад\nТекст.",
		"a\nb\nc\n" + strings.Repeat("word ", 300) + "\n" + strings.Repeat("x", 200),
		"& laquo;quoted& raquo; &amp;lt; “curly” ‘single’ … — –",
		"# Heading\n\n- item one\n- item two\n\n**bold** _em_ text.",
		"Mr. J. Doe met Gen. Smith. U.S. and U.N. agreed… «Да». Ст. 4. 2.5 times!",
	}
	entries, err := fs.ReadDir(Default(), ".")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(Default(), e.Name())
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, string(data))
	}
	return seeds
}

// FuzzParseArticle: ParseArticle never panics; what it accepts has valid
// UTF-8 text, a valid date, and passages whose spans point into the text.
func FuzzParseArticle(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		a, err := ParseArticle("page.txt", []byte(data))
		if err != nil {
			if _, ok := err.(*FileError); !ok {
				t.Fatalf("error %v is not a *FileError", err)
			}
			return
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Fatal("accepted an article with no text")
		}
		for name, s := range map[string]string{"title": a.Title, "text": a.Text, "published": a.Published} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8: %q", name, s)
			}
		}
		if a.Published != "" {
			if _, err := time.Parse("2006-01-02", a.Published); err != nil {
				t.Fatalf("published %q is not a date", a.Published)
			}
		}
		checkPassages(t, a)
	})
}

// checkPassages checks that the passages of a point into its text.
func checkPassages(t *testing.T, a Article) {
	t.Helper()
	prevEnd := 0
	for _, p := range SplitPassages(a) {
		if p.Start < prevEnd || p.End <= p.Start || p.End > len(a.Text) {
			t.Fatalf("%s: span [%d,%d) out of order or out of [%d,%d]", p.ID, p.Start, p.End, prevEnd, len(a.Text))
		}
		if a.Text[p.Start:p.End] != p.Text || !utf8.ValidString(p.Text) {
			t.Fatalf("%s: span does not hold the passage text", p.ID)
		}
		if len(p.Sentences) == 0 || len(p.Sentences) > maxPassageSentences {
			t.Fatalf("%s: %d sentences", p.ID, len(p.Sentences))
		}
		for _, s := range p.Sentences {
			if s.Start < 0 || s.End > len(p.Text) || s.Start >= s.End {
				t.Fatalf("%s: sentence span [%d,%d) outside the passage of %d bytes", p.ID, s.Start, s.End, len(p.Text))
			}
		}
		prevEnd = p.End
	}
}

// FuzzCleanScrapedText: cleaning never panics, keeps valid UTF-8, writes
// trimmed paragraphs separated by one blank line, and cleaning the cleaned
// text again never adds text.
func FuzzCleanScrapedText(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, "")
		f.Add(s, "Allies meet in the capital on Thursday")
	}
	f.Fuzz(func(t *testing.T, raw, title string) {
		if !utf8.ValidString(raw) || !utf8.ValidString(title) {
			return // ParseArticle refuses such files
		}
		once := CleanScrapedText(raw, title)
		if !utf8.ValidString(once) {
			t.Fatalf("output is not valid UTF-8: %q", once)
		}
		if once != strings.TrimSpace(once) || strings.Contains(once, "\n\n\n") {
			t.Fatalf("output has stray blank lines or edges: %q", once)
		}
		for _, p := range strings.Split(once, "\n\n") {
			if once != "" && (p == "" || p != strings.TrimSpace(p)) {
				t.Fatalf("paragraph %q is empty or untrimmed", p)
			}
		}
		twice := CleanScrapedText(once, title)
		if len(twice) > len(once) || strings.Count(twice, "\n\n") > strings.Count(once, "\n\n") {
			t.Fatalf("cleaning the cleaned text added text:\nonce  %q\ntwice %q", once, twice)
		}
	})
}

// FuzzPublishedFromText: the date found is empty or a real date between
// 1990 and a day after now.
func FuzzPublishedFromText(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{"14/06/2024 10:32", "June 14, 2024", "14 июня 2024 г.", "14 июн 2024", "2024-06-14", "31.02.2024", "Updated 1 May 2030", "99/99/9999"} {
		f.Add(s)
	}
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		got := publishedFromText(text, now)
		if got == "" {
			return
		}
		d, err := time.Parse("2006-01-02", got)
		if err != nil {
			t.Fatalf("%q is not a date", got)
		}
		if d.Year() < 1990 || d.After(now.AddDate(0, 0, 1)) {
			t.Fatalf("%s is outside 1990 … now+1 day", got)
		}
		if !strings.Contains(text, got[:4]) {
			t.Fatalf("%s: its year is not in the text", got)
		}
	})
}

// FuzzSplitSentences: sentence spans are ordered, do not overlap, are not
// empty, start and end on rune boundaries and hold no edge white space.
func FuzzSplitSentences(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // cleaned text is valid UTF-8
		}
		prev := 0
		for _, s := range SplitSentences(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("span [%d,%d) out of order or bounds (prev end %d, len %d)", s.Start, s.End, prev, len(text))
			}
			if !utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End]) {
				t.Fatalf("span [%d,%d) cuts a rune", s.Start, s.End)
			}
			if sent := text[s.Start:s.End]; sent != strings.TrimSpace(sent) {
				t.Fatalf("sentence %q has white space at its edges", sent)
			}
			prev = s.End
		}
	})
}
