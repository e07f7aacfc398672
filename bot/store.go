package bot

import (
	"strconv"
	"sync"

	"github.com/alliancebot/alliancebot/retrieval"
)

// vote is one user's feedback on one answer.
type vote int8

const (
	noVote vote = iota
	voteHelpful
	voteUnhelpful
)

// label is the vote label of the feedback metric.
func (v vote) label() string {
	if v == voteHelpful {
		return "up"
	}
	return "down"
}

// feedbackCounter totals the votes.
type feedbackCounter struct {
	mu       sync.Mutex
	up, down int
}

func (f *feedbackCounter) change(from, to vote) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.add(from, -1)
	f.add(to, +1)
}

func (f *feedbackCounter) add(v vote, d int) {
	switch v {
	case voteHelpful:
		f.up += d
	case voteUnhelpful:
		f.down += d
	}
}

func (f *feedbackCounter) counts() (up, down int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.up, f.down
}

// answerStoreSize is how many recent answers keep working buttons.
const answerStoreSize = 5000

// storedAnswer is what a button press needs: the chat the answer was sent
// to, the question, the answer shown and the language it was shown in.
type storedAnswer struct {
	chatID   int64
	question string
	answer   retrieval.Answer
	lang     lang
}

type storedEntry struct {
	storedAnswer
	votes map[int64]vote
}

// answerStore keeps the most recent answers by a short ID; the oldest is
// forgotten when it is full, and its buttons then say "ask again".
type answerStore struct {
	prefix string
	size   int

	mu    sync.Mutex
	next  uint64
	order []string // ring of IDs, oldest at order[next%size]
	byID  map[string]*storedEntry
}

func newAnswerStore(size int, prefix string) *answerStore {
	return &answerStore{prefix: prefix, size: size, order: make([]string, size), byID: map[string]*storedEntry{}}
}

// put stores an answer sent to chatID and returns its ID.
func (s *answerStore) put(chatID int64, question string, a retrieval.Answer, l lang) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.prefix + strconv.FormatUint(s.next, 36)
	slot := int(s.next % uint64(s.size))
	delete(s.byID, s.order[slot])
	s.order[slot] = id
	s.byID[id] = &storedEntry{storedAnswer: storedAnswer{chatID: chatID, question: question, answer: a, lang: l}}
	s.next++
	return id
}

// get returns answer id if it was sent to chatID. Callback data comes from
// the client and can be forged; the chat of the pressed message comes from
// Telegram, so a button can only reach the answers of its own chat.
func (s *answerStore) get(id string, chatID int64) (storedAnswer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byID[id]
	if !ok || e.chatID != chatID {
		return storedAnswer{}, false
	}
	return e.storedAnswer, true
}

// update replaces the answer shown under id, after "more sources".
func (s *answerStore) update(id string, a retrieval.Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byID[id]; ok {
		e.answer = a
	}
}

// vote records user's vote on answer id and returns their previous one.
func (s *answerStore) vote(id string, user int64, v vote) (prev vote, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byID[id]
	if !ok {
		return noVote, false
	}
	if e.votes == nil {
		e.votes = map[int64]vote{}
	}
	prev = e.votes[user]
	e.votes[user] = v
	return prev, true
}

// moveChat files the answers sent to chat from under chat to, after a group
// became the supergroup to, so that their buttons keep working there.
func (s *answerStore) moveChat(from, to int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.byID {
		if e.chatID == from {
			e.chatID = to
		}
	}
}
