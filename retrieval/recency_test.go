package retrieval

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// dated builds an article file with a header date.
func dated(title, published, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\npublished: " + published + "\n---\n" + body)}
}

func TestPresentQuestionsTakeTheNewestArticle(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": dated("Alliance meets in Yerevan", "2022-11-23",
			"The alliance held its summit in Yerevan.\n\nStanislav Zas, a general from Belarus, is the secretary general of the alliance, Moscow and Minsk confirmed."),
		"b.txt": dated("New chief takes over", "2023-01-09",
			"A new year brought a new face to the alliance.\n\nSince January the new secretary general of the alliance has been Tasmagambetov."),
	})
	ctx := context.Background()
	for _, q := range []string{
		"Who is the secretary general of the alliance now?",
		"Who is the current secretary general of the alliance?",
		"Кто сейчас secretary general of the alliance?",
		"Who is the secretary general of the alliance?", // an office, in the present tense
	} {
		a := e.Answer(ctx, q)
		if !a.Found || !strings.Contains(a.Text, "Tasmagambetov") {
			t.Errorf("%q: answer %q; want the 2023 article's", q, a.Text)
			continue
		}
		if a.AsOf != "2023-01-09" || a.AsOfText() != "9 January 2023" {
			t.Errorf("%q: as of %q (%q); want 2023-01-09", q, a.AsOf, a.AsOfText())
		}
		older := false
		for _, c := range a.Citations {
			older = older || strings.Contains(c.Snippet, "Zas") && c.Published == "2022-11-23"
		}
		if !older {
			t.Errorf("%q: the older article that disagrees is not cited: %+v", q, a.Citations)
		}
	}
	wantAnswer(t, e, "Who was the secretary general of the alliance in 2022?", "Zas")
	// A question about the past carries no date of its own.
	if a := e.Answer(ctx, "Where did the alliance hold its summit?"); !a.Found || a.AsOf != "" {
		t.Errorf("past question: found %v, as of %q; want found with no as-of date", a.Found, a.AsOf)
	}
}

func TestAsksAboutPresent(t *testing.T) {
	for q, want := range map[string]bool{
		"Who heads the CSTO now?":                          true,
		"Which country currently chairs the CSTO?":         true,
		"Does Armenia still take part?":                    true,
		"What was the most recent summit?":                 true,
		"What is the latest exercise?":                     true,
		"Кто сейчас генеральный секретарь?":                true,
		"Кто нынешний генсек ОДКБ?":                        true,
		"Какой последний саммит?":                          true,
		"Кто в настоящее время председательствует?":        true,
		"Who opened the anniversary summit in Moscow?":     false,
		"Когда был подписан договор?":                      false,
		"Has Armenia sent its notice yet?":                 true,
		"Остаются ли ещё миротворцы в Казахстане?":         true,
		"Какие ещё страны вошли в блок?":                   false,
		"When does the new secretary general take office?": true,
		"Кто новый генсек ОДКБ?":                           true,
		"Which new members joined in 2006?":                false,
		"Who met in New York?":                             false,
		"Кто ещё подписал договор?":                        false,
		"Армения еще в ОДКБ?":                              true,
		"Договор был подписан ещё в 1992 году?":            false,
		"Армения ещё до 2024 года заморозила участие?":     false,
		"Since 2023, does Armenia still take part?":        true,
		"Проведут ли ещё один саммит в Минске?":            false,
		"Is Armenia no longer a member?":                   true,
		"Who chairs the council right now?":                true,
		"Где лидеры собирались в последний раз?":           true,
		"Is the right to veto used?":                       false,
	} {
		if got := asksAboutPresent(tokenize(q)); got != want {
			t.Errorf("asksAboutPresent(%q) = %v, want %v", q, got, want)
		}
	}
	for q, want := range map[string]bool{
		"Who heads the secretariat?":           true,
		"Кто возглавляет секретариат?":         true,
		"Who is the secretary general?":        true,
		"Who was the first secretary general?": false,
		"Who headed the secretariat in 2019?":  false,
		"Who are the members?":                 false,
		"Who chaired the council in Minsk?":    false,
		"Кто возглавлял совет в Минске?":       false,
		"Who met the president of Russia?":     false,
	} {
		toks := tokenize(q)
		if got := asksAboutPresentOffice(toks, classifyQuestion(q)); got != want {
			t.Errorf("asksAboutPresentOffice(%q) = %v, want %v", q, got, want)
		}
	}
}

// TestMonthOnlyInTheDate: a month the question names that only the
// article's date holds is met by the date, not taken for a name no article
// has.
func TestMonthOnlyInTheDate(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": dated("Declaration", "2010-03-18", "The two secretaries general signed a joint declaration on cooperation in Moscow on Thursday."),
		"b.txt": dated("Drills", "2011-09-02", "The drills were held in the mountains."),
	})
	a := e.Answer(context.Background(), "What did the secretaries general sign in Moscow in March 2010?")
	if !a.Found || !strings.Contains(a.Text, "declaration") {
		t.Errorf("found %v, %q; want the declaration", a.Found, a.Text)
	}
}

// TestOnWhatDate: "on what date" and «какого числа» want a day; a sentence
// with only a year does not answer them, one with a day does.
func TestOnWhatDate(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": dated("Планы", "2023-11-23", "В 2024 году председательство переходит к Казахстану, а саммит должен пройти в Астане."),
		"b.txt": dated("Drills", "2022-10-01", "The drills in the mountains ended on 7 October 2022."),
	})
	if !asksForDay("Какого числа пройдёт саммит в Астане?") || !asksForDay("On what date did it end?") || asksForDay("When did it end?") {
		t.Error("questions for a date misread")
	}
	idx := e.idx.Load()
	for i, p := range idx.passages {
		day := idx.marksOf(i, 0, markDay)&markDay != 0
		if want := strings.Contains(p.Text, "7 October"); day != want {
			t.Errorf("%q: down to the day %v, want %v", p.Text, day, want)
		}
	}
	wantAnswer(t, e, "On what date did the drills in the mountains end?", "7 October")
}

// TestNamesOnlyOtherYears: a sentence that names a year, but none the
// question names, speaks of another time.
func TestNamesOnlyOtherYears(t *testing.T) {
	units := []queryUnit{{surface: "2009"}, {surface: "chair"}}
	for _, c := range []struct {
		sentence string
		want     bool
	}{
		{"In 2022 the chair passed to Kazakhstan.", true},
		{"Between 2009 and 2012 Russia chaired.", false},
		{"The chair passed to Russia.", false},
		{"В 2024 году председательство перешло к Казахстану.", true},
	} {
		a := analyzeText(c.sentence, mustDefaultGlossary())
		if got := namesOnlyOtherYears(a, 0, len(c.sentence), units); got != c.want {
			t.Errorf("%q: %v, want %v", c.sentence, got, c.want)
		}
	}
}

// TestPresentAnswerQuotesNoOlderArticle: the answer to a question about the
// present speaks for its date; a sentence of an older article that adds to
// it is cited, not joined to it. A question about the past joins it.
func TestPresentAnswerQuotesNoOlderArticle(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": dated("Reform call", "2021-02-16", "Stanislav Zas has called for reform in Moscow."),
		"b.txt": dated("New chief", "2023-01-09", "Tasmagambetov is the new secretary general."),
	})
	idx := e.idx.Load()
	var older, newer int
	for i, p := range idx.passages {
		if p.Published == "2021-02-16" {
			older = i
		} else {
			newer = i
		}
	}
	units := []queryUnit{{surface: "secretary general", weight: 1}, {surface: "Moscow", weight: 1}}
	best := []candidate{
		{passage: newer, score: 1, matched: []float64{1, 0}},
		{passage: older, score: 1, matched: []float64{0, 1}},
	}
	if got := composeAnswer(idx, best, units, true); strings.Contains(got, "Zas") {
		t.Errorf("present: %q joins the older article", got)
	}
	if got := composeAnswer(idx, best, units, false); !strings.Contains(got, "Zas") {
		t.Errorf("past: %q does not join the sentence that adds to it", got)
	}
}

// TestPresentPhrasesAreNoTopic: the words of "at present", «в настоящее
// время» ask when, not what: no unit is made of them.
func TestPresentPhrasesAreNoTopic(t *testing.T) {
	e := defaultEngine(t)
	wantNoUnit(t, e, "Which country holds the chairmanship at present?", "present")
	wantNoUnit(t, e, "Кто в настоящее время возглавляет секретариат?", "настоящее", "время")
}

// TestMinistersAreNotPrimeMinisters: a bare "minister" (of defence, of
// foreign affairs) is no prime minister, so "who is Armenia's prime
// minister" is not answered by Armenia's minister of defence, however new
// the article.
func TestMinistersAreNotPrimeMinisters(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": dated("Summit in Yerevan", "2022-11-23",
			"Armenian Prime Minister Nikol Pashinyan criticised the allies at the summit in Yerevan."),
		"b.txt": dated("Talks in Warsaw", "2024-03-01",
			"Marat Uldorur, the Armenian minister of defence, said the talks in Warsaw had been frank and useful."),
	})
	wantAnswer(t, e, "Who is Armenia's prime minister now?", "Pashinyan")
	if analyzeText("Marat Uldorur, the Armenian minister of defence, spoke.", e.glossary).hasKey("c:term.prime_minister") {
		t.Errorf("a minister of defence was taken for a prime minister")
	}
}

// TestPresentAnswerIsOneSentence: the newest sentence answers a question
// about the present alone; the one beside it, which would be joined for
// another question, tells what was before.
func TestPresentAnswerIsOneSentence(t *testing.T) {
	e := engineOver(t, "Assembly\n\nThe Parliamentary Assembly is chaired by Vyacheslav Volodin, the speaker of the Duma. "+
		"In the early 2010s it was headed by Sergei Naryshkin, who later led the intelligence service.")
	idx := e.idx.Load()
	doc := -1
	for d, p := range idx.passages {
		if strings.Contains(p.Text, "Volodin") && len(p.Sentences) == 2 {
			doc = d
		}
	}
	if doc < 0 {
		t.Fatal("no passage holds both sentences")
	}
	units := []queryUnit{{weight: 1}, {weight: 1}}
	best := []candidate{
		{passage: doc, sentence: 0, score: 1, matched: []float64{1, 0}},
		{passage: doc, sentence: 1, score: 0.95, matched: []float64{0, 1}},
	}
	if got := composeAnswer(idx, best, units, false); !strings.Contains(got, "Naryshkin") {
		t.Errorf("past question: %q, want the next sentence joined", got)
	}
	if got := composeAnswer(idx, best, units, true); strings.Contains(got, "Naryshkin") || !strings.Contains(got, "Volodin") {
		t.Errorf("present question: %q, want the first sentence alone", got)
	}
}
