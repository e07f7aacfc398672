package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/retrieval"
)

func TestReloadIsForAdminsOnly(t *testing.T) {
	h := startBot(t)
	refusal := h.sendPrivate(plainUser, "/reload").Params["text"]
	if !strings.Contains(refusal, "only the bot's admins can use /reload") {
		t.Errorf("a non-admin got %q", refusal)
	}
	if !strings.Contains(h.logs.String(), `msg="admin command refused" user_id=2002`) {
		t.Errorf("the attempt is not logged with the user ID:\n%s", h.logs.String())
	}
	summary := h.sendPrivate(adminUser, "/reload").Params["text"]
	for _, want := range []string{"Reloaded in", "Articles: 3, passages: 8 (added 0, changed 0, removed 0"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the admin's summary lacks %q:\n%s", want, summary)
		}
	}
	// In a group only /reload@botname is for this bot.
	m := h.tg.groupMessage(adminUser, testGroup, "/reload@AllianceTestBot")
	from := h.mark()
	h.tg.push(models.Update{Message: m})
	if reply := h.waitSent(from, testGroup); !strings.Contains(reply.Params["text"], "Reloaded in") {
		t.Errorf("/reload@botname in a group: %q", reply.Params["text"])
	}
}

func TestNewFileInTheFolderIsAnsweredAfterReload(t *testing.T) {
	h := startBot(t)
	if text := h.sendPrivate(plainUser, drillsQuestion).Params["text"]; !strings.Contains(text, "don't cover") {
		t.Fatalf("the drills question is answered before the article exists: %s", text)
	}
	copyArticles(t, "testdata/new", h.dir)
	summary := h.sendPrivate(adminUser, "/reload").Params["text"]
	if !strings.Contains(summary, "Articles: 4") || !strings.Contains(summary, "added 1") {
		t.Errorf("the summary does not show the new article:\n%s", summary)
	}
	answer := h.sendPrivate(plainUser, drillsQuestion).Params["text"]
	if !strings.Contains(answer, "CSTO rapid reaction force trains in Belarus") {
		t.Errorf("the new article is not cited after reload:\n%s", answer)
	}
}

func TestFailedReloadKeepsTheOldIndexServing(t *testing.T) {
	h := startBot(t)
	files, _ := filepath.Glob(filepath.Join(h.dir, "*.txt"))
	for _, f := range files {
		os.Remove(f)
	}
	os.WriteFile(filepath.Join(h.dir, "broken.txt"), []byte{0, 1, 2, 3}, 0o644)
	summary := h.sendPrivate(adminUser, "/reload").Params["text"]
	for _, want := range []string{"Reload failed; the previous articles keep serving", "no article loaded", "broken.txt: the file holds binary data"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the failure reply lacks %q:\n%s", want, summary)
		}
	}
	if answer := h.sendPrivate(plainUser, membersQuestion).Params["text"]; !strings.Contains(answer, "<b>members</b>") {
		t.Errorf("after a failed reload the old index should still answer:\n%s", answer)
	}
}

func TestReloadListsFilesThatDidNotLoad(t *testing.T) {
	h := startBot(t)
	os.WriteFile(filepath.Join(h.dir, "empty.md"), []byte("\n\n"), 0o644)
	summary := h.sendPrivate(adminUser, "/reload").Params["text"]
	if !strings.Contains(summary, "Files skipped (1)") || !strings.Contains(summary, "empty.md: the file has no article text") {
		t.Errorf("the summary does not list the bad file:\n%s", summary)
	}
}

// TestQuestionsRacingAReload asks questions while reloads swap the index,
// through the bot and straight at the engine: every answer comes from the
// old index or the new one, never an error or a mix (run with -race).
func TestQuestionsRacingAReload(t *testing.T) {
	h := startBot(t)
	extra := filepath.Join(h.dir, "csto_drills.txt")
	drills, err := os.ReadFile("testdata/new/csto_drills.txt")
	if err != nil {
		t.Fatal(err)
	}
	toggle := func(i int) {
		if i%2 == 0 {
			os.WriteFile(extra, drills, 0o644)
		} else {
			os.Remove(extra)
		}
	}

	t.Run("engine", func(t *testing.T) {
		reloader := FolderReloader{Dir: h.dir, Loader: h.engine}
		ctx := context.Background()
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					q := []string{membersQuestion, drillsQuestion}[w%2]
					a := h.engine.AnswerWith(ctx, q, retrieval.Options{Citations: 3})
					checkRacingAnswer(t, q, a.Found, a.Citations)
				}
			}()
		}
		for i := range 20 {
			toggle(i)
			if _, err := reloader.Reload(ctx); err != nil {
				t.Errorf("reload %d: %v", i, err)
			}
		}
		close(stop)
		wg.Wait()
	})

	t.Run("bot", func(t *testing.T) {
		const questions = 24
		from := h.mark()
		for i := range questions {
			if i%6 == 0 {
				toggle(i / 6)
				h.tg.push(models.Update{Message: h.tg.privateMessage(adminUser, "/reload")})
			}
			u := testUser{id: int64(50000 + i), lang: "en"}
			h.tg.push(models.Update{Message: h.tg.privateMessage(u, membersQuestion)})
		}
		// Wait for the reloads' replies too, so none is cut off by the end of the test.
		h.tg.waitCount(from, questions/6, func(c apiCall) bool { return c.Method == "sendMessage" && c.chatID() == adminUser.id })
		for i := range questions {
			reply := h.waitSent(from, int64(50000+i))
			if !strings.Contains(reply.Params["text"], "<b>members</b> of the <b>CSTO</b>") {
				t.Errorf("question %d during reloads got %q", i, reply.Params["text"])
			}
		}
	})
}

// checkRacingAnswer: the members question is answered by every index; the
// drills question is either not covered or cites the drills article.
func checkRacingAnswer(t *testing.T, q string, found bool, citations []retrieval.Citation) {
	if q == membersQuestion && (!found || len(citations) == 0) {
		t.Errorf("the members question went unanswered during a reload")
	}
	if q == drillsQuestion && found && citations[0].Doc != "csto_drills" {
		t.Errorf("the drills question cites %q", citations[0].Doc)
	}
}

// sendDocument sends a document from u with caption and returns the reply.
func (h *harness) sendDocument(u testUser, doc *models.Document, caption string) string {
	h.t.Helper()
	m := h.tg.privateMessage(u, "")
	m.Document, m.Caption = doc, caption
	from := h.mark()
	h.tg.push(models.Update{Message: m})
	return h.waitSent(from, u.id).Params["text"]
}

func TestUploadedDocumentIsAddedAndAnswered(t *testing.T) {
	h := startBot(t)
	drills, _ := os.ReadFile("testdata/new/csto_drills.txt")
	reply := h.sendDocument(adminUser, h.tg.addFile("csto_drills.txt", drills), "Drills <2023> & more")
	for _, want := range []string{"Added “Drills &lt;2023&gt; &amp; more” as csto_drills.txt (1 passage)", "Articles: 4", "added 1"} {
		if !strings.Contains(reply, want) {
			t.Errorf("the upload reply lacks %q:\n%s", want, reply)
		}
	}
	stored, err := os.ReadFile(filepath.Join(h.dir, "csto_drills.txt"))
	if err != nil || !strings.HasPrefix(string(stored), "---\ntitle: Drills <2023> & more\n") {
		t.Errorf("the stored file should carry the caption as its title: %v\n%s", err, stored)
	}
	if answer := h.sendPrivate(plainUser, drillsQuestion).Params["text"]; !strings.Contains(answer, "Drills &lt;2023&gt; &amp; more") {
		t.Errorf("the uploaded article is not cited:\n%s", answer)
	}

	t.Run("same content again", func(t *testing.T) {
		reply := h.sendDocument(adminUser, h.tg.addFile("csto_drills.txt", drills), "Drills <2023> & more")
		if !strings.Contains(reply, "already in the articles folder with the same content") {
			t.Errorf("a duplicate upload: %s", reply)
		}
	})
	t.Run("same name, other article", func(t *testing.T) {
		other := "CSTO drills in Tajikistan\n\nAnother CSTO exercise took place in Tajikistan near the Afghan border.\n"
		reply := h.sendDocument(adminUser, h.tg.addFile("csto_drills.txt", []byte(other)), "")
		if !strings.Contains(reply, "as csto_drills-2.txt") || !strings.Contains(reply, "already has the name csto_drills") {
			t.Errorf("want the new article stored beside the old one: %s", reply)
		}
		if got, _ := os.ReadFile(filepath.Join(h.dir, "csto_drills.txt")); !strings.Contains(string(got), "Drills <2023>") {
			t.Errorf("the first article was overwritten")
		}
	})
	t.Run("same stem, other extension", func(t *testing.T) {
		other := "Who belongs to the CSTO\n\nThe CSTO members met again in Yerevan to discuss the alliance.\n"
		reply := h.sendDocument(adminUser, h.tg.addFile("csto_members.md", []byte(other)), "")
		if !strings.Contains(reply, "as csto_members-2.md") || !strings.Contains(reply, "already has the name csto_members") {
			t.Errorf("want the .md stored under a new stem beside csto_members.txt: %s", reply)
		}
		if _, err := os.Stat(filepath.Join(h.dir, "csto_members.md")); err == nil {
			t.Errorf("csto_members.md was stored beside csto_members.txt")
		}
		if strings.Contains(reply, "Files skipped") {
			t.Errorf("the reload after the upload skipped a file: %s", reply)
		}
	})
	t.Run("unsafe name", func(t *testing.T) {
		body := "Dushanbe talks\n\nLeaders of the CSTO discussed border security in Dushanbe.\n"
		reply := h.sendDocument(adminUser, h.tg.addFile("../../etc/evil name.md", []byte(body)), "")
		if !strings.Contains(reply, "as evil_name.md") {
			t.Errorf("want a safe name in the articles folder: %s", reply)
		}
		if _, err := os.Stat(filepath.Join(h.dir, "evil_name.md")); err != nil {
			t.Errorf("the file is not in the articles folder: %v", err)
		}
	})
}

func TestBadUploadsAreRefusedWithTheReason(t *testing.T) {
	h := startBot(t)
	huge := &models.Document{FileID: "big", FileUniqueID: "ubig", FileName: "big.txt", FileSize: corpus.MaxFileSize + 1}
	for _, tc := range []struct {
		name string
		doc  *models.Document
		want string
	}{
		{"pdf", h.tg.addFile("report.pdf", []byte("%PDF-1.4")), "only .txt, .md and .html files can be articles"},
		{"binary", h.tg.addFile("data.txt", []byte{0, 159, 146, 150, 0, 1}), "binary data"},
		{"not UTF-8", h.tg.addFile("cp1251.txt", []byte("\xcf\xf0\xe8\xe2\xe5\xf2 \xce\xc4\xca\xc1 text")), "not UTF-8"},
		{"empty", h.tg.addFile("empty.txt", []byte(" \n\n ")), "no article text"},
		{"bad header", h.tg.addFile("header.md", []byte("---\nauthor: me\n---\nThe CSTO met.\n")), "metadata header does not parse"},
		{"too large", huge, fmt.Sprintf("larger than %d KB", corpus.MaxFileSize/1024)},
		{"too large a page", &models.Document{FileID: "bigpage", FileUniqueID: "ubigpage", FileName: "big.html", FileSize: 6 << 20},
			fmt.Sprintf("larger than %d KB", corpus.MaxHTMLFileSize/1024)},
		{"download fails", &models.Document{FileID: "missing", FileName: "lost.txt", FileSize: 10}, "could not download"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reply := h.sendDocument(adminUser, tc.doc, "")
			if !strings.Contains(reply, "❌ I can't add") || !strings.Contains(reply, tc.want) {
				t.Errorf("reply %q lacks %q", reply, tc.want)
			}
		})
	}
	entries, _ := os.ReadDir(h.dir)
	if len(entries) != 3 {
		t.Errorf("refused uploads left files behind: %d files in the folder", len(entries))
	}
	// A failed getFile may have been logged; the token must not be.
	if strings.Contains(h.logs.String(), testToken) {
		t.Errorf("the token leaked into the logs")
	}
}

func TestUploadsByNonAdminsAndWithoutAFolder(t *testing.T) {
	h := startBot(t)
	doc := h.tg.addFile("article.txt", []byte("Minsk\n\nThe CSTO leaders met in Minsk.\n"))
	if reply := h.sendDocument(plainUser, doc, ""); !strings.Contains(reply, "only the bot's admins can add articles") {
		t.Errorf("a non-admin upload: %q", reply)
	}
	if !strings.Contains(h.logs.String(), `command="document upload"`) {
		t.Errorf("the refused upload is not logged:\n%s", h.logs.String())
	}

	noFolder := startBot(t, func(s *botSetup) { s.cfg.CorpusDir = "" })
	doc = noFolder.tg.addFile("article.txt", []byte("Minsk\n\nThe CSTO leaders met in Minsk.\n"))
	if reply := noFolder.sendDocument(adminUser, doc, ""); !strings.Contains(reply, "disabled") {
		t.Errorf("an upload without a folder: %q", reply)
	}
}
