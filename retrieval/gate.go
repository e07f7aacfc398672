package retrieval

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"

	"github.com/alliancebot/alliancebot/internal/lazyregexp"
)

// gatedRegexp is a regular expression with a cheap test in front of it: a
// set of literal strings one of which every match contains, read from the
// expression's syntax tree. A sentence holding none of them cannot match,
// and most sentences are refused that way in about a microsecond, where
// running one of the kinds' long alternations over a sentence costs tens.
// The gate only ever refuses text the expression would refuse, so an
// expression can change freely: its gate follows.
type gatedRegexp struct {
	// re is compiled the first time a text passes the gate: compiling the
	// kinds' long alternations took most of the package's initialisation.
	re   *lazyregexp.Regexp
	gate []gateLiteral // nil: no useful literals, always run re
	// byFirst lists the gate's literals by their first byte, so the text
	// is read once.
	byFirst [256][]gateLiteral
	// fold: the expression ignores case, so the gate is tested on the
	// lower-cased text and its literals are lower-cased.
	fold bool
}

// gateLiteral is a string that a match contains, with a word boundary
// (\b: ASCII word character on one side only) required right before or
// after it when the expression puts one there.
type gateLiteral struct {
	s                  string
	wordStart, wordEnd bool
}

// mustGate gives expr, an expression regexp.MustCompile accepts, its gate:
// the one compiledGates holds for expr, or one derived now (gateOf). The
// expression is compiled when first needed.
func mustGate(expr string) *gatedRegexp {
	g := &gatedRegexp{re: lazyregexp.New(expr)}
	gate, ok := compiledGates[expr]
	if !ok {
		gate = gateOf(expr)
	}
	g.gate, g.fold = gate.lits, gate.fold
	for _, l := range g.gate {
		g.byFirst[l.s[0]] = append(g.byFirst[l.s[0]], l)
	}
	return g
}

// derivedGate is the gate gateOf derives for an expression: its literals
// (nil: no gate) and whether they are lower-cased.
type derivedGate struct {
	lits []gateLiteral
	fold bool
}

// gateOf derives the gate of expr, an expression regexp.MustCompile
// accepts, from its syntax tree.
func gateOf(expr string) derivedGate {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return derivedGate{} // no gate: compiling expr will panic at its first use
	}
	tree = tree.Simplify()
	g := derivedGate{fold: hasFoldCase(tree)}
	info := gateInfoOf(tree, g.fold)
	lits := info.lits
	if info.exact != nil {
		lits = info.exact
	}
	var gate []gateLiteral
	anchors := strings.NewReplacer(startAnchor, "", endAnchor, "", closedMark, "")
	for _, s := range lits {
		s = anchors.Replace(s)
		l := gateLiteral{s: s}
		if t, ok := strings.CutPrefix(l.s, wordMarker); ok {
			l.s, l.wordStart = t, true
		}
		if t, ok := strings.CutSuffix(l.s, wordMarker); ok {
			l.s, l.wordEnd = t, true
		}
		l.s = strings.ReplaceAll(l.s, wordMarker, "")
		if g.fold {
			l.s = strings.ToLower(l.s)
		}
		if l.s == "" {
			return g // a match may hold no literal at all: no gate
		}
		gate = append(gate, l)
	}
	g.lits = gate
	return g
}

// MatchString reports whether s holds a match of the expression.
func (g *gatedRegexp) MatchString(s string) bool {
	if g.gate != nil && !g.mayMatch(s) {
		return false
	}
	return g.re.MatchString(s)
}

// String returns the expression.
func (g *gatedRegexp) String() string { return g.re.String() }

// mayMatch reports whether s holds one of the gate's literals where the
// expression could have put it.
func (g *gatedRegexp) mayMatch(s string) bool {
	if g.fold {
		if !foldSafe(s) {
			return true
		}
		s = strings.ToLower(s)
	}
	for i := 0; i < len(s); i++ {
		for _, l := range g.byFirst[s[i]] {
			if strings.HasPrefix(s[i:], l.s) && (!l.wordStart || wordBoundary(s, i)) && (!l.wordEnd || wordBoundary(s, i+len(l.s))) {
				return true
			}
		}
	}
	return false
}

// foldSafe reports whether lower-casing s keeps every rune's case-folding
// class and its side of \b: true for ASCII, the basic Cyrillic block and
// runes without case. Text with a rune like the Kelvin sign (which
// lower-cases to ASCII k) is not gated.
func foldSafe(s string) bool {
	for _, r := range s {
		if r < 0x80 || r >= 0x400 && r <= 0x4FF {
			continue
		}
		if unicode.SimpleFold(r) != r || unicode.ToLower(r) != r {
			return false
		}
	}
	return true
}

// wordBoundary reports whether \b holds at byte i of s, as Go's regexp
// defines it: an ASCII word character on exactly one side.
func wordBoundary(s string, i int) bool {
	before := i > 0 && isASCIIWordByte(s[i-1])
	after := i < len(s) && isASCIIWordByte(s[i])
	return before != after
}

func isASCIIWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// Markers inside the strings gateInfoOf builds. wordMarker stands for \b;
// startAnchor and endAnchor, on a string of a subexpression's literal set,
// say that the string begins where each of the subexpression's matches
// begins, or ends where it ends, so a neighbour's exact strings can be
// joined to it. None of them occurs in literal text that a gate keeps.
const (
	wordMarker  = "\x00"
	startAnchor = "\x01"
	endAnchor   = "\x02"
)

// maxGateStrings bounds the strings of one set.
const maxGateStrings = 512

// gateInfo is what gateInfoOf knows of a subexpression: exact, when not nil,
// is every string it can match (\b as wordMarker); lits, when not nil, are
// strings one of which each of its matches contains, marked with
// startAnchor and endAnchor where they are known to sit.
type gateInfo struct {
	exact []string
	lits  []string
}

// anchored returns the literal set, an exact set with both anchors.
func (gi gateInfo) anchored() []string {
	if gi.exact == nil {
		return gi.lits
	}
	out := make([]string, len(gi.exact))
	for i, s := range gi.exact {
		out[i] = startAnchor + s + endAnchor
	}
	return out
}

// gateInfoOf derives what a gate knows of re; with fold, letters are taken
// lower-cased, as the gate tests lower-cased text.
func gateInfoOf(re *syntax.Regexp, fold bool) gateInfo {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpNoWordBoundary:
		return gateInfo{exact: []string{""}}
	case syntax.OpWordBoundary:
		return gateInfo{exact: []string{wordMarker}}
	case syntax.OpLiteral:
		if strings.ContainsAny(string(re.Rune), wordMarker+startAnchor+endAnchor+closedMark) {
			return gateInfo{}
		}
		if fold {
			return gateInfo{exact: []string{strings.ToLower(string(re.Rune))}}
		}
		return gateInfo{exact: []string{string(re.Rune)}}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if r <= 3 || len(out) == 16 {
					return gateInfo{}
				}
				c := r
				if fold {
					c = unicode.ToLower(r)
				}
				out = unionStrings(out, []string{string(c)})
			}
		}
		return gateInfo{exact: out}
	case syntax.OpCapture:
		return gateInfoOf(re.Sub[0], fold)
	case syntax.OpQuest:
		sub := gateInfoOf(re.Sub[0], fold)
		if sub.exact == nil {
			return gateInfo{}
		}
		return gateInfo{exact: unionStrings([]string{""}, sub.exact)}
	case syntax.OpPlus, syntax.OpRepeat:
		if re.Op == syntax.OpRepeat && re.Min == 0 {
			return gateInfo{}
		}
		// The first repetition begins the match; which one holds a
		// string that ends it is not known.
		var out []string
		for _, s := range gateInfoOf(re.Sub[0], fold).anchored() {
			out = append(out, strings.TrimSuffix(s, endAnchor))
		}
		return gateInfo{lits: out}
	case syntax.OpAlternate:
		var exact, lits []string
		allExact := true
		for _, sub := range re.Sub {
			si := gateInfoOf(sub, fold)
			if si.exact == nil {
				allExact = false
			}
			n := si.anchored()
			if n == nil {
				return gateInfo{}
			}
			if allExact {
				exact = unionStrings(exact, si.exact)
			}
			lits = unionStrings(lits, n)
		}
		if allExact && len(exact) <= maxGateStrings {
			return gateInfo{exact: exact}
		}
		return gateInfo{lits: lits}
	case syntax.OpConcat:
		return concatInfo(re.Sub, fold)
	}
	return gateInfo{} // any character, stars: nothing is certain
}

// concatInfo joins the strings of neighbouring parts while they meet (an
// exact part's strings, or the anchored end and start of literal sets) and
// the sets stay small; each run so joined, and each part's own literals,
// is a candidate, and the candidate whose shortest string is longest is
// kept.
func concatInfo(subs []*syntax.Regexp, fold bool) gateInfo {
	var best []string
	consider := func(c []string) {
		if c != nil && gatesMore(c, best) {
			best = make([]string, len(c))
			for i, s := range c {
				best[i] = strings.TrimSuffix(s, closedMark)
			}
		}
	}
	// run is a literal set of the parts so far: its open strings end where
	// the next part begins, its closed ones (closedMark) somewhere before;
	// strings begin with startAnchor when they begin where the whole does.
	run := []string{startAnchor}
	exact := true
	for i, sub := range subs {
		si := gateInfoOf(sub, fold)
		if !hasOpen(run) {
			consider(run)
			run = []string{""}
		}
		if si.exact != nil && joinCost(run, si.exact) <= maxGateStrings {
			run = joinStrings(run, si.anchored())
			continue
		}
		exact = false
		lits := si.anchored()
		if lits == nil {
			consider(run)
			run = []string{""}
			continue
		}
		joinable := joinCost(run, lits) <= maxGateStrings
		for _, l := range lits {
			joinable = joinable && strings.HasPrefix(l, startAnchor)
		}
		if !joinable {
			consider(run)
			run = []string{""}
			if i == 0 {
				run[0] = startAnchor
			}
		}
		run = joinStrings(run, lits)
	}
	if exact {
		for i, s := range run {
			run[i] = strings.TrimPrefix(s, startAnchor)
		}
		return gateInfo{exact: run}
	}
	for i, s := range run {
		if !strings.HasSuffix(s, closedMark) {
			run[i] = s + endAnchor
		}
	}
	consider(run)
	return gateInfo{lits: best}
}

// closedMark ends a string of concatInfo's run that a later part cannot
// extend.
const closedMark = "\x03"

// hasOpen reports whether a string of run can be extended.
func hasOpen(run []string) bool {
	for _, r := range run {
		if !strings.HasSuffix(r, closedMark) {
			return true
		}
	}
	return false
}

// joinCost is the number of strings joinStrings(run, next) returns.
func joinCost(run, next []string) int {
	n := 0
	for _, r := range run {
		if strings.HasSuffix(r, closedMark) {
			n++
		} else {
			n += len(next)
		}
	}
	return n
}

// joinStrings extends each open string of run with each string of next
// (exact strings, or literals that begin where their part begins): a
// literal without endAnchor closes the string it ends.
func joinStrings(run, next []string) []string {
	out := make([]string, 0, joinCost(run, next))
	for _, r := range run {
		if strings.HasSuffix(r, closedMark) {
			out = append(out, r)
			continue
		}
		for _, n := range next {
			n = strings.TrimPrefix(n, startAnchor)
			if t, ok := strings.CutSuffix(n, endAnchor); ok {
				out = append(out, r+t)
			} else {
				out = append(out, r+n+closedMark)
			}
		}
	}
	return out
}

// gatesMore reports whether literal set a gates more than b: its shortest
// string is longer, or as long with fewer strings. A word boundary counts
// as a character: "\b1." is rarer in prose than "12".
func gatesMore(a, b []string) bool {
	if b == nil {
		return true
	}
	la, lb := shortestLiteral(a), shortestLiteral(b)
	return la > lb || la == lb && len(a) < len(b)
}

func shortestLiteral(set []string) int {
	n := -1
	for _, s := range set {
		l := 0
		for i := 0; i < len(s); i++ {
			if s[i] > closedMark[0] || s[i] == wordMarker[0] {
				l++ // a character's byte, or a word boundary
			}
		}
		if n < 0 || l < n {
			n = l
		}
	}
	return n
}

func unionStrings(a, b []string) []string {
	if len(a)*len(b) <= 64 {
		for _, s := range b {
			if !slices.Contains(a, s) {
				a = append(a, s)
			}
		}
		return a
	}
	seen := make(map[string]bool, len(a)+len(b))
	for _, s := range a {
		seen[s] = true
	}
	for _, s := range b {
		if !seen[s] {
			seen[s] = true
			a = append(a, s)
		}
	}
	return a
}

func hasFoldCase(re *syntax.Regexp) bool {
	if re.Flags&syntax.FoldCase != 0 && (re.Op == syntax.OpLiteral || re.Op == syntax.OpCharClass) {
		return true
	}
	for _, sub := range re.Sub {
		if hasFoldCase(sub) {
			return true
		}
	}
	return false
}
