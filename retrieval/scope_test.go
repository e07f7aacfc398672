package retrieval

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestAnswersComeFromArticlesAboutTheCSTO: once a corpus holds articles
// that speak of the CSTO, a page that never names it, its treaty or its
// council is not quoted, however well it matches; a page that names it
// only in its title is in scope; a corpus with no such article answers
// from all.
func TestAnswersComeFromArticlesAboutTheCSTO(t *testing.T) {
	ctx := context.Background()
	sports := "Hockey\n\nKairat Almaty won the national hockey championship in 2023, beating Barys in the final in Astana."
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": {Data: []byte("Summit\n\nThe CSTO leaders met in Yerevan in November 2022 and discussed the situation on the borders.")},
		"b.txt": {Data: []byte(sports)},
		"c.txt": dated("Новый генсек ОДКБ", "2019-11-29", "Лидеры назначили Станислава Зася генеральным секретарём с 1 января 2020 года."),
	})
	if a := e.Answer(ctx, "Who won the national hockey championship in 2023?"); a.Found {
		t.Errorf("a page that never names the CSTO was quoted: %q", a.Text)
	}
	wantAnswer(t, e, "Where did the leaders meet in November 2022?", "Yerevan")
	// «ОДКБ» in the title alone puts the article in scope.
	wantAnswer(t, e, "С какого числа Зась стал генеральным секретарём?", "1 января 2020")

	alone := New(Config{Logger: quietLogger()})
	mustLoad(t, alone, fstest.MapFS{"b.txt": {Data: []byte(sports)}, "d.txt": {Data: []byte("Trade\n\nTrade grew in March.")}})
	if a := alone.Answer(ctx, "Who won the national hockey championship in 2023?"); !a.Found || !strings.Contains(a.Text, "Kairat") {
		t.Errorf("a corpus with no article about the CSTO has no scope: %+v", a)
	}
}

// TestSpeaksOfCSTO: the CSTO, its treaty or its council, in either
// language, in the title or the text.
func TestSpeaksOfCSTO(t *testing.T) {
	for _, c := range []struct {
		title, text string
		want        bool
	}{
		{"Hockey final", "Kairat won the championship in Astana.", false},
		{"Новый генсек ОДКБ", "Лидеры назначили нового генерального секретаря.", true},
		{"Treaty extended", "Six states extended the Collective Security Treaty in Moscow.", true},
		{"Саммит", "В Минске прошла сессия Совета коллективной безопасности.", true},
		{"Trade", "The Eurasian Economic Union's trade grew.", false},
		{"Football", "The organization of the tournament was poor.", false},
		{"Футбол", "Международная организация футбола провела матч.", false},
		{"Саммит", "Организация Договора о коллективной безопасности провела саммит.", true},
	} {
		if got := SpeaksOfCSTO(c.title, c.text); got != c.want {
			t.Errorf("SpeaksOfCSTO(%q, %q) = %v, want %v", c.title, c.text, got, c.want)
		}
	}
}

// TestOutOfScopeArticlesWeighNothing: the articles in play that weigh a
// question's words (localStats) are those answers may come from: pages
// that never name the CSTO, ranked first, are passed over.
func TestOutOfScopeArticlesWeighNothing(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("Summit\n\nThe CSTO leaders assessed the role of the organisation at the Kremlin meeting.")},
	}
	for i := range 30 {
		fsys[fmt.Sprintf("n%02d.txt", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("Markets %d\n\nAnalysts assess the market in the capital every week.", i))}
	}
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fsys)
	idx := e.idx.Load()
	var ranked []fused
	for d, p := range idx.passages {
		if p.ArticleID != "a" {
			ranked = append(ranked, fused{doc: d})
		}
	}
	for d, p := range idx.passages {
		if p.ArticleID == "a" {
			ranked = append(ranked, fused{doc: d})
		}
	}
	q := "What did the leaders assess at the Kremlin meeting?"
	units := e.readQuestion(idx, q, classifyQuestion(q)).units
	if got := localStats(idx, ranked, units); got.n != len(idx.passages)-30 {
		t.Errorf("the articles in play hold %d passages; want only the CSTO article's %d", got.n, len(idx.passages)-30)
	}
}
