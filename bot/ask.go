package bot

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/retrieval"
)

// chatCitations is how many sources an answer in a chat starts with; the
// "more sources" button asks for moreCitations.
const (
	chatCitations = 3
	moreCitations = 5
)

// answerQuestion answers question, asked in message m, with the answer and
// its citations and buttons, or with a short refusal. While the engine
// works for more than a moment the chat shows "typing"; the answer to a
// corrected question replaces the earlier one (deliverAnswer).
func (b *Bot) answerQuestion(ctx context.Context, m *models.Message, question string, l lang) {
	question = strings.TrimSpace(stripControl(question))
	event := questionEvent{channel: chatChannel(m.Chat), userID: m.From.ID, question: question}
	if !b.allowOrWarn(ctx, m, l) {
		event.outcome = outcomeRateLimited
		b.observeQuestion(ctx, event)
		return
	}
	// An over-long question goes to the engine too: it refuses it
	// (RefusedTooLong) before doing any work, and refusalText says so with
	// the count. No earlier check is needed: Telegram caps a message at
	// 4096 characters, and the rate limit has already been applied.
	start := time.Now()
	stopTyping := b.showTyping(ctx, replyDestination(m))
	a := b.answerer.AnswerWith(ctx, question, retrieval.Options{Citations: chatCitations})
	stopTyping()
	event.answer, event.took, event.outcome = &a, time.Since(start), answerOutcome(a)
	b.observeQuestion(ctx, event)
	if !a.Found {
		b.deliverAnswer(ctx, m, b.refusalText(ctx, a, question, l), nil)
		return
	}
	id := b.answers.put(m.Chat.ID, question, a, l)
	b.deliverAnswer(ctx, m, formatAnswer(a, l), answerKeyboard(id, a, l))
}

// refusalText is the reply to a question the engine did not answer: why
// not, and for questions it does not cover, examples that work.
func (b *Bot) refusalText(ctx context.Context, a retrieval.Answer, question string, l lang) string {
	switch a.Refusal {
	case retrieval.RefusedEmpty:
		return l.text(msgEmptyQuestion) + bulletList(b.examples(ctx, l))
	case retrieval.RefusedTooLong:
		return l.text(msgTooLong, utf8.RuneCountInString(question), retrieval.MaxQuestionRunes)
	case retrieval.RefusedNoIndex:
		return l.text(msgNoIndex)
	}
	echo := escapeHTML(plainTrim(question, maxEchoRunes))
	return l.text(msgNotCovered, echo) + "\n\n" + l.text(msgNotCoveredExamples) + bulletList(b.examples(ctx, l))
}

// stripControl removes control characters (NUL, ESC, DEL, …) but line
// breaks and tabs from a question: they mean nothing to the engine, and a
// reply that quotes the question must not carry them back.
func stripControl(s string) string {
	if strings.IndexFunc(s, isControlButSpace) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControlButSpace(r) {
			return -1
		}
		return r
	}, s)
}

func isControlButSpace(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t'
}
