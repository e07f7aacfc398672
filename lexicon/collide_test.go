package lexicon

import (
	"sort"
	"strings"
	"testing"
)

// TestNameKeyFalseCollisions measures how often a Russian word of the
// dictionary shares its NameKey with an English WordNet lemma. Such pairs
// are mostly loanwords that are the same word (президент / president,
// парламент / parliament); the rest are false matches a caller meets if it
// compares keys of ordinary words rather than of names.
func TestNameKeyFalseCollisions(t *testing.T) {
	l := Default()
	english := map[string]string{}
	for line := range strings.Lines(l.related.text) {
		lemma, _, _ := strings.Cut(line, "\t")
		if !strings.Contains(lemma, " ") && len(lemma) >= 4 {
			english[NameKey(lemma)] = lemma
		}
	}
	russian := map[string]bool{}
	for _, p := range allPairs(t, l) {
		if !strings.Contains(p.ru, " ") && len([]rune(p.ru)) >= 4 {
			russian[p.ru] = true
		}
	}
	var hits, untranslated []string
	translated := 0
	for ru := range russian {
		en, ok := english[NameKey(ru)]
		if !ok {
			continue
		}
		hits = append(hits, ru+"="+en)
		same := false
		for _, tr := range l.Translations(ru, Russian) {
			if tr.Text == en {
				same = true // the same word: a loanword, not a false match
				break
			}
		}
		if same {
			translated++
		} else {
			untranslated = append(untranslated, ru+"="+en)
		}
	}
	sort.Strings(hits)
	sort.Strings(untranslated)
	rate := float64(len(hits)) / float64(len(russian))
	falseRate := float64(len(hits)-translated) / float64(len(russian))
	t.Logf("%d Russian words, %d English lemmas; %d share a key (%.2f%%), %d of them translate each other, false collisions %.2f%%",
		len(russian), len(english), len(hits), 100*rate, translated, 100*falseRate)
	var sample []string
	for i := 0; i < len(untranslated); i += max(len(untranslated)/60, 1) {
		sample = append(sample, untranslated[i])
	}
	t.Logf("not translations of each other (every %dth): %v", max(len(untranslated)/60, 1), sample)
	if falseRate > 0.04 {
		t.Errorf("false collision rate %.2f%% exceeds 4%%", 100*falseRate)
	}
}
