package bot

import (
	"container/list"
	"context"
	"hash/fnv"
	"strings"
	"sync"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Edited questions. Telegram sends an edited_message update when someone
// corrects a message. When the message was a question the bot answered, the
// bot edits that answer to fit the corrected question, so that no wrong
// answer is left standing; a question it had not answered (it was not one
// before the edit, or the answer is forgotten) is answered anew.

// answerMemorySize is how many recent questions the bot remembers the answer
// message of.
const answerMemorySize = 5000

// questionKey identifies a question message.
type questionKey struct {
	chatID    int64
	messageID int
}

// answerRef is the bot's message that answered a question, and a hash of
// its text, to leave an answer that would not change untouched.
type answerRef struct {
	messageID int
	textHash  uint64
}

// answerMemory maps the most recent questions to their answer messages; the
// least recently used is forgotten when it is full.
type answerMemory struct {
	size int

	mu    sync.Mutex
	order *list.List // of questionKey, most recent first
	byKey map[questionKey]answerMemoryEntry
}

type answerMemoryEntry struct {
	ref answerRef
	at  *list.Element
}

func newAnswerMemory(size int) *answerMemory {
	return &answerMemory{size: size, order: list.New(), byKey: map[questionKey]answerMemoryEntry{}}
}

// get returns the answer to question k and marks it recently used.
func (m *answerMemory) get(k questionKey) (answerRef, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.byKey[k]
	if !ok {
		return answerRef{}, false
	}
	m.order.MoveToFront(e.at)
	return e.ref, true
}

// put remembers ref as the answer to question k.
func (m *answerMemory) put(k questionKey, ref answerRef) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.byKey[k]; ok {
		m.order.MoveToFront(e.at)
		m.byKey[k] = answerMemoryEntry{ref: ref, at: e.at}
		return
	}
	m.byKey[k] = answerMemoryEntry{ref: ref, at: m.order.PushFront(k)}
	for m.order.Len() > m.size {
		oldest := m.order.Back()
		m.order.Remove(oldest)
		delete(m.byKey, oldest.Value.(questionKey))
	}
}

// moveChat files the questions of chat from under chat to, after a group
// became the supergroup to.
func (m *answerMemory) moveChat(from, to int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, e := range m.byKey {
		if k.chatID != from {
			continue
		}
		delete(m.byKey, k)
		moved := questionKey{chatID: to, messageID: k.messageID}
		e.at.Value = moved
		m.byKey[moved] = e
	}
}

// len is how many questions are remembered.
func (m *answerMemory) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.byKey)
}

func hashText(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// handleEditedMessage answers a corrected question: the bot's earlier answer
// is edited, or the question answered anew. Edits of anything that is not a
// question to the bot (other commands, other people's talk in a group) are
// ignored.
func (b *Bot) handleEditedMessage(ctx context.Context, m *models.Message) {
	if m.From == nil || m.From.IsBot || m.Text == "" {
		return
	}
	question, ok := b.editedQuestion(m)
	if !ok {
		return
	}
	b.answerQuestion(ctx, m, question, langFor(m.From.LanguageCode))
}

// editedQuestion is the question an edited message asks the bot, by the
// rules a new message follows: in private any text or /ask; in groups /ask
// for this bot, a mention or a reply to the bot.
func (b *Bot) editedQuestion(m *models.Message) (string, bool) {
	cmd, isCommand := parseCommand(m)
	switch m.Chat.Type {
	case models.ChatTypePrivate:
		if !isCommand {
			return m.Text, true
		}
		return cmd.args, cmd.name == "ask"
	case models.ChatTypeGroup, models.ChatTypeSupergroup:
		if isCommand {
			return cmd.args, cmd.name == "ask" && cmd.forBot(b.me.Username) && cmd.args != ""
		}
		question, addressed := b.addressedQuestion(m)
		return question, addressed && strings.TrimSpace(question) != ""
	}
	return "", false
}

// deliverAnswer sends the answer (or refusal) text to question m. When m is
// an edit of a question the bot answered, the earlier answer is edited
// instead, and left alone when its text would not change; if that edit
// fails (the answer was deleted, say), a new answer is sent. A new answer
// goes through the chat's outbox and is remembered once it is sent; an edit
// that comes while it still waits there is answered anew.
func (b *Bot) deliverAnswer(ctx context.Context, m *models.Message, text string, markup models.ReplyMarkup) {
	key := questionKey{chatID: m.Chat.ID, messageID: m.ID}
	ref := answerRef{textHash: hashText(text)}
	if m.EditDate != 0 {
		if prev, ok := b.answered.get(key); ok {
			if prev.textHash == ref.textHash {
				return
			}
			if b.editAnswer(ctx, m.Chat.ID, prev.messageID, text, markup) {
				ref.messageID = prev.messageID
				b.answered.put(key, ref)
				return
			}
		}
	}
	b.sendHTML(ctx, replyDestination(m), text, markup, func(sent *models.Message) {
		ref.messageID = sent.ID
		b.answered.put(questionKey{chatID: sent.Chat.ID, messageID: m.ID}, ref)
	})
}

// editAnswer replaces the text and buttons of the bot's message messageID;
// a nil markup removes the buttons. It reports whether the edit was made.
func (b *Bot) editAnswer(ctx context.Context, chatID int64, messageID int, text string, markup models.ReplyMarkup) bool {
	params := &tgbot.EditMessageTextParams{
		ChatID:             chatID,
		MessageID:          messageID,
		Text:               text,
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: noPreview(),
		ReplyMarkup:        markup,
	}
	if _, err := callWithRetry(ctx, b, "editMessageText", func(ctx context.Context) (*models.Message, error) {
		return b.api.EditMessageText(ctx, params)
	}); err != nil {
		b.log.Warn("editing the answer to a corrected question failed; answering anew", "chat_id", chatID, "err", err)
		return false
	}
	return true
}
