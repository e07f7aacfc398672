package corpus

import (
	"strings"
	"testing"
)

// TestHeadingJoinsOnlyProse: a heading is joined to the prose paragraph
// after it; furniture lines are never glued into a passage.
func TestHeadingJoinsOnlyProse(t *testing.T) {
	const prose = "The leaders of the six member states met in the capital on Thursday and signed a joint statement."
	tests := []struct {
		name string
		text string
		want []string // passage texts
	}{
		{"heading joined to prose", "Allies meet in the capital\n\n" + prose,
			[]string{"Allies meet in the capital\n\n" + prose}},
		{"date line not glued", "14.06.2024 10:32\n\n" + prose, []string{prose}},
		{"byline not glued", "By Jane Doe, Almaty\n\n" + prose, []string{prose}},
		{"reading time not glued", "Время чтения: 5 минут\n\n" + prose, []string{prose}},
		{"share row not glued", "Share: Facebook | X | Telegram\n\n" + prose, []string{prose}},
		{"marker not glued", "Read also:\n\n" + prose, []string{prose}},
		{"heading before a short line stands alone", prose + "\n\nWhat comes next for the bloc\n\nAdvertisement",
			[]string{prose, "What comes next for the bloc"}},
		{"two headings: only the second joins", "Part one of the story\n\nWhere the allies stand now\n\n" + prose,
			[]string{"Part one of the story", "Where the allies stand now\n\n" + prose}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Article{ID: "x", Text: tt.text}
			var got []string
			for _, p := range SplitPassages(a) {
				if a.Text[p.Start:p.End] != p.Text {
					t.Errorf("%s: span does not hold its text", p.ID)
				}
				got = append(got, p.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("passages\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
