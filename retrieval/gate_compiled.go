package retrieval

import (
	_ "embed"
	"strconv"
	"strings"
)

// compiledGatesText holds the gates of the package's gated expressions,
// derived at build time: deriving them at start (parsing each long
// alternation again and joining its literal sets) took most of the
// package's initialisation. An expression the file lacks gets its gate
// derived at start, as before; TestCompiledGates fails until the file is
// made again after an expression, or the derivation, changes.
//
//go:generate go test -run ^TestCompiledGates$ -update .
//go:embed gate_compiled.txt
var compiledGatesText string

// compiledGates are the gates of compiledGatesText by expression.
var compiledGates = readCompiledGates(compiledGatesText)

// compileGates writes the gates of exprs for readCompiledGates: for each,
// a line "expr QUOTED fold|exact N" and then N lines "QUOTED wordStart
// wordEnd", one per literal (the strings Go-quoted, the flags 0 or 1).
func compileGates(exprs []string) string {
	var b strings.Builder
	for _, expr := range exprs {
		g := gateOf(expr)
		mode := "exact"
		if g.fold {
			mode = "fold"
		}
		b.WriteString("expr " + strconv.Quote(expr) + " " + mode + " " + strconv.Itoa(len(g.lits)) + "\n")
		for _, l := range g.lits {
			b.WriteString(strconv.Quote(l.s) + " " + flag01(l.wordStart) + " " + flag01(l.wordEnd) + "\n")
		}
	}
	return b.String()
}

func flag01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// readCompiledGates reads what compileGates wrote; a file it cannot read
// gives no gates, and every expression's gate is derived at start.
func readCompiledGates(text string) map[string]derivedGate {
	out := map[string]derivedGate{}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i := 0; i < len(lines); {
		rest, ok := strings.CutPrefix(lines[i], "expr ")
		if !ok {
			return nil
		}
		quoted, tail, ok := cutQuoted(rest)
		expr, err := strconv.Unquote(quoted)
		mode, count, _ := strings.Cut(tail, " ")
		n, errN := strconv.Atoi(count)
		if !ok || err != nil || errN != nil || n < 0 || i+1+n > len(lines) || mode != "fold" && mode != "exact" {
			return nil
		}
		g := derivedGate{fold: mode == "fold"}
		for _, line := range lines[i+1 : i+1+n] {
			quoted, flags, ok := cutQuoted(line)
			s, err := strconv.Unquote(quoted)
			if !ok || err != nil || s == "" || len(flags) != 3 {
				return nil
			}
			g.lits = append(g.lits, gateLiteral{s: s, wordStart: flags[0] == '1', wordEnd: flags[2] == '1'})
		}
		out[expr] = g
		i += 1 + n
	}
	return out
}

// cutQuoted splits s after the Go-quoted string it begins with and the
// space that follows it.
func cutQuoted(s string) (quoted, rest string, ok bool) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", false
	}
	return q, strings.TrimPrefix(s[len(q):], " "), true
}
