package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/retrieval"
)

// FuzzFormatAnswer: whatever the engine returns, the answer is HTML
// Telegram parses, within its length limit, and messageLen counts it the
// way the fake Bot API does.
func FuzzFormatAnswer(f *testing.F) {
	f.Add("The CSTO has six members.", "Armenia, Belarus & <Kazakhstan>", "What the CSTO is", "Test Wire", 4, 8, 0, 7)
	f.Add(strings.Repeat("ОДКБ 🙂 ", 300), strings.Repeat("x&y ", 200), strings.Repeat("t", 300), "", -1, 2000, 2, 1)
	f.Add("", "", "", "", 0, 0, 0, 0)
	f.Add("a\x00b\xffc", "<b>not a tag</b>", "\"quoted\"", "&amp;", 1, 2, 1, 2)
	f.Fuzz(func(t *testing.T, text, snippet, title, outlet string, s1, e1, s2, e2 int) {
		c := retrieval.Citation{N: 1, Title: title, Source: outlet, Snippet: snippet, Passage: snippet,
			Marks: []retrieval.Span{{Start: s2, End: e2}}, PassageID: "a#1.1"}
		a := retrieval.Answer{Found: true, Text: text, Marks: []retrieval.Span{{Start: s1, End: e1}},
			Citations: []retrieval.Citation{c, c, c}}
		for _, l := range []lang{langEN, langRU} {
			for name, out := range map[string]string{"answer": formatAnswer(a, l), "passage": formatPassage(c, l)} {
				checkTelegramHTML(t, name, out)
			}
		}
	})
}

// FuzzMessageLen: the length of escaped and highlighted text is the length
// of the text, as Telegram counts it.
func FuzzMessageLen(f *testing.F) {
	f.Add("plain", 0, 2)
	f.Add("<&>\"'", 1, 3)
	f.Add("🙂 emoji ОДКБ", 0, 4)
	f.Add("&amp; already escaped", 0, 5)
	f.Fuzz(func(t *testing.T, s string, start, end int) {
		if !utf8.ValidString(s) {
			return // the bot's text comes from valid UTF-8 files and updates
		}
		want := utf16Units(s)
		if got := messageLen(escapeHTML(s)); got != want {
			t.Errorf("messageLen(escapeHTML(%q)) = %d, want %d", s, got, want)
		}
		h := highlightHTML(s, []retrieval.Span{{Start: start, End: end}})
		if got := messageLen(h); got != want {
			t.Errorf("messageLen(highlightHTML(%q)) = %d, want %d", s, got, want)
		}
		checkTelegramHTML(t, "highlight", h)
		if fit := fitMessage(escapeHTML(s)); messageLen(fit) > maxMessageLen {
			t.Errorf("fitMessage left %d characters", messageLen(fit))
		}
	})
}

// checkTelegramHTML fails unless out parses as Telegram's HTML, fits one
// message, and messageLen agrees with the parsed text's length.
func checkTelegramHTML(t *testing.T, name, out string) {
	t.Helper()
	visible, err := parseTelegramHTML(out)
	if err != nil {
		t.Fatalf("%s: Telegram would refuse it: %v\n%q", name, err, out)
	}
	if n := messageLen(out); n > maxMessageLen {
		t.Errorf("%s: %d characters, over %d", name, n, maxMessageLen)
	}
	if n, want := messageLen(out), utf16Len(visible); n != want {
		t.Errorf("%s: messageLen %d, Telegram counts %d", name, n, want)
	}
}

// FuzzParseCommand: any text with any entity parses without a panic, and
// a command found is a lower-case name without the bot's name, with the
// rest of the text as its arguments.
func FuzzParseCommand(f *testing.F) {
	f.Add("/ask@AllianceTestBot who leads the CSTO?", 0, 20)
	f.Add("/ASK why", 0, 4)
	f.Add("/🙂 x", 0, 3)
	f.Add("/", 0, 1)
	f.Add("hello /ask", 6, 4)
	f.Fuzz(func(t *testing.T, text string, offset, length int) {
		for _, entities := range [][]models.MessageEntity{
			textEntities(text),
			{{Type: models.MessageEntityTypeBotCommand, Offset: offset, Length: length}},
		} {
			m := &models.Message{Text: text, Entities: entities}
			cmd, ok := parseCommand(m)
			if !ok {
				continue
			}
			if strings.Contains(cmd.name, "@") || cmd.name != strings.ToLower(cmd.name) {
				t.Errorf("parseCommand(%q) name %q", text, cmd.name)
			}
			if !strings.HasSuffix(text, cmd.args) && cmd.args != strings.TrimSpace(cmd.args) {
				t.Errorf("parseCommand(%q) args %q are not the rest of the text", text, cmd.args)
			}
			if !strings.Contains(text, cmd.name) && !strings.Contains(strings.ToLower(text), cmd.name) {
				t.Errorf("parseCommand(%q) name %q is not in the text", text, cmd.name)
			}
		}
		b := &Bot{me: &models.User{ID: 1, Username: "AllianceTestBot"}}
		question, _ := b.addressedQuestion(&models.Message{Text: text, Entities: textEntities(text)})
		if len(question) > len(text) {
			t.Errorf("addressedQuestion(%q) = %q, longer than the message", text, question)
		}
	})
}

// FuzzDecodeUpdate: no getUpdates result, however malformed, panics the
// poller; an update that decodes has the update_id read first.
func FuzzDecodeUpdate(f *testing.F) {
	f.Add(`{"update_id":5,"message":{"message_id":1,"date":0,"chat":{"id":5,"type":"private"},"text":"hi"}}`)
	f.Add(`{"update_id":6,"message":{"message_id":"not a number"}}`)
	f.Add(`{"message":{}}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, raw string) {
		u, id, err := decodeUpdate(json.RawMessage(raw))
		if err == nil && (u == nil || u.ID != id) {
			t.Errorf("decodeUpdate(%q) = %+v, id %d", raw, u, id)
		}
	})
}
