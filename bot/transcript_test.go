package bot

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// visibleText is the text of an HTML message as the user sees it.
func visibleText(html string) string {
	text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(html, "")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&").Replace(text)
}

// TestANewUsersFirstSteps walks a new user through the bot as the README
// tells it: the profile before Start, /start, a question, the full passage,
// a corrected question, the bot joining a forum group, a question in a
// topic, and inline mode with its way back to the private chat. Run with -v
// to read the transcript.
func TestANewUsersFirstSteps(t *testing.T) {
	h := startBot(t)
	newUser := testUser{id: 4004, lang: "en"}
	say := func(who, text string) { t.Logf("%s: %s\n", who, text) }
	botSays := func(c apiCall) string {
		text := visibleText(c.Params["text"])
		var buttons []string
		for _, row := range c.buttons() {
			for _, b := range row {
				buttons = append(buttons, "["+b.Text+"]")
			}
		}
		if len(buttons) > 0 {
			text += "\n    " + strings.Join(buttons, " ")
		}
		if c.threadID() != 0 {
			text = "(in the topic) " + text
		}
		say("bot", text)
		return text
	}

	h.tg.waitCount(0, 2*len(profileLanguages()), func(c apiCall) bool {
		return (c.Method == "setMyDescription" || c.Method == "setMyShortDescription") && c.Refused == ""
	})
	desc, _ := h.profileCalls(0)
	say("profile (before Start)", desc[""])

	say("user", "/start")
	start := botSays(h.sendPrivate(newUser, "/start"))
	if !strings.Contains(start, "How to ask") {
		t.Errorf("/start does not say how to ask")
	}

	say("user", membersQuestion)
	from := h.mark()
	q := h.tg.privateMessage(newUser, membersQuestion)
	h.tg.push(models.Update{Message: q})
	answer := h.waitSent(from, newUser.id)
	if !strings.Contains(botSays(answer), "Kazakhstan") {
		t.Errorf("no answer")
	}

	passage, _ := answer.button("p:")
	say("user", "presses "+passage.Text)
	from = h.mark()
	h.press(newUser, newUser.id, answer.MessageID, passage.CallbackData)
	botSays(h.waitSent(from, newUser.id))

	say("user", "edits the question to: "+allianceQuestion)
	from = h.mark()
	edited := *q
	edited.Text, edited.EditDate = allianceQuestion, int(time.Now().Unix())
	h.waitHandled(h.tg.push(models.Update{EditedMessage: &edited}))
	edits := h.sentAfter(from, "editMessageText")
	if len(edits) != 1 {
		t.Fatalf("the corrected question did not edit the answer: %v", h.tg.allCalls()[from:])
	}
	say("bot", "(edits its answer in place)")
	botSays(edits[0])

	say("user", "adds the bot to the forum group \"CSTO watchers\"")
	h.tg.makeForum(forumGroup)
	from = h.mark()
	group := models.Chat{ID: forumGroup, Type: models.ChatTypeSupergroup, Title: "CSTO watchers", IsForum: true}
	h.waitHandled(h.tg.push(h.memberUpdate(group, newUser, models.ChatMemberTypeLeft, models.ChatMemberTypeMember)))
	botSays(h.waitSent(from, forumGroup))

	const topicQuestion = "Which country asked the CSTO for help in January?"
	say("user (in the topic \"Summits\")", "/ask "+topicQuestion)
	from = h.mark()
	h.tg.push(models.Update{Message: h.tg.topicMessage(newUser, forumGroup, 12, "/ask "+topicQuestion)})
	inTopic := h.waitSent(from, forumGroup)
	botSays(inTopic)
	if inTopic.threadID() != 12 {
		t.Errorf("the answer left the topic")
	}

	say("user (any chat, inline)", "@"+h.tg.me.Username+" "+membersQuestion)
	from = h.mark()
	h.tg.push(models.Update{InlineQuery: &models.InlineQuery{ID: "iq-tour", From: newUser.user(), Query: membersQuestion}})
	inline := h.waitAfter(from, func(c apiCall) bool { return c.Method == "answerInlineQuery" })
	for i, r := range inline.inlineResults() {
		say("inline result "+string(rune('1'+i)), r.Title+" — "+r.Description)
	}
	button := inline.inlineButton()
	say("inline button", button.Text+" (start="+button.StartParameter+")")
	say("user", "presses it; Telegram sends /start "+button.StartParameter)
	if !strings.Contains(botSays(h.sendPrivate(newUser, "/start "+button.StartParameter)), "Kazakhstan") {
		t.Errorf("the way back from inline mode does not answer")
	}
}
