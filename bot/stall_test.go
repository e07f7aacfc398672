package bot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// gatedSleep is a b.sleep that waits, like the real one, until release is
// closed: the bot's waits last as long as the test wants.
func gatedSleep(release <-chan struct{}) func(ctx context.Context, d time.Duration) error {
	return func(ctx context.Context, d time.Duration) error {
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// TestAFloodedOrSlowChatHoldsBackNoOther: one chat answered 429 (the bot
// must wait retry_after) and one whose sendMessage hangs; questions from
// other chats are answered while both still wait.
func TestAFloodedOrSlowChatHoldsBackNoOther(t *testing.T) {
	waitsEnd := make(chan struct{})
	h := startBot(t, func(s *botSetup) {
		s.cfg.Workers = 2
		s.sleep = gatedSleep(waitsEnd)
	})
	defer close(waitsEnd)
	flooded, slow := testUser{id: 501, lang: "en"}, testUser{id: 502, lang: "en"}
	h.tg.floodChat(flooded.id, 1, 25)
	releaseSlow := h.tg.holdChat(slow.id)
	h.tg.push(models.Update{Message: h.tg.privateMessage(flooded, membersQuestion)})
	h.tg.push(models.Update{Message: h.tg.privateMessage(slow, membersQuestion)})
	h.tg.waitCall(func(c apiCall) bool { return c.chatID() == flooded.id && c.Refused != "" })

	others := 0
	for i := range 6 {
		u := testUser{id: int64(600 + i), lang: "en"}
		reply := h.sendPrivate(u, membersQuestion)
		if strings.Contains(reply.Params["text"], "Kazakhstan") {
			others++
		}
	}
	got := answersByChat(h.tg)
	t.Logf("answered in other chats while one chat was flooded and one slow: %d of 6; flooded chat answered %d, slow chat %d",
		others, got[flooded.id], got[slow.id])
	if others != 6 {
		t.Errorf("%d of 6 other chats answered", others)
	}
	if got[flooded.id] != 0 || got[slow.id] != 0 {
		t.Fatalf("the waits ended early: flooded %d, slow %d", got[flooded.id], got[slow.id])
	}
	// Once the waits end, the waiting chats get their answers too.
	from := 0
	releaseSlow()
	h.waitSent(from, slow.id)
	if waits := h.waitsSoFar(); len(waits) != 1 || waits[0] != 25*time.Second {
		t.Errorf("waits %v, want the one retry_after of 25s", waits)
	}
}

// TestFloodedChatWaitsDoNotHoldAWorker: with one worker, an update whose
// chat is flooded does not stop the next update from being handled.
func TestFloodedChatWaitsDoNotHoldAWorker(t *testing.T) {
	waitsEnd := make(chan struct{})
	h := startBot(t, func(s *botSetup) {
		s.cfg.Workers = 1
		s.sleep = gatedSleep(waitsEnd)
	})
	defer close(waitsEnd)
	h.tg.floodChat(testGroup, 1, 30)
	h.tg.push(models.Update{Message: h.tg.groupMessage(plainUser, testGroup, "/ask "+membersQuestion)})
	h.tg.waitCall(func(c apiCall) bool { return c.chatID() == testGroup && c.Refused != "" })
	reply := h.sendPrivate(russianUser, membersQuestion)
	if reply.Params["text"] == "" {
		t.Errorf("no answer in private while the group waits")
	}
}

// TestOutageIsRetriedWithinTheWindow: the Bot API down for a few attempts
// (a proxy's 502 page, 503s, refused connections) delays an answer but
// does not lose it; past the window the bot gives up, logs and counts it.
func TestOutageIsRetriedWithinTheWindow(t *testing.T) {
	h := startBot(t, func(s *botSetup) { s.cfg.RetryWindow = 20 * time.Second })
	h.tg.garbleNext("sendMessage", 2)
	for range 3 {
		h.tg.failNext("sendMessage", http.StatusServiceUnavailable, 0)
	}
	reply := h.sendPrivate(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("after the outage: %q", reply.Params["text"])
	}
	waits := h.waitsSoFar()
	t.Logf("5 failed attempts, then the answer; waits %v", waits)
	if len(waits) != 5 {
		t.Errorf("waits %v, want one backoff per failed attempt", waits)
	}
	if n := h.scrape().value("alliancebot_messages_dropped_total", "reason", dropFailed); n != 0 {
		t.Errorf("%v messages counted as dropped", n)
	}

	// Down for longer than the window: given up, logged, counted.
	for range 40 {
		h.tg.failNext("sendMessage", http.StatusBadGateway, 0)
	}
	id := h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, membersQuestion)})
	h.waitHandled(id)
	if n := h.scrape().value("alliancebot_messages_dropped_total", "reason", dropFailed); n != 1 {
		t.Errorf("alliancebot_messages_dropped_total{reason=failed} = %v, want 1", n)
	}
	if !strings.Contains(h.logs.String(), "giving up") {
		t.Errorf("giving up is not logged")
	}
}

// TestLostResponseIsNotSentAgain: a sendMessage whose response is lost on
// the way back (the message did go out) is not repeated, so the user never
// gets two copies; the loss is logged and counted.
func TestLostResponseIsNotSentAgain(t *testing.T) {
	h := startBot(t)
	h.tg.resetNext("sendMessage", 1)
	id := h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, membersQuestion)})
	h.waitHandled(id)
	if n := answersByChat(h.tg)[plainUser.id]; n != 1 {
		t.Errorf("%d copies of the answer went out, want 1", n)
	}
	if n := h.scrape().value("alliancebot_messages_dropped_total", "reason", dropMaybeDelivered); n != 1 {
		t.Errorf("messages_dropped_total{reason=maybe_delivered} = %v, want 1", n)
	}
}

// TestPaceIsKeptPerChat: with Telegram's pace on, a burst of answers to
// one chat is spread out while another chat is answered at once.
func TestPaceIsKeptPerChat(t *testing.T) {
	const burst = 8
	pace := paceLimits{private: 10, group: 10, global: 1000, burst: 1}
	h := startBot(t, func(s *botSetup) { s.pace = &pace })
	busy := testUser{id: 801, lang: "en"}
	for i := range burst {
		h.tg.push(models.Update{Message: h.tg.privateMessage(busy, fmt.Sprintf("%s %d", membersQuestion, i))})
	}
	h.tg.waitCall(func(c apiCall) bool { return c.Method == "sendMessage" && c.chatID() == busy.id })
	h.sendPrivate(russianUser, membersQuestion)
	got := answersByChat(h.tg)
	t.Logf("answers to the busy chat when another chat was answered: %d of %d", got[busy.id], burst)
	if got[busy.id] > burst/2 {
		t.Errorf("%d of %d answers to one chat went out before another chat's one: the pace was not kept", got[busy.id], burst)
	}
	h.tg.waitCount(0, burst, func(c apiCall) bool { return c.Method == "sendMessage" && c.chatID() == busy.id })
}

// TestUpdateTimeoutFreesTheWorker: an answer that hangs holds its worker
// for UpdateTimeout at most; with one worker the next update is answered.
func TestUpdateTimeoutFreesTheWorker(t *testing.T) {
	h, gate := startGatedBot(t, func(s *botSetup) {
		s.cfg.Workers = 1
		s.cfg.UpdateTimeout = 50 * time.Millisecond
	})
	defer close(gate.release)
	h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, gatedQuestion)})
	gate.waitEntered(t)
	reply := h.sendPrivate(russianUser, allianceQuestion)
	if reply.Params["text"] == "" {
		t.Errorf("the next update got no answer")
	}
	if !strings.Contains(h.logs.String(), "took longer than the bot gives one") {
		t.Errorf("the cut-short update is not logged")
	}
}

// TestChatBacklogIsBounded: a chat whose answers cannot go out keeps at
// most maxChatBacklog of them waiting; the rest are dropped and counted.
func TestChatBacklogIsBounded(t *testing.T) {
	h := startBot(t)
	busy := testUser{id: 901, lang: "en"}
	release := h.tg.holdChat(busy.id)
	extra := 5
	total := maxChatBacklog + 1 + extra // one is being sent, the backlog waits
	var ids []int64
	for range total {
		ids = append(ids, h.tg.push(models.Update{Message: h.tg.privateMessage(busy, membersQuestion)}))
	}
	// How many answers have left the queue (sent or being sent) when the
	// backlog fills depends on timing, by one either way; the bound does
	// not: without it nothing would be dropped.
	deadline := time.Now().Add(waitLimit)
	dropped := 0
	for {
		dropped = int(h.scrape().value("alliancebot_messages_dropped_total", "reason", dropBacklog))
		if dropped >= extra-1 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if dropped < extra-1 || dropped > extra+1 {
		t.Fatalf("%d of %d answers dropped while the chat was held, want about %d: at most %d may wait", dropped, total, extra, maxChatBacklog)
	}
	release()
	for _, id := range ids {
		h.waitHandled(id)
	}
	dropped = int(h.scrape().value("alliancebot_messages_dropped_total", "reason", dropBacklog))
	if n := answersByChat(h.tg)[busy.id]; n != total-dropped || n > maxChatBacklog+2 {
		t.Errorf("%d answers went out and %d were dropped of %d; at most %d may wait", n, dropped, total, maxChatBacklog)
	}
}

// TestStopWhileAChatIsFlooded: a stop does not wait out a flood wait: the
// answer still waiting is dropped and logged once the shutdown timeout
// runs out, and Run returns.
func TestStopWhileAChatIsFlooded(t *testing.T) {
	waitsEnd := make(chan struct{})
	defer close(waitsEnd)
	h := startBot(t, func(s *botSetup) {
		s.cfg.ShutdownTimeout = 50 * time.Millisecond
		s.sleep = gatedSleep(waitsEnd)
	})
	h.tg.floodChat(plainUser.id, 1, 30)
	h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, membersQuestion)})
	h.tg.waitCall(func(c apiCall) bool { return c.chatID() == plainUser.id && c.Refused != "" })
	h.stop() // a hang here is the bug
	logs := h.logs.String()
	if !strings.Contains(logs, "reason=shutdown") || !strings.Contains(logs, "bot stopped") {
		t.Errorf("the dropped answer is not logged:\n%s", logs)
	}
	if n := answersByChat(h.tg)[plainUser.id]; n != 0 {
		t.Errorf("%d answers went out to a chat Telegram asked to wait 30 s", n)
	}
}
