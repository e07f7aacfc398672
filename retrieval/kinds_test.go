package retrieval

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestAnswerMustHoldWhatIsAsked: a sentence on the topic that lacks what the
// question asks for (a reason for "why", a count of the counted thing for
// "how many") does not answer it.
func TestAnswerMustHoldWhatIsAsked(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": {Data: []byte("Drills\n\nThe republic cancelled the joint drills on its soil in January.\n\n" +
			"Observers counted three ministers at the border talks in May.")},
	})
	ctx := context.Background()
	for _, q := range []string{
		"Why did the republic cancel the joint drills?",
		"Почему республика отменила учения?",
		"How many soldiers were counted at the border talks?",
	} {
		if a := e.Answer(ctx, q); a.Found {
			t.Errorf("%q answered with %q; the articles hold no such thing", q, a.Text)
		}
	}
	mustLoad(t, e, fstest.MapFS{
		"a.txt": {Data: []byte("Drills\n\nThe republic cancelled the joint drills on its soil in January because of the border crisis.\n\n" +
			"Observers counted three hundred soldiers at the border talks in May.")},
	})
	for q, want := range map[string]string{
		"Why did the republic cancel the joint drills?":       "because",
		"How many soldiers were counted at the border talks?": "three hundred soldiers",
	} {
		if a := e.Answer(ctx, q); !a.Found || !strings.Contains(a.Text, want) {
			t.Errorf("%q: found %v, %q; want it to say %q", q, a.Found, a.Text, want)
		}
	}
}
