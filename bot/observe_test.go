package bot

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestEveryQuestionIsOneLogLine(t *testing.T) {
	const groupQuestion = allianceQuestion
	for _, tc := range []struct {
		name      string
		infoLogs  bool
		wantTexts bool
	}{
		{"info level: no question text", true, false},
		{"debug level: with the question text", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := startBot(t, func(s *botSetup) { s.infoLogs = tc.infoLogs })
			h.sendPrivate(plainUser, membersQuestion)
			from := h.mark()
			h.tg.push(models.Update{Message: h.tg.groupMessage(plainUser, testGroup, "/ask "+groupQuestion)})
			h.waitSent(from, testGroup)
			h.askInline(plainUser, borschtQuestion)

			var lines []string
			for _, line := range strings.Split(h.logs.String(), "\n") {
				if strings.Contains(line, "msg=question ") {
					lines = append(lines, line)
				}
			}
			if len(lines) != 3 {
				t.Fatalf("want one line per question, got %d:\n%s", len(lines), strings.Join(lines, "\n"))
			}
			for i, want := range []struct{ channel, outcome, found string }{
				{"private", "answered", "true"},
				{"group", "answered", "true"},
				{"inline", "not_found", "false"},
			} {
				line := lines[i]
				for _, attr := range []string{"channel=" + want.channel, "user_id=2002", "outcome=" + want.outcome, "found=" + want.found, "took="} {
					if !strings.Contains(line, attr) {
						t.Errorf("line %d lacks %s: %s", i, attr, line)
					}
				}
			}
			for _, q := range []string{membersQuestion, groupQuestion, borschtQuestion} {
				if got := strings.Contains(h.logs.String(), q); got != tc.wantTexts {
					t.Errorf("question %q in the logs: %v, want %v", q, got, tc.wantTexts)
				}
			}
		})
	}
}
