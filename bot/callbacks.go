package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/retrieval"
)

// Buttons under an answer carry callback data "<kind>:<answer id>[:<arg>]":
//
//	p:<id>:<n>  show the full passage of citation n
//	m:<id>      show more sources (edits the answer in place)
//	v:<id>:u    👍, and v:<id>:d 👎
//
// The answer itself lives in answerStore; callback data is capped at 64
// bytes, too short for a question.
const (
	callbackPassage = "p"
	callbackMore    = "m"
	callbackVote    = "v"
	voteUp          = "u"
	voteDown        = "d"
)

// keyboardButton is an inline keyboard button with a callback. It replaces
// models.InlineKeyboardButton, which always serialises an empty "copy_text"
// object that the Bot API may reject (BUTTON_COPY_TEXT_INVALID).
type keyboardButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
	// SwitchInlineQuery, when set, makes a share button (deeplink.go).
	SwitchInlineQuery *string `json:"switch_inline_query,omitempty"`
}

// inlineKeyboard is the reply_markup of a message with buttons.
type inlineKeyboard struct {
	InlineKeyboard [][]keyboardButton `json:"inline_keyboard"`
}

// answerKeyboard builds the buttons under an answer: one per citation for
// its full passage, "more sources" when there may be more, feedback, and
// sharing the question.
func answerKeyboard(id string, a retrieval.Answer, l lang) inlineKeyboard {
	var passages []keyboardButton
	for _, c := range a.Citations {
		passages = append(passages, keyboardButton{
			Text:         l.text(msgButtonPassage, c.N),
			CallbackData: fmt.Sprintf("%s:%s:%d", callbackPassage, id, c.N),
		})
	}
	var last []keyboardButton
	// An answer that filled all the citations it asked for may have more.
	if len(a.Citations) >= chatCitations && len(a.Citations) < moreCitations {
		last = append(last, keyboardButton{Text: l.text(msgButtonMore), CallbackData: callbackMore + ":" + id})
	}
	last = append(last,
		keyboardButton{Text: l.text(msgButtonUp), CallbackData: callbackVote + ":" + id + ":" + voteUp},
		keyboardButton{Text: l.text(msgButtonDown), CallbackData: callbackVote + ":" + id + ":" + voteDown},
		shareButton(a.Question, l),
	)
	var rows [][]keyboardButton
	if len(passages) > 0 {
		rows = append(rows, passages)
	}
	return inlineKeyboard{InlineKeyboard: append(rows, last)}
}

// handleCallback handles a button press. Every press is answered with
// answerCallbackQuery, even when the answer has expired or the handler
// panics, so the button never spins forever in the user's app.
func (b *Bot) handleCallback(ctx context.Context, q *models.CallbackQuery) {
	l := langFor(q.From.LanguageCode)
	notice := ""
	defer func() {
		params := &tgbot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: notice}
		if _, err := callWithRetry(ctx, b, "answerCallbackQuery", func(ctx context.Context) (bool, error) {
			return b.api.AnswerCallbackQuery(ctx, params)
		}); err != nil {
			b.log.Error("answer callback failed", "user_id", q.From.ID, "err", err)
		}
	}()
	kind, rest, _ := strings.Cut(q.Data, ":")
	if kind == callbackArticles {
		notice = b.pageArticles(ctx, q, rest, l)
		return
	}
	id, arg, _ := strings.Cut(rest, ":")
	chatID, inChat := pressedChat(q)
	stored, ok := b.answers.get(id, chatID)
	if !inChat || !ok {
		notice = l.text(msgCallbackExpired)
		return
	}
	// A press that sends or edits a message counts against the user's rate
	// limit, as a question does; a vote only changes a counter.
	if (kind == callbackPassage || kind == callbackMore) && !b.allowPress(q, kind) {
		notice = l.text(msgCallbackSlowDown)
		return
	}
	switch kind {
	case callbackPassage:
		notice = b.showPassage(ctx, q, stored, arg, l)
	case callbackMore:
		notice = b.showMoreSources(ctx, q, id, stored, l)
	case callbackVote:
		notice = b.recordVote(q, id, stored, arg, l)
	default:
		notice = l.text(msgCallbackExpired)
	}
}

// pressedChat is the chat of the message whose button was pressed, as
// Telegram reports it; ok is false for a press without one (a message sent
// inline, which has no buttons of this bot).
func pressedChat(q *models.CallbackQuery) (chatID int64, ok bool) {
	switch {
	case q.Message.Message != nil:
		return q.Message.Message.Chat.ID, true
	case q.Message.InaccessibleMessage != nil:
		return q.Message.InaccessibleMessage.Chat.ID, true
	}
	return 0, false
}

// showPassage sends the full passage of citation n as a reply to the answer.
func (b *Bot) showPassage(ctx context.Context, q *models.CallbackQuery, s storedAnswer, arg string, l lang) string {
	msg := q.Message.Message
	n, err := strconv.Atoi(arg)
	if err != nil || msg == nil {
		return l.text(msgCallbackExpired)
	}
	for _, c := range s.answer.Citations {
		if c.N == n {
			b.sendHTML(ctx, answerDestination(msg), formatPassage(c, s.lang), nil, nil)
			return ""
		}
	}
	return l.text(msgCallbackExpired)
}

// showMoreSources asks again for up to moreCitations sources and edits the
// answer in place.
func (b *Bot) showMoreSources(ctx context.Context, q *models.CallbackQuery, id string, s storedAnswer, l lang) string {
	msg := q.Message.Message
	if msg == nil {
		return l.text(msgCallbackExpired)
	}
	more := b.answerer.AnswerWith(ctx, s.question, retrieval.Options{Citations: moreCitations})
	if !more.Found || len(more.Citations) <= len(s.answer.Citations) {
		return l.text(msgCallbackNoMore)
	}
	b.answers.update(id, more)
	params := &tgbot.EditMessageTextParams{
		ChatID:             msg.Chat.ID,
		MessageID:          msg.ID,
		Text:               formatAnswer(more, s.lang),
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: noPreview(),
		ReplyMarkup:        answerKeyboard(id, more, s.lang),
	}
	b.outbox.enqueue(ctx, msg.Chat.ID, "editMessageText", "edit message failed", func(ctx context.Context) error {
		_, err := callWithRetry(ctx, b, "editMessageText", func(ctx context.Context) (msg *models.Message, err error) {
			err = b.outbox.request(func(ctx context.Context) error {
				msg, err = b.api.EditMessageText(ctx, params)
				return err
			})
			return msg, err
		})
		return err
	})
	return ""
}

// recordVote counts a 👍 or 👎; a user's second press of the same button is
// not counted again, a press of the other one changes their vote.
func (b *Bot) recordVote(q *models.CallbackQuery, id string, s storedAnswer, arg string, l lang) string {
	var v vote
	switch arg {
	case voteUp:
		v = voteHelpful
	case voteDown:
		v = voteUnhelpful
	default:
		return l.text(msgCallbackExpired)
	}
	prev, ok := b.answers.vote(id, q.From.ID, v)
	if !ok {
		return l.text(msgCallbackExpired)
	}
	if prev == v {
		return l.text(msgCallbackAlready)
	}
	b.feedback.change(prev, v)
	b.metrics.votes.WithLabelValues(v.label()).Inc()
	up, down := b.feedback.counts()
	b.log.Info("feedback", "user_id", q.From.ID, "answer_id", id, "helpful", v == voteHelpful,
		"total_up", up, "total_down", down)
	// The question only at debug level, as in the per-question line.
	b.log.Debug("feedback question", "answer_id", id, "question", s.question)
	return l.text(msgCallbackThanks)
}
