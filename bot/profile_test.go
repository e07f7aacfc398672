package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/retrieval"
)

// profileCalls returns the last description and short description set per
// language code, after call number from.
func (h *harness) profileCalls(from int) (desc, short map[string]string) {
	desc, short = map[string]string{}, map[string]string{}
	for _, c := range h.tg.allCalls()[from:] {
		switch {
		case c.Refused != "":
		case c.Method == "setMyDescription":
			desc[c.Params["language_code"]] = c.Params["description"]
		case c.Method == "setMyShortDescription":
			short[c.Params["language_code"]] = c.Params["short_description"]
		}
	}
	return desc, short
}

func TestProfileSaysWhatTheBotKnowsAndFollowsReloads(t *testing.T) {
	h := startBot(t)
	languages := profileLanguages()
	isProfile := func(c apiCall) bool {
		return (c.Method == "setMyDescription" || c.Method == "setMyShortDescription") && c.Refused == ""
	}
	h.tg.waitCount(0, 2*len(languages), isProfile)
	desc, short := h.profileCalls(0)
	for _, code := range languages {
		if desc[code] == "" || short[code] == "" {
			t.Fatalf("no profile texts for language %q: %q / %q", code, desc[code], short[code])
		}
	}
	// The test corpus: three articles of three outlets, 2022-01-13 to 2022-11-27.
	for _, want := range []string{"3 news articles", "Test <Wire>", "Example News", "2022-01-13", "2022-11-27", "@" + h.tg.me.Username, "/ask"} {
		if !strings.Contains(desc[""], want) {
			t.Errorf("the English description lacks %q:\n%s", want, desc[""])
		}
	}
	for _, code := range []string{"ru", "uk", "kk"} {
		if !strings.Contains(desc[code], "3 новостные статьи") || !strings.Contains(desc[code], "ОДКБ") {
			t.Errorf("the %s description is not the Russian one:\n%s", code, desc[code])
		}
	}
	if !strings.Contains(short[""], "3 news articles (2022)") {
		t.Errorf("the short description lacks the count and year: %q", short[""])
	}
	t.Logf("description (en):\n%s\n\nshort (en): %s\n\ndescription (ru):\n%s\n\nshort (ru): %s", desc[""], short[""], desc["ru"], short["ru"])

	// A reload that changes nothing sets nothing.
	from := h.mark()
	id := h.tg.push(models.Update{Message: h.tg.privateMessage(adminUser, "/reload")})
	h.waitHandled(id)
	if d, s := h.profileCalls(from); len(d)+len(s) != 0 {
		t.Errorf("an unchanged reload set the profile again: %v %v", d, s)
	}

	// A reload that adds an article says so in every language.
	data, err := os.ReadFile("testdata/new/csto_drills.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.dir, "csto_drills.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	from = h.mark()
	id = h.tg.push(models.Update{Message: h.tg.privateMessage(adminUser, "/reload")})
	h.waitHandled(id)
	desc, short = h.profileCalls(from)
	for _, code := range languages {
		want := "4 news articles"
		if langFor(code) == langRU {
			want = "4 новостные статьи"
		}
		if !strings.Contains(desc[code], want) || !strings.Contains(desc[code], "2023-09-01") {
			t.Errorf("after adding an article the %q description is %q", code, desc[code])
		}
		if !strings.Contains(short[code], "2022–2023") {
			t.Errorf("after adding an article the %q short description is %q", code, short[code])
		}
	}
}

func TestProfileTextsFitTelegramsLimits(t *testing.T) {
	h := startBot(t)
	stats := h.engine.Stats()
	stats.Articles = append([]retrieval.ArticleInfo(nil), stats.Articles...) // the engine's own slice stays
	// Many long outlet names must not push the texts past the limits.
	for i := range stats.Articles {
		stats.Articles[i].Outlet = strings.Repeat("Outlet with a very long name ", 3) + string(rune('A'+i))
	}
	for _, l := range []lang{langEN, langRU} {
		p := h.bot.profileTextsFor(stats, l)
		if n := len([]rune(p.description)); n > maxDescription {
			t.Errorf("description in %v has %d characters", l, n)
		}
		if n := len([]rune(p.short)); n > maxShortDescription {
			t.Errorf("short description in %v has %d characters", l, n)
		}
		if !strings.Contains(p.description, "…") {
			t.Errorf("with more than %d outlets the description should say there are more: %s", maxProfileOutlets, p.description)
		}
	}
}
