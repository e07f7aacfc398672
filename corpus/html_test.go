package corpus

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// htmlDir holds the web page fixtures; each page's extraction is pinned in
// <page>.golden.json beside it (rewrite with -update).
var htmlDir = filepath.Join("..", "testdata", "html")

func TestExtractHTMLPages(t *testing.T) {
	tests := []struct {
		file, contentType string
		want              Page // Text is checked against the golden file
		mustHave          []string
		mustNotHave       []string
	}{
		{
			file: "csto_exercise.html",
			want: Page{
				Title: "CSTO rapid reaction force ends drills in Tajikistan", Outlet: "Steppe Herald",
				Published: "2023-10-14", URL: "https://steppe-herald.example/world/2023/10/14/csto-drills-tajikistan", Language: "en",
			},
			mustHave:    []string{"Khatlon region", "Armenia sent only observers"},
			mustNotHave: []string{"cookies", "Advertisement", "Subscribe", "First!", "All rights reserved", "Read more", "Share on"},
		},
		{
			// Declared only in a <meta http-equiv> tag, as such pages do.
			file: "odkb_minsk_cp1251.html",
			want: Page{
				Title: "Совет коллективной безопасности ОДКБ собрался в Минске", Outlet: "Вестник Евразии",
				Published: "2022-11-23", URL: "https://vestnik-evrazii.example/politika/odkb-minsk-2022", Language: "ru",
			},
			mustHave:    []string{"Премьер-министр Армении отказался подписать", "генерального секретаря"},
			mustNotHave: []string{"cookie", "Реклама", "Подписка", "Комментарии", "Все права защищены"},
		},
		{
			// The same bytes with the charset only in the HTTP header.
			file: "odkb_minsk_cp1251.html", contentType: "text/html; charset=windows-1251",
			want: Page{
				Title: "Совет коллективной безопасности ОДКБ собрался в Минске", Outlet: "Вестник Евразии",
				Published: "2022-11-23", URL: "https://vestnik-evrazii.example/politika/odkb-minsk-2022", Language: "ru",
			},
			mustHave: []string{"Лидеры государств — членов Организации"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file+tt.contentType, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(htmlDir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ExtractHTML(data, tt.contentType, "")
			if err != nil {
				t.Fatalf("ExtractHTML: %v", err)
			}
			text := got.Text
			got.Text = ""
			if got != tt.want {
				t.Errorf("metadata:\n got %+v\nwant %+v", got, tt.want)
			}
			for _, s := range tt.mustHave {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tt.mustNotHave {
				if strings.Contains(strings.ToLower(text), strings.ToLower(s)) {
					t.Errorf("text keeps page furniture %q:\n%s", s, text)
				}
			}
			if n := strings.Count(text, "\n\n") + 1; n < 4 {
				t.Errorf("text has %d paragraphs, want one per <p>:\n%s", n, text)
			}
			if tt.contentType == "" {
				checkGolden(t, filepath.Join(htmlDir, strings.TrimSuffix(tt.file, ".html")+".golden.json"), Page{
					Title: got.Title, Outlet: got.Outlet, Published: got.Published, URL: got.URL, Language: got.Language, Text: text,
				})
			}
		})
	}
}

func checkGolden(t *testing.T, path string, got Page) {
	t.Helper()
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./corpus -update to create it)", err)
	}
	if string(want) != string(data) {
		t.Errorf("extraction differs from %s (run with -update and review the diff):\n%s", path, data)
	}
}

func TestExtractHTMLNoArticle(t *testing.T) {
	tests := []struct{ name, page string }{
		{"sign-in form", "no_article.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(htmlDir, tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if p, err := ExtractHTML(data, "", ""); !errors.Is(err, ErrNoArticle) {
				t.Fatalf("ExtractHTML = %+v, %v; want ErrNoArticle", p, err)
			}
		})
	}
	for _, page := range []string{"", "<html><body><p>Hello.</p></body></html>", "\x00\x01binary"} {
		if _, err := ExtractHTML([]byte(page), "", ""); !errors.Is(err, ErrNoArticle) {
			t.Errorf("ExtractHTML(%q) error = %v; want ErrNoArticle", page, err)
		}
	}
}

// TestLoadHTMLFiles loads web pages dropped into a folder beside a text
// article: they become articles with passages and header fields, and a page
// without an article is an error naming its file.
func TestLoadHTMLFiles(t *testing.T) {
	fsys := fstest.MapFS{"plain.txt": {Data: []byte("---\ntitle: Plain\n---\nThe CSTO has six member states. It was founded in 2002.\n")}}
	for _, f := range []string{"csto_exercise.html", "odkb_minsk_cp1251.html", "no_article.html"} {
		data, err := os.ReadFile(filepath.Join(htmlDir, f))
		if err != nil {
			t.Fatal(err)
		}
		name := f
		if f == "odkb_minsk_cp1251.html" {
			name = "minsk.HTM" // either extension, any case
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Errors) != 1 || c.Errors[0].File != "no_article.html" || !errors.Is(c.Errors[0], ErrNoArticle) {
		t.Fatalf("errors = %v; want one ErrNoArticle for no_article.html", c.Errors)
	}
	byID := map[string]Article{}
	for _, a := range c.Articles {
		byID[a.ID] = a
	}
	ex, ru := byID["csto_exercise"], byID["minsk"]
	if ex.Outlet != "Steppe Herald" || ex.Published != "2023-10-14" || ex.Language != "en" || ru.Language != "ru" || ru.Published != "2022-11-23" {
		t.Fatalf("articles = %+v / %+v", ex, ru)
	}
	passages := map[string]int{}
	for _, p := range c.Passages {
		passages[p.ArticleID]++
		if p.ArticleID == "minsk" && !strings.Contains(ru.Text, p.Text) {
			t.Errorf("passage %s is not in the article text", p.ID)
		}
	}
	if passages["csto_exercise"] < 3 || passages["minsk"] < 2 || passages["plain"] != 1 {
		t.Errorf("passages per article = %v", passages)
	}
}

// BenchmarkExtractHTML measures reading one news page: decoding, main
// content extraction and metadata.
func BenchmarkExtractHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(htmlDir, "csto_exercise.html"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ExtractHTML(data, "", ""); err != nil {
			b.Fatal(err)
		}
	}
}
