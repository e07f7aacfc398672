package corpus

import (
	"strings"
	"testing"
)

// TestExtractHTMLArticleElements: <article> elements beside the main text
// are teaser cards and comments, but a page made of <article> updates (a
// live blog) is read whole.
func TestExtractHTMLArticleElements(t *testing.T) {
	update := func(i int) string {
		return `<article class="update"><time datetime="2024-05-0` + string(rune('1'+i)) + `">` + string(rune('1'+i)) + ` May</time><p>Update ` +
			string(rune('A'+i)) + `: the defence ministers of the member states met again in the capital and agreed on the next steps of the joint exercise.</p></article>`
	}
	var live strings.Builder
	for i := range 4 {
		live.WriteString(update(i))
	}
	main := `<div class="story"><p>` + strings.Repeat("The leaders of the member states met in the capital and agreed on a joint statement on border security. ", 3) +
		`</p><p>` + strings.Repeat("The secretary general said the allies would hold their next summit in the spring in another member state. ", 3) + `</p></div>`
	tests := []struct {
		name, page string
		want, not  []string
	}{
		{"live blog", "<h1>Live: the summit</h1>" + live.String(), []string{"Update A:", "Update D:"}, nil},
		{"comments after the story", main + `<div class="block">` + update(0) + update(1) + `</div>`, []string{"joint statement", "next summit"}, []string{"Update A:", "Update B:"}},
	}
	for _, tt := range tests {
		got, err := ExtractHTML([]byte("<html><body>"+tt.page+"</body></html>"), "", "")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, s := range tt.want {
			if !strings.Contains(got.Text, s) {
				t.Errorf("%s: text lacks %q:\n%s", tt.name, s, got.Text)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(got.Text, s) {
				t.Errorf("%s: text keeps %q:\n%s", tt.name, s, got.Text)
			}
		}
	}
}

// TestExtractHTMLLooseLabels: a date or byline element in a container's
// loose text is a line of its own; inside a paragraph it stays part of the
// sentence.
func TestExtractHTMLLooseLabels(t *testing.T) {
	prose := strings.Repeat(" The leaders of the member states met in the capital and agreed on a joint statement on border security.", 4)
	tests := []struct {
		name, page  string
		published   string // the date read from the label's own line
		has, hasNot string
	}{
		{
			name: "loose", page: `<div class="news-detail"><span class="news-date">28.11.2024 19:45</span>` + prose + `<br><br>` + prose + `</div>`,
			published: "2024-11-28", has: "The leaders", hasNot: "19:45",
		},
		{
			name: "in a sentence", page: `<p>On <span class="date">12 May 2024</span> the allies met.` + prose + `</p><p>` + prose + `</p>`,
			has: "On 12 May 2024 the allies met.",
		},
	}
	for _, tt := range tests {
		got, err := ExtractHTML([]byte("<html><body>"+tt.page+"</body></html>"), "", "")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !strings.Contains(got.Text, tt.has) || tt.hasNot != "" && strings.Contains(got.Text, tt.hasNot) {
			t.Errorf("%s: text should have %q and not %q:\n%s", tt.name, tt.has, tt.hasNot, got.Text)
		}
		if got.Published != tt.published {
			t.Errorf("%s: published %q; want %q", tt.name, got.Published, tt.published)
		}
	}
}
