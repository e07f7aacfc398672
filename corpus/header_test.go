package corpus

import (
	"errors"
	"strings"
	"testing"
)

func TestSetTitle(t *testing.T) {
	const body = "The CSTO leaders met in Minsk.\n"
	for _, tc := range []struct {
		name, in, title, want string
		wantOutlet            string
	}{
		{name: "empty title leaves the file alone", in: "\uFEFF" + body, title: " \n ", want: "\uFEFF" + body},
		{name: "no header", in: body, title: "My  title\nline", want: "---\ntitle: My title line\n---\n" + body},
		{name: "header without title", in: "---\noutlet: RT\n---\n" + body, title: "T",
			want: "---\ntitle: T\noutlet: RT\n---\n" + body, wantOutlet: "RT"},
		{name: "header title replaced", in: "---\nTitle : Old\noutlet: RT\n# title: kept comment\n---\n" + body, title: "New",
			want: "---\ntitle: New\noutlet: RT\n# title: kept comment\n---\n" + body, wantOutlet: "RT"},
		{name: "CRLF and BOM", in: "\uFEFF---\r\ntitle: Old\r\n---\r\n" + body, title: "New", want: "---\ntitle: New\n---\n" + body},
		{name: "title with a colon and markup", in: body, title: "Drills: <2023> & more",
			want: "---\ntitle: Drills: <2023> & more\n---\n" + body},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SetTitle([]byte(tc.in), tc.title)
			if err != nil || string(got) != tc.want {
				t.Fatalf("SetTitle = %q, %v; want %q", got, err, tc.want)
			}
			if strings.TrimSpace(tc.title) == "" {
				return
			}
			a, err := ParseArticle("x.txt", got)
			if err != nil || a.Title != strings.Join(strings.Fields(tc.title), " ") || a.Outlet != tc.wantOutlet {
				t.Errorf("the result parses to title %q, outlet %q, err %v", a.Title, a.Outlet, err)
			}
			if a.Raw != body {
				t.Errorf("the body changed: %q, want %q", a.Raw, body)
			}
		})
	}
}

func TestSetTitleRefusesAHeaderThatDoesNotParse(t *testing.T) {
	for name, in := range map[string]string{
		"unclosed":    "---\ntitle: X\nThe text.\n",
		"unknown key": "---\nauthor: me\n---\nThe text.\n",
		"bad date":    "---\npublished: yesterday\n---\nThe text.\n",
	} {
		if got, err := SetTitle([]byte(in), "New"); !errors.Is(err, ErrBadHeader) {
			t.Errorf("%s: SetTitle = %q, %v; want ErrBadHeader", name, got, err)
		}
	}
}

func TestReadHeader(t *testing.T) {
	tests := []struct {
		file    string
		want    Article
		wantErr bool
	}{
		{"---\ntitle: T\nurl: https://news.example/a\npublished: 2024-01-02\n---\nBody.\n", Article{Title: "T", URL: "https://news.example/a", Published: "2024-01-02"}, false},
		{"Plain title\n\nBody.\n", Article{Title: "Plain title"}, false},
		{"---\nauthor: X\n---\nBody.\n", Article{}, true},
	}
	for _, tt := range tests {
		got, err := ReadHeader([]byte(tt.file))
		if (err != nil) != tt.wantErr || (!tt.wantErr && (got.Title != tt.want.Title || got.URL != tt.want.URL || got.Published != tt.want.Published)) {
			t.Errorf("ReadHeader(%q) = %+v, %v", tt.file, got, err)
		}
	}
}
