package corpus

import (
	"strings"
	"testing"
	"time"
)

func TestPublishedFromText(t *testing.T) {
	now := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text, want string
	}{
		{"numeric with time", "Politics\n14/06/2024 10:32\nThe summit opened.", "2024-06-14"},
		{"dotted", "14.06.2024\nText.", "2024-06-14"},
		{"iso", "Posted 2024-06-14 09:00\nText.", "2024-06-14"},
		{"iso timestamp", "datePublished 2024-06-14T09:00:00+03:00\nText.", "2024-06-14"},
		{"iso with slashes", "2024/06/14\nText.", "2024-06-14"},
		{"dashed day first", "14-06-2024 10:00\nText.", "2024-06-14"},
		{"mixed separators are no date", "1.5-2024\nText.", ""},
		{"roman month", "Вторник, 14.VI.2024\nТекст.", "2024-06-14"},
		{"a roman month's separators agree", "Глава 2 V.2024\nТекст.", ""},
		{"american order", "06/14/2024\nText.", "2024-06-14"},
		{"month first", "By Jane Doe · June 14, 2024 · 5 min read", "2024-06-14"},
		{"day first", "14 June 2024", "2024-06-14"},
		{"ordinal", "Published on the 3rd of May, 2024", "2024-05-03"},
		{"russian genitive", "14 июня 2024 г., 10:32", "2024-06-14"},
		{"russian short", "14 июн 2024, 10:32", "2024-06-14"},
		{"russian capitalised", "Опубликовано: 1 Марта 2023", "2023-03-01"},
		{"updated loses to unmarked", "01.05.2021 12:00 (обновлено: 02.05.2021 18:40)", "2021-05-01"},
		{"updated first still loses", "Updated June 20, 2024\nPublished June 14, 2024", "2024-06-14"},
		{"изменено loses", "Изменено 20.06.2024\n14.06.2024 10:00", "2024-06-14"},
		{"only updated", "Updated: 20 June 2024", "2024-06-20"},
		{"earlier line wins", "14 June 2024\n15 June 2024", "2024-06-14"},
		{"future rejected", "Published: 14 June 2030\n14 June 2024", "2024-06-14"},
		{"tomorrow allowed", "2 July 2024", "2024-07-02"},
		{"before 1990 rejected", "12 March 1985", ""},
		{"impossible day", "31.02.2024", ""},
		{"prose dates are events", "The treaty, signed on May 15, 1992, in Tashkent, was extended in 2002 when the council in Moscow decided to reorganise it into an organisation.", ""},
		{"published mark in prose", "This report was published on 14 June 2024 by the secretariat of the organisation in its weekly bulletin of events.", "2024-06-14"},
		{"no year", "14 июня\nТекст.", ""},
		{"not a month", "Mayor 14, 2024", ""},
		{"wire service, two-digit year with time", "Вы вошли как: редакция (подписка до 31.12.2023)\nМОЛНИЯ 20.12.23 17:05 МСК\nТекст.", "2023-12-20"},
		{"two-digit year without time", "Version 20.12.23\nText.", ""},
		{"hyphenated day-month-year", "EDITION 09-NOV-2018", "2018-11-09"},
		{"a deadline is no page date", "Offer valid until 30 June 2024\n14 June 2024", "2024-06-14"},
		{"отредактирована is an update", "Статья отредактирована 22.11.2013 в 09:14\n15.11.2013", "2013-11-15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := publishedFromText(tt.text, now); got != tt.want {
				t.Errorf("publishedFromText(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestParseArticleTitleAndDate: a headerless page takes its headline and
// its printed date; a header's title and date win over the page's.
func TestParseArticleTitleAndDate(t *testing.T) {
	const page = "Home | World | Politics\nPolitics\nUpdated 16 June 2024\nPublished 14 June 2024\nAllies agree on a plan for the autumn drills\n" +
		"The defence ministers of the six member states met in the capital on Thursday and agreed on a plan for joint exercises this autumn.\n"
	tests := []struct {
		name, file, wantTitle, wantDate string
	}{
		{"headerless", page, "Allies agree on a plan for the autumn drills", "2024-06-14"},
		{"header wins", "---\ntitle: Given title\npublished: 2024-06-20\n---\n" + page, "Given title", "2024-06-20"},
		{"header without title or date", "---\noutlet: Example\n---\n" + page, "Allies agree on a plan for the autumn drills", "2024-06-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseArticle("page.txt", []byte(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.wantTitle || a.Published != tt.wantDate {
				t.Errorf("title %q, published %q; want %q, %q", a.Title, a.Published, tt.wantTitle, tt.wantDate)
			}
			if strings.Contains(a.Text, "Allies agree") || strings.Contains(a.Text, "Politics") {
				t.Errorf("the headline or the menu stayed in the text: %q", a.Text)
			}
		})
	}
}
