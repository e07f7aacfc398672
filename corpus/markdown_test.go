package corpus

import (
	"regexp"
	"strings"
	"testing"
)

func TestMarkdownTextIsWhatAReaderSees(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"link", "The [CSTO](https://example.org/csto \"title\") met.", "The CSTO met."},
		{"reference link", "The [summit][s] ended.\n\n[s]: https://example.org/s", "The summit ended."},
		{"emphasis", "It was *very* **important** and ___bold___.", "It was very important and bold."},
		{"code span", "The code `CSTO-2023` was used.", "The code CSTO-2023 was used."},
		{"image", "Leaders met ![a photo of the leaders](img.jpg) in Minsk.", "Leaders met  in Minsk."},
		{"image alone", "![a photo](img.jpg)\n\nThe text.", "The text."},
		{"autolink", "See <https://example.org/x> for more.", "See https://example.org/x for more."},
		{"raw HTML", "A <span class=\"x\">quiet</span> day.", "A quiet day."},
		{"escapes", "Not \\*emphasis\\* and 5 \\> 3.", "Not *emphasis* and 5 > 3."},
		{"heading and list", "# Summit\n\n- Armenia left.\n- Belarus stayed.", "Summit\n\nArmenia left.\n\nBelarus stayed."},
		{"wrapped paragraph", "The alliance\nsent troops.", "The alliance sent troops."},
		{"quote", "> He said it was over.", "He said it was over."},
		{"rule and HTML block", "One.\n\n---\n\n<div>\nmenu\n</div>\n\nTwo.", "One.\n\nTwo."},
	}
	for _, tt := range tests {
		if got := markdownText(tt.md); got != tt.want {
			t.Errorf("%s: markdownText(%q) = %q, want %q", tt.name, tt.md, got, tt.want)
		}
	}
}

// markdownSyntax matches what Markdown syntax would leave in a quote.
var markdownSyntax = regexp.MustCompile(`\]\(|!\[|\*\*|__|` + "`" + `|^#|\]\[|<https?:`)

func TestMarkdownArticlesQuoteNoSyntax(t *testing.T) {
	md := "# CSTO summit in **Minsk**\n\n" +
		"The [Collective Security Treaty Organization](https://example.org/csto) (CSTO) held its *annual* summit in Minsk on 23 November 2022.\n\n" +
		"![Leaders at the summit](photo.jpg)\n\n" +
		"Leaders discussed the `rapid reaction` force &amp; the situation in Armenia. The CSTO has six members.\n\n" +
		"- Armenia asked for help in September 2022.\n" +
		"- Kazakhstan asked for help in January 2022.\n"
	a, err := ParseArticle("summit.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "CSTO summit in Minsk" {
		t.Errorf("title = %q, want the heading's text", a.Title)
	}
	if a.Raw != md {
		t.Errorf("Raw is not the file as it was")
	}
	for _, want := range []string{"The Collective Security Treaty Organization (CSTO) held its annual summit", "rapid reaction force & the situation", "Armenia asked for help"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("cleaned text lacks %q:\n%s", want, a.Text)
		}
	}
	passages := SplitPassages(a)
	if len(passages) == 0 {
		t.Fatal("no passages")
	}
	for _, p := range passages {
		if p.Text != a.Text[p.Start:p.End] {
			t.Errorf("passage %s does not point into the cleaned text", p.ID)
		}
		for _, s := range p.Sentences {
			if sm := markdownSyntax.FindString(p.Text[s.Start:s.End]); sm != "" {
				t.Errorf("passage %s quotes Markdown syntax %q: %q", p.ID, sm, p.Text)
			}
		}
		if strings.Contains(p.Text, "https://") || strings.Contains(p.Text, "photo.jpg") || strings.Contains(p.Text, "Leaders at the summit") {
			t.Errorf("passage %s quotes a link target or an image: %q", p.ID, p.Text)
		}
	}

	// The same text as .txt keeps its characters: only .md is Markdown.
	txt, err := ParseArticle("summit.txt", []byte("The code `x` *stays* as written in a text file.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(txt.Text, "`x` *stays*") {
		t.Errorf("a .txt article lost characters: %q", txt.Text)
	}
}

func TestNormalizeLineDecodesEveryCharacterReference(t *testing.T) {
	tests := []struct{ in, want string }{
		{"caf&eacute; &copy; 2022", "café © 2022"},
		{"a &#8212; b &#x2014; c", "a — b — c"},
		{"&laquo;quoted&raquo;", `"quoted"`},
		{"split & laquo;reference& raquo; here", `split "reference" here`},
		{"R & D; and more", "R & D; and more"},
		{"&amp;lt; is decoded once", "&lt; is decoded once"},
		{"non&nbsp;breaking", "non breaking"},
		{"&unknownentity; stays", "&unknownentity; stays"},
	}
	for _, tt := range tests {
		if got := normalizeLine(tt.in); got != tt.want {
			t.Errorf("normalizeLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
