package lexicon

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/russian"
)

// Russian words are looked up by their dictionary form. Snowball stems
// merge unrelated words ("родился" and "род" share "род") and split one
// word's forms ("посол", "посла" are "посол", "посл"), so Translations first
// guesses the dictionary forms an inflected word may have and keeps those
// the dictionary lists.

// nominalParadigms map the ending of a noun's or adjective's dictionary
// form to the endings of its other forms, singular and plural, after any
// stem letter (spelling rules are not applied: the dictionary filters).
// "" is the zero ending (nominative "посол", genitive plural "войн").
var nominalParadigms = []struct {
	lemma string
	forms []string
	after string // if set, the stem ends in one of these letters
}{
	{"", []string{"", "а", "у", "ом", "е", "ы", "и", "ов", "ев", "ей", "ам", "ами", "ах", "ем"}, ""}, // посол, отец
	{"ь", []string{"я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях", "ью", "ам", "ами", "ах"}, ""},  // день, любовь
	{"й", []string{"я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях"}, ""},                           // музей
	{"а", []string{"ы", "и", "е", "у", "ой", "ою", "ей", "ею", "", "ам", "ами", "ах"}, ""},           // война, кошка
	{"я", []string{"и", "е", "ю", "ей", "ею", "ь", "", "й", "ям", "ями", "ях"}, ""},                  // земля
	{"о", []string{"а", "у", "ом", "е", "", "ам", "ами", "ах"}, ""},                                  // государство
	{"е", []string{"я", "ю", "ем", "и", "ей", "ям", "ями", "ях"}, ""},                                // поле
	{"е", []string{"а", "у", "ом", "ам", "ами", "ах"}, "жшчщц"},                                      // солнце
	{"ие", []string{"ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях"}, ""},                        // оружие
	{"ия", []string{"ии", "ию", "ией", "ий", "иям", "иями", "иях"}, ""},                              // армия
	{"ы", []string{"", "ов", "ам", "ами", "ах"}, ""},                                                 // выборы, переговоры
	{"и", []string{"", "ей", "ов", "ам", "ами", "ах", "ям", "ями", "ях"}, ""},                        // деньги
	{"ый", adjectiveForms, ""}, {"ий", adjectiveForms, ""}, {"ой", adjectiveForms, ""},
}

// adjectiveForms are the endings of an adjective's forms, hard and soft.
var adjectiveForms = []string{
	"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему",
	"ым", "им", "ыми", "ими", "ых", "их", "ую", "юю", "ей",
}

// verbRule replaces a verb's ending by the endings of its infinitive; a
// rule marked consonant applies only when the ending follows a consonant.
type verbRule struct {
	ending    string
	lemmata   []string
	consonant bool
}

// verbRules are the rules of the Russian verb forms, participles and
// gerunds included.
var verbRules = append([]verbRule{
	// past tense after a vowel: "возглавлял" → "возглавлять"
	{"л", []string{"ть"}, false}, {"ла", []string{"ть"}, false}, {"ло", []string{"ть"}, false}, {"ли", []string{"ть"}, false},
	{"лся", []string{"ться"}, false}, {"лась", []string{"ться"}, false}, {"лось", []string{"ться"}, false}, {"лись", []string{"ться"}, false},
	// past tense after a consonant: "погиб", "погибли" → "погибнуть",
	// "несли" → "нести"
	{"", []string{"нуть", "ти"}, true}, {"ла", []string{"нуть", "ти"}, true}, {"ло", []string{"нуть", "ти"}, true}, {"ли", []string{"нуть", "ти"}, true},
	{"ся", []string{"нуться", "тись"}, true}, {"лась", []string{"нуться", "тись"}, true}, {"лись", []string{"нуться", "тись"}, true},
	// past tense of the -сти verbs: "вывел", "провели" → "вывести", "провести"
	{"ел", []string{"ести"}, false}, {"ела", []string{"ести"}, false}, {"ело", []string{"ести"}, false}, {"ели", []string{"ести"}, false},
	// present and future tense
	{"ет", []string{"ть"}, false}, {"ют", []string{"ть"}, false}, {"ем", []string{"ть"}, false}, {"ешь", []string{"ть"}, false}, {"ете", []string{"ть"}, false},
	{"ует", []string{"овать"}, false}, {"уют", []string{"овать"}, false}, {"уем", []string{"овать"}, false},
	{"ит", []string{"ить", "еть"}, false}, {"ят", []string{"ить", "еть", "ять"}, false}, {"ат", []string{"ать"}, false},
	{"ут", []string{"ти"}, true},
	{"им", []string{"ить", "еть"}, false}, {"ишь", []string{"ить", "еть"}, false}, {"ите", []string{"ить", "еть"}, false},
	{"ется", []string{"ться"}, false}, {"ются", []string{"ться"}, false}, {"уется", []string{"оваться"}, false}, {"уются", []string{"оваться"}, false},
	{"ится", []string{"иться", "еться"}, false}, {"ятся", []string{"иться", "еться", "яться"}, false}, {"атся", []string{"аться"}, false},
	{"еется", []string{"еяться"}, false}, {"еются", []string{"еяться"}, false}, // надеется → надеяться
	// short passive participles, which news uses for what was done:
	// "создана" → "создать", "заключён" → "заключить", "принята" → "принять"
	{"ан", []string{"ать"}, false}, {"ана", []string{"ать"}, false}, {"ано", []string{"ать"}, false}, {"аны", []string{"ать"}, false},
	{"ян", []string{"ять"}, false}, {"яна", []string{"ять"}, false}, {"яно", []string{"ять"}, false}, {"яны", []string{"ять"}, false},
	{"ен", []string{"ить", "еть"}, false}, {"ена", []string{"ить", "еть"}, false}, {"ено", []string{"ить", "еть"}, false}, {"ены", []string{"ить", "еть"}, false},
	{"та", []string{"ть"}, false}, {"то", []string{"ть"}, false}, {"ты", []string{"ть"}, false},
	// the -йти verbs: "вышла", "пришёл", "пройдёт" → "выйти", "прийти", "пройти"
	{"шел", []string{"йти"}, false}, {"шёл", []string{"йти"}, false}, {"шла", []string{"йти"}, false}, {"шло", []string{"йти"}, false}, {"шли", []string{"йти"}, false},
	{"йдет", []string{"йти"}, false}, {"йдёт", []string{"йти"}, false}, {"йдут", []string{"йти"}, false},
	// perfective gerunds: "заявив" → "заявить", "подписав" → "подписать"
	{"ив", []string{"ить"}, false}, {"ав", []string{"ать"}, false}, {"яв", []string{"ять"}, false}, {"нув", []string{"нуть"}, false},
	{"ившись", []string{"иться"}, false}, {"авшись", []string{"аться"}, false},
}, participleRules()...)

// participleRules: full passive participles decline as adjectives,
// "подписанного", "созданной" → "подписать", "создать".
func participleRules() []verbRule {
	var out []verbRule
	for _, a := range adjectiveForms {
		out = append(out, verbRule{"анн" + a, []string{"ать"}, false}, verbRule{"янн" + a, []string{"ять"}, false},
			verbRule{"енн" + a, []string{"ить", "еть"}, false})
	}
	return out
}

// lemmaCandidate is a possible dictionary form of a word.
type lemmaCandidate struct {
	form     string
	stripped int  // runes of the word's ending that were replaced
	fleeting bool // a fleeting о/е was inserted or dropped
}

// cost ranks candidates: the closer in length to the word the better, a
// fleeting vowel counts as one more rune of difference, and of equal costs
// the one that explained a longer ending is preferred.
func (c lemmaCandidate) cost(word string) int {
	d := utf8.RuneCountInString(c.form) - utf8.RuneCountInString(word)
	if d < 0 {
		d = -d
	}
	if c.fleeting {
		d++
	}
	return d
}

// isLemmaCandidate says whether one of forms is one of
// lemmaCandidates(word), without building them.
func isLemmaCandidate(word string, forms ...string) bool {
	found := false
	visitLemmaCandidates(word, func(stem, ending string, _ int, _ bool) bool {
		for _, form := range forms {
			if len(form) == len(stem)+len(ending) && strings.HasPrefix(form, stem) && strings.HasSuffix(form, ending) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// visitLemmaCandidates calls visit with each candidate as a stem and an
// ending to append, until visit returns false; see lemmaCandidates.
func visitLemmaCandidates(word string, visit func(stem, ending string, stripped int, fleeting bool) bool) bool {
	runes := utf8.RuneCountInString(word)
	for _, p := range nominalParadigms {
		for _, e := range p.forms {
			if !endsAs(word, e) {
				continue
			}
			stem, n := word[:len(word)-len(e)], utf8.RuneCountInString(e)
			if runes-n < 2 {
				continue
			}
			if last, _ := utf8.DecodeLastRuneInString(stem); p.after != "" && !strings.ContainsRune(p.after, last) {
				continue
			}
			if !visit(stem, p.lemma, n, false) {
				return false
			}
			inserted, ok, dropped := fleetingVariants(stem)
			for i := 0; ok && i < len(inserted); i++ {
				if !visit(inserted[i], p.lemma, n, true) {
					return false
				}
			}
			if dropped != "" && !visit(dropped, p.lemma, n, true) {
				return false
			}
		}
	}
	for _, r := range verbRules {
		if !endsAs(word, r.ending) {
			continue
		}
		stem, n := word[:len(word)-len(r.ending)], utf8.RuneCountInString(r.ending)
		if runes-n < 2 || (r.consonant && !endsInConsonant(stem)) {
			continue
		}
		for _, le := range r.lemmata {
			if !visit(stem, le, n, false) {
				return false
			}
		}
	}
	// A reflexive verb the dictionary does not list is looked up without
	// "-ся": "обсуждались" → "обсуждать".
	for _, suffix := range []string{"ся", "сь"} {
		base, ok := strings.CutSuffix(word, suffix)
		if !ok || utf8.RuneCountInString(base) <= 3 {
			continue
		}
		more := visitLemmaCandidates(base, func(stem, ending string, stripped int, fleeting bool) bool {
			if !strings.HasSuffix(ending, "ть") && !strings.HasSuffix(ending, "ти") {
				return true
			}
			return visit(stem, ending, stripped, fleeting) // the reflexive verb, if listed, explains more
		})
		if !more {
			return false
		}
	}
	return true
}

// endsAs reports whether word ends in ending; most endings tried on a word
// differ from its end in the last byte, which is compared first.
func endsAs(word, ending string) bool {
	if ending == "" {
		return true
	}
	n := len(ending)
	return n <= len(word) && word[len(word)-1] == ending[n-1] && word[len(word)-n:] == ending
}

// DropFleetingVowel returns the stem a Russian noun's other case forms are
// built on when its dictionary form has a fleeting vowel ("порядок" →
// "порядк" as in "порядком", "отец" → "отц"), or "" when it has none.
func DropFleetingVowel(word string) string {
	_, _, dropped := fleetingVariants(strings.ReplaceAll(word, "ё", "е"))
	return dropped
}

// fleetingVariants returns a noun stem with a fleeting vowel inserted
// before its last consonant when it ends in two consonants ("посл" →
// "посол", "посел"), and with it dropped when it ends in consonant, о or
// е, consonant ("кошек" → "кошк"); ok says whether inserted holds the
// two stems with a vowel inserted.
func fleetingVariants(stem string) (inserted [2]string, ok bool, dropped string) {
	last, n1 := utf8.DecodeLastRuneInString(stem)
	if !isConsonant(last) {
		return inserted, false, ""
	}
	head := stem[:len(stem)-n1]
	prev, n2 := utf8.DecodeLastRuneInString(head)
	if isConsonant(prev) || prev == 'ь' || prev == 'й' {
		if prev == 'ь' || prev == 'й' {
			head = head[:len(head)-n2] // "льв" → "лев", "бойц" → "боец"
		}
		tail := stem[len(stem)-n1:] // the consonant
		inserted, ok = [2]string{head + "о" + tail, head + "е" + tail}, true
	}
	if prev == 'о' || prev == 'е' {
		before := head[:len(head)-n2]
		if r, _ := utf8.DecodeLastRuneInString(before); isConsonant(r) {
			dropped = before + stem[len(stem)-n1:]
		}
	}
	return inserted, ok, dropped
}

func isConsonant(r rune) bool {
	return r >= 'а' && r <= 'я' && consonants>>(r-'а')&1 != 0
}

// consonants has bit i set when the letter 'а'+i is a consonant
// (бвгджзклмнпрстфхцчшщ): a word's letters are looked up for every
// candidate dictionary form of it.
const consonants uint32 = 1<<('б'-'а') | 1<<('в'-'а') | 1<<('г'-'а') | 1<<('д'-'а') | 1<<('ж'-'а') |
	1<<('з'-'а') | 1<<('к'-'а') | 1<<('л'-'а') | 1<<('м'-'а') | 1<<('н'-'а') | 1<<('п'-'а') |
	1<<('р'-'а') | 1<<('с'-'а') | 1<<('т'-'а') | 1<<('ф'-'а') | 1<<('х'-'а') | 1<<('ц'-'а') |
	1<<('ч'-'а') | 1<<('ш'-'а') | 1<<('щ'-'а')

func endsInConsonant(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isConsonant(r)
}

// russianHeadwords returns the dictionary's Russian words that a word is a
// form of. A listed word is looked up as itself, and also as the listed
// candidates of about its length that explain an ending; any other word as
// the listed candidates of lemmaCandidates with the lowest cost, of those
// the ones that explain the longest ending.
func (l *Lexicon) russianHeadwords(word string) []string { return l.headwords(word, true) }

// headwords is russianHeadwords; unprefix says whether a prefixed verb the
// dictionary lacks may be looked up without its prefix (unprefixedVerbs,
// which looks the rest up without, so a lookup strips one prefix at most).
func (l *Lexicon) headwords(word string, unprefix bool) []string {
	better := func(a, b lemmaCandidate) bool {
		if ca, cb := a.cost(word), b.cost(word); ca != cb {
			return ca < cb
		}
		if a.stripped != b.stripped {
			return a.stripped > b.stripped
		}
		return a.form < b.form
	}
	// Candidates come as a stem and endings; the lines of a stem's prefix,
	// found once, are usually few or none, and the endings are looked up
	// among them.
	byStem := map[string]table{}
	byForm := map[string]lemmaCandidate{}
	visitLemmaCandidates(word, func(stem, ending string, stripped int, fleeting bool) bool {
		lines, ok := byStem[stem]
		if !ok {
			lines = l.ruEn.withPrefix(stem)
			byStem[stem] = lines
		}
		if lines.text == "" {
			return true
		}
		c := lemmaCandidate{stem + ending, stripped, fleeting}
		if old, ok := byForm[c.form]; ok {
			if better(c, old) {
				byForm[c.form] = c
			}
		} else if c.form != word && lines.has(c.form) {
			byForm[c.form] = c
		}
		return true
	})
	best := slices.Collect(maps.Values(byForm))
	if l.ruEn.has(word) {
		// A listed word is itself, and also a form of a listed word of
		// about its length that explains its ending: "границы" (bounds) and
		// "граница", "учения" and "учение", but "мир" is not "миро".
		out := []string{word}
		sort.Slice(best, func(i, j int) bool { return better(best[i], best[j]) })
		for _, c := range best {
			if c.cost(word) <= 1 && c.stripped > 0 {
				out = append(out, c.form)
			}
		}
		return out
	}
	if len(best) == 0 {
		if imp := l.imperfectiveHeadwords(word); len(imp) > 0 || !unprefix {
			return imp
		}
		return l.unprefixedVerbs(word)
	}
	sort.Slice(best, func(i, j int) bool { return better(best[i], best[j]) })
	var out []string
	for _, c := range best {
		if c.cost(word) != best[0].cost(word) || c.stripped != best[0].stripped {
			break
		}
		out = append(out, c.form)
	}
	return out
}

// VerbPrefixes are the Russian verb prefixes, longest first: they make a
// verb's other aspect or a near sense (вести → провести, писать →
// подписать).
var VerbPrefixes = []string{"пере", "пред", "при", "про", "под", "раз", "рас", "воз", "вос", "вз", "за", "на", "вы", "от", "об", "до", "из", "ис", "по", "с", "у", "о", "в"}

// unprefixedVerbs returns the listed verbs a word is a form of once a
// prefix is taken off, for a prefixed verb the dictionary does not list:
// «отреагировали» → реагировать, «переизбрали» → избрать. The prefix
// changes the sense a little (react, elect), which is nearer than nothing.
func (l *Lexicon) unprefixedVerbs(word string) []string {
	for _, p := range VerbPrefixes {
		rest, ok := strings.CutPrefix(word, p)
		if !ok || utf8.RuneCountInString(rest) < 4 {
			continue
		}
		var verbs []string
		for _, h := range l.headwords(rest, false) {
			if IsInfinitive(h) {
				verbs = append(verbs, h)
			}
		}
		if len(verbs) > 0 {
			return verbs
		}
	}
	return nil
}

// IsInfinitive reports whether a Russian word ends as an infinitive.
func IsInfinitive(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "ся"), "сь")
	return strings.HasSuffix(w, "ть") || strings.HasSuffix(w, "ти") || strings.HasSuffix(w, "чь")
}

// The dictionary lists a verb by its imperfective infinitive ("confirm:
// подтверждать"); a question often has the perfective («подтвердил»). A
// word none of whose dictionary forms is listed is looked up as the
// imperfectives its infinitive candidates make by the regular rules of
// aspect pairs, when the dictionary lists them.

// imperfectiveRules turn the ending of a perfective infinitive into the
// endings of its imperfective; alternate says the stem's last consonant
// alternates (д → жд, т → ч, в → вл …) before the new ending.
var imperfectiveRules = []struct {
	perfective   string
	imperfective []string
	alternate    bool
	// rootA: the stem's last о turns to а as well («остановить» →
	// «останавливать»); the rule also applies without it.
	rootA bool
}{
	{"ить", []string{"ать", "ять"}, true, false},              // подтвердить → подтверждать, объявить → объявлять, решить → решать
	{"ить", []string{"ивать"}, true, true},                    // остановить → останавливать, заморозить → замораживать, добить → добивать
	{"ать", []string{"ывать", "ивать", "авать"}, false, true}, // подписать → подписывать, передать → передавать, опоздать → опаздывать
	{"ять", []string{"ивать", "евать"}, false, false},         // расстрелять → расстреливать
	{"еть", []string{"евать", "ать"}, false, false},           // успеть → успевать, сгореть → сгорать
	{"нять", []string{"нимать"}, false, false},                // принять → принимать
	{"ыть", []string{"ывать"}, false, false},                  // открыть → открывать
	{"нуть", []string{"ать"}, false, false},                   // отвергнуть → отвергать
	{"ести", []string{"одить", "осить"}, false, false},        // вывести → выводить, принести → приносить
	{"йти", []string{"ходить"}, false, false},                 // выйти → выходить
	{"ехать", []string{"езжать"}, false, false},               // приехать → приезжать
	{"звать", []string{"зывать"}, false, false},               // назвать → называть
	{"слать", []string{"сылать"}, false, false},               // прислать → присылать
	{"брать", []string{"бирать"}, false, false},               // избрать → избирать
	{"ложить", []string{"лагать"}, false, false},              // предложить → предлагать
}

// consonantAlternations are the changes of a stem's last consonant before
// an imperfective suffix.
var consonantAlternations = map[string][]string{
	"д": {"жд", "ж"}, "т": {"ч", "щ"}, "з": {"ж"}, "с": {"ш"}, "ст": {"щ"},
	"в": {"вл"}, "б": {"бл"}, "п": {"пл"}, "м": {"мл"}, "ф": {"фл"},
}

// imperfectiveHeadwords returns the listed imperfectives of the infinitives
// word may be a form of.
func (l *Lexicon) imperfectiveHeadwords(word string) []string {
	var out []string
	for _, w := range Imperfectives(word) {
		if l.ruEn.has(w) {
			out = append(out, w)
		}
	}
	return out
}

// Imperfectives returns the imperfective infinitives the regular rules of
// aspect pairs make of the perfective infinitives a Russian word may be a
// form of: «вывести» → выводить, «подтвердил» → подтверждать. The results
// are candidates, most of them no words: the caller keeps those it knows.
func Imperfectives(word string) []string {
	var out []string
	add := func(w string) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	visit := func(stem, ending string, _ int, fleeting bool) bool {
		reflexive := ""
		switch {
		case fleeting:
			return true
		case strings.HasSuffix(ending, "ться"), strings.HasSuffix(ending, "тись"):
			reflexive = "ся"
			ending = strings.TrimSuffix(strings.TrimSuffix(ending, "ся"), "сь")
		case !strings.HasSuffix(ending, "ть") && !strings.HasSuffix(ending, "ти"):
			return true
		}
		infinitive := stem + ending
		for _, r := range imperfectiveRules {
			base, ok := strings.CutSuffix(infinitive, r.perfective)
			if !ok || utf8.RuneCountInString(base) < 2 {
				continue
			}
			bases := []string{base}
			if r.rootA {
				if i := strings.LastIndex(base, "о"); i >= 0 {
					bases = append(bases, base[:i]+"а"+base[i+len("о"):])
				}
			}
			if r.alternate {
				for _, b := range bases {
					for tail, alts := range consonantAlternations {
						if head, ok := strings.CutSuffix(b, tail); ok {
							for _, a := range alts {
								bases = append(bases, head+a)
							}
						}
					}
				}
			}
			for _, b := range bases {
				for _, e := range r.imperfective {
					add(b + e + reflexive)
					if reflexive != "" {
						add(b + e) // the dictionary may list it without -ся
					}
				}
			}
		}
		return true
	}
	visitLemmaCandidates(word, visit)
	// An infinitive is its own candidate.
	for _, e := range []string{"ться", "тись", "ть", "ти"} {
		if stem, ok := strings.CutSuffix(word, e); ok {
			visit(stem, e, 0, false)
			break
		}
	}
	sort.Strings(out)
	return out
}

// Perfectives returns the perfective infinitives the regular rules of
// aspect pairs make of an imperfective infinitive, the inverse of the
// rules imperfectiveHeadwords follows: подписывать → подписать,
// подтверждать → подтвердить, отказываться → отказаться. The dictionary
// translates a verb by its imperfective, news reports the deed done in
// the perfective. The results are candidates, most of them no words: the
// caller keeps those its text has.
func Perfectives(imperfective string) []string {
	infinitive, reflexive := imperfective, ""
	if head, ok := strings.CutSuffix(infinitive, "ся"); ok {
		infinitive, reflexive = head, "ся"
	}
	var out []string
	add := func(w string) {
		if w != imperfective && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	for _, r := range imperfectiveRules {
		for _, e := range r.imperfective {
			base, ok := strings.CutSuffix(infinitive, e)
			if !ok || utf8.RuneCountInString(base) < 2 {
				continue
			}
			bases := []string{base}
			if r.alternate {
				for tail, alts := range consonantAlternations {
					for _, a := range alts {
						if head, ok := strings.CutSuffix(base, a); ok {
							bases = append(bases, head+tail)
						}
					}
				}
			}
			for _, b := range bases {
				add(b + r.perfective + reflexive)
				if i := strings.LastIndex(b, "а"); r.rootA && i >= 0 {
					add(b[:i] + "о" + b[i+len("а"):] + r.perfective + reflexive)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// russianPairs returns the translation pairs of a Russian word or phrase,
// key (see Key) of words words, and, for a word, the pairs of the
// dictionary's phrases that contain a form of it, looked up when called.
// A word is looked up as its dictionary forms (russianHeadwords), a phrase
// as written; only when neither is listed are terms of the same Snowball
// stems taken, and only those within three letters a word of the query's
// length, so a short word does not bring every word that starts like it.
//
// A listed word also brings, as siblings (looked up when called), the
// dictionary words that share its whole stem within three letters of it
// and its imperfective: an adverb or a participle is often listed only
// through phrases, while its adjective or verb has the plain sense
// ("временно" → "временный" → temporary).
func (l *Lexicon) russianPairs(key string, words int) (exact []pair, parts, siblings func() []pair) {
	query := strings.ReplaceAll(key, "ё", "е")
	var heads []string
	switch {
	case words == 1:
		heads = l.russianHeadwords(query)
	case l.ruEn.has(query):
		heads = []string{query}
	case words == 2:
		// A phrase's head word is inflected, its dependent in the
		// genitive is not: "прекращении огня" → "прекращение огня".
		rest := query[strings.IndexByte(query, ' '):]
		for _, h := range l.russianHeadwords(strings.Fields(query)[0]) {
			if l.ruEn.has(h + rest) {
				heads = append(heads, h+rest)
			}
		}
	}
	near := func() []string { // same stem, within three letters a word
		var out []string
		n := utf8.RuneCountInString(query)
		for _, term := range l.ruStem.values(StemRussian(query)) {
			if d := utf8.RuneCountInString(term) - n; d <= 3*words && d >= -3*words {
				out = append(out, term)
			}
		}
		return out
	}
	listed := len(heads) > 0
	if !listed {
		heads = near()
	}
	for _, h := range heads {
		exact = l.appendPairs(exact, h, true)
	}
	if words != 1 {
		return exact, nil, nil
	}
	siblings = func() []pair {
		var out []pair
		if listed {
			for _, h := range near() {
				if !slices.Contains(heads, h) {
					out = l.appendPairs(out, h, true)
				}
			}
		}
		// A listed perfective's own senses may be rare ones ("передать":
		// pass the baton); its imperfective has the plain ones
		// (передавать: transmit, hand).
		for _, h := range heads {
			for _, imp := range l.imperfectiveHeadwords(h) {
				if !slices.Contains(heads, imp) {
					out = l.appendPairs(out, imp, true)
				}
			}
		}
		return out
	}
	// Phrases with a word of the same stem that is the word itself, one of
	// its dictionary forms, a candidate dictionary form of the word, or a
	// form of the word or of one of its dictionary forms: "перемирия" →
	// "короткое перемирие", "огонь" → "прекращение огня".
	parts = func() []pair { return l.russianPhrasePairs(query, heads) }
	return exact, parts, siblings
}

// russianPhrasePairs returns the translation pairs of the dictionary's
// phrases that contain a form of a Russian word, query, whose dictionary
// forms are heads (see russianPairs).
func (l *Lexicon) russianPhrasePairs(query string, heads []string) (parts []pair) {
	stems := []string{russian.Stem(query, false)} // one word, "ё" already read as "е"
	for _, h := range heads {
		if s := russian.Stem(h, false); !slices.Contains(stems, s) {
			stems = append(stems, s)
		}
	}
	// A word recurs in many phrases: whether it is a form is decided once,
	// and its candidates are visited once for the query and every head.
	formsOf := append([]string{query}, heads...)
	formOf := map[string]bool{}
	isForm := func(w string) bool {
		v, ok := formOf[w]
		if !ok {
			v = w == query || slices.Contains(heads, w) || isLemmaCandidate(query, w) || isLemmaCandidate(w, formsOf...)
			formOf[w] = v
		}
		return v
	}
	seen := map[string]bool{}
	for _, stem := range stems {
		for _, term := range l.ruPart.values(stem) {
			if seen[term] {
				continue
			}
			seen[term] = true
			for w := range strings.FieldsSeq(term) {
				if strings.HasPrefix(w, stem) && isForm(w) { // Snowball only strips suffixes
					parts = l.appendPairs(parts, term, true)
					break
				}
			}
		}
	}
	return parts
}
