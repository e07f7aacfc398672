package bot

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alliancebot/alliancebot/ingest"
)

// newsSite serves the web page fixtures of testdata/html on 127.0.0.1 and
// counts its requests.
type newsSite struct {
	*httptest.Server
	requests atomic.Int64
}

func startNewsSite(t *testing.T) *newsSite {
	t.Helper()
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "html", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	pages := map[string]struct {
		ct   string
		body []byte
	}{
		"/news/csto-drills-tajikistan": {"text/html; charset=utf-8", read("csto_exercise.html")},
		"/ru/odkb-minsk":               {"text/html; charset=windows-1251", read("odkb_minsk_cp1251.html")},
		"/login":                       {"text/html", read("no_article.html")},
		"/reprint/csto-force":          {"text/html; charset=utf-8", read("csto_exercise_reprint.html")},
		"/report.pdf":                  {"application/pdf", []byte("%PDF-1.4\n")},
	}
	s := &newsSite{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", p.ct)
		w.Write(p.body)
	}))
	t.Cleanup(s.Close)
	return s
}

// withLocalLinks lets the bot fetch from the loopback news site, as
// FETCH_ALLOW_PRIVATE=true does.
func withLocalLinks(dir *string) func(*botSetup) {
	return func(s *botSetup) {
		s.cfg.Adder = &ingest.Adder{Dir: s.cfg.CorpusDir, Fetcher: ingest.NewFetcher(ingest.FetchConfig{AllowPrivate: true, Timeout: 5 * time.Second})}
		s.cfg.RemovedDir = *dir
	}
}

const tajikQuestion = "Which region of Tajikistan hosted the CSTO rapid reaction force exercises?"

func TestAdminLinkIsAnsweredRightAfter(t *testing.T) {
	site := startNewsSite(t)
	removed := t.TempDir()
	h := startBot(t, withLocalLinks(&removed))
	if text := h.sendPrivate(plainUser, tajikQuestion).Params["text"]; strings.Contains(text, "Khatlon") {
		t.Fatalf("answered before the link was added: %s", text)
	}
	link := site.URL + "/news/csto-drills-tajikistan"
	reply := h.sendPrivate(adminUser, link).Params["text"]
	t.Logf("admin sees:\n%s", reply)
	for _, want := range []string{"✅ Added “CSTO rapid reaction force ends drills in Tajikistan”", "Steppe Herald, 2023-10-14",
		"https://steppe-herald.example/world/2023/10/14/csto-drills-tajikistan", "csto-drills-tajikistan.txt", "The Collective Rapid Reaction Force"} {
		if !strings.Contains(reply, want) {
			t.Errorf("the reply lacks %q", want)
		}
	}
	if strings.Contains(reply, " 0 passages") {
		t.Errorf("no passages were indexed: %s", reply)
	}
	if strings.Contains(reply, "never names the CSTO") {
		t.Errorf("a page about the CSTO got the off-topic note: %s", reply)
	}
	answer := h.sendPrivate(plainUser, tajikQuestion).Params["text"]
	if !strings.Contains(answer, "Khatlon") || !strings.Contains(answer, "CSTO rapid reaction force ends drills in Tajikistan") {
		t.Errorf("the new article is not answered:\n%s", answer)
	}
	if !strings.Contains(h.logs.String(), `msg="article added from a link" user_id=1001`) {
		t.Errorf("the addition is not logged with the admin's ID")
	}

	// The same page again, by /add: not stored twice.
	again := h.sendPrivate(adminUser, "/add "+link).Params["text"]
	t.Logf("admin sees:\n%s", again)
	if !strings.Contains(again, "already in the articles as csto-drills-tajikistan.txt") {
		t.Errorf("a second add of the page: %s", again)
	}
	if files, _ := filepath.Glob(filepath.Join(h.dir, "csto-drills*")); len(files) != 1 {
		t.Errorf("files for the page: %v", files)
	}

	// A Russian page in windows-1251.
	ru := h.sendPrivate(adminUser, site.URL+"/ru/odkb-minsk").Params["text"]
	t.Logf("admin sees:\n%s", ru)
	if !strings.Contains(ru, "Совет коллективной безопасности ОДКБ собрался в Минске") || !strings.Contains(ru, "Вестник Евразии, 2022-11-23") {
		t.Errorf("the Russian page: %s", ru)
	}
}

// TestSyndicatedLinkIsCitedOnce adds a page and then another outlet's
// reprint of it: the reprint is stored but not indexed again, the admin is
// told so, and answers cite the story once naming both outlets.
func TestSyndicatedLinkIsCitedOnce(t *testing.T) {
	site := startNewsSite(t)
	removed := t.TempDir()
	h := startBot(t, withLocalLinks(&removed))
	h.sendPrivate(adminUser, site.URL+"/news/csto-drills-tajikistan")
	reply := h.sendPrivate(adminUser, site.URL+"/reprint/csto-force").Params["text"]
	t.Logf("admin sees:\n%s", reply)
	if !strings.Contains(reply, "0 passages") || !strings.Contains(reply, "It is the same story as “CSTO rapid reaction force ends drills in Tajikistan”") {
		t.Errorf("reply: %s", reply)
	}
	answer := h.sendPrivate(plainUser, tajikQuestion).Params["text"]
	t.Logf("user sees:\n%s", answer)
	if strings.Count(answer, "<i>also reported by Dushanbe Daily, 2023-10-15</i>") != 1 || strings.Contains(answer, "CSTO force completes Khatlon exercise") {
		t.Errorf("answer:\n%s", answer)
	}
}

func TestLinksThatCannotBeAdded(t *testing.T) {
	site := startNewsSite(t)
	removed := t.TempDir()
	h := startBot(t, withLocalLinks(&removed))
	tests := []struct{ path, want string }{
		{"/report.pdf", "it is not a web page or text (it is application/pdf)"},
		{"/missing", "the site answered 404 Not Found"},
		{"/login", "I found no article text on the page"},
	}
	for _, tt := range tests {
		reply := h.sendPrivate(adminUser, site.URL+tt.path).Params["text"]
		t.Logf("admin sees: %s", reply)
		if !strings.Contains(reply, "❌ I can't add "+site.URL+tt.path+": "+tt.want) {
			t.Errorf("%s: reply %q lacks %q", tt.path, reply, tt.want)
		}
	}
	if usage := h.sendPrivate(adminUser, "/add").Params["text"]; !strings.Contains(usage, "Send a link") {
		t.Errorf("/add without a link: %s", usage)
	}
}

// TestLinkToPrivateAddressIsRefused runs with the default fetcher, as the
// bot does without FETCH_ALLOW_PRIVATE: the loopback site is refused
// before any connection.
func TestLinkToPrivateAddressIsRefused(t *testing.T) {
	site := startNewsSite(t)
	h := startBot(t)
	reply := h.sendPrivate(adminUser, site.URL+"/news/csto-drills-tajikistan").Params["text"]
	t.Logf("admin sees: %s", reply)
	if !strings.Contains(reply, "it points to a private or local address, which I do not fetch") {
		t.Errorf("reply: %s", reply)
	}
	if n := site.requests.Load(); n != 0 {
		t.Errorf("the site had %d requests", n)
	}
}

func TestNonAdminLinkIsRefusedPolitely(t *testing.T) {
	site := startNewsSite(t)
	removed := t.TempDir()
	h := startBot(t, withLocalLinks(&removed))
	for _, text := range []string{site.URL + "/news/csto-drills-tajikistan", "/add " + site.URL + "/news/csto-drills-tajikistan"} {
		reply := h.sendPrivate(plainUser, text).Params["text"]
		t.Logf("user sees: %s", reply)
		if !strings.Contains(reply, "only the bot's admins can add articles from links. You can ask me questions, though!") {
			t.Errorf("a non-admin's link: %s", reply)
		}
	}
	if n := site.requests.Load(); n != 0 {
		t.Errorf("a non-admin's link was fetched (%d requests)", n)
	}
	if !strings.Contains(h.logs.String(), `msg="admin command refused" user_id=2002 username="" command=link`) {
		t.Errorf("the attempt is not logged:\n%s", h.logs.String())
	}
}

func TestHTMLUploadBecomesAnArticle(t *testing.T) {
	h := startBot(t)
	page, err := os.ReadFile(filepath.Join("..", "testdata", "html", "csto_exercise.html"))
	if err != nil {
		t.Fatal(err)
	}
	reply := h.sendDocument(adminUser, h.tg.addFile("drills page.html", page), "")
	t.Logf("admin sees:\n%s", reply)
	if !strings.Contains(reply, "✅ Added “CSTO rapid reaction force ends drills in Tajikistan” as drills_page.txt") {
		t.Errorf("reply: %s", reply)
	}
	answer := h.sendPrivate(plainUser, tajikQuestion).Params["text"]
	if !strings.Contains(answer, "Khatlon") {
		t.Errorf("the uploaded page is not answered:\n%s", answer)
	}
	bad, _ := os.ReadFile(filepath.Join("..", "testdata", "html", "no_article.html"))
	if reply := h.sendDocument(adminUser, h.tg.addFile("login.html", bad), ""); !strings.Contains(reply, "I found no article text on the page") {
		t.Errorf("a page without article: %s", reply)
	}
}

func TestArticlesRemoveRestore(t *testing.T) {
	removed := filepath.Join(t.TempDir(), "removed")
	h := startBot(t, withLocalLinks(&removed))
	// Twelve articles make two pages.
	for i := range 9 {
		name := filepath.Join(h.dir, "extra_"+string(rune('a'+i))+".txt")
		body := "---\ntitle: Extra note " + string(rune('A'+i)) + "\noutlet: Test Wire\npublished: 2024-01-0" + string(rune('1'+i)) +
			"\n---\nNote " + string(rune('A'+i)) + " says the secretariat published schedule number " + string(rune('1'+i)) + " for the staff.\n"
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if rep := h.sendPrivate(adminUser, "/reload").Params["text"]; !strings.Contains(rep, "Articles: 12") {
		t.Fatalf("reload: %s", rep)
	}
	list := h.sendPrivate(adminUser, "/articles")
	t.Logf("admin sees:\n%s", list.Params["text"])
	if !strings.Contains(list.Params["text"], "Articles</b> (1–10 of 12)") || !strings.Contains(list.Params["text"], "1. <b>") {
		t.Errorf("/articles: %s", list.Params["text"])
	}
	next, ok := list.button("al:")
	if !ok || next.CallbackData != "al:1" {
		t.Fatalf("no next-page button: %v", list.buttons())
	}
	from := h.mark()
	h.press(adminUser, adminUser.id, list.MessageID, next.CallbackData)
	edit := h.waitAfter(from, func(c apiCall) bool { return c.Method == "editMessageText" })
	if !strings.Contains(edit.Params["text"], "(11–12 of 12)") {
		t.Errorf("page 2: %s", edit.Params["text"])
	}
	if back, ok := edit.button("al:"); !ok || back.CallbackData != "al:0" {
		t.Errorf("page 2 buttons: %v", edit.buttons())
	}

	// Remove by number and by name; nothing is deleted.
	rm := h.sendPrivate(adminUser, "/remove 1").Params["text"]
	t.Logf("admin sees:\n%s", rm)
	if !strings.Contains(rm, "🗑 Removed") || !strings.Contains(rm, "Articles: 11") {
		t.Errorf("/remove 1: %s", rm)
	}
	if rm := h.sendPrivate(adminUser, "/remove extra_c").Params["text"]; !strings.Contains(rm, "(extra_c.txt)") || !strings.Contains(rm, "Articles: 10") {
		t.Errorf("/remove extra_c: %s", rm)
	}
	kept, _ := os.ReadDir(removed)
	if len(kept) != 2 {
		t.Fatalf("the removed folder holds %d files", len(kept))
	}
	if rm := h.sendPrivate(adminUser, "/remove ../../etc/passwd").Params["text"]; !strings.Contains(rm, "No article is called") {
		t.Errorf("/remove of a path: %s", rm)
	}
	list2 := h.sendPrivate(adminUser, "/restore").Params["text"]
	if !strings.Contains(list2, "extra_c.txt") {
		t.Errorf("/restore without a name: %s", list2)
	}
	rs := h.sendPrivate(adminUser, "/restore extra_c").Params["text"]
	t.Logf("admin sees:\n%s", rs)
	if !strings.Contains(rs, "♻️ Restored extra_c.txt") || !strings.Contains(rs, "Articles: 11") {
		t.Errorf("/restore: %s", rs)
	}
	if !strings.Contains(h.logs.String(), `msg="article removed" user_id=1001 file=`) || !strings.Contains(h.logs.String(), `msg="article restored" user_id=1001`) {
		t.Errorf("changes are not logged with the admin's ID")
	}

	// Not for others, buttons included.
	if reply := h.sendPrivate(plainUser, "/remove 1").Params["text"]; !strings.Contains(reply, "only the bot's admins can use /remove") {
		t.Errorf("a non-admin's /remove: %s", reply)
	}
	press := h.press(plainUser, plainUser.id, 1, "al:1")
	if !strings.Contains(press.Params["text"], "only the bot's admins") {
		t.Errorf("a non-admin's page press: %v", press.Params)
	}
}

type fakeFeeds []ingest.FeedStatus

func (f fakeFeeds) FeedStatus() []ingest.FeedStatus { return f }
func (f fakeFeeds) Interval() time.Duration         { return 15 * time.Minute }

func TestFeedsReport(t *testing.T) {
	checked := time.Date(2024, 3, 5, 8, 30, 0, 0, time.UTC)
	h := startBot(t, func(s *botSetup) {
		s.cfg.Feeds = fakeFeeds{
			{URL: "https://news.example/rss", LastCheck: checked, Added: 4},
			{URL: "https://other.example/atom", LastCheck: checked, LastError: "fetch https://other.example/atom: the site answered 503 Service Unavailable"},
			{URL: "https://new.example/feed"},
		}
	})
	reply := h.sendPrivate(adminUser, "/feeds").Params["text"]
	t.Logf("admin sees:\n%s", reply)
	for _, want := range []string{"<b>Feeds</b>, checked every 15m0s:", "• https://news.example/rss\n  last check 2024-03-05 08:30 UTC · 4 articles added",
		"last error: fetch https://other.example/atom: the site answered 503", "• https://new.example/feed\n  last check not yet"} {
		if !strings.Contains(reply, want) {
			t.Errorf("/feeds lacks %q", want)
		}
	}
	if reply := h.sendPrivate(plainUser, "/feeds").Params["text"]; !strings.Contains(reply, "only the bot's admins can use /feeds") {
		t.Errorf("a non-admin's /feeds: %s", reply)
	}
}
