package bot

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"
)

// press presses a button with data under the bot's message msgID in u's
// chat and returns the answerCallbackQuery it got.
func (h *harness) press(u testUser, chatID int64, msgID int, data string) apiCall {
	h.t.Helper()
	h.mu.Lock()
	h.queries++
	id := fmt.Sprintf("cb-%d", h.queries)
	h.mu.Unlock()
	msg := &models.Message{ID: msgID, Date: 1700000000, From: &h.tg.me, Chat: models.Chat{ID: chatID, Type: models.ChatTypePrivate}}
	h.tg.push(models.Update{CallbackQuery: &models.CallbackQuery{
		ID: id, From: *u.user(), Data: data, ChatInstance: "ci",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: msg},
	}})
	return h.tg.waitCall(func(c apiCall) bool { return c.Method == "answerCallbackQuery" && c.Params["callback_query_id"] == id })
}

func TestButtonsUnderAnAnswer(t *testing.T) {
	h := startBot(t)
	reply := h.sendPrivate(plainUser, allianceQuestion)
	msgID := reply.MessageID
	more, ok := reply.button("m:")
	if !ok {
		t.Fatalf("an answer with three citations has no more-sources button: %v", reply.buttons())
	}
	passage, _ := reply.button("p:")
	up, _ := reply.button("v:")

	t.Run("full passage", func(t *testing.T) {
		from := h.mark()
		ack := h.press(plainUser, plainUser.id, msgID, passage.CallbackData)
		if ack.Params["text"] != "" {
			t.Errorf("the press is acknowledged with %q, want a silent answer", ack.Params["text"])
		}
		sent := h.waitSent(from, plainUser.id)
		if !strings.Contains(sent.Params["text"], "Full passage") || sent.replyTo() != msgID {
			t.Errorf("want the passage as a reply to the answer, got %q replying to %d", sent.Params["text"], sent.replyTo())
		}
	})

	t.Run("more sources", func(t *testing.T) {
		from := h.mark()
		h.press(plainUser, plainUser.id, msgID, more.CallbackData)
		edit := h.waitAfter(from, func(c apiCall) bool { return c.Method == "editMessageText" })
		if edit.Params["message_id"] != strconv.Itoa(msgID) || !strings.Contains(edit.Params["text"], "[4]") {
			t.Errorf("want message %d edited to show more citations, got %q: %s", msgID, edit.Params["message_id"], edit.Params["text"])
		}
		if _, still := edit.button("m:"); still {
			t.Errorf("the edited answer still offers more sources")
		}
		ack := h.press(plainUser, plainUser.id, msgID, more.CallbackData)
		if !strings.Contains(ack.Params["text"], "no more sources") {
			t.Errorf("a second press should say there are no more sources: %q", ack.Params["text"])
		}
	})

	t.Run("feedback", func(t *testing.T) {
		down := strings.TrimSuffix(up.CallbackData, ":u") + ":d"
		for i, step := range []struct {
			user testUser
			data string
			want string
			// votesUp and votesDown are the feedback_votes_total counters;
			// totals is what the log line says about all answers.
			votesUp, votesDown float64
			totals             string
		}{
			{plainUser, up.CallbackData, "Thanks", 1, 0, "total_up=1 total_down=0"},
			{plainUser, up.CallbackData, "already counted", 1, 0, ""},
			{plainUser, down, "Thanks", 1, 1, "total_up=0 total_down=1"},
			{russianUser, up.CallbackData, "Спасибо", 2, 1, "total_up=1 total_down=1"},
		} {
			logsBefore := len(h.logs.String())
			ack := h.press(step.user, plainUser.id, msgID, step.data)
			if !strings.Contains(ack.Params["text"], step.want) {
				t.Errorf("step %d: acknowledged with %q, want %q", i, ack.Params["text"], step.want)
			}
			m := h.scrape()
			if gotUp, gotDown := m.value("alliancebot_feedback_votes_total", "vote", "up"), m.value("alliancebot_feedback_votes_total", "vote", "down"); gotUp != step.votesUp || gotDown != step.votesDown {
				t.Errorf("step %d: votes counted %v/%v, want %v/%v", i, gotUp, gotDown, step.votesUp, step.votesDown)
			}
			logged := h.logs.String()[logsBefore:]
			wantLine := fmt.Sprintf("msg=feedback user_id=%d", step.user.id)
			if step.totals == "" {
				if strings.Contains(logged, "msg=feedback ") {
					t.Errorf("step %d: a repeated vote was logged again:\n%s", i, logged)
				}
			} else if !strings.Contains(logged, wantLine) || !strings.Contains(logged, step.totals) {
				t.Errorf("step %d: want a %q line with %q:\n%s", i, wantLine, step.totals, logged)
			}
		}
	})
}

func TestButtonDataFromAnotherChatIsRefused(t *testing.T) {
	h := startBot(t)
	reply := h.sendPrivate(plainUser, allianceQuestion)
	passage, _ := reply.button("p:")
	more, _ := reply.button("m:")
	up, _ := reply.button("v:")
	from := h.mark()
	// russianUser copies the callback data into a press under a message of
	// their own chat, as a modified client could.
	for _, data := range []string{passage.CallbackData, more.CallbackData, up.CallbackData} {
		ack := h.press(russianUser, russianUser.id, 1, data)
		if !strings.Contains(ack.Params["text"], "устарел") {
			t.Errorf("press %q from another chat: acknowledged with %q, want the expired note", data, ack.Params["text"])
		}
	}
	for _, c := range h.tg.allCalls()[from:] {
		if c.Method == "sendMessage" || c.Method == "editMessageText" {
			t.Errorf("a forged press made the bot call %v", c)
		}
	}
	if votes := h.scrape().value("alliancebot_feedback_votes_total", "vote", "up"); votes != 0 {
		t.Errorf("a forged vote was counted: %v", votes)
	}
	// The same buttons still work in the answer's own chat.
	if ack := h.press(plainUser, plainUser.id, reply.MessageID, up.CallbackData); !strings.Contains(ack.Params["text"], "Thanks") {
		t.Errorf("a vote in the answer's chat: %q", ack.Params["text"])
	}
}

func TestButtonPressesThatSendOrEditAreRateLimited(t *testing.T) {
	// A burst of three: the question and two presses get through.
	h := startBot(t, func(s *botSetup) { s.cfg.RateLimit, s.cfg.RateBurst = rate.Every(time.Hour), 3 })
	reply := h.sendPrivate(plainUser, allianceQuestion)
	passage, _ := reply.button("p:")
	more, _ := reply.button("m:")
	up, _ := reply.button("v:")
	from := h.mark()
	for i := range 2 {
		if ack := h.press(plainUser, plainUser.id, reply.MessageID, passage.CallbackData); ack.Params["text"] != "" {
			t.Errorf("press %d within the burst: acknowledged with %q", i+1, ack.Params["text"])
		}
	}
	h.tg.waitCount(from, 2, func(c apiCall) bool { return c.Method == "sendMessage" && c.Refused == "" })

	for range 3 { // russianUser uses up their burst with questions
		h.sendPrivate(russianUser, membersQuestion)
	}

	limited := h.mark()
	for _, tc := range []struct {
		user testUser
		data string
		want string
	}{
		{plainUser, passage.CallbackData, "wait a few seconds"},
		{plainUser, more.CallbackData, "wait a few seconds"},
		{plainUser, passage.CallbackData, "wait a few seconds"},
		{russianUser, passage.CallbackData, "подождите"},
		// Votes stay unlimited, and are still answered.
		{plainUser, up.CallbackData, "Thanks"},
	} {
		if ack := h.press(tc.user, plainUser.id, reply.MessageID, tc.data); !strings.Contains(ack.Params["text"], tc.want) {
			t.Errorf("press %q by %d: acknowledged with %q, want %q", tc.data, tc.user.id, ack.Params["text"], tc.want)
		}
	}
	for _, c := range h.tg.allCalls()[limited:] {
		if c.Method == "sendMessage" || c.Method == "editMessageText" {
			t.Errorf("a rate-limited press made the bot call %v", c)
		}
	}
	m := h.scrape()
	if got := m.value("alliancebot_button_presses_rate_limited_total", "button", "passage"); got != 3 {
		t.Errorf("%v passage presses counted as rate limited, want 3", got)
	}
	if got := m.value("alliancebot_button_presses_rate_limited_total", "button", "more"); got != 1 {
		t.Errorf("%v more-sources presses counted as rate limited, want 1", got)
	}
	if !strings.Contains(h.logs.String(), fmt.Sprintf(`msg="button press rate limited" user_id=%d button=more`, plainUser.id)) {
		t.Errorf("the limited press is not logged:\n%s", h.logs.String())
	}
}

func TestEveryButtonPressIsAnswered(t *testing.T) {
	h := startBot(t)
	for _, data := range []string{"v:unknown:u", "m:", "p:xyz:9", "garbage", ""} {
		ack := h.press(plainUser, plainUser.id, 1, data)
		if !strings.Contains(ack.Params["text"], "too old") {
			t.Errorf("press %q: acknowledged with %q, want the expired note", data, ack.Params["text"])
		}
	}
}
