package retrieval

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// compiledGateExpressions are the expressions of the package's gated regular
// expressions, the ones gate_compiled.txt holds the gates of.
func compiledGateExpressions() []string {
	var out []string
	for _, g := range []*gatedRegexp{datePattern, dayPattern, reasonPattern, quotedName, numberedName, namingPhrase, futurePattern, documentTitle} {
		out = append(out, g.String())
	}
	return out
}

// TestCompiledGates checks that gate_compiled.txt holds the gates gateOf
// derives for the package's gated expressions: an expression or the
// derivation changed without running "go generate ./retrieval" fails here.
func TestCompiledGates(t *testing.T) {
	want := compileGates(compiledGateExpressions())
	if *update {
		if err := os.WriteFile("gate_compiled.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if compiledGatesText != want {
		t.Fatal(`gate_compiled.txt is not what the gated expressions give; run "go generate ./retrieval" (or go test ./retrieval -run TestCompiledGates -update)`)
	}
	for _, expr := range compiledGateExpressions() {
		got, ok := compiledGates[expr]
		if !ok {
			t.Errorf("gate_compiled.txt has no gate for %.40q", expr)
			continue
		}
		if want := gateOf(expr); !reflect.DeepEqual(got, want) {
			t.Errorf("gate of %.40q: the file has %d literals (fold %v), gateOf derives %d (fold %v)", expr, len(got.lits), got.fold, len(want.lits), want.fold)
		}
	}
}

// TestCompiledGateExpressionsListed: every package-level mustGate of the package
// is in compiledGateExpressions, so its gate is compiled.
func TestCompiledGateExpressionsListed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(gotoken.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "mustGate" {
					calls++
				}
			}
			return true
		})
	}
	if n := len(compiledGateExpressions()); calls != n {
		t.Errorf("the package calls mustGate %d times, compiledGateExpressions lists %d expressions: list the new one", calls, n)
	}
}

// TestCompiledGatesRead: a damaged file gives no gates, and a gate read
// back is the one written.
func TestCompiledGatesRead(t *testing.T) {
	exprs := []string{`\b(so|so that|as (a|an))\b`, `(?i)\bkey\s+(west|east)\b`, `a*`}
	gates := readCompiledGates(compileGates(exprs))
	for _, expr := range exprs {
		if got, want := gates[expr], gateOf(expr); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: read back %+v, want %+v", expr, got, want)
		}
	}
	for _, damaged := range []string{"junk\n", "expr \"a\" fold 2\n\"a\" 0 0\n", "expr \"a\" loud 0\n", "expr \"a\" exact 1\n\"\" 0 0\n"} {
		if got := readCompiledGates(damaged); got != nil {
			t.Errorf("readCompiledGates(%q) = %v, want nil", damaged, got)
		}
	}
}
