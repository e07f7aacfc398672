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
