package bot

import (
	"strings"
	"testing"
)

// TestInlineTypingThenPrivateQuestion: Telegram sends an inline query per
// pause in typing. A user who types a question letter by letter gets real
// results for the whole question under the default rate limit, and a
// private question right after is answered, never dropped in silence.
func TestInlineTypingThenPrivateQuestion(t *testing.T) {
	h := startBot(t, func(s *botSetup) { s.cfg.RateLimit, s.cfg.RateBurst = 0, 0 }) // the defaults
	u := testUser{id: 4242, lang: "en"}
	var prefixes []string
	for n := 1; n < len(membersQuestion); n += 3 {
		prefixes = append(prefixes, membersQuestion[:n])
	}
	prefixes = append(prefixes, membersQuestion)
	var last apiCall
	for _, q := range prefixes {
		last = h.askInline(u, q)
	}
	results := last.inlineResults()
	real := len(results) > 0 && strings.Contains(results[0].InputMessageContent.MessageText, "<blockquote>")
	t.Logf("%d inline queries while typing; the full question got %d results, real answers: %v", len(prefixes), len(results), real)
	if !real {
		t.Errorf("the full question got %+v, want cited answers", results)
	}
	from := h.mark()
	reply := h.sendPrivate(u, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("the private question after typing inline got %q, want the answer", reply.Params["text"])
	}
	if n := len(h.sentAfter(from, "sendMessage")); n != 1 {
		t.Errorf("%d messages after the private question, want the one answer", n)
	}
}

// TestInlineRefusalDoesNotSilencePrivateChat: even an inline flood that
// runs out the inline budget leaves the person's private chat alone.
func TestInlineRefusalDoesNotSilencePrivateChat(t *testing.T) {
	h := startBot(t, func(s *botSetup) { s.cfg.RateLimit, s.cfg.RateBurst = 0, 0 })
	u := testUser{id: 4343, lang: "en"}
	slowed := false
	for i := range 60 {
		call := h.askInline(u, membersQuestion+strings.Repeat("?", i%7)+strings.Repeat(" and", i))
		if rs := call.inlineResults(); len(rs) == 1 && rs[0].ID == "slow" {
			if call.Params["is_personal"] != "true" || call.Params["cache_time"] != "1" {
				t.Errorf("the slow-down result is cached or shared: %v", call.Params)
			}
			slowed = true
			break
		}
	}
	if !slowed {
		t.Fatalf("60 different inline questions in a row were never slowed down")
	}
	reply := h.sendPrivate(u, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("after the inline budget ran out the private question got %q", reply.Params["text"])
	}
}
