package corpus

import (
	"strings"
	"testing"
)

func TestTrimControls(t *testing.T) {
	for line, want := range map[string]string{
		"Состав и управление [править | править код]": "Состав и управление",
		"Composition [edit]":                "Composition",
		"History [show]":                    "History",
		"The treaty was signed in 1992.[1]": "The treaty was signed in 1992.[1]",
		"Members: [Armenia, Belarus]":       "Members: [Armenia, Belarus]",
		"A heading of far too many words to be any wiki section heading at all [edit]": "A heading of far too many words to be any wiki section heading at all [edit]",
		"Plain line": "Plain line",
	} {
		if got := trimControls(line); got != want {
			t.Errorf("trimControls(%q) = %q, want %q", line, got, want)
		}
	}
	// A wiki section's heading with its edit links no longer parts its
	// paragraph from the article around it.
	page := "Peacekeeping forces\n\n" +
		"The collective peacekeeping forces of the organisation were set up under an agreement signed in Dushanbe in 2007 by the member states.\n\n" +
		"Composition and command [edit | edit source]\n\n" +
		"The forces comprise military contingents, police units and civilian staff, and Russia assigns a motorised rifle brigade.\n\n" +
		"Joint exercises [edit | edit source]\n\n" +
		"The first exercise of the peacekeeping forces was held in Kazakhstan in 2012 with contingents of several member states taking part."
	if got := CleanScrapedText(page, "Peacekeeping forces"); !strings.Contains(got, "Russia assigns a motorised rifle brigade") {
		t.Errorf("cleaned page lost the section between two headings:\n%s", got)
	}
}
