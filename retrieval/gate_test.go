package retrieval

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/corpus"
)

// gatedExpressions are the expressions the kinds of answer match through a
// gate, and a few more that exercise the gate's derivation.
func gatedExpressions() map[string]*gatedRegexp {
	return map[string]*gatedRegexp{
		"date": datePattern, "reason": reasonPattern, "future": futurePattern, "day": dayPattern,
		"quoted": quotedName, "numbered": numberedName, "naming": namingPhrase,
		"words":      mustGate(`\b(so|so that|as (a|an))\b`),
		"fold":       mustGate(`(?i)\bkey\s+(west|east)\b`),
		"plus":       mustGate(`(ab)+c|x{2,3}y`),
		"star":       mustGate(`a*`),
		"optional":   mustGate(`(^|\P{L})(во?\s+(среду|вчера))(\P{L}|$)`),
		"colon":      mustGate(`\b:\s+\p{L}\b`),
		"classes":    mustGate(`[«"“„]\s*[\p{Lu}\d][^«»"“”„,.!?;]{0,60}[»"”“]`),
		"alternates": mustGate(`\b(blam\w*|caus\w*)\b|(причин\p{L}*)`),
	}
}

// gateTexts returns the sentences of the built-in articles and of the
// unseen ones, in their case, lower-cased and upper-cased, and cut at
// places that split words and runes, with edge cases of case folding and
// word boundaries.
func gateTexts(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, fsys := range []fs.FS{corpus.Default(), os.DirFS("../testdata/unseen/articles"), os.DirFS("../testdata/unseen2/articles")} {
		c, err := corpus.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.Passages {
			for _, s := range p.Sentences {
				text := p.Text[s.Start:s.End]
				texts = append(texts, text, strings.ToLower(text), strings.ToUpper(text))
				for i := 0; i+5 < len(text); i += 11 {
					texts = append(texts, text[i:min(len(text), i+37)])
				}
			}
		}
	}
	return append(texts, "", "Kelvin \u212Aey West", "ſunday", "SUNDAY", "in 2022.", "on 17 сентября", "12/05/2023", "так называемый «Рассвет»",
		"as follows: a", "as follows: ab", "word:\u00a0x", "blamed", "reasons", "so-called", "also", "Rubezh-2022", "«", "во среду", "в\u00a0среду",
		"key\u00a0west", "KEY WEST", "keywest", "abababc", "xxy", "xy", "\xff\xfe», \"A»\"", "\u0130stanbul March 3", "3 MARCH", "mar 3")
}

// TestGateAgreesWithExpression checks that a gate never refuses text its
// expression matches: gated and plain matching agree on every text.
func TestGateAgreesWithExpression(t *testing.T) {
	texts := gateTexts(t)
	for name, g := range gatedExpressions() {
		t.Run(name, func(t *testing.T) {
			refused := 0
			for _, text := range texts {
				want := g.re.MatchString(text)
				if got := g.MatchString(text); got != want {
					t.Fatalf("gated match of %q = %v, the expression says %v", text, got, want)
				}
				if g.gate != nil && !g.mayMatch(text) {
					refused++
				}
			}
			t.Logf("%d literals; the gate refused %d of %d texts", len(g.gate), refused, len(texts))
		})
	}
}

// TestGateRefusesText checks that the gates of the kinds' expressions do
// refuse text without their literals, so that they pay for themselves.
func TestGateRefusesText(t *testing.T) {
	for _, g := range []*gatedRegexp{datePattern, reasonPattern, futurePattern, dayPattern, quotedName, numberedName, namingPhrase} {
		if g.gate == nil || g.mayMatch("the ministers met the delegates") {
			t.Errorf("%s: no gate refuses a plain sentence", g)
		}
	}
	if g := mustGate(`a*`); g.gate != nil {
		t.Errorf("a* has the gate %v; it matches any text", g.gate)
	}
}

// FuzzGate compares gated and plain matching on arbitrary text.
func FuzzGate(f *testing.F) {
	for _, s := range []string{"on 17 сентября", "because of", "Kelvin \u212Aey", "called «X»", "Rubezh-2022", "next year"} {
		f.Add(s)
	}
	exprs := gatedExpressions()
	f.Fuzz(func(t *testing.T, text string) {
		for name, g := range exprs {
			if got, want := g.MatchString(text), g.re.MatchString(text); got != want {
				t.Fatalf("%s: gated match of %q = %v, the expression says %v", name, text, got, want)
			}
		}
	})
}
