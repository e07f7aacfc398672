package retrieval

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alliancebot/alliancebot/lexicon"
)

// TestOtherWordsForTheSameThing: a question meets the articles' synonyms,
// their other language and the other script's spelling of a name, and does
// not without the lexicon and transliteration.
func TestOtherWordsForTheSameThing(t *testing.T) {
	articles := fstest.MapFS{
		"a.txt": {Data: []byte("Border clashes\n\nForty people were wounded in the clashes near the river.\n\n" +
			"Imangali Tasmagambetov was born in Atyrau.\n\nThe general served as ambassador in Moscow for years.")},
		"b.txt": {Data: []byte("Эвакуация\n\nВласти эвакуировали жителей трёх сёл у границы.")},
	}
	cases := []struct{ q, want, mechanism string }{
		{"How many people were injured?", "Forty", "lexicon"},
		{"В каком городе был посол?", "Moscow", "lexicon"},
		{"Who did the authorities evacuate?", "жителей", "lexicon"},
		{"Where was Тасмагамбетов born?", "Atyrau", "transliteration"},
	}
	full := New(Config{Logger: quietLogger()})
	mustLoad(t, full, articles)
	bare := New(Config{Logger: quietLogger(), NoLexicon: true, NoTransliteration: true})
	mustLoad(t, bare, articles)
	ctx := context.Background()
	for _, c := range cases {
		if a := full.Answer(ctx, c.q); !a.Found || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: found %v, %q; want %q", c.q, a.Found, a.Text, c.want)
		}
		if a := bare.Answer(ctx, c.q); a.Found && strings.Contains(a.Text, c.want) {
			t.Errorf("%q answered without the %s: %q", c.q, c.mechanism, a.Text)
		}
	}
	// A name no article has is not met through the lexicon's other words.
	if a := full.Answer(ctx, "What is the capital of France?"); a.Found {
		t.Errorf("France answered: %q", a.Text)
	}
}

func TestNameSpellings(t *testing.T) {
	idx := &index{names: nameIndex{}}
	addNames(idx.names, map[string]bool{}, []analyzed{analyzeText("Tasmagambetov met Rahmon and Japarov in Dushanbe.", mustDefaultGlossary())})
	for word, want := range map[string]string{
		"Тасмагамбетова": "tasmagambetov", // a case ending
		"Рахмон":         "rahmon",
		"Rakhmon":        "rahmon",
		"Жапаров":        "japarov",
		"Zhaparov":       "japarov",
	} {
		tok := tokenize(word)[0]
		got := idx.names.spellings(tok)
		if len(got) != 1 || got[0] != stemWord(want, false) {
			t.Errorf("spellings(%q) = %v, want [%s]", word, got, stemWord(want, false))
		}
	}
	if got := idx.names.spellings(tokenize("Тасмания")[0]); len(got) != 0 {
		t.Errorf("another name taken for a spelling: %v", got)
	}
}

// TestCapitalisedRussianWords: Russian capitalises the first word of an
// organisation's name, so a capitalised dictionary word inside a question
// is a word to translate, not a name the articles lack; a word no
// dictionary has still is one, and so is a quoted one.
func TestCapitalisedRussianWords(t *testing.T) {
	articles := fstest.MapFS{
		"a.txt": {Data: []byte("The assembly\n\nThe Parliamentary Assembly drafts model laws for the member states.")},
	}
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, articles)
	ctx := context.Background()
	wantAnswer(t, e, "Какие законы готовит Парламентская ассамблея?", "model laws")
	for _, q := range []string{"Какие законы готовит ассамблея Курмангазиева?", "Какие законы готовит ассамблея «Рассвет»?"} {
		if a := e.Answer(ctx, q); a.Found {
			t.Errorf("%q: a name no article has was answered: %q", q, a.Text)
		}
	}
}

// TestStemFamilies: a question's verb meets the article's noun of the same
// family when Snowball stems them apart, and a short stem meets nothing.
func TestStemFamilies(t *testing.T) {
	articles := fstest.MapFS{
		"a.txt": {Data: []byte("Ассамблея\n\nЗаседания ассамблеи проходят в Таврическом дворце.\n\nВ зале также проходят концерты.")},
	}
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, articles)
	wantAnswer(t, e, "Где заседает ассамблея?", "Таврическом")
	idx := e.idx.Load()
	if got := idx.vocab.withPrefix("заседа", stemFamilyExtra, stemFamilyMax); len(got) != 1 || got[0] != stemWord("заседания", true) {
		t.Errorf("withPrefix(заседа) = %v", got)
	}
	var u queryUnit
	u.addStemFamily(idx, tokenize("зал")[0])
	if len(u.related) != 0 {
		t.Errorf("a three-letter stem took relatives: %v", u.related)
	}

	// A Russian verb no article has meets its prefixed forms: «вёл»
	// is «провёл».
	e = engineOver(t, "Саммит\n\nСаммит в Астане провёл президент Казахстана Касым-Жомарт Токаев.\n\nЛидеры подписали декларацию.")
	wantAnswer(t, e, "Кто вёл саммит в Астане?", "Токаев")
	var v queryUnit
	v.addStemFamily(e.idx.Load(), tokenize("вёл")[0])
	if want := "w:" + stemWord("провел", true); !slices.ContainsFunc(v.related, func(r relatedKey) bool { return r.key == want }) {
		t.Errorf("«вёл» does not meet «провёл» (%s): %v", want, v.related)
	}
	wantAnswer(t, e, "Кем работал Токаев в Астане?", "президент") // «кем» asks, like «кто»
}

// TestRussianPhrases: two Russian words that make a dictionary phrase meet
// its translation, which neither word alone is: «прекращение огня» is a
// ceasefire.
func TestRussianPhrases(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": {Data: []byte("Truce\n\nThe ceasefire took effect on 10 November after six weeks of fighting.")},
		"b.txt": {Data: []byte("Fire\n\nA fire broke out at the depot on 3 March.")},
	})
	a := e.Answer(context.Background(), "Когда началось прекращение огня?")
	if !a.Found || !strings.Contains(a.Text, "ceasefire") {
		t.Errorf("found %v, %q; want the ceasefire", a.Found, a.Text)
	}
}

// TestQuotedWordsAreNames: a capitalised dictionary word is a word, but a
// quoted one is the name of a club, a firm or a newspaper; in English a
// dictionary word after a capitalised word is a word of a title-case name
// ("Joint Staff"), a word no dictionary has is a name, and so is one
// standing alone.
func TestQuotedWordsAreNames(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	for _, c := range []struct {
		q, word string
		want    bool
	}{
		{"Где выступает Парламентская ассамблея?", "парламентская", false},
		{"Кто возглавляет Совет министров?", "совет", false},
		{"Где выступает «Рассвет»?", "рассвет", true},
		{"Где выступает „Рассвет“?", "рассвет", true},
		{"Где выступает Курмангазиев?", "курмангазиев", true},
		{"Что сказал Орлов вчера?", "орлов", true},
		{"Who heads the Joint Staff?", "staff", false},
		{"What did the Gulf Tashkentov say?", "tashkentov", true},
		{"Where is France?", "france", true},
		{"Did Moldova hold drills?", "moldova", true},
	} {
		toks := tokenize(c.q)
		markQuoted(c.q, toks)
		i := slices.IndexFunc(toks, func(tk token) bool { return tk.lower == c.word })
		if got := e.takenAsName(toks, i, c.q[toks[i].start:toks[i].end]); got != c.want {
			t.Errorf("%q: %q taken as a name %v, want %v", c.q, c.word, got, c.want)
		}
	}
}

// TestUnknownRussianWords: a Russian word no article has counts for little
// when the dictionary has it (the articles may say it otherwise), in full
// when the dictionary lacks it too: «промокод» is a thing no article
// mentions.
func TestUnknownRussianWords(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": {Data: []byte("Помощь\n\nЖители пострадавших сёл получили помощь от властей.")},
		"b.txt": {Data: []byte("Учения\n\nУчения прошли в горах.")},
	})
	wantRefused(t, e, "Что можно получить по промокоду?")
}

// TestNamesWrittenAsWords: a name the articles write only in the other
// script, in lower case as a word of their language («мажилис»), still meets
// the question's spelling ("Mazhilis").
func TestNamesWrittenAsWords(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{
		"a.txt": {Data: []byte("Выступление\n\n11 января президент выступил в мажилисе и объявил о выводе войск.")},
		"b.txt": {Data: []byte("Учения\n\nУчения прошли в горах в сентябре.")},
	})
	wantAnswer(t, e, "When did the president speak in the Mazhilis?", "мажилисе")
}

// TestTranslationForms: a Russian word the dictionary lists only in phrases
// meets the English adverb through its adjective's translation: «временно»
// → временный → temporary → temporarily.
func TestTranslationForms(t *testing.T) {
	e := engineOver(t, "Summit\n\nThe chairmanship was handed temporarily to Kazakhstan.")
	idx := e.idx.Load()
	tok := tokenize("временно")[0]
	want := "w:" + stemWord("temporarily", false)
	for _, r := range e.wordRelations(idx, tok, "", false, false) {
		if r.key == want {
			return
		}
	}
	t.Errorf("«временно» does not meet %s: %v", want, e.wordRelations(idx, tok, "", false, false))
}

// TestNamesAreNotTypos: a capitalised word the articles write in the other
// script is that name, not a mistyped word of the index ("Brest" is not
// "best").
func TestNamesAreNotTypos(t *testing.T) {
	e := engineOver(t, "Учения\n\nУчения прошли на полигоне под Брестом в сентябре.\n\nThe best units took part in the drills.")
	idx := e.idx.Load()
	q := "When were the drills near Brest held?"
	found := false
	for _, u := range e.readQuestion(idx, q, classifyQuestion(q)).units {
		if u.surface != "Brest" {
			continue
		}
		found = true
		if containsKey(u.alts, "w:best") {
			t.Errorf("Brest was corrected to best: %v", u.alts)
		}
	}
	if !found {
		t.Errorf("%q: no unit Brest", q)
	}
}

// TestTranslationsMeetThePast: the dictionary gives a Russian verb's
// infinitive, whose stem its past forms do not share ("гореть", "горели").
func TestTranslationsMeetThePast(t *testing.T) {
	if got, ok := russianPast("гореть"); !ok || stemWord(got, true) != stemWord("горели", true) {
		t.Errorf("russianPast(гореть) = %q: its stem %q is not that of горели (%q)", got, stemWord(got, true), stemWord("горели", true))
	}
	if _, ok := russianPast("burn"); ok {
		t.Errorf("an English word has a Russian past")
	}
}

// TestUnknownRussianVerbsAreSoft: a Russian verb no article and no
// dictionary has («рассорился») is a word the articles say otherwise and
// weighs little; a noun («промокод») is a thing of its own and weighs in
// full.
func TestUnknownRussianVerbsAreSoft(t *testing.T) {
	e := defaultEngine(t)
	idx := e.idx.Load()
	maxIDF := idx.lexical.stats().idf("\x00absent")
	for q, c := range map[string]struct {
		word string
		soft bool
	}{
		"После каких событий Каримов рассорился с Западом?": {"рассорился", true},
		"Какой промокод дал Каримов?":                       {"промокод", false},
		"Что такое кибербезопасность союза?":                {"кибербезопасность", false},
	} {
		found := false
		for _, u := range e.readQuestion(idx, q, classifyQuestion(q)).weigh(e, idx, idx.lexical.stats()) {
			if u.surface != c.word {
				continue
			}
			found = true
			if soft := u.weight < maxIDF; soft != c.soft {
				t.Errorf("%q weighs %.2f of %.2f", c.word, u.weight, maxIDF)
			}
		}
		if !found {
			t.Errorf("%q: no unit %q", q, c.word)
		}
	}
}

// TestPlaceAdjectives: a Russian adjective made from a place meets the
// place: «Брестском» is Brest's («Брест»), «Минской» Minsk's.
func TestPlaceAdjectives(t *testing.T) {
	for word, want := range map[string]string{"брестском": "брест", "минской": "минск", "брестской": "брест"} {
		if got := placeOfAdjective(word); !slices.Contains(got, want) {
			t.Errorf("placeOfAdjective(%q) = %v, want %q among them", word, got, want)
		}
	}
	if got := placeOfAdjective("области"); got != nil {
		t.Errorf("placeOfAdjective(области) = %v", got)
	}
	// Only a base the articles write as a name is met.
	e := engineOver(t, "Учения\n\nУчения прошли под Брестом и в Минске, где заложили мин больше, чем в прошлом году.")
	idx := e.idx.Load()
	meets := func(word, other string) bool {
		got := e.wordRelations(idx, tokenize(word)[0], "", true, true)
		return slices.ContainsFunc(got, func(r relatedKey) bool { return r.key == "w:"+stemWord(other, true) })
	}
	if !meets("Брестской", "брест") {
		t.Errorf("«Брестской» does not meet «Брестом»")
	}
	if meets("Минской", "мин") {
		t.Errorf("«Минской» meets «мин», no name")
	}
}

// TestTiedTranslationsStayTogether: the dictionary's main senses are kept,
// and with them those it weighs as much as the last one kept.
func TestTiedTranslationsStayTogether(t *testing.T) {
	terms := []lexicon.Term{{Text: "exclude", Weight: 0.72}, {Text: "except", Weight: 0.72}, {Text: "foreclose", Weight: 0.72},
		{Text: "eliminate", Weight: 0.68}, {Text: "expel", Weight: 0.68}, {Text: "suspend", Weight: 0.54}}
	got := firstTerms(terms, 4)
	if len(got) != 5 || got[4].Text != "expel" {
		t.Errorf("firstTerms = %v, want the first five (expel as heavy as eliminate)", got)
	}
	if got := firstTerms(terms[:3], 4); len(got) != 3 {
		t.Errorf("firstTerms of three = %v", got)
	}
}

// TestTranslationsMeetThePerfective: the dictionary translates "refuse"
// and "sign" by imperfectives (отказываться, подписывать); the article
// reports the deed in the perfective («отказался подписать»), which an
// English question meets.
func TestTranslationsMeetThePerfective(t *testing.T) {
	e := engineOver(t, "Саммит\n\nПрезидент Молдовы отказался подписать таможенное соглашение с соседями.")
	idx := e.idx.Load()
	q := "Why did the Moldovan president refuse to sign the customs agreement?"
	want := map[string]string{"refuse": stemWord("отказался", true), "sign": stemWord("подписать", true)}
	for _, u := range e.readQuestion(idx, q, classifyQuestion(q)).weigh(e, idx, idx.lexical.stats()) {
		st, ok := want[u.surface]
		if !ok {
			continue
		}
		delete(want, u.surface)
		if !slices.ContainsFunc(u.related, func(r relatedKey) bool { return r.key == "w:"+st }) {
			t.Errorf("%q does not meet %q: %v", u.surface, st, u.related)
		}
	}
	for w := range want {
		t.Errorf("%q: no unit %q", q, w)
	}
	if _, ok := russianPast("отказаться"); !ok {
		t.Errorf("russianPast(отказаться): no past of a reflexive verb")
	}
}

// TestMissingPerfectiveMeetsImperfective: a perfective the articles lack
// («вывести») meets its regular imperfective's stem, which is often the
// deed's noun too («вывод»).
func TestMissingPerfectiveMeetsImperfective(t *testing.T) {
	e := engineOver(t, "Миротворцы\n\nВывод миротворцев из страны завершится через десять дней.")
	idx := e.idx.Load()
	q := "За какой срок обещали вывести миротворцев?"
	want := "w:" + stemWord("вывод", true)
	for _, u := range e.readQuestion(idx, q, classifyQuestion(q)).weigh(e, idx, idx.lexical.stats()) {
		if u.surface != "вывести" {
			continue
		}
		if !slices.ContainsFunc(u.related, func(r relatedKey) bool { return r.key == want }) {
			t.Errorf("«вывести» does not meet %s: %v", want, u.related)
		}
		return
	}
	t.Errorf("%q: no unit «вывести»", q)
}

// TestStemKeyOnlySkipsUnindexedStems checks what stemKey relies on: a
// Russian word it gives no key has no indexed stem, and any other word gets
// the key of its stem. The words are the index's Russian words, each also
// with endings added and cut, and the translations of English words.
func TestStemKeyOnlySkipsUnindexedStems(t *testing.T) {
	e := defaultEngine(t)
	idx := e.idx.Load()
	var words []string
	for w := range idx.vocab.stems {
		if !isCyrillicWord(w) {
			continue
		}
		r := []rune(w)
		words = append(words, w, w+"ами", w+"ённого", string(r[:max(1, len(r)-2)]), string(r[:len(r)/2]))
	}
	for _, en := range []string{"security", "treaty", "peace", "army", "exercise", "border", "summit", "meeting"} {
		for _, tr := range e.lexicon().Translations(en, "en") {
			words = append(words, lexicon.Words(tr.Text)...)
		}
	}
	skipped := 0
	for _, w := range words {
		key, want := idx.stemKey(w), "w:"+idx.stemOf(w)
		switch {
		case key == "" && idx.lexical.df[want] > 0:
			t.Fatalf("stemKey(%q) = \"\", but its stem %q is indexed", w, want)
		case key != "" && key != want:
			t.Fatalf("stemKey(%q) = %q, want %q", w, key, want)
		case key == "":
			skipped++
		}
	}
	if skipped == 0 || skipped == len(words) {
		t.Errorf("stemKey skipped %d of %d words; the test needs both kinds", skipped, len(words))
	}
}

// TestNamedConceptIsNotItsKind: a question naming the Collective Security
// Treaty is matched fully by the treaty and only in part by any agreement,
// the broader concept the glossary says the treaty is.
func TestNamedConceptIsNotItsKind(t *testing.T) {
	e := engineOver(t, "Forces\n\nThe peacekeeping forces rest on an agreement signed in Dushanbe in October 2007.",
		"History\n\nThe Collective Security Treaty entered into force on 20 April 1994.")
	q := "Since when has the Collective Security Treaty been in force?"
	idx := e.idx.Load()
	for _, u := range e.readQuestion(idx, q, classifyQuestion(q)).units {
		if u.surface != "Collective Security Treaty" {
			continue
		}
		if containsKey(u.alts, "c:term.treaty") {
			t.Errorf("any treaty matches the named one fully: %v", u.alts)
		}
		if !slices.ContainsFunc(u.related, func(r relatedKey) bool { return r.key == "c:term.treaty" && r.weight < 1 }) {
			t.Errorf("an agreement does not match the treaty in part: %v", u.related)
		}
		return
	}
	t.Errorf("%q: no unit for the treaty", q)
}

// TestSynonymDerivations: an English word meets its synonyms'
// derivations, below the synonyms themselves: "investigated" → inquire →
// "inquiry".
func TestSynonymDerivations(t *testing.T) {
	e := engineOver(t, "Inquiry\n\nAn independent inquiry reported in May that hundreds had been killed in the clashes.")
	idx := e.idx.Load()
	inquiry := idx.stemKey("inquiry")
	for _, r := range e.lexiconRelations(idx, e.lexicon(), "investigated", false) {
		if r.key == inquiry {
			if r.weight >= 0.5 {
				t.Errorf("inquiry weighs %.2f, want less than a synonym", r.weight)
			}
			return
		}
	}
	t.Errorf("investigated does not meet inquiry")
}

// TestCapitalisedWordsMeetTheirTranslations: a capitalised English word the
// dictionary has is taken as a name, yet meets its lower-case Russian
// translation, which only an article in Russian writes.
func TestCapitalisedWordsMeetTheirTranslations(t *testing.T) {
	e := engineOver(t,
		"База\n\nВ 2001 году Узбекистан разрешил американцам использовать базу Карши-Ханабад на юге страны.",
		"Summit\n\nThe leaders of Uzbekistan and Kazakhstan met in Tashkent in 2001 to discuss trade.",
	)
	wantAnswer(t, e, "Which base did Uzbekistan let the Americans use in 2001?", "Карши")
}

// TestOneWordNamesMustBeMet: a name in capitals is what the question is
// about; a passage on another operation of the same kind, however well its
// other words match, does not answer.
func TestOneWordNamesMustBeMet(t *testing.T) {
	e := engineOver(t,
		"Kanal\n\nThe CSTO member states have held the anti-drug operation Kanal every year since 2003.",
		"Internet\n\nThe police of the member states began the operation PROXY in 2009. It targets extremist sites.",
		"Drills\n\nThe exercise was held in Armenia in 2012.",
	)
	q := "Since which year have the CSTO member states held the PROXY operation every year?"
	if a := e.Answer(context.Background(), q); a.Found && !strings.Contains(a.Text, "2009") {
		t.Errorf("%q answered with another operation: %q", q, a.Text)
	}
}
