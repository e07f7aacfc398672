package bot

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestPrivateQuestionGetsTheAnswerWithCitations(t *testing.T) {
	h := startBot(t)
	reply := h.sendPrivate(plainUser, membersQuestion)
	text := reply.Params["text"]

	if reply.Params["parse_mode"] != "HTML" || !reply.linkPreviewDisabled() {
		t.Errorf("want parse_mode HTML and link previews off, got %q, preview disabled %v", reply.Params["parse_mode"], reply.linkPreviewDisabled())
	}
	for _, want := range []string{
		// the answer sentence with the matched words in bold; "which
		// countries" is matched by every country the answer names
		"<b>Armenia</b>, <b>Belarus</b>, <b>Kazakhstan</b>, <b>Kyrgyzstan</b>, <b>Russia</b> and <b>Tajikistan</b> are the <b>members</b> of the <b>CSTO</b>.",
		"<b>Sources</b>",
		// the citation, with article metadata escaped
		"[1] <b>What the CSTO is &amp; who belongs to it</b> — Test &lt;Wire&gt;, 2022-11-23",
		"<blockquote>",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the reply lacks %q:\n%s", want, text)
		}
	}
	if reply.replyTo() != 0 {
		t.Errorf("in a private chat the answer is a plain message, not a reply")
	}
	if _, ok := reply.button("p:"); !ok {
		t.Errorf("no full-passage button: %v", reply.buttons())
	}
	for _, vote := range []string{":u", ":d"} {
		found := false
		for _, row := range reply.buttons() {
			for _, b := range row {
				found = found || (strings.HasPrefix(b.CallbackData, "v:") && strings.HasSuffix(b.CallbackData, vote))
			}
		}
		if !found {
			t.Errorf("no feedback button %s: %v", vote, reply.buttons())
		}
	}
}

func TestPrivateQuestionNotCoveredIsRefusedWithExamples(t *testing.T) {
	h := startBot(t)
	reply := h.sendPrivate(plainUser, borschtQuestion)
	text := reply.Params["text"]
	if !strings.Contains(text, "don't cover “What is the recipe for borscht?”") {
		t.Errorf("the refusal does not say the articles don't cover the question:\n%s", text)
	}
	// Every example offered must be one the index really answers.
	examples := 0
	for _, line := range strings.Split(text, "\n") {
		q, ok := strings.CutPrefix(line, "• ")
		if !ok {
			continue
		}
		examples++
		if again := h.sendPrivate(plainUser, q); !strings.Contains(again.Params["text"], "[1]") {
			t.Errorf("example %q is not answered: %s", q, again.Params["text"])
		}
	}
	if examples < 2 || examples > 3 {
		t.Errorf("want two or three example questions, got %d:\n%s", examples, text)
	}
	if len(reply.buttons()) != 0 {
		t.Errorf("a refusal has no buttons: %v", reply.buttons())
	}
}

func TestStartAndHelpDescribeTheArticles(t *testing.T) {
	h := startBot(t)
	for _, tc := range []struct {
		user      testUser
		command   string
		want      []string
		wantAdmin bool
	}{
		{plainUser, "/start", []string{"3 news articles published 2022-01-13 to 2022-11-27",
			"• Armenia criticises the Russia-led bloc — Sample Daily, 2022-11-27",
			"What the CSTO is &amp; who belongs to it — Test &lt;Wire&gt;",
			"/ask", "@AllianceTestBot"}, false},
		{plainUser, "/help", []string{"How to ask", "In groups", "In any chat"}, false},
		{adminUser, "/help", []string{"/reload", ".txt, .md or .html", "/articles"}, true},
		{russianUser, "/start", []string{"Я отвечаю на вопросы", "с 2022-01-13 по 2022-11-27", "В группах"}, false},
	} {
		t.Run(tc.command+"/"+tc.user.lang, func(t *testing.T) {
			text := h.sendPrivate(tc.user, tc.command).Params["text"]
			for _, want := range tc.want {
				if !strings.Contains(text, want) {
					t.Errorf("%s lacks %q:\n%s", tc.command, want, text)
				}
			}
			if got := strings.Contains(text, "/reload"); got != tc.wantAdmin {
				t.Errorf("admin section shown = %v, want %v:\n%s", got, tc.wantAdmin, text)
			}
		})
	}
}

func TestRussianSpeakersGetRussianMessages(t *testing.T) {
	h := startBot(t)
	answer := h.sendPrivate(russianUser, membersQuestion).Params["text"]
	if !strings.Contains(answer, "<b>Источники</b>") {
		t.Errorf("the answer's labels are not in Russian:\n%s", answer)
	}
	refusal := h.sendPrivate(russianUser, borschtQuestion).Params["text"]
	if !strings.Contains(refusal, "В моих статьях нет ответа") {
		t.Errorf("the refusal is not in Russian:\n%s", refusal)
	}
}

func TestUnusualPrivateMessagesGetAShortNote(t *testing.T) {
	h := startBot(t)
	for _, tc := range []struct {
		name string
		edit func(*models.Message)
		want string
	}{
		{"too long", func(m *models.Message) { m.Text = strings.Repeat("Why does the CSTO exist? ", 60) }, "too long"},
		{"sticker", func(m *models.Message) { m.Text, m.Sticker = "", &models.Sticker{FileID: "s1", Emoji: "🙂"} }, "I only read text"},
		{"photo", func(m *models.Message) {
			m.Text, m.Photo = "", []models.PhotoSize{{FileID: "p1", Width: 10, Height: 10}}
		}, "I only read text"},
		{"unknown command", func(m *models.Message) { m.Text = "/weather"; m.Entities = textEntities(m.Text) }, "don't know that command"},
		{"empty ask", func(m *models.Message) { m.Text = "/ask"; m.Entities = textEntities(m.Text) }, "Ask me a question"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := h.tg.privateMessage(plainUser, "placeholder")
			tc.edit(m)
			from := h.mark()
			h.tg.push(models.Update{Message: m})
			if text := h.waitSent(from, plainUser.id).Params["text"]; !strings.Contains(text, tc.want) {
				t.Errorf("reply %q lacks %q", text, tc.want)
			}
		})
	}
}

// TestHTMLStaysValidWhateverTheUserTyped sends questions full of HTML and
// entity look-alikes; the fake server refuses any message that would not
// parse, so a passing test means every reply was valid.
func TestHTMLStaysValidWhateverTheUserTyped(t *testing.T) {
	h := startBot(t)
	for _, q := range []string{
		"<b>unclosed bold and a borscht recipe",
		"</blockquote></b> & &amp; &lt; &#x41; &bogus; borscht",
		"<script>alert('borscht')</script>",
		`"quotes" 'and' <a href="x">links</a> to borscht`,
		"members of the CSTO <i>really</i> & truly?",
		"emoji 🇷🇺🇦🇲 and ZWJ 👩‍👩‍👧 with <tg-spoiler>borscht</tg-spoiler>",
		strings.Repeat("<>&\"", 300),
	} {
		reply := h.sendPrivate(plainUser, q)
		if reply.Refused != "" {
			t.Errorf("question %q: Telegram would refuse the reply: %s", q, reply.Refused)
		}
		if strings.Contains(reply.Params["text"], "<script>") || strings.Contains(reply.Params["text"], "<i>really") {
			t.Errorf("question %q: the user's markup got into the reply unescaped:\n%s", q, reply.Params["text"])
		}
	}
}
