package retrieval

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/corpus"
)

// TestSyndicatedStoryCitedOnce loads a wire story carried by three outlets
// beside an independent report: answers cite the story once, with the other
// outlets and dates in also_reported_by, and never give a copy a citation
// slot of its own.
func TestSyndicatedStoryCitedOnce(t *testing.T) {
	c, err := corpus.Load(os.DirFS(filepath.Join("..", "testdata", "syndicated")))
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{Logger: quietLogger()})
	if _, err := e.Load(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	copies := map[string]bool{}
	for _, d := range c.Duplicates {
		copies[d.ID] = true
	}
	questions := []string{
		"What did Kyrgyz officials ask the CSTO to finance in Batken?",
		"Which air base will the CSTO secretary general visit?",
		"When did the CSTO secretary general arrive in Bishkek?",
	}
	for _, q := range questions {
		a := e.AnswerWith(context.Background(), q, Options{Citations: 5})
		if !a.Found {
			t.Fatalf("%q not answered: %s", q, a.Text)
		}
		seen := map[string]bool{}
		var wire *Citation
		for i, cit := range a.Citations {
			if copies[cit.Doc] {
				t.Errorf("%q cites the copy %s", q, cit.Doc)
			}
			// Two slots for one passage of text would mean a copy was indexed.
			if seen[cit.Passage] {
				t.Errorf("%q cites the passage of %s twice", q, cit.PassageID)
			}
			seen[cit.Passage] = true
			if cit.Doc == "wire_original" {
				wire = &a.Citations[i]
			}
		}
		if wire == nil {
			t.Fatalf("%q does not cite the wire story: %+v", q, a.Citations)
		}
		data, err := json.Marshal(wire)
		if err != nil {
			t.Fatal(err)
		}
		want := `"also_reported_by":[{"source":"Pamir Times Online","published":"2024-03-04"},{"source":"Eurasia Daily Digest","published":"2024-03-05"}]`
		if !strings.Contains(string(data), want) {
			t.Errorf("%q: citation JSON %s lacks %s", q, data, want)
		}
	}
	for _, info := range e.Stats().Articles {
		if copies[info.ID] {
			t.Errorf("the copy %s is listed as served", info.ID)
		}
		if info.ID == "wire_original" && len(info.AlsoReportedBy) != 2 {
			t.Errorf("wire_original info = %+v", info)
		}
	}
}
