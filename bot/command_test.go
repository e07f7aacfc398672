package bot

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestParseCommand(t *testing.T) {
	for _, tc := range []struct {
		text string
		want command
		ok   bool
	}{
		{"/ask why?", command{name: "ask", args: "why?"}, true},
		{"/ASK@AllianceTestBot  why? ", command{name: "ask", target: "AllianceTestBot", args: "why?"}, true},
		{"/start", command{name: "start"}, true},
		{"why /ask", command{}, false},
		{"plain text", command{}, false},
	} {
		m := &models.Message{Text: tc.text, Entities: textEntities(tc.text)}
		got, ok := parseCommand(m)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseCommand(%q) = %+v, %v; want %+v, %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

func TestEntitySpanCountsUTF16(t *testing.T) {
	text := "🇷🇺 Привет @AllianceTestBot!"
	es := textEntities(text)
	if len(es) != 1 {
		t.Fatalf("entities %v", es)
	}
	start, end, ok := entitySpan(text, es[0])
	if !ok || text[start:end] != "@AllianceTestBot" {
		t.Errorf("entitySpan = %q, %v", text[start:end], ok)
	}
	if _, _, ok := entitySpan("short", models.MessageEntity{Offset: 3, Length: 10}); ok {
		t.Errorf("an entity past the end of the text was accepted")
	}
}

func TestWithoutMention(t *testing.T) {
	for text, want := range map[string]string{
		"@Bot, who leads the CSTO?":   "who leads the CSTO?",
		"who leads the CSTO, @Bot?":   "who leads the CSTO?",
		"so @Bot: who leads the CSTO": "so who leads the CSTO",
		"@Bot":                        "",
	} {
		start := strings.Index(text, "@Bot")
		if got := withoutMention(text, start, start+len("@Bot")); got != want {
			t.Errorf("withoutMention(%q) = %q, want %q", text, got, want)
		}
	}
}
