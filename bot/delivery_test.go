package bot

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// answersByChat counts the sendMessage calls Telegram accepted per chat.
func answersByChat(tg *fakeTelegram) map[int64]int {
	n := map[int64]int{}
	for _, c := range tg.allCalls() {
		if c.Method == "sendMessage" && c.Refused == "" {
			n[c.chatID()]++
		}
	}
	return n
}

// TestStopAndRestartLoseNothing: updates Telegram delivered before a stop
// are either answered before it or delivered again after the restart, and
// none is answered twice. Each user asks once, so every chat wants exactly
// one answer.
func TestStopAndRestartLoseNothing(t *testing.T) {
	const users, answersBeforeStop = 300, 50
	tg := newFakeTelegram(t, testToken)
	for i := range users {
		tg.push(models.Update{Message: tg.privateMessage(testUser{id: int64(10000 + i), lang: "en"}, membersQuestion)})
	}
	first := startBot(t, onFake(tg), func(s *botSetup) { s.cfg.ShutdownTimeout = 20 * time.Millisecond })
	tg.waitCount(0, answersBeforeStop, func(c apiCall) bool { return c.Method == "sendMessage" })
	first.stop() // SIGTERM
	before := answersByChat(tg)
	confirmed := tg.confirmedUpTo()

	second := startBot(t, onFake(tg))
	// Everything not answered yet must come again, before a last question
	// asked after the restart; the stop answers all that was taken.
	sentinel := testUser{id: 99999, lang: "en"}
	tg.push(models.Update{Message: tg.privateMessage(sentinel, membersQuestion)})
	second.waitSent(0, sentinel.id)
	second.stop()

	got := answersByChat(tg)
	lost, twice := 0, 0
	for i := range users {
		switch n := got[int64(10000+i)]; {
		case n == 0:
			lost++
		case n > 1:
			twice++
		}
	}
	t.Logf("answered before the stop: %d; confirmed up to update %d; after the restart: %d lost, %d answered twice",
		len(before), confirmed, lost, twice)
	if lost > 0 || twice > 0 {
		t.Errorf("%d of %d questions never answered, %d answered twice", lost, users, twice)
	}
}

// TestUndecodableUpdateIsSkipped: an update go-telegram/bot's models cannot
// decode is logged with its update_id and skipped; polling goes on.
func TestUndecodableUpdateIsSkipped(t *testing.T) {
	h := startBot(t)
	h.waitTaking()
	bad := h.tg.pushRaw(`{"message":{"message_id":"not a number","chat":{"id":5,"type":"private"}}}`)
	reply := h.sendPrivate(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("after an undecodable update the next one got %q", reply.Params["text"])
	}
	if logs := h.logs.String(); !strings.Contains(logs, "update skipped") || !strings.Contains(logs, "update_id="+itoa(bad)) {
		t.Errorf("the skipped update is not logged with its update_id:\n%s", logs)
	}
}

// TestPollingRespectsRetryAfter: a getUpdates answered 429 waits the
// retry_after Telegram asked for before polling again.
func TestPollingRespectsRetryAfter(t *testing.T) {
	h := startBot(t, func(s *botSetup) { s.tg.failNext("getUpdates", http.StatusTooManyRequests, 7) })
	reply := h.sendPrivate(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("got %q", reply.Params["text"])
	}
	waited := false
	for _, w := range h.waitsSoFar() {
		waited = waited || w == 7*time.Second
	}
	if !waited {
		t.Errorf("the bot waited %v after getUpdates' 429 with retry_after 7", h.waitsSoFar())
	}
}

// TestPollingSurvivesGarbledResponses: a getUpdates answered with a
// proxy's HTML page is retried after a backoff.
func TestPollingSurvivesGarbledResponses(t *testing.T) {
	h := startBot(t, func(s *botSetup) { s.tg.garbleNext("getUpdates", 3) })
	reply := h.sendPrivate(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("got %q", reply.Params["text"])
	}
	if len(h.waitsSoFar()) < 3 {
		t.Errorf("the bot waited %v after three failed polls; want a backoff each time", h.waitsSoFar())
	}
}

// TestWebhookDuplicateIsAnsweredOnce: Telegram posting the same update_id
// twice (its retry after a lost 200) gets one answer.
func TestWebhookDuplicateIsAnsweredOnce(t *testing.T) {
	h := startWebhookBot(t)
	body := updateJSON(t, models.Update{ID: 4242, Message: h.tg.privateMessage(plainUser, membersQuestion)})
	for range 2 {
		if code := h.postUpdate(testWebhookSecret, body); code != http.StatusOK {
			t.Fatalf("webhook answered %d", code)
		}
	}
	h.waitHandled(4242)
	// One worker answers in order: a later update is answered after both
	// posts were taken, so a second answer to the duplicate is there by then.
	if code := h.postUpdate(testWebhookSecret, updateJSON(t, models.Update{ID: 4243, Message: h.tg.privateMessage(plainUser, allianceQuestion)})); code != http.StatusOK {
		t.Fatalf("webhook answered %d", code)
	}
	h.waitHandled(4243)
	if n := answersByChat(h.tg)[plainUser.id]; n != 2 {
		t.Errorf("%d answers for one question posted twice and one more, want 2", n)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
