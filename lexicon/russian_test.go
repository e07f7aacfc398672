package lexicon

import (
	"slices"
	"strings"
	"testing"
)

// inflectedForms are inflected Russian words of general vocabulary with the
// first translation of their dictionary form (its best-placed sense,
// common English words first). The forms cover the cases of nouns in both
// numbers, fleeting vowels (посла, отца, дня, любви), adjectives, past and
// present verb forms and reflexive verbs.
var inflectedForms = []struct{ form, first string }{
	// nouns
	{"посла", "ambassador"}, {"послу", "ambassador"}, {"послом", "ambassador"},
	{"послы", "ambassador"}, {"послов", "ambassador"}, {"послами", "ambassador"},
	{"войны", "war"}, {"войне", "war"}, {"войну", "war"}, {"войной", "war"}, {"войн", "war"}, {"войнах", "war"},
	{"отца", "father"}, {"отцу", "father"}, {"отцом", "father"}, {"отцы", "father"},
	{"безопасности", "security"}, {"миру", "world"}, {"миром", "world"}, {"мира", "world"},
	{"переговоров", "negotiation"}, {"переговорах", "negotiation"},
	{"выборов", "election"}, {"выборах", "election"},
	{"страны", "country"}, {"странами", "country"}, {"стран", "country"},
	{"президента", "president"}, {"президентом", "president"},
	{"министров", "minister"}, {"министру", "minister"},
	{"дня", "day"}, {"дней", "day"}, {"днём", "day"},
	{"огня", "fire"}, {"огнём", "fire"},
	{"союзников", "ally"}, {"союзникам", "ally"},
	{"любви", "love"}, {"церкви", "church"}, {"сна", "sleep"},
	{"ребенка", "child"}, {"ребёнка", "child"}, {"орла", "eagle"}, {"народа", "people"},
	{"армии", "army"}, {"армий", "army"}, {"армией", "army"},
	{"оружия", "weapon"}, {"оружием", "weapon"},
	{"ракет", "rocket"}, {"ракетами", "rocket"},
	{"договора", "treaty"}, {"договором", "treaty"},
	// adjectives
	{"военных", "military"}, {"военной", "military"}, {"военного", "military"}, {"военным", "military"},
	{"коллективной", "collective"}, {"коллективного", "collective"},
	{"новыми", "new"}, {"новая", "new"}, {"новую", "new"}, {"генерального", "general"},
	// past tense ("погибнуть" is first translated "go west")
	{"погибли", "west"}, {"погиб", "west"},
	{"эвакуировали", "evacuate"}, {"эвакуировал", "evacuate"},
	{"возглавлял", "head"}, {"возглавляла", "head"},
	{"спасали", "save"}, {"несли", "carry"}, {"угрожали", "threaten"}, {"защищали", "protect"},
	// present tense
	{"угрожает", "threaten"}, {"защищают", "protect"}, {"возглавляет", "head"},
	// reflexive verbs
	{"сражались", "battle"}, {"боролись", "contend"}, {"боролся", "contend"},
	{"сражается", "battle"}, {"находится", "be"}, {"собирались", "forgather"},
}

// stemCollisions are words whose Snowball stem is also the stem of an
// unrelated dictionary word, with that word's translations, which must not
// be offered: "родился" and "род" share the stem "род".
var stemCollisions = []struct {
	form     string
	unwanted []string
}{
	{"родился", []string{"sort", "gender", "genus", "clan"}},
	{"родились", []string{"sort", "gender", "genus", "clan"}},
	{"мир", []string{"condone"}},
	{"мира", []string{"condone"}},
	{"миром", []string{"condone"}},
}

// TestRussianInflectedForms checks that an inflected form is translated as
// its dictionary form, and logs the accuracy over the table.
func TestRussianInflectedForms(t *testing.T) {
	l := Default()
	ok := 0
	for _, c := range inflectedForms {
		got := translationTexts(l, c.form, Russian)
		if len(got) > 0 && got[0] == c.first {
			ok++
			continue
		}
		t.Errorf("Translations(%q) = %.5q, want %q first", c.form, got, c.first)
	}
	t.Logf("inflected forms: %d of %d (%.0f%%) give their dictionary form's first translation",
		ok, len(inflectedForms), 100*float64(ok)/float64(len(inflectedForms)))
}

// TestRussianStemCollisions checks that words sharing only a stem with a
// dictionary word do not get its translations.
func TestRussianStemCollisions(t *testing.T) {
	l := Default()
	clean := 0
	for _, c := range stemCollisions {
		got := translationTexts(l, c.form, Russian)
		bad := slices.ContainsFunc(c.unwanted, func(u string) bool { return slices.Contains(got, u) })
		if !bad {
			clean++
			continue
		}
		t.Errorf("Translations(%q) = %v, want none of %s", c.form, got, strings.Join(c.unwanted, ", "))
	}
	t.Logf("stem collisions: %d of %d words clean", clean, len(stemCollisions))
}

// heldOutForms were written after the lemma rules were tuned on
// inflectedForms and are not tuned on: each inflected form and its
// dictionary form, which must give the same first translation. The test
// reports the share and fails only below 85%.
var heldOutForms = []struct{ form, lemma string }{
	{"солдаты", "солдат"}, {"солдатами", "солдат"}, {"городов", "город"}, {"городе", "город"},
	{"столицы", "столица"}, {"столице", "столица"}, {"оружии", "оружие"}, {"ракеты", "ракета"},
	{"отрядом", "отряд"}, {"народов", "народ"}, {"народу", "народ"}, {"любовью", "любовь"},
	{"церквей", "церковь"}, {"кошки", "кошка"}, {"ребенку", "ребенок"}, {"орлы", "орел"},
	{"союзнику", "союзник"}, {"президенту", "президент"}, {"министра", "министр"},
	{"государства", "государство"}, {"государствах", "государство"},
	{"соглашения", "соглашение"}, {"соглашений", "соглашение"}, {"соглашением", "соглашение"},
	{"границе", "граница"}, {"странам", "страна"}, {"армиями", "армия"},
	{"военному", "военный"}, {"большими", "большой"}, {"новому", "новый"}, {"генеральному", "генеральный"},
	{"защищал", "защищать"}, {"защищала", "защищать"}, {"угрожал", "угрожать"}, {"спасал", "спасать"},
	{"участвовали", "участвовать"}, {"участвует", "участвовать"}, {"говорил", "говорить"}, {"говорили", "говорить"},
	{"эвакуируют", "эвакуировать"}, {"сражался", "сражаться"}, {"боролась", "бороться"}, {"собирался", "собираться"},
	{"погибали", "погибать"}, {"отзывали", "отзывать"}, {"учил", "учить"}, {"учили", "учить"}, {"учит", "учить"},
	{"атаковали", "атаковать"}, {"атакует", "атаковать"}, {"руководил", "руководить"}, {"руководит", "руководить"},
	{"обсуждали", "обсуждать"}, {"обсуждает", "обсуждать"}, {"встречались", "встречаться"},
	{"ударов", "удар"}, {"ударом", "удар"},
}

// TestRussianHeldOutForms measures lookups of inflected forms the rules were
// not tuned on.
func TestRussianHeldOutForms(t *testing.T) {
	l := Default()
	ok := 0
	for _, c := range heldOutForms {
		want := translationTexts(l, c.lemma, Russian)
		got := translationTexts(l, c.form, Russian)
		if len(want) > 0 && len(got) > 0 && got[0] == want[0] {
			ok++
			continue
		}
		t.Logf("Translations(%q) = %.4q, its dictionary form %q gives %.4q", c.form, got, c.lemma, want)
	}
	share := float64(ok) / float64(len(heldOutForms))
	t.Logf("held-out inflected forms: %d of %d (%.0f%%) give their dictionary form's first translation", ok, len(heldOutForms), 100*share)
	if share < 0.85 {
		t.Errorf("only %.0f%% of held-out forms found their dictionary form", 100*share)
	}
}

// TestRussianHeadwords checks which dictionary forms are chosen: fleeting
// vowels, verb forms, and the ranking by length and explained ending.
func TestRussianHeadwords(t *testing.T) {
	l := Default()
	cases := []struct {
		form string
		want []string
	}{
		{"послом", []string{"посол"}},
		{"посла", []string{"посол"}},       // not "после"
		{"погибли", []string{"погибнуть"}}, // not "погибель"
		{"эвакуировали", []string{"эвакуировать"}},
		{"возглавлял", []string{"возглавлять"}},
		{"родился", []string{"родиться"}},
		{"дня", []string{"день"}}, // not "дно"
		{"отцом", []string{"отец"}},
		{"государств", []string{"государство"}},
		{"генерального", []string{"генеральный"}},
		{"переговорах", []string{"переговоры"}},
		{"обсуждались", []string{"обсуждать"}}, // "обсуждаться" is not listed
		{"мир", []string{"мир"}},
		{"токаева", nil},
	}
	for _, c := range cases {
		if got := l.russianHeadwords(c.form); !slices.Equal(got, c.want) {
			t.Errorf("russianHeadwords(%q) = %q, want %q", c.form, got, c.want)
		}
	}
}

// TestIsLemmaCandidate checks that the allocation-free test agrees with the
// list of candidates.
func TestIsLemmaCandidate(t *testing.T) {
	for _, w := range []string{"послом", "погибли", "сражались", "кошек", "армий", "угрожает"} {
		cands := lemmaCandidates(w)
		for _, c := range cands {
			if !isLemmaCandidate(w, c.form) {
				t.Errorf("isLemmaCandidate(%q, %q) = false, but lemmaCandidates lists it", w, c.form)
			}
		}
		for _, other := range []string{"", w + "x", "посолх"} {
			listed := slices.ContainsFunc(cands, func(c lemmaCandidate) bool { return c.form == other })
			if isLemmaCandidate(w, other) != listed {
				t.Errorf("isLemmaCandidate(%q, %q) disagrees with lemmaCandidates", w, other)
			}
		}
	}
}

// lemmaCandidates returns the dictionary forms a Russian word (lower case,
// "ё" read as "е") may be an inflection of, by replacing its noun,
// adjective or verb ending with a dictionary form's ending and, for nouns,
// inserting or dropping a fleeting vowel before the last consonant ("посл"
// ↔ "посол", "кошек" ↔ "кошк"). Most candidates are not words; the caller
// keeps those the dictionary lists. A form may come more than once.
func lemmaCandidates(word string) []lemmaCandidate {
	var out []lemmaCandidate
	visitLemmaCandidates(word, func(stem, ending string, stripped int, fleeting bool) bool {
		out = append(out, lemmaCandidate{stem + ending, stripped, fleeting})
		return true
	})
	return out
}

// TestPerfectiveVerbsMeetTheirImperfective: the dictionary lists verbs by
// the imperfective; a perfective form is looked up as its regular aspect
// partner.
func TestPerfectiveVerbsMeetTheirImperfective(t *testing.T) {
	l := Default()
	for word, want := range map[string]string{
		"подтвердил": "confirm",  // подтвердить → подтверждать (д → жд)
		"объявил":    "announce", // объявить → объявлять (в → вл)
		"передали":   "transmit", // передать → передавать
		"исключили":  "exclude",  // исключить → исключать
	} {
		found := false
		for _, tr := range l.Translations(word, Russian) {
			found = found || tr.Text == want
		}
		if !found {
			t.Errorf("Translations(%q) = %v, want %q among them", word, l.Translations(word, Russian), want)
		}
		if !l.IsRussianWord(word) {
			t.Errorf("IsRussianWord(%q) = false", word)
		}
	}
	// The past of a -сти verb is a form of it: "вывели" → "вывести".
	if got := l.russianHeadwords("вывели"); !slices.Contains(got, "вывести") {
		t.Errorf("russianHeadwords(вывели) = %v, want вывести", got)
	}
	if got := l.imperfectiveHeadwords("столом"); len(got) != 0 {
		t.Errorf("a noun took imperfectives: %v", got)
	}
}

// TestAspectPairs: an imperfective infinitive yields its regular
// perfectives among the candidates, reflexive ones included, and a
// perfective's forms its regular imperfectives, with no dictionary
// consulted; a word with no verb ending yields none.
func TestAspectPairs(t *testing.T) {
	for _, c := range []struct {
		name      string
		candidate func(string) []string
		pairs     map[string]string
	}{
		{"Perfectives", Perfectives, map[string]string{"подписывать": "подписать", "отказываться": "отказаться",
			"подтверждать": "подтвердить", "объявлять": "объявить", "передавать": "передать", "принимать": "принять", "выводить": "вывести"}},
		{"Imperfectives", Imperfectives, map[string]string{"вывести": "выводить", "подтвердил": "подтверждать",
			"подписали": "подписывать", "передать": "передавать"}},
	} {
		for word, want := range c.pairs {
			if got := c.candidate(word); !slices.Contains(got, want) {
				t.Errorf("%s(%q) = %v, want %q among them", c.name, word, got, want)
			}
		}
	}
	for _, w := range []string{"стол", "граница", "быть"} {
		if got := Perfectives(w); len(got) != 0 {
			t.Errorf("Perfectives(%q) = %v, want none", w, got)
		}
	}
}

// TestVerbFormsNewsWrites: the participles, gerunds and perfective pasts
// news writes meet the dictionary's verbs through their infinitive, the
// irregular aspect pairs of whole verb families (-ехать/-езжать,
// -звать/-зывать, о → а in -ивать), or, for a prefixed verb the dictionary
// lacks, the verb without its prefix.
func TestVerbFormsNewsWrites(t *testing.T) {
	l := Default()
	for word, want := range map[string]string{
		"создана":       "create",  // short participle → создать
		"подписанного":  "sign",    // full participle → подписать
		"заявив":        "declare", // gerund → заявить
		"надеется":      "hope",    // надеяться
		"приехали":      "come",    // приехать → приезжать
		"назвал":        "call",    // назвать → называть
		"предложил":     "propose", // предложить → предлагать
		"приостановил":  "suspend", // приостановить → приостанавливать
		"заморозила":    "freeze",  // заморозить → замораживать
		"отреагировали": "react",   // no отреагировать: реагировать
		"переизбрали":   "reelect", // no переизбрать: избрать
	} {
		found := false
		for _, tr := range l.Translations(word, Russian) {
			found = found || tr.Text == want
		}
		if !found {
			t.Errorf("Translations(%q) = %v, want %q among them", word, l.Translations(word, Russian), want)
		}
	}
	// A noun that starts like a prefix is not taken for a verb.
	if got := l.unprefixedVerbs("пограничников"); len(got) != 0 {
		t.Errorf("unprefixedVerbs(пограничников) = %v, want none", got)
	}
}

// TestOnePrefixAtMost: a prefixed verb the dictionary lacks is looked up
// without one prefix, never more: each remainder unprefixed again made a
// word of repeated prefixes cost time doubling every three letters.
func TestOnePrefixAtMost(t *testing.T) {
	l := Default()
	if got := l.Translations("отреагировали", Russian); len(got) == 0 {
		t.Errorf("отреагировали: no translation through реагировать")
	}
	if got := l.russianHeadwords("переотреагировали"); len(got) != 0 {
		t.Errorf("russianHeadwords(переотреагировали) = %v: two prefixes were taken off", got)
	}
}

// BenchmarkRepeatedPrefixes measures a lookup of a word of repeated verb
// prefixes, the worst case of unprefixedVerbs.
func BenchmarkRepeatedPrefixes(b *testing.B) {
	l := Default()
	word := strings.Repeat("вос", 15) + "щщщ"
	for b.Loop() {
		l.Translations(word, Russian)
	}
}

// TestIsConsonant checks the consonant mask against the letters it stands
// for, over the basic Cyrillic block and around it.
func TestIsConsonant(t *testing.T) {
	for r := rune(0x3F0); r < 0x470; r++ {
		if got, want := isConsonant(r), strings.ContainsRune("бвгджзклмнпрстфхцчшщ", r); got != want {
			t.Errorf("isConsonant(%q) = %v, want %v", r, got, want)
		}
	}
}
