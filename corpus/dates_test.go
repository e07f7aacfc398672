package corpus

import (
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := publishedFromText(tt.text, now); got != tt.want {
				t.Errorf("publishedFromText(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
