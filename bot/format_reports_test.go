package bot

import (
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
)

func TestAnswerNamesOtherOutlets(t *testing.T) {
	cit := retrieval.Citation{N: 1, Doc: "wire", Title: "Summit", Source: "Wire <A>", Published: "2024-03-04", Snippet: "The summit opened.",
		AlsoReportedBy: []retrieval.Report{{Source: "Pamir & Co", Published: "2024-03-04"}, {Source: "Digest", Published: "2024-03-05"}, {Source: "Third", Published: ""}}}
	a := retrieval.Answer{Found: true, Text: "The summit opened.", Citations: []retrieval.Citation{cit}}
	tests := []struct {
		l    lang
		want string
	}{
		{langEN, "<i>also reported by Pamir &amp; Co, 2024-03-04; Digest, 2024-03-05; and 1 more</i>"},
		{langRU, "<i>также сообщили: Pamir &amp; Co, 2024-03-04; Digest, 2024-03-05; и ещё 1</i>"},
	}
	for _, tt := range tests {
		if got := formatAnswer(a, tt.l); !strings.Contains(got, tt.want) {
			t.Errorf("formatAnswer:\n%s\nlacks %s", got, tt.want)
		}
		if got := formatPassage(cit, tt.l); !strings.Contains(got, tt.want) {
			t.Errorf("formatPassage:\n%s\nlacks %s", got, tt.want)
		}
	}
	cit.AlsoReportedBy = nil
	if got := formatAnswer(retrieval.Answer{Found: true, Text: "x", Citations: []retrieval.Citation{cit}}, langEN); strings.Contains(got, "also reported") {
		t.Errorf("a story no one else carried says %q", got)
	}
}
