package bot

import (
	"context"
	"sort"
	"strings"
	"time"
	"unicode/utf16"
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

// command is a bot command at the start of a message: "/ask@alliancebot
// why?" is {name: "ask", target: "alliancebot", args: "why?"}.
type command struct {
	name, target, args string
}

// parseCommand reads the bot command that starts m's text, if any.
func parseCommand(m *models.Message) (command, bool) {
	for _, e := range m.Entities {
		if e.Type != models.MessageEntityTypeBotCommand || e.Offset != 0 {
			continue
		}
		start, end, ok := entitySpan(m.Text, e)
		if !ok || end-start < 2 {
			return command{}, false
		}
		name, target, _ := strings.Cut(m.Text[start+1:end], "@")
		return command{name: strings.ToLower(name), target: target, args: strings.TrimSpace(m.Text[end:])}, true
	}
	return command{}, false
}

// forBot reports whether the command is meant for the bot called username:
// it names no bot, or names this one.
func (c command) forBot(username string) bool {
	return c.target == "" || strings.EqualFold(c.target, username)
}

// entitySpan converts an entity's offset and length, which Telegram counts
// in UTF-16 code units, to byte offsets in text.
func entitySpan(text string, e models.MessageEntity) (start, end int, ok bool) {
	units := 0
	start, end = -1, -1
	for i, r := range text {
		if units == e.Offset {
			start = i
		}
		if units == e.Offset+e.Length {
			end = i
			break
		}
		units += utf16.RuneLen(r)
	}
	if end < 0 && units == e.Offset+e.Length {
		end = len(text)
	}
	if start < 0 || end < start {
		return 0, 0, false
	}
	return start, end, true
}

// admit applies the per-user rate limit to a message; it tells the user
// once to slow down and then drops their messages until the bucket refills.
func (b *Bot) admit(ctx context.Context, m *models.Message, l lang) bool {
	if b.allowOrWarn(ctx, m, l) {
		return true
	}
	b.log.Info("rate limited", "user_id", m.From.ID, "chat_type", m.Chat.Type)
	return false
}

// allowOrWarn is admit without the log line, for callers that log the
// refusal their own way.
func (b *Bot) allowOrWarn(ctx context.Context, m *models.Message, l lang) bool {
	ok, warn := b.limiter.allow(m.From.ID)
	if !ok && warn {
		b.reply(ctx, m, l.text(msgSlowDown), nil)
	}
	return ok
}

// answerQuestion answers question, asked in message m, with the answer and
// its citations and buttons, or with a short refusal.
func (b *Bot) answerQuestion(ctx context.Context, m *models.Message, question string, l lang) {
	question = strings.TrimSpace(question)
	event := questionEvent{channel: chatChannel(m.Chat), userID: m.From.ID, question: question}
	if !b.allowOrWarn(ctx, m, l) {
		event.outcome = outcomeRateLimited
		b.observeQuestion(ctx, event)
		return
	}
	if n := utf8.RuneCountInString(question); n > retrieval.MaxQuestionRunes {
		event.outcome = outcomeRefused
		b.observeQuestion(ctx, event)
		b.reply(ctx, m, l.text(msgTooLong, n, retrieval.MaxQuestionRunes), nil)
		return
	}
	start := time.Now()
	a := b.answerer.AnswerWith(ctx, question, retrieval.Options{Citations: chatCitations})
	event.answer, event.took, event.outcome = &a, time.Since(start), answerOutcome(a)
	b.observeQuestion(ctx, event)
	if !a.Found {
		b.reply(ctx, m, b.refusalText(ctx, a, question, l), nil)
		return
	}
	id := b.answers.put(question, a, l)
	b.reply(ctx, m, formatAnswer(a, l), answerKeyboard(id, a, l))
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

// examples returns up to three example questions in l that the serving
// index answers; if it answers none (it is still loading, say), all of them.
func (b *Bot) examples(ctx context.Context, l lang) []string {
	var working []string
	for _, q := range exampleQuestions[l] {
		if b.answerer.AnswerWith(ctx, q, retrieval.Options{Citations: 1}).Found {
			working = append(working, q)
		}
	}
	if len(working) == 0 {
		return exampleQuestions[l]
	}
	return working
}

// helpText is the /start and /help message: what the bot knows, how to ask
// in private, in groups and inline, and for admins the admin commands.
func (b *Bot) helpText(ctx context.Context, userID int64, l lang) string {
	lines := []string{l.text(msgHelpTitle), ""}
	stats := b.answerer.Stats()
	if !stats.Ready || len(stats.Articles) == 0 {
		lines = append(lines, l.text(msgHelpNotReady))
	} else {
		lines = append(lines, knownArticles(stats.Articles, l)...)
	}
	mention := "@" + b.me.Username
	lines = append(lines, "",
		l.text(msgHelpHowToAsk)+bulletList(b.examples(ctx, l)), "",
		l.text(msgHelpGroups, escapeHTML(mention)), "",
		l.text(msgHelpInline, escapeHTML(mention)))
	if b.isAdmin(userID) {
		lines = append(lines, "", l.text(msgHelpAdmin))
	}
	return fitMessage(strings.Join(lines, "\n"))
}

// maxListedArticles is how many article titles /help lists.
const maxListedArticles = 10

// knownArticles lists the indexed articles, newest first, after a line
// giving their number and date range.
func knownArticles(articles []retrieval.ArticleInfo, l lang) []string {
	sorted := append([]retrieval.ArticleInfo(nil), articles...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Published > sorted[j].Published })
	var first, last string
	for _, a := range sorted {
		if a.Published == "" {
			continue
		}
		if last == "" {
			last = a.Published
		}
		first = a.Published
	}
	var lines []string
	if first == "" {
		lines = append(lines, l.text(msgHelpKnowsUndated, len(sorted)))
	} else {
		lines = append(lines, l.text(msgHelpKnows, len(sorted), first, last))
	}
	for i, a := range sorted {
		if i == maxListedArticles {
			lines = append(lines, l.text(msgHelpMoreArticles, len(sorted)-i))
			break
		}
		line := "• " + escapeHTML(plainTrim(a.Title, maxTitleRunes))
		src := sourceAndDate(retrieval.Citation{Source: a.Outlet, Published: a.Published})
		if src != "" {
			line += " — " + escapeHTML(src)
		}
		lines = append(lines, line)
	}
	return lines
}
