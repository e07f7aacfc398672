package bot

import (
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
)

func TestAnswerStoreForgetsTheOldest(t *testing.T) {
	s := newAnswerStore(2, "x")
	const chat = 7
	a := s.put(chat, "first", retrieval.Answer{Text: "1"}, langEN)
	b := s.put(chat, "second", retrieval.Answer{Text: "2"}, langRU)
	c := s.put(chat, "third", retrieval.Answer{Text: "3"}, langEN)
	if _, ok := s.get(a, chat); ok {
		t.Errorf("the oldest answer %q is still stored", a)
	}
	for id, want := range map[string]string{b: "second", c: "third"} {
		if got, ok := s.get(id, chat); !ok || got.question != want {
			t.Errorf("get(%q) = %q, %v; want %q", id, got.question, ok, want)
		}
	}
	if a == b || b == c || !strings.HasPrefix(a, "x") {
		t.Errorf("IDs %q %q %q must be distinct and carry the prefix", a, b, c)
	}
	if _, ok := s.vote(a, 1, voteHelpful); ok {
		t.Errorf("a vote on a forgotten answer was accepted")
	}
	if prev, ok := s.vote(b, 1, voteHelpful); !ok || prev != noVote {
		t.Errorf("first vote: prev %v, ok %v", prev, ok)
	}
	if prev, _ := s.vote(b, 1, voteUnhelpful); prev != voteHelpful {
		t.Errorf("second vote: prev %v, want the first vote", prev)
	}
}

func TestAnswerStoreGivesAnAnswerOnlyToItsChat(t *testing.T) {
	s := newAnswerStore(4, "x")
	id := s.put(-100, "question", retrieval.Answer{Text: "answer"}, langEN)
	if got, ok := s.get(id, -100); !ok || got.chatID != -100 || got.question != "question" {
		t.Errorf("get in the answer's chat = %+v, %v", got, ok)
	}
	for _, other := range []int64{100, -101, 0} {
		if got, ok := s.get(id, other); ok {
			t.Errorf("chat %d got the answer of chat -100: %+v", other, got)
		}
	}
}
