package retrieval

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestReferencesToTheArticlesTopic(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": {Data: []byte("Border talks resume\n\n" +
			"Kyrgyzstan and its neighbour met in Batken. Kyrgyzstan said the talks were useful. Kyrgyzstan will host the next round.\n\n" +
			"Diplomats described the mood as calm and businesslike.\n\n" +
			"The republic has also agreed to open two new crossings in March.\n\n" +
			"Ivan Petrov was named the new envoy in 2020. He previously served as ambassador to Finland.")},
		"b.txt": {Data: []byte("Summit\n\nKazakhstan, Belarus and Armenia met. Kazakhstan hosted. Belarus and Armenia came. Belarus spoke.\n\nThe talks lasted a day.\n\n" +
			"The country will open a new embassy in Oslo.")},
	})
	ctx := context.Background()
	wantAnswer(t, e, "How many crossings will Kyrgyzstan open?", "two new crossings")
	// An article on three countries is about none of them in particular.
	wantRefused(t, e, "Where will Belarus open a new embassy?")
	a := e.Answer(ctx, "Where did Ivan Petrov serve as ambassador?")
	if !a.Found || !strings.Contains(a.Text, "Ivan Petrov was named") || !strings.Contains(a.Text, "Finland") {
		t.Errorf("a sentence opening with 'He': found %v, %q; want it with the sentence that names him", a.Found, a.Text)
	}
}

func TestBackReferencesAndOwnYears(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": dated("Заявление", "2024-06-12",
			"Армения выйдет из блока, когда правительство решит. Об этом премьер-министр Пашинян заявил в парламенте.\n\n"+
				"Лидеры провели саммит в Минске в ноябре прошлого года.\n\n"+
				"Лидеры провели саммит в Астане в четверг."),
	})
	wantAnswer(t, e, "Что Пашинян заявил в парламенте?", "выйдет из блока")
	wantAnswer(t, e, "Где лидеры провели саммит в июне 2024 года?", "Астане")
}

// TestArticleTopicNamesTheEntity: a paragraph that only names a town is
// about the country its article is about, even when the article names the
// country after it; a paragraph of an article on something else is not.
func TestArticleTopicNamesTheEntity(t *testing.T) {
	articles := fstest.MapFS{
		"a.txt": {Data: []byte("Allied drills end\n\nThe joint exercise of the collective forces ended on a range near Brest on Friday.\n\n" +
			"Belarus hosted the drills this year, and Belarus will host the next summit too. Minsk called Belarus a reliable ally.")},
		"b.txt": {Data: []byte("Summit\n\nThe leaders met in Moscow to discuss the exercises of the alliance. Kazakhstan sent its defence minister.")},
	}
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, articles)
	wantAnswer(t, e, "Where did the joint exercise in Belarus end?", "Brest")
	wantRefused(t, e, "Where did the joint exercise in Kazakhstan end?")
}

// TestTopicOfTheArticlesInPlay: what the question is about (the CSTO:
// common among the articles in play, rare in the whole index) must be
// named by an answer's article; other news that shares the rest of the
// question's words does not answer it.
func TestTopicOfTheArticlesInPlay(t *testing.T) {
	articles := fstest.MapFS{
		"a.txt": {Data: []byte("Summit\n\nThe CSTO summit was held in Yerevan in November.\n\nThe leaders signed a declaration there.")},
		"c.txt": {Data: []byte("Data\n\nA new data centre in Ankara will host the government services of Canada, the agency reported.")},
	}
	for i := range 30 {
		articles[fmt.Sprintf("n%02d.txt", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("News %d\n\nThe city council discussed the budget for school number %d.", i, i))}
	}
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, articles)
	idx := e.idx.Load()
	q := "Which country will host the next CSTO summit?"
	global := e.parseQuestion(idx, q, classifyQuestion(q))
	local := slices.Clone(global)
	for i := range local {
		local[i].common = strings.EqualFold(local[i].surface, "CSTO") // common among the articles in play
	}
	markTopical(local, global)
	doc := func(text string) int {
		for i, p := range idx.passages {
			if strings.Contains(p.Text, text) {
				return i
			}
		}
		t.Fatalf("no passage has %q", text)
		return -1
	}
	if !mentionsTopics(idx, doc("signed a declaration"), local) {
		t.Error("a passage whose article names the CSTO was turned away")
	}
	if mentionsTopics(idx, doc("Ankara"), local) {
		t.Error("other news passed as an article about the CSTO")
	}
	if mentionsTopics(idx, doc("Ankara"), global) != true {
		t.Error("with nothing topical every article passes")
	}
}

// TestImpersonalUnits: "he" stands for no country, place or organisation
// the glossary knows.
func TestImpersonalUnits(t *testing.T) {
	for alts, want := range map[string]bool{
		"c:org.csto":          true,
		"c:country.armenia":   true,
		"w:volodin":           false,
		"c:term.chairman":     false,
		"w:zas c:place.minsk": true,
	} {
		if got := (queryUnit{alts: strings.Fields(alts)}).impersonal(); got != want {
			t.Errorf("impersonal(%s) = %v, want %v", alts, got, want)
		}
	}
}
